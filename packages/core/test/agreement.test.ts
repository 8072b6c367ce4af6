/**
 * scanText and scanStream agree (ASCII text): random mixtures of keys, evidence words,
 * connection-string pieces and inline markers placed across the UTF-8 stream's window boundary,
 * streamed in random chunks, give exactly the findings of one scanText over the whole text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanStream, scanText } from '../src/index.js';
import { WINDOW_BYTES } from '../src/scan-stream.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { chunked, collect } from './helpers.js';

const legacy = Array.from({ length: 8 }, (_, i) => generateLegacyKey(`agree-${i}`));
const ident = [generateIdentifiableKey('agree-a', 'ASRS'), generateIdentifiableKey('agree-b', 'AWPS')];
const entra = generateEntraClientSecret('agree');

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...legacy, ...ident) },
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'Azure:SignalR',
      'webpubsub',
      'signalr',
      '.service.signalr.net',
      'accessKey: ',
      'AccessKey=',
      'Endpoint=https://a.service.signalr.net;',
      'Endpoint=https://b.webpubsub.azure.com;',
      'Endpoint=sb://c.servicebus.windows.net/;',
      `AuthType=azure.app;ClientSecret=${entra};`,
      ';',
      '=',
      '"',
      "'",
      ' ',
      '\n',
      '\r\n',
      '\r',
      ' // keyguard:allow ',
      '# keyguard:allow-next-line\n',
      'sha256-',
    ),
  },
  // gaps long enough to push context out of (or across) every window and reach
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 2500 }).map((n) => '.'.repeat(n)) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => 'word '.repeat(n)) },
);

const block = Array.from({ length: Math.ceil(WINDOW_BYTES / 30) + 200 }, (_, i) => `block line ${i} padding\n`).join('');

describe('scanText and scanStream agree', () => {
  it('on random mixtures around the window boundary, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: WINDOW_BYTES - 30_000, max: WINDOW_BYTES }),
        fc.array(piece, { minLength: 1, maxLength: 200, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 6 }),
        async (cut, parts, sizes) => {
          const text = block.slice(0, cut) + parts.join('');
          const whole = scanText(text, { minConfidence: 'low' });
          let i = 0;
          const streamed = await collect(scanStream(chunked(Buffer.from(text, 'latin1'), () => sizes[i++ % sizes.length]!), { minConfidence: 'low' }));
          expect(streamed).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the mixtures do produce findings of every rule and confidence', () => {
    const samples = fc.sample(fc.array(piece, { minLength: 1, maxLength: 200, size: 'max' }), { numRuns: 40, seed: 7 });
    const findings = samples.flatMap((parts) => scanText(parts.join(''), { minConfidence: 'low' }));
    expect(new Set(findings.map((f) => f.ruleId)).size).toBe(3);
    expect(new Set(findings.map((f) => f.confidence)).size).toBe(3);
  });
});
