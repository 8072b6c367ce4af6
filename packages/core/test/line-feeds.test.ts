import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLineFeedsJs, countLineFeedsLatin1 } from '../src/line-feeds.js';

describe('line feed counting', () => {
  it('SIMD and plain counts agree on random one-byte text and ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('\n', '\r', 'a', '=', '\u00e9', '\n\n\n'), { minLength: 0, maxLength: 40_000 }),
        fc.nat(),
        fc.nat(),
        (parts, x, y) => {
          const text = parts.join('');
          const from = text.length === 0 ? 0 : x % text.length;
          const to = from + (text.length === from ? 0 : y % (text.length - from + 1));
          expect(countLineFeedsLatin1(text, from, to)).toBe(countLineFeedsJs(text, from, to));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts a run of newlines longer than a SIMD lane can hold', () => {
    const text = `x${'\n'.repeat(1_000_003)}y`;
    expect(countLineFeedsLatin1(text, 0, text.length)).toBe(1_000_003);
    expect(countLineFeedsLatin1(text, 5, text.length - 7)).toBe(1_000_003 - 4 - 6);
  });
});
