/**
 * scanText and scanStream agree (ASCII text): random mixtures of keys, evidence words,
 * connection-string pieces and inline markers placed across the UTF-8 stream's window boundary,
 * streamed in random chunks, give exactly the findings of one scanText over the whole text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanStream, scanText } from '../src/index.js';
import { WINDOW_BYTES } from '../src/scan-stream.js';
import { generateBase64Key64, generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey, generateSignedAzureKey } from '../src/testing/index.js';
import { chunked, collect } from './helpers.js';

const legacy = Array.from({ length: 8 }, (_, i) => generateLegacyKey(`agree-${i}`));
const ident = [generateIdentifiableKey('agree-a', 'ASRS'), generateIdentifiableKey('agree-b', 'AWPS')];
const entra = generateEntraClientSecret('agree');
// The sibling rules' keys: signed 32- and 64-byte keys, and unsigned 64-byte keys for AccountKey.
const siblings = [
  generateSignedAzureKey('agree', 32, '+ASb', 'Send0000'),
  generateSignedAzureKey('agree', 64, '+ASt', 'Default0'),
  generateSignedAzureKey('agree', 64, 'ACDb', 'MastRW00'),
  generateBase64Key64('agree-a'),
  generateBase64Key64('agree-b'),
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...legacy, ...ident) },
  { weight: 3, arbitrary: fc.constantFrom(...siblings) },
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
      'SharedAccessKeyName=send;SharedAccessKey=',
      'DefaultEndpointsProtocol=https;AccountName=data;',
      'AccountEndpoint=https://d.documents.azure.com:443/;',
      'AccountKey=',
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
    // Every rule but the other-services identifiable key (no such key in the mixtures).
    expect(new Set(findings.map((f) => f.ruleId)).size).toBe(6);
    expect(new Set(findings.map((f) => f.confidence)).size).toBe(3);
  });
});
