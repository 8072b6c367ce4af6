/**
 * The WebAssembly pre-filter lets scanBytes skip bytes that cannot hold a secret. It must never
 * rule out a finding (soundness: checked against scanStream, which does not use it, over every
 * fixture, every detector sample and random plantings), and it must actually rule out ordinary
 * source code (or it would be useless).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { borrowScanBuffer, detectors, mayHoldSecret, type ScanOptions, scanBytes, scanStream } from '../src/index.js';
import {
  encodeKey,
  expandTokens,
  generateBase64Key64,
  generateEntraClientSecret,
  generateIdentifiableKey,
  generateLegacyKey,
  generateSignedAzureKey,
} from '../src/testing/index.js';
import { collect } from './helpers.js';
import { mayHoldJoinedSecret } from '../src/joined-scan.js';
import { ENCODED_NEEDLES } from '../src/base64-runs.js';
import { bytesMayHoldPieces } from '../src/piece-gate.js';
import { MAY_BE_IN_PIECES, mayHoldSecretWholeOrInPieces, prefilterVerdict } from '../src/prefilter.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const ALL_CONFIDENCES: ScanOptions = { minConfidence: 'low' };

/** scanBytes (filtered) must give exactly what scanStream (unfiltered) gives. */
async function expectSameAsStream(bytes: Uint8Array): Promise<number> {
  const streamed = await collect(scanStream([bytes], ALL_CONFIDENCES));
  expect(scanBytes(bytes, ALL_CONFIDENCES).findings).toEqual(streamed);
  // The pre-filter knows secrets written whole; those written in pieces pass scanBytes's joined gate.
  if (streamed.some((f) => f.context.joined === undefined)) expect(mayHoldSecret(bytes)).toBe(true);
  if (streamed.some((f) => f.context.joined !== undefined)) expect(mayHoldJoinedSecret(bytes)).toBe(true);
  // scanBytes's gate: one kernel pass, then the exact gates where the kernel lets them look
  if (streamed.length > 0) expect(mayHoldSecretWholeOrInPieces(bytes)).toBe(true);
  return streamed.length;
}

/** The same bytes, read where the filter works in place (a borrowed buffer). */
function borrowed(bytes: Uint8Array): Buffer {
  const buffer = borrowScanBuffer(bytes.length);
  buffer.set(bytes);
  return buffer;
}

describe('pre-filter soundness', () => {
  it('keeps every finding of every fixture (copied in, and in place)', async () => {
    let found = 0;
    for (const entry of readdirSync(FIXTURES, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const name = entry.name;
      const input = readdirSync(join(FIXTURES, name)).find((f) => f.startsWith('input.'));
      if (input === undefined) continue;
      const bytes = Buffer.from(expandTokens(readFileSync(join(FIXTURES, name, input), 'utf8')), 'utf8');
      found += await expectSameAsStream(bytes);
      found += await expectSameAsStream(borrowed(bytes));
    }
    expect(found).toBeGreaterThan(40);
  });

  it("keeps every detector's true-positive samples, alone at the edges of the input or inside text", async () => {
    for (const detector of detectors) {
      for (const sample of detector.samples.truePositives) {
        const text = expandTokens(sample.text);
        expect(await expectSameAsStream(Buffer.from(text, 'utf8'))).toBeGreaterThan(0);
        expect(await expectSameAsStream(borrowed(Buffer.from(text, 'utf8')))).toBeGreaterThan(0);
        for (const variant of [`${text}\n`, `// a line\n${text}\n// another`]) {
          expect(await expectSameAsStream(Buffer.from(variant, 'utf8'))).toBeGreaterThan(0);
        }
      }
    }
  });

  const seed = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 });
  const encoding = fc.constantFrom<'json' | 'url' | undefined>(undefined, 'json', 'url');
  const filler = fc.string({ unit: fc.constantFrom(...'ab =;%\\/+"\'\n\t:{}é日'), maxLength: 80 });
  const planted = fc.oneof(
    fc.tuple(seed, encoding).map(([s, enc]) => `AccessKey=${encodeKey(generateLegacyKey(`pf:${s}`), enc)}`),
    fc.tuple(seed, encoding).map(([s, enc]) => `"signalrKey": "${encodeKey(generateLegacyKey(`pf:${s}`), enc)}"`),
    fc.tuple(seed, encoding).map(([s, enc]) => encodeKey(generateIdentifiableKey(`pf:${s}`, 'ASRS'), enc)),
    fc.tuple(seed, fc.constantFrom(' ', '\t', '   ', ''), fc.constantFrom('=', '%3D')).map(
      ([s, blanks, eq]) =>
        `Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=a;TenantId=b;ClientSecret${blanks}${eq}${generateEntraClientSecret(`pf:${s}`)};`,
    ),
  );

  it('keeps keys planted at random places, in every encoding', async () => {
    await fc.assert(
      fc.asyncProperty(filler, planted, filler, async (before, p, after) => {
        const bytes = Buffer.from(before + p + after, 'utf8');
        expect(mayHoldSecret(bytes)).toBe(true);
        expect(mayHoldSecret(borrowed(bytes))).toBe(true);
        await expectSameAsStream(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pre-filter selectivity', () => {
  const ordinary = [
    'int main(void) {\n  int x = 1, y = x == 2;\n  x += y; y != x;\n  printf("%d\\n", x);\n  return x >= y;\n}\n',
    'const cfg = { url: "https://example.com/?a=b&c=d", sum: a = b };\nconst re = /JQ/;\n',
    '{"name": "pkg", "scripts": {"test": "vitest"}, "path": "a\\/b", "u": "\\u0041"}\n',
    'CFLAGS=-O2\nexport PATH=$PATH:/usr/bin\nfoo  = bar\n',
    // a 43-character base64 run then '=', but its last character cannot end a key (the 2 low bits of B are 1)
    `digest = "${'a'.repeat(42)}B="\n`,
    // 42 characters only
    `x = "${'a'.repeat(41)}A="\n`,
  ];

  it.each(ordinary.map((t, i) => [i, t] as const))('rules out ordinary text #%i', (_i, text) => {
    expect(mayHoldSecret(Buffer.from(text, 'utf8'))).toBe(false);
    expect(mayHoldSecret(borrowed(Buffer.from(text, 'utf8')))).toBe(false);
  });

  it('rules out a file of ordinary code many times larger than its SIMD step', () => {
    const code = ordinary[0]!.repeat(2000);
    expect(mayHoldSecret(Buffer.from(code, 'utf8'))).toBe(false);
  });

  it('looks at the place each condition needs (and no further than the input)', () => {
    expect(mayHoldSecret(Buffer.from(`x = "${'a'.repeat(42)}A="`, 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from(`${'a'.repeat(42)}A=`, 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from(`${'a'.repeat(42)}A%3d`, 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from(`${'a'.repeat(42)}A\\U003d`, 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from(`${'a'.repeat(42)}A%3`, 'utf8'))).toBe(false);
    expect(mayHoldSecret(Buffer.from('CLIENTSECRET\t \t=', 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from('ClientSecrets =', 'utf8'))).toBe(false);
    expect(mayHoldSecret(Buffer.from('lientSecret =', 'utf8'))).toBe(false);
    expect(mayHoldSecret(Buffer.from('..JQQJ9', 'utf8'))).toBe(true);
    expect(mayHoldSecret(Buffer.from('..JQQJ', 'utf8'))).toBe(false);
  });

  it('looks at base64 that may encode a connection string (once or twice, either alphabet, any alignment), never at other base64', () => {
    const b64 = (t: string): string => Buffer.from(t, 'latin1').toString('base64');
    const cs = (k: string): string => `Endpoint=https://a.service.signalr.net;${k}=${'x'.repeat(10)};`;
    for (const lead of ['', 'x', 'xy']) {
      for (const name of ['AccessKey', 'SharedAccessKey', 'AccountKey', 'ClientSecret', 'accessKey']) {
        const once = b64(lead + cs(name));
        expect(mayHoldSecret(Buffer.from(`data: ${once}\n`))).toBe(true);
        expect(mayHoldSecret(Buffer.from(`data: ${Buffer.from(lead + cs(name), 'latin1').toString('base64url')}\n`))).toBe(true);
        expect(mayHoldSecret(Buffer.from(`data: ${b64(lead + once)}\n`))).toBe(true);
      }
    }
    // A connection string without a key, a plain word, an image: nothing to decode.
    expect(mayHoldSecret(Buffer.from(`data: ${b64('Endpoint=https://a.service.signalr.net;AuthType=azure.msi;')}\n`))).toBe(false);
    expect(mayHoldSecret(Buffer.from(`data: ${b64('AccessKeys are rotated')}\n`))).toBe(false);
    expect(mayHoldSecret(Buffer.from(`img: ${Buffer.alloc(100_000, 0x81).toString('base64')}\n`))).toBe(false);
  });

  it('passes every base64 needle to the exact search: alone, at every offset of a SIMD block, inside clean code, copied in and in place', () => {
    // The kernel runs prefilter-base64.ts only where it sees a byte pair of its own classes, one
    // of which each needle holds: a needle it misses would be ruled out.
    const code = 'int x = 1;\n';
    for (const needle of ENCODED_NEEDLES) {
      for (let offset = 0; offset < 33; offset++) {
        for (const text of [`${' '.repeat(offset)}${needle}`, `${code.repeat(3)}${'.'.repeat(offset)}${needle}\n${code.repeat(3)}`]) {
          const bytes = Buffer.from(text, 'latin1');
          expect(mayHoldSecret(bytes), text).toBe(true);
          expect(mayHoldSecret(borrowed(bytes)), text).toBe(true);
          // cut short by one character, the needle is no longer there
          const cut = Buffer.from(text.replace(needle, needle.slice(0, -1)), 'latin1');
          expect(mayHoldSecret(cut), text).toBe(false);
        }
      }
    }
  });

  it('rules out a longer base64 run (blobs, integrity hashes), unless an escape may end inside it', async () => {
    const run43 = `${'a'.repeat(42)}A`;
    expect(mayHoldSecret(Buffer.from(`x = "b${run43}="`, 'utf8'))).toBe(false);
    expect(mayHoldSecret(Buffer.from(`"integrity": "sha512-${'Qz9+'.repeat(21)}aQ=="`, 'utf8'))).toBe(false);
    // An escape just before or inside the run can end the run: the matcher must look.
    for (const before of ['%20', '\\u0020', '%2B', '\\/', 'b%2F']) {
      const text = `x = "${before}${run43}="`;
      expect(mayHoldSecret(Buffer.from(text, 'utf8')), text).toBe(true);
      await expectSameAsStream(Buffer.from(text, 'utf8'));
    }
    // A real key behind a space-encoding escape is found through the filter.
    const key = generateLegacyKey('pf:after-escape');
    const found = await expectSameAsStream(Buffer.from(`signalr_key=%20${key}`, 'utf8'));
    expect(found).toBe(1);
  });

  it('ignores whatever lies in memory after the input', () => {
    const clean = Buffer.from('int x = 1;\n'.repeat(10), 'utf8');
    const buffer = borrowScanBuffer(clean.length + 64);
    buffer.fill('JQQJ9 ClientSecret=');
    clean.copy(buffer);
    expect(mayHoldSecret(buffer.subarray(0, clean.length))).toBe(false);
    expect(mayHoldSecret(buffer)).toBe(true);
  });
});

describe("pre-filter and the joined gate's condition", () => {
  /** Does the kernel let the joined gate look (or the matcher: then both look)? */
  const passed = (bytes: Uint8Array): boolean => {
    const verdict = prefilterVerdict(bytes);
    return verdict === 1 || (verdict & MAY_BE_IN_PIECES) !== 0;
  };
  /** Wherever piece-gate.ts would look, the kernel must let it, copied in and in place. */
  function expectSound(text: string): boolean {
    const bytes = Buffer.from(text, 'latin1');
    const gate = bytesMayHoldPieces(bytes);
    if (gate) {
      expect(passed(bytes), JSON.stringify(text)).toBe(true);
      expect(passed(borrowed(bytes)), JSON.stringify(text)).toBe(true);
    }
    return gate;
  }

  it('passes every place the gate looks at: a padding after a piece, a signature cut after J, JQ, JQQ, JQQJ', () => {
    const hits = [
      '"abc" + "def="',
      "x = 'abc'\n  'def=='",
      '"abc"\n"="',
      `${'a'.repeat(70)}\nKXyz==\n`,
      `${'a'.repeat(70)}\r\nKXyz=`,
      `${'a'.repeat(70)}\n=\n`,
      `${'a'.repeat(70)}\r=`,
      `x"+"${'a'.repeat(86)}=`,
      'x"`J`',
      'EINJ\n',
      "'JQ'",
      '"JQQ"',
      'JQQJ\r',
      'JQQJ9',
    ];
    for (const hit of hits) {
      for (let offset = 0; offset < 33; offset++) {
        expect(expectSound(`${' '.repeat(offset)}${hit}`), hit).toBe(true);
        expect(expectSound(`int x = 1;\n${'.'.repeat(offset)}${hit} y = 2;`), hit).toBe(true);
      }
    }
  });

  it('rules out text without those: the joined gate does not run on ordinary code', () => {
    for (const text of ['int main(void) {\n  int x = 1, y = x == 2;\n  return x >= y;\n}\n', 'for (i=0; i<n; i++) a[i]=b;\n', 'const J = 1; // JSON\n']) {
      expect(bytesMayHoldPieces(Buffer.from(text))).toBe(false);
      expect(passed(Buffer.from(text))).toBe(false);
    }
    // 87 key characters after the quote: too long for a piece before the padding
    expect(passed(Buffer.from(`"${'a'.repeat(87)}=`))).toBe(false);
  });

  it('reads a padding at the end of the input as the gate does, whatever lies in memory after it', () => {
    // The gate reads no character after the input: a padding there comes before no base64 character.
    const text = '"abc"+"def=';
    const buffer = borrowScanBuffer(text.length + 64);
    buffer.fill('a');
    buffer.write(text);
    const bytes = buffer.subarray(0, text.length);
    expect(bytesMayHoldPieces(bytes)).toBe(true);
    expect(passed(bytes)).toBe(true);
    // one byte further, the padding comes before an a: no piece ends there
    expect(bytesMayHoldPieces(buffer.subarray(0, text.length + 1))).toBe(false);
  });

  it('passes every random text the gate looks at', () => {
    const unit = fc.constantFrom(...'aA9+/=%\\"\'`\n\r \t.&_JQJQ9é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 160 }), (text) => {
        expectSound(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('pre-filter and 64-byte keys (86 characters, then ==)', () => {
  /** The filter's answer, the same copied in and in place. */
  function filtered(text: string): boolean {
    const bytes = Buffer.from(text, 'utf8');
    const answer = mayHoldSecret(bytes);
    expect(mayHoldSecret(borrowed(bytes)), text).toBe(answer);
    return answer;
  }
  const seeds = Array.from({ length: 12 }, (_, i) => `pf64:${i}`);

  it('looks at a key after AccountKey= (plain, blanks and a quote, URL-encoded, JSON-escaped)', () => {
    let escapedChars = 0;
    for (const seed of seeds) {
      const key = generateBase64Key64(seed);
      const url = encodeKey(key, 'url');
      const json = encodeKey(key, 'json');
      if (/%2B|%2F/.test(url)) escapedChars++;
      const texts = [
        `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${key};EndpointSuffix=core.windows.net`,
        `AccountKey=${key}`,
        `AccountKey= "${key}"`,
        `AccountKey=\t'${key}'`,
        `AccountKey=  \t"${key}"`,
        `https://x/?conn=AccountKey%3D${url}&y`,
        `AccountKey=${url}`,
        `AccountKey=${key.slice(0, 86)}%3D%3D;`,
        `{"conn": "AccountKey=${json};"}`,
        `{"conn": "AccountKey\\u003D${json.slice(0, -2)}\\u003D\\u003D"}`,
        // an escape within 100 bytes before the padding: the run may start elsewhere
        `x%20 ${key}`,
      ];
      for (const text of texts) expect(filtered(text), text).toBe(true);
    }
    expect(escapedChars).toBeGreaterThan(0);
  });

  it('keeps the 64-byte keys the matcher finds, however the connection string writes them', async () => {
    const storage = (value: string): string => `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${value};EndpointSuffix=core.windows.net`;
    const hex = (c: string): string => c.charCodeAt(0).toString(16);
    for (const seed of seeds.slice(0, 4)) {
      const key = generateBase64Key64(seed);
      const data = key.slice(0, 86);
      const texts = [
        storage(key),
        // the matcher trims any whitespace from a value, not just a few blanks
        storage(`${' '.repeat(12)}${key}`),
        storage(`\f\t ${key}`),
        // an escape far before the run that decodes to = or to a blank
        storage(key).replace('AccountKey=', `AccountKey%3D${' '.repeat(20)}`),
        storage(`%20${' '.repeat(20)}${key}`),
        // the last character escaped too
        storage(`${data.slice(0, 85)}%${hex(data[85]!)}%3D%3D`),
        storage(`${data.slice(0, 85)}\\u00${hex(data[85]!)}\\u003D\\u003D`),
        storage(encodeKey(key, 'url')),
        storage(encodeKey(key, 'json')),
        `AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=${key};`,
      ];
      for (const text of texts) {
        expect(await expectSameAsStream(Buffer.from(text, 'utf8')), text).toBeGreaterThan(0);
        expect(filtered(text), text).toBe(true);
      }
    }
    for (const seed of seeds.slice(0, 4)) {
      for (const key of [generateSignedAzureKey(seed, 64, '+ASt', 'Default0'), generateSignedAzureKey(seed, 64, 'ACDb', 'MastRW00')]) {
        expect(await expectSameAsStream(Buffer.from(`key: ${key}\n`, 'utf8'))).toBeGreaterThan(0);
      }
    }
  });

  it('looks at a key signed +ASt (Storage) or ACDb (Cosmos DB) with nothing around it', () => {
    for (const seed of seeds) {
      for (const key of [generateSignedAzureKey(seed, 64, '+ASt', 'Default0'), generateSignedAzureKey(seed, 64, 'ACDb', 'MastRW00')]) {
        for (const text of [key, `storage ${key}\n`, `"primaryKey": "${key}",`, `x-${key}`]) expect(filtered(text), text).toBe(true);
        // a longer run is no key, signed or not
        expect(filtered(`x b${key}`)).toBe(false);
      }
    }
  });

  it('rules out other 86-character runs before == (integrity hashes, contentHash, a bare key)', () => {
    for (const seed of seeds) {
      const key = generateBase64Key64(seed);
      const texts = [
        `"integrity": "sha512-${key}",`,
        `      "integrity": "sha512-${key}"\n`,
        `"contentHash": "${key}",`,
        `key ${key}\n`,
        key,
        // AccountKey= but the run is 87 characters long, or ends with a character no 64-byte key ends with, or has one padding
        `AccountKey=b${key}`,
        `AccountKey=${key.slice(0, 85)}E==`,
        `AccountKey=${key.slice(0, 87)};`,
        // an escape more than 100 bytes before the padding does not reach the run
        `%20${'.'.repeat(20)}${key}`,
      ];
      for (const text of texts) expect(filtered(text), text).toBe(false);
    }
  });

  it('reads no padding past the input', () => {
    const key = generateBase64Key64('pf64:edge');
    expect(filtered(`AccountKey=${key.slice(0, 87)}`)).toBe(false);
    const buffer = borrowScanBuffer(100 + 64);
    buffer.fill('=');
    buffer.write(`AccountKey=${key.slice(0, 87)}`);
    expect(mayHoldSecret(buffer.subarray(0, 98))).toBe(false);
    expect(mayHoldSecret(buffer.subarray(0, 99))).toBe(true);
  });
});
