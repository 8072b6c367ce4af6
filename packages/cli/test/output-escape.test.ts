import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSafe, shown, withoutWorkflowCommands } from '../src/output-escape.js';

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('shown', () => {
  it('escapes C0, DEL, C1 and bidi controls; leaves other text alone', () => {
    expect(shown('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(shown('\u001b[2Jclear')).toBe('\\x1b[2Jclear');
    expect(shown('\u0000\u007f\u009b')).toBe('\\x00\\x7f\\x9b');
    expect(shown('abc\u202egnp.exe')).toBe('abc\\u202egnp.exe');
    expect(shown('src/Hub.cs é 日本 🙂')).toBe('src/Hub.cs é 日本 🙂');
  });

  it('never lets a raw control character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(RAW_CONTROL.test(shown(s))).toBe(false);
        expect(shown(shown(s))).toBe(shown(s)); // idempotent: escaping twice changes nothing
      }),
    );
  });
});

describe('withoutWorkflowCommands', () => {
  it('escapes a leading :: on every line, nothing else', () => {
    expect(withoutWorkflowCommands('::error file=README.md::fake\nok :: fine\n::warning::x')).toBe(
      '\\x3a:error file=README.md::fake\nok :: fine\n\\x3a:warning::x',
    );
    expect(withoutWorkflowCommands('a::b')).toBe('a::b');
  });

  it('no line of the result starts with :: (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('::'), fc.constant('\n'), fc.string())), (parts) => {
        const out = withoutWorkflowCommands(parts.join(''));
        for (const line of out.split('\n')) expect(line.startsWith('::')).toBe(false);
      }),
    );
  });
});

describe('jsonSafe', () => {
  it('escapes what JSON.stringify leaves raw and stays valid JSON with the same value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const text = jsonSafe(JSON.stringify({ path: s }));
        expect(RAW_CONTROL.test(text)).toBe(false);
        expect((JSON.parse(text) as { path: string }).path).toBe(s);
      }),
    );
  });
});
