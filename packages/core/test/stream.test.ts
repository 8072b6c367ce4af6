/** The streaming reader: chunk boundaries, stream edges, encodings, binary and empty input. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Finding, SkippedInputError, scanStream } from '../src/index.js';
import { BINARY_SNIFF_BYTES } from '../src/scan-stream.js';
import { WINDOW_BYTES } from '../src/scan-stream.js';
import { generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { byteOffsetOf, chunked, collect, encodeText, positionAfter, positionsOf, prng, randomSizes, scanBytes, where } from './helpers.js';

const cs = (key: string, name = 'chat'): string => `Endpoint=https://${name}.service.signalr.net;AccessKey=${key};Version=1.0;`;

/** Filler long enough (several times the scanner's lookahead) to force incremental scanning. */
function filler(length: number, seed: number): string {
  const r = prng(seed);
  const words = ['lorem', 'ipsum', 'dolor', 'é', '日本', '😀', '\r\n', '\n', '\r', 'x = 1;', '"quoted"', '<tag>'];
  let s = '';
  while (s.length < length) s += `${words[Math.floor(r() * words.length)]} `;
  return s;
}

function expectAt(f: Finding, text: string, secret: string, occurrence = 0): void {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(secret, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  expect(f.secret).toBe(secret);
  expect({ line: f.line, column: f.column }).toEqual(positionAfter(text.slice(0, index)));
  expect(f.offset).toBe(Buffer.byteLength(text.slice(0, index), 'utf8'));
}

describe('chunk boundaries', () => {
  const key = generateLegacyKey('stream-straddle');
  const text = `${filler(9000, 1)}\n  "cs": "${cs(key)}"\n${filler(9000, 2)}`;
  const bytes = Buffer.from(text, 'utf8');
  const keyAt = Buffer.byteLength(text.slice(0, text.indexOf(key)), 'utf8');

  it('a key straddling a two-chunk boundary is found once, at every split point around it', async () => {
    // Every split from well before the connection string to well after the key.
    for (let split = keyAt - 120; split <= keyAt + 60; split++) {
      const findings = await collect(scanStream((async function* () {
        yield bytes.subarray(0, split);
        yield bytes.subarray(split);
      })()));
      expect(findings, `split at ${split}`).toHaveLength(1);
      expectAt(findings[0]!, text, key);
    }
  });

  it('the same holds for three chunks cutting the key twice', async () => {
    for (let a = keyAt; a < keyAt + 44; a += 3) {
      for (let b = a + 1; b <= keyAt + 44; b += 7) {
        const findings = await collect(scanStream((async function* () {
          yield bytes.subarray(0, a);
          yield bytes.subarray(a, b);
          yield bytes.subarray(b);
        })()));
        expect(findings, `splits at ${a}, ${b}`).toHaveLength(1);
        expectAt(findings[0]!, text, key);
      }
    }
  });

  it('chunk boundaries at each byte of a multi-byte character or a CRLF before the key keep positions right', async () => {
    const prefix = `${filler(7000, 3)}é😀日\r\n\r\n`;
    const t = `${prefix}"${cs(key)}"\n`;
    const b = Buffer.from(t, 'utf8');
    const tail = Buffer.byteLength(prefix, 'utf8');
    for (let split = tail - 14; split <= tail; split++) {
      const findings = await collect(scanStream((async function* () {
        yield b.subarray(0, split);
        yield b.subarray(split);
      })()));
      expect(findings, `split at ${split}`).toHaveLength(1);
      expectAt(findings[0]!, t, key);
    }
  });

  it('empty chunks and string chunks are accepted', async () => {
    const findings = await collect(scanStream((async function* () {
      yield new Uint8Array(0);
      yield text.slice(0, 9010);
      yield new Uint8Array(0);
      yield Buffer.from(text.slice(9010), 'utf8');
      yield '';
    })()));
    expect(findings).toHaveLength(1);
    expectAt(findings[0]!, text, key);
  });

  it('a Node Readable works as a source and stats count the bytes', async () => {
    const scan = scanStream(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]));
    const findings = await collect(scan);
    expect(findings.map((f) => f.secret)).toEqual([key]);
    expect(scan.stats.bytes).toBe(bytes.length);
    expect(scan.stats.encoding).toBe('utf-8');
  });
});

describe('UTF-8 window boundaries (the stream scans UTF-8 in windows of WINDOW_BYTES)', () => {
  // Keys every ~700 characters around each of the first three window boundaries, in text with
  // multi-byte characters and every line break, so some key straddles each boundary and each
  // overlap edge whatever the chunking.
  const parts: string[] = [];
  const secrets: string[] = [];
  const indexes: number[] = [];
  let length = 0;
  let bytes = 0;
  let i = 0;
  const dense = (b: number): boolean => [1, 2, 3].some((k) => Math.abs(b - k * WINDOW_BYTES) < 12_000);
  while (bytes < 3 * WINDOW_BYTES + 20_000) {
    // outside the dense zones, approach the next one in halving steps (filler is < 2 bytes/char)
    const nextZone = [1, 2, 3].map((k) => k * WINDOW_BYTES - 11_000).find((z) => z > bytes) ?? bytes + 600;
    const gap = filler(dense(bytes) ? 300 + ((i * 37) % 500) : Math.min(50_000, Math.max(300, Math.floor((nextZone - bytes) / 2))), 100 + i);
    const key = i % 3 === 0 ? generateIdentifiableKey(`win-${i}`, i % 2 === 0 ? 'ASRS' : 'AWPS') : generateLegacyKey(`win-${i}`);
    const piece = i % 3 === 0 ? ` ${key}\n` : `"${cs(key, `w${i}`)}"\r\n`;
    parts.push(gap, piece);
    secrets.push(key);
    indexes.push(length + gap.length + piece.indexOf(key));
    length += gap.length + piece.length;
    bytes += Buffer.byteLength(gap, 'utf8') + Buffer.byteLength(piece, 'utf8');
    i += 1;
  }
  const text = parts.join('');
  const data = Buffer.from(text, 'utf8');
  const expected = positionsOf(text, indexes).map((p, k) => ({ ...p, secret: secrets[k] }));

  it('the corpus really crowds keys around the boundaries', () => {
    expect(WINDOW_BYTES).toBeGreaterThan(0);
    for (const k of [1, 2, 3]) {
      const near = expected.filter((e) => Math.abs(e.offset - k * WINDOW_BYTES) < 10_000);
      expect(near.length, `boundary ${k}`).toBeGreaterThan(15);
    }
  });

  it.each([
    ['exactly WINDOW_BYTES', () => WINDOW_BYTES],
    ['WINDOW_BYTES + 1', () => WINDOW_BYTES + 1],
    ['64 KiB', () => 65536],
    ['4093 bytes', () => 4093],
    ['random 1 B - 64 KiB', randomSizes(12, 1, 65536)],
    ['random 1 B - 3 MiB', randomSizes(13, 1, 3 * WINDOW_BYTES)],
    ['the whole input', () => data.length],
  ])('every key found once, in order, at the right place: chunks of %s', async (_name, sizes) => {
    const findings = await scanBytes(data, sizes);
    expect(findings.map((f) => ({ line: f.line, column: f.column, offset: f.offset, secret: f.secret }))).toEqual(expected);
  });
});

describe('stream edges', () => {
  it('a key that is the very first bytes of the stream', async () => {
    const key = generateIdentifiableKey('edge-start');
    for (const text of [key, `${key}\n${filler(20000, 4)}`]) {
      const findings = await scanBytes(Buffer.from(text), randomSizes(5, 1, 300));
      expect(findings.map(where)).toEqual([
        expect.objectContaining({ line: 1, column: 1, offset: 0, length: 84, endColumn: 85, secret: key }),
      ]);
    }
  });

  it('a key that is the very last bytes of the stream (no newline, no trailing delimiter)', async () => {
    const legacy = generateLegacyKey('edge-end');
    const ident = generateIdentifiableKey('edge-end');
    for (const [text, secret] of [
      [`${filler(20000, 6)}\nEndpoint=https://e.service.signalr.net;AccessKey=${legacy}`, legacy],
      [`${filler(20000, 7)}\n${ident}`, ident],
      [`Endpoint=https://e.service.signalr.net;AccessKey=${legacy}`, legacy],
    ] as const) {
      for (const sizes of [() => 1, randomSizes(8, 1, 5000), () => 1 << 16]) {
        const findings = await scanBytes(Buffer.from(text), sizes);
        expect(findings).toHaveLength(1);
        expectAt(findings[0]!, text, secret);
        expect(findings[0]!.offset + findings[0]!.length).toBe(Buffer.byteLength(text));
      }
    }
  });

  it('many keys: each found once, in order, with the right positions', async () => {
    const parts: string[] = [];
    const secrets: string[] = [];
    const r = prng(9);
    for (let i = 0; i < 400; i++) {
      const legacy = i % 2 === 0;
      const key = legacy ? generateLegacyKey(`many-${i}`) : generateIdentifiableKey(`many-${i}`, i % 3 === 0 ? 'AWPS' : 'ASRS');
      secrets.push(key);
      const gap = filler(Math.floor(r() * 3000), i);
      parts.push(gap, legacy ? `"${cs(key, `r${i}`)}"` : ` ${key} `);
    }
    const text = parts.join('');
    const findings = await scanBytes(Buffer.from(text), randomSizes(10, 1, 65536));
    expect(findings.map((f) => f.secret)).toEqual(secrets);
    findings.forEach((f, i) => expectAt(f, text, secrets[i]!));
    // offsets strictly increase: each finding reported once, in source order
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.offset).toBeGreaterThan(findings[i - 1]!.offset);
  });
});

describe('encodings', () => {
  const key = generateLegacyKey('enc');
  // é is 2 UTF-8 bytes and 1 UTF-16 unit; 😀 is 4 UTF-8 bytes and 2 UTF-16 units.
  const text = `é😀\r\n  "x": "${cs(key)}"\n`;
  const index = text.indexOf(key);
  // Hand-computed: line 2; column = 2 spaces + `"x": "` (6) + connection-string prefix + 1.
  const prefixLength = 'Endpoint=https://chat.service.signalr.net;AccessKey='.length;
  const column = 2 + 6 + prefixLength + 1;

  it.each([
    ['utf8', 0 + 2 + 4 + 2 + (column - 1), 44],
    ['utf8bom', 3 + 2 + 4 + 2 + (column - 1), 44],
    ['utf16le', 2 + 2 * (1 + 2 + 2 + (column - 1)), 88],
    ['utf16be', 2 + 2 * (1 + 2 + 2 + (column - 1)), 88],
  ] as const)('%s: line, UTF-16 column, byte offset and byte length', async (enc, offset, length) => {
    expect(byteOffsetOf(text, index, enc)).toBe(offset); // the helper agrees with the hand count
    for (const sizes of [() => 1, () => 3, randomSizes(11, 1, 64), () => 65536]) {
      const scan = scanStream(chunked(encodeText(text, enc), sizes));
      const findings = await collect(scan);
      expect(findings.map((f) => [f.line, f.column, f.endColumn, f.offset, f.length, f.secret])).toEqual([[2, column, column + 44, offset, length, key]]);
      expect(scan.stats.encoding).toBe(enc === 'utf16le' ? 'utf-16le' : enc === 'utf16be' ? 'utf-16be' : 'utf-8');
    }
  });

  it('a BOM is not part of the first line or column', async () => {
    const ident = generateIdentifiableKey('bom-first');
    for (const enc of ['utf8bom', 'utf16le', 'utf16be'] as const) {
      const findings = await scanBytes(encodeText(ident, enc), () => 1);
      expect(findings.map((f) => [f.line, f.column, f.offset])).toEqual([[1, 1, enc === 'utf8bom' ? 3 : 2]]);
    }
  });
});

describe('binary and empty input', () => {
  const key = generateIdentifiableKey('binary');

  it('a NUL early rejects with SkippedInputError("binary"), yielding no finding first', async () => {
    const text = `${key}\n\0\x01\x02 binary ${key}`;
    for (const sizes of [() => 1, () => 7, () => 65536]) {
      const seen: Finding[] = [];
      const run = async (): Promise<void> => {
        for await (const f of scanStream(chunked(Buffer.from(text, 'latin1'), sizes))) seen.push(f);
      };
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SkippedInputError);
      expect((error as SkippedInputError).reason).toBe('binary');
      expect((error as SkippedInputError).message).toBe('skipped: binary');
      expect(seen).toEqual([]);
    }
  });

  it('a NUL anywhere in the first BINARY_SNIFF_BYTES bytes rejects; a short file with a NUL too', async () => {
    expect(BINARY_SNIFF_BYTES).toBe(8000);
    for (const at of [0, 1, 4000, BINARY_SNIFF_BYTES - 1]) {
      const bytes = Buffer.alloc(20000, 0x61);
      bytes[at] = 0;
      await expect(scanBytes(bytes, () => 512), `NUL at ${at}`).rejects.toMatchObject({ name: 'SkippedInputError', reason: 'binary' });
    }
    await expect(scanBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), () => 1)).rejects.toBeInstanceOf(SkippedInputError);
  });

  it('UTF-16 with a BOM is text although it holds NUL bytes', async () => {
    const findings = await scanBytes(encodeText(`k = ${key}`, 'utf16le'), () => 5);
    expect(findings.map((f) => f.secret)).toEqual([key]);
  });

  it('empty input yields no findings and no error', async () => {
    for (const source of [
      (async function* () {})(),
      (async function* () {
        yield new Uint8Array(0);
      })(),
      Readable.from([]),
    ]) {
      const scan = scanStream(source);
      expect(await collect(scan)).toEqual([]);
      expect(scan.stats.bytes).toBe(0);
    }
  });

  it('a lone BOM yields no findings', async () => {
    for (const enc of ['utf8bom', 'utf16le', 'utf16be'] as const) expect(await scanBytes(encodeText('', enc), () => 1)).toEqual([]);
  });
});
