/**
 * Property tests: a valid key of each form planted at a random place in random text, streamed
 * in random chunks, is found exactly once where the test (not the scanner) says it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanText } from '../src/index.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { type TextEncoding, byteOffsetOf, chunked, collect, encodeText, positionAfter } from './helpers.js';
import { scanStream } from '../src/index.js';
import { WINDOW_BYTES } from '../src/scan-stream.js';

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const unicode = fc.oneof(
  fc.constantFrom('é', 'ß', 'Ω', '日', '本', '語', '…', '\u00a0', '😀', '🎉', '𝄞', '\t'),
  // any non-control BMP character outside the surrogate range
  fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)),
  // astral characters (surrogate pairs in UTF-16, 4 bytes in UTF-8)
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const newline = fc.constantFrom('\r\n', '\n', '\r');

/** Random text: printable ASCII, unicode and every kind of line break, up to ~20k characters. */
const filler = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: printableAscii, maxLength: 60, size: 'max' }) },
      { weight: 2, arbitrary: fc.string({ unit: unicode, maxLength: 20, size: 'max' }) },
      { weight: 2, arbitrary: newline },
    ),
    { maxLength: 1000, size: 'max' },
  )
  .map((parts) => parts.join(''));

/** Chunk sizes: tiny (splits inside characters and CRLF), medium, up to 64 KiB. */
const chunkSizes = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 32 }),
  fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 8 }),
  fc.array(fc.integer({ min: 1, max: 65536 }), { minLength: 1, maxLength: 4 }),
);
const encoding = fc.constantFrom<TextEncoding>('utf8', 'utf8', 'utf8bom', 'utf16le', 'utf16be');

function cycle(sizes: number[]): () => number {
  let i = 0;
  return () => sizes[i++ % sizes.length]!;
}

interface Planted {
  /** The text to plant, holding the secret once. */
  text: string;
  secret: string;
  ruleId: string;
  confidence: string;
}

const seed = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 });
const resource = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/);

const forms: [string, fc.Arbitrary<Planted>][] = [
  [
    'legacy key in a SignalR connection string',
    fc.tuple(seed, resource).map(([s, name]) => {
      const key = generateLegacyKey(`prop:${s}`);
      return {
        text: `"Endpoint=https://${name}.service.signalr.net;AccessKey=${key};Version=1.0;"`,
        secret: key,
        ruleId: 'azure-signalr-access-key',
        confidence: 'high',
      };
    }),
  ],
  [
    'identifiable ASRS key',
    seed.map((s) => {
      const key = generateIdentifiableKey(`prop:${s}`, 'ASRS');
      return { text: `"${key}"`, secret: key, ruleId: 'azure-signalr-access-key', confidence: 'high' };
    }),
  ],
  [
    'identifiable AWPS key',
    seed.map((s) => {
      const key = generateIdentifiableKey(`prop:${s}`, 'AWPS');
      return { text: `'${key}'`, secret: key, ruleId: 'azure-web-pubsub-access-key', confidence: 'high' };
    }),
  ],
  [
    'Entra client secret in an azure.app connection string',
    fc.tuple(seed, resource).map(([s, name]) => {
      const secret = generateEntraClientSecret(`prop:${s}`);
      return {
        text: `"Endpoint=https://${name}.service.signalr.net;AuthType=azure.app;ClientId=abc;TenantId=def;ClientSecret=${secret};Version=1.0;"`,
        secret,
        ruleId: 'azure-signalr-client-secret',
        confidence: 'high',
      };
    }),
  ],
];

describe.each(forms)('property: %s', (_name, planted) => {
  it('is found exactly once at the right line, column and byte offset, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(filler, filler, planted, chunkSizes, encoding, async (before, after, p, sizes, enc) => {
        const text = before + p.text + after;
        const index = before.length + p.text.indexOf(p.secret);
        const expected = {
          ruleId: p.ruleId,
          confidence: p.confidence,
          ...positionAfter(text.slice(0, index)),
          offset: byteOffsetOf(text, index, enc),
          length: enc.startsWith('utf16') ? 2 * p.secret.length : Buffer.byteLength(p.secret, 'utf8'),
          secret: p.secret,
        };
        const findings = await collect(scanStream(chunked(encodeText(text, enc), cycle(sizes))));
        expect(findings).toHaveLength(1);
        const f = findings[0]!;
        expect({ ruleId: f.ruleId, confidence: f.confidence, line: f.line, column: f.column, offset: f.offset, length: f.length, secret: f.secret }).toEqual(
          expected,
        );
        expect(f.endLine).toBe(f.line);
        expect(f.endColumn).toBe(f.column + p.secret.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe.each(forms)('property near the UTF-8 window boundary: %s', (_name, planted) => {
  // UTF-8 streams are scanned in windows of WINDOW_BYTES: put the key within a few KiB of the
  // first window's end (after a large block of lines), then random text, random chunks.
  const block = Array.from({ length: Math.ceil(WINDOW_BYTES / 40) + 1000 }, (_, i) => `line ${i} of the big block, ok\n`).join('');
  it('is found exactly once at the right place', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: WINDOW_BYTES - 12_000, max: WINDOW_BYTES + 2_000 }),
        filler,
        filler,
        planted,
        fc.array(fc.integer({ min: 512, max: 3 * 65536 }), { minLength: 1, maxLength: 8 }),
        async (cut, more, after, p, sizes) => {
          const before = block.slice(0, cut) + more;
          const text = before + p.text + after;
          const index = before.length + p.text.indexOf(p.secret);
          const findings = await collect(scanStream(chunked(Buffer.from(text, 'utf8'), cycle(sizes))));
          expect(findings.map((f) => ({ secret: f.secret, line: f.line, column: f.column, offset: f.offset }))).toEqual([
            { secret: p.secret, ...positionAfter(text.slice(0, index)), offset: Buffer.byteLength(text.slice(0, index), 'utf8') },
          ]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('property generators', () => {
  it('draw texts long enough to cross the scanner\'s incremental window, with every line break', () => {
    const texts = fc.sample(filler, { numRuns: 200, seed: 42 });
    expect(Math.max(...texts.map((t) => t.length))).toBeGreaterThan(12_000);
    expect(texts.filter((t) => t.length > 6_000).length).toBeGreaterThan(50);
    const all = texts.join('');
    for (const s of ['\r\n', '\n\n', '\r\r', '😀'.slice(0, 1)]) expect(all.includes(s), JSON.stringify(s)).toBe(true);
  });
});

describe('property: random text without a key', () => {
  it('yields nothing, streamed or whole, even at low confidence', async () => {
    await fc.assert(
      fc.asyncProperty(filler, chunkSizes, encoding, async (text, sizes, enc) => {
        expect(scanText(text, { minConfidence: 'low' })).toEqual([]);
        expect(await collect(scanStream(chunked(encodeText(text, enc), cycle(sizes)), { minConfidence: 'low' }))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('random text made of key characters and SignalR words yields nothing', async () => {
    // Dense near-misses: base64 runs of random length, '=' and evidence words, none a key.
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), maxLength: 42, size: 'max' });
    const piece = fc.oneof(b64, fc.constantFrom('=', ';', ' ', '\n', '"', 'AccessKey=', 'Endpoint=https://a.service.signalr.net;', 'signalr', 'JQQJ99'));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 300, size: 'max' }), async (parts) => {
        const text = parts.join('');
        // Only a 43-character base64 run then '=' could be a key (a random identifiable run would
        // need a valid checksum): skip those rare draws.
        fc.pre(!/[A-Za-z0-9+/]{43}=/.test(text));
        expect(scanText(text, { minConfidence: 'low' })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
