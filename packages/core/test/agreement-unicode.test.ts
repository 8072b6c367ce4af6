/**
 * scanText and scanStream agree on non-ASCII text too: both scan UTF-8 bytes, so the evidence
 * window, the connection-string reach and the marker reach are measured alike, and the ESLint
 * rule (scanText) can never disagree with the CLI (scanStream over files).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanStream, scanText } from '../src/index.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { chunked, collect } from './helpers.js';

const legacy = Array.from({ length: 4 }, (_, i) => generateLegacyKey(`unicode-${i}`));
const entra = generateEntraClientSecret('unicode');

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...legacy, generateIdentifiableKey('unicode', 'ASRS')) },
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'Azure:SignalR ',
      'accessKey: "',
      'AccessKey=',
      'Endpoint=https://a.service.signalr.net;',
      `AuthType=azure.app;ClientSecret=${entra};`,
      'ClientSecret=abc…xyz;',
      'İ',
      '"',
      '\n',
      '\r\n',
      ' // keyguard:allow ',
    ),
  },
  // non-ASCII gaps: 1 character is 2 to 4 bytes, so character and byte windows differ here
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('é', '日', '😀', 'ß'), fc.integer({ min: 1, max: 400 })).map(([c, n]) => c.repeat(n)) },
);

describe('scanText and scanStream agree on non-ASCII text', () => {
  it('on random mixtures, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 5000 }), async (parts, size) => {
        const text = parts.join('');
        const whole = scanText(text, { minConfidence: 'low' });
        const streamed = await collect(scanStream(chunked(Buffer.from(text, 'utf8'), () => size), { minConfidence: 'low' }));
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('measures the evidence window in UTF-8 bytes for both', async () => {
    // 100 CJK characters are 300 bytes: the keyword is out of the 300-byte window.
    const far = `Azure:SignalR ${'日'.repeat(100)} "k": "${legacy[0]}"`;
    const near = `Azure:SignalR ${'日'.repeat(80)} "k": "${legacy[0]}"`;
    for (const [text, expected] of [
      [far, 0],
      [near, 1],
    ] as const) {
      expect(scanText(text)).toHaveLength(expected);
      expect(await collect(scanStream([Buffer.from(text, 'utf8')]))).toHaveLength(expected);
    }
  });
});

describe('scanText on long non-ASCII text', () => {
  it('never splits a surrogate pair between its encoding slices', async () => {
    // 'x' then emoji: the 1 MiB slice boundary falls inside a pair.
    const text = `x${'😀'.repeat(700_000)}\naccessKey: "${legacy[1]}"\n${'é'.repeat(1_500_000)}\naccessKey: "${legacy[2]}"`;
    const found = scanText(text);
    expect(found.map((f) => [f.line, f.column, f.secret])).toEqual([
      [2, 13, legacy[1]],
      [4, 13, legacy[2]],
    ]);
    expect(found[0]!.offset).toBe(Buffer.byteLength(text.slice(0, text.indexOf(legacy[1]!))));
    expect(await collect(scanStream([Buffer.from(text, 'utf8')]))).toEqual(found);
  });
});
