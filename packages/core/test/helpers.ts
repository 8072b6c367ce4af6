/**
 * Shared test helpers. Everything here is computed independently of the scanner's own
 * position tracking, so tests can check the scanner against it.
 */
import { expect } from 'vitest';
import { type Finding, type ScanOptions, scanBytes as scanBytesSync, scanStream, scanText } from '../src/index.js';

/** Yields `bytes` in pieces whose sizes come from `nextSize` (called once per piece). */
export async function* chunked(bytes: Uint8Array, nextSize: () => number): AsyncGenerator<Uint8Array> {
  let at = 0;
  while (at < bytes.length) {
    const size = Math.max(1, Math.floor(nextSize()));
    yield bytes.subarray(at, Math.min(bytes.length, at + size));
    at += size;
  }
}

/** A tiny deterministic PRNG (mulberry32), so failures can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random chunk sizes in [min, max]. */
export function randomSizes(seed: number, min: number, max: number): () => number {
  const r = prng(seed);
  return () => min + Math.floor(r() * (max - min + 1));
}

export async function collect(source: AsyncIterable<Finding>): Promise<Finding[]> {
  const out: Finding[] = [];
  for await (const f of source) out.push(f);
  return out;
}

export async function scanBytes(bytes: Uint8Array, nextSize: () => number, options?: ScanOptions): Promise<Finding[]> {
  return collect(scanStream(chunked(bytes, nextSize), options));
}

/**
 * Every way keyguard scans text: scanText, scanBytes (with its pre-filter), and the stream in
 * odd-sized chunks; asserts they agree and returns the findings (all confidences).
 */
export async function scanEveryWay(text: string): Promise<Finding[]> {
  const low = { minConfidence: 'low' } as const;
  const viaText = scanText(text, low);
  const bytes = Buffer.from(text, 'utf8');
  expect(scanBytesSync(bytes, low).findings).toEqual(viaText);
  expect(await scanBytes(bytes, () => 4093, low)).toEqual(viaText);
  return viaText;
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Line and column (1-based, UTF-16) just after `prefix`: CRLF, LF and a lone CR each end a line.
 * Written as a plain split, unlike the scanner's incremental tracker.
 */
export function positionAfter(prefix: string): Position {
  const lines = prefix.split(/\r\n|\n|\r/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

/** Encodes text as a file would hold it (BOM included for every encoding but plain utf8). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

/** Byte offset of UTF-16 index `index` of `text` once encoded. */
export function byteOffsetOf(text: string, index: number, encoding: TextEncoding): number {
  const prefix = text.slice(0, index);
  if (encoding === 'utf8') return Buffer.byteLength(prefix, 'utf8');
  if (encoding === 'utf8bom') return 3 + Buffer.byteLength(prefix, 'utf8');
  return 2 + 2 * prefix.length;
}

/** UTF-16 index of a 1-based line/column, by splitting the text on its line breaks. */
export function indexOfPosition(text: string, line: number, column: number): number {
  const re = /\r\n|\n|\r/g;
  let lineStart = 0;
  for (let l = 1; l < line; l++) {
    const m = re.exec(text);
    if (m === null) throw new Error(`text has no line ${line}`);
    lineStart = m.index + m[0].length;
  }
  return lineStart + column - 1;
}

/** Decodes the source form of a secret: JSON escapes and URL escapes. */
export function decodeSourceForm(raw: string): string {
  return raw
    .replace(/\\u([0-9A-Fa-f]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\\//g, '/')
    .replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The parts of a finding that depend on where and how it was written, for comparisons. */
export function where(f: Finding): Pick<Finding, 'ruleId' | 'confidence' | 'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'length' | 'secret'> {
  const { ruleId, confidence, line, column, endLine, endColumn, offset, length, secret } = f;
  return { ruleId, confidence, line, column, endLine, endColumn, offset, length, secret };
}

/** The identifying key-shaped patterns a committed file must never hold. */
export const KEY_SHAPED = [
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=/g, // legacy
  /[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{26}/g, // identifiable
  /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g, // Entra client secret
];

/**
 * Line, column and UTF-8 byte offset of each of `indexes` (ascending) in `text`, in one pass:
 * the same rules as positionAfter, for long texts with many keys.
 */
export function positionsOf(text: string, indexes: readonly number[]): { line: number; column: number; offset: number }[] {
  const out: { line: number; column: number; offset: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let from = 0;
  let bytes = 0;
  const breaks = /\r\n|\n|\r/g;
  for (const index of indexes) {
    breaks.lastIndex = from;
    for (let m = breaks.exec(text); m !== null && m.index + m[0].length <= index; m = breaks.exec(text)) {
      line += 1;
      lineStart = m.index + m[0].length;
      breaks.lastIndex = lineStart;
    }
    bytes += Buffer.byteLength(text.slice(from, index), 'utf8');
    from = index;
    out.push({ line, column: index - lineStart + 1, offset: bytes });
  }
  return out;
}
