/**
 * Line feeds in one-byte text are counted by a WebAssembly SIMD kernel (wasm/count-lf.wat) for
 * ranges of SIMD_THRESHOLD characters or more. Each test here checks that the kernel, not the
 * JavaScript fallback, counted (simdLineFeedCounts), and compares with a naive count: a kernel
 * that stopped being used, or that counts wrong, fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLineFeedsJs, countLineFeedsLatin1, SIMD_THRESHOLD, simdLineFeedCounts } from '../src/line-feeds.js';

/** The reference: one character at a time. */
function naiveCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** countLineFeedsLatin1, expecting the WebAssembly kernel to count (the range is long enough). */
function countWithKernel(text: string, from: number, to: number): number {
  const before = simdLineFeedCounts();
  const count = countLineFeedsLatin1(text, from, to);
  expect(simdLineFeedCounts() - before, `the WebAssembly kernel counted ${to - from} characters`).toBe(1);
  return count;
}

/** A deterministic one-byte text of `length` characters drawn from `alphabet`. */
function textOf(length: number, alphabet: string[], seed: number): string {
  let state = seed >>> 0 || 1;
  let text = '';
  while (text.length < length) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    text += alphabet[(state >>> 0) % alphabet.length];
  }
  return text.slice(0, length);
}

/**
 * Characters near '\n' in value or in SIMD lanes: CR, CR LF, a lone CR, 0x0b and 0x09 (one bit
 * off), 0x8a (LF with the sign bit set, a mistake of signed lane compares), 0xff, NUL.
 */
const EDGE_ALPHABET = ['\n', '\r', '\r\n', 'a', '\u000b', '\t', '\u008a', '\u00ff', '\u0000', '\n\n'];

describe('line feed counting', () => {
  it('the WebAssembly kernel counts ranges from SIMD_THRESHOLD on; shorter ones are counted in JavaScript', () => {
    const text = textOf(SIMD_THRESHOLD * 2, EDGE_ALPHABET, 7);
    const before = simdLineFeedCounts();
    expect(countLineFeedsLatin1(text, 0, SIMD_THRESHOLD - 1)).toBe(naiveCount(text, 0, SIMD_THRESHOLD - 1));
    expect(simdLineFeedCounts()).toBe(before);
    expect(countWithKernel(text, 0, SIMD_THRESHOLD)).toBe(naiveCount(text, 0, SIMD_THRESHOLD));
  });

  it('counts at every length around the 16, 32 and 64-byte steps and the 63-step lane flush', () => {
    // The kernel reads 64 bytes a step (four 16-byte loads), flushes its byte lanes every 63
    // steps (4,032 bytes) and counts the last len % 64 bytes one at a time.
    const lengths = new Set<number>();
    for (let extra = 0; extra <= 130; extra++) lengths.add(SIMD_THRESHOLD + extra);
    for (const flushes of [1, 2, 3]) for (let d = -65; d <= 65; d++) lengths.add(flushes * 63 * 64 + d);
    for (const length of lengths) {
      const text = textOf(length + 20, EDGE_ALPHABET, length);
      expect(countWithKernel(text, 0, length), `length ${length}`).toBe(naiveCount(text, 0, length));
      // a range that starts inside the text: what the kernel sees is the copied range only
      expect(countWithKernel(text, 7, length + 13), `7..${length + 13}`).toBe(naiveCount(text, 7, length + 13));
    }
  });

  it('counts a line feed at each position of a 64-byte step, and none when there is none', () => {
    const length = SIMD_THRESHOLD + 64 + 17;
    const blank = '\r'.repeat(length);
    expect(countWithKernel(blank, 0, length)).toBe(0);
    expect(countWithKernel('\u008a'.repeat(length), 0, length)).toBe(0);
    for (let at = 0; at < length; at += at < 200 || at > length - 200 ? 1 : 61) {
      const text = `${blank.slice(0, at)}\n${blank.slice(at + 1)}`;
      expect(countWithKernel(text, 0, length), `line feed at ${at}`).toBe(1);
    }
  });

  it('agrees with the naive count on random one-byte text and ranges (kernel and fallback)', () => {
    const before = simdLineFeedCounts();
    fc.assert(
      fc.property(
        // size 'max': fast-check's default size keeps arrays far below SIMD_THRESHOLD, where only
        // the fallback would ever count
        fc.array(fc.constantFrom(...EDGE_ALPHABET, '=', '\u00e9', '\n\n\n'), { minLength: 0, maxLength: 40_000, size: 'max' }),
        fc.nat(),
        fc.nat(),
        (parts, x, y) => {
          const text = parts.join('');
          const from = text.length === 0 ? 0 : x % text.length;
          const to = from + (text.length === from ? 0 : y % (text.length - from + 1));
          const expected = naiveCount(text, from, to);
          expect(countLineFeedsLatin1(text, from, to)).toBe(expected);
          expect(countLineFeedsJs(text, from, to)).toBe(expected);
        },
      ),
      // no shrinking: shrinking arrays of 40,000 parts takes minutes; the failing case is printed as is
      { numRuns: 200, endOnFailure: true },
    );
    expect(simdLineFeedCounts() - before, 'ranges long enough for the kernel were drawn').toBeGreaterThan(40);
  });

  it('counts a run of newlines longer than a SIMD lane can hold', () => {
    const text = `x${'\n'.repeat(1_000_003)}y`;
    expect(countWithKernel(text, 0, text.length)).toBe(1_000_003);
    expect(countWithKernel(text, 5, text.length - 7)).toBe(1_000_003 - 4 - 6);
  });
});
