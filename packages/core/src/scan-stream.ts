import { TextDecoder } from 'node:util';
import type { Finding, ScanOptions } from './finding.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { latin1Utf8Model, stringUtf16Model, stringUtf32Model } from './text-model.js';
import { IncrementalScanner } from './scanner.js';
import { mayHoldSecretWholeOrInPieces } from './prefilter.js';

/** Raised (thrown from the iteration) when a source is not text keyguard can scan. */
export class SkippedInputError extends Error {
  readonly reason: 'binary';
  constructor(reason: 'binary') {
    super(`skipped: ${reason}`);
    this.name = 'SkippedInputError';
    this.reason = reason;
  }
}

/** Bytes looked at for a NUL, as git does, before a source is called binary. */
export const BINARY_SNIFF_BYTES = 8000;

/**
 * Byte or text chunks: an async iterable (a Node readable stream is one: it yields Buffers,
 * which are Uint8Arrays, or strings), or any iterable of chunks (an array, a generator). Declared with standard
 * types only, so that the published declarations need no `@types/node`.
 */
export type StreamSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface StreamStats {
  /** Bytes read from the source. */
  bytes: number;
  /** Findings dropped by inline markers or the allow list. */
  suppressed: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | undefined;
}

type Encoding = NonNullable<StreamStats['encoding']>;

function sniff(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  // UTF-32 LE's BOM starts like UTF-16 LE's: test it first.
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return { encoding: 'utf-32le', bom: 4 };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: utf16WithoutBom(head) ?? 'utf-8', bom: 0 };
}

/**
 * UTF-16 written without a BOM (PowerShell's `Out-File -Encoding Unicode` output piped, some
 * Windows tools): text that is mostly ASCII has a NUL in every other byte. Recognised when at
 * least 90% of one parity's bytes are NUL and under 10% of the other's, over the whole head
 * (at least 16 bytes), so a binary file with scattered NULs is still binary.
 */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, BINARY_SNIFF_BYTES) & ~1;
  if (n < 16) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul >= 0.9 * half && evenNul < 0.1 * half) return 'utf-16le';
  if (evenNul >= 0.9 * half && oddNul < 0.1 * half) return 'utf-16be';
  return undefined;
}

/** git's rule: a NUL byte in the first BINARY_SNIFF_BYTES makes a (non-UTF-16) source binary. */
function hasNulInHead(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

function toBytes(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Bytes gathered before a window is scanned: big enough that per-window costs vanish. */
export const WINDOW_BYTES = 1 << 20;

/**
 * UTF-8 sources: windows are built from bytes (overlap tail + new chunks, one copy) and read
 * as latin1, so an index is a byte offset and no character is ever split.
 */
export class Utf8Windows {
  private tail: Buffer = Buffer.alloc(0);
  private tailStart = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  constructor(private readonly scanner: IncrementalScanner) {}

  /** `bytes` is a Buffer in every caller (a view on any other Uint8Array: no copy either way). */
  add(bytes: Uint8Array): Finding[] {
    const buffer = toBytes(bytes);
    const findings: Finding[] = [];
    // A caller's giant chunk is taken a window at a time, so no window outgrows WINDOW_BYTES.
    for (let at = 0; at < buffer.length; at += WINDOW_BYTES) {
      const piece = buffer.subarray(at, at + WINDOW_BYTES);
      this.pending.push(piece);
      this.pendingBytes += piece.length;
      if (this.pendingBytes >= WINDOW_BYTES) findings.push(...this.flush(false));
    }
    return findings;
  }

  flush(final: boolean): Finding[] {
    // One copy at most: none when the window is a single piece (most files are).
    const pieces = this.tail.length === 0 ? this.pending : [this.tail, ...this.pending];
    const window = pieces.length === 0 ? this.tail : pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    this.pending = [];
    this.pendingBytes = 0;
    const { findings, keepFrom } = this.scanner.scanWindow(window.toString('latin1'), this.tailStart, final);
    this.tail = window.subarray(keepFrom - this.tailStart);
    this.tailStart = keepFrom;
    return findings;
  }
}

/** UTF-16 sources (with BOM) are decoded to strings and scanned as they are. */
class Utf16Text {
  private readonly decoder: TextDecoder;
  constructor(
    private readonly scanner: IncrementalScanner,
    encoding: 'utf-16le' | 'utf-16be',
  ) {
    this.decoder = new TextDecoder(encoding, { ignoreBOM: true });
  }

  add(bytes: Buffer): Finding[] {
    return this.scanner.push(this.decoder.decode(bytes, { stream: true }));
  }

  flush(): Finding[] {
    return [...this.scanner.push(this.decoder.decode(new Uint8Array(0))), ...this.scanner.finish()];
  }
}

/** UTF-32 sources (with BOM): code points decoded to a string, a partial unit kept for the next chunk. */
class Utf32Text {
  private carry: Buffer = Buffer.alloc(0);
  constructor(
    private readonly scanner: IncrementalScanner,
    private readonly bigEndian: boolean,
  ) {}

  add(bytes: Buffer): Finding[] {
    const data = this.carry.length === 0 ? bytes : Buffer.concat([this.carry, bytes]);
    const whole = data.length & ~3;
    this.carry = Buffer.from(data.subarray(whole));
    let text = '';
    const parts: string[] = [];
    for (let i = 0; i < whole; i += 4) {
      const cp = this.bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
      // Not a Unicode scalar value: U+FFFD, as TextDecoder does for broken UTF-16.
      text += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
      if (text.length >= 8192) {
        parts.push(text);
        text = '';
      }
    }
    parts.push(text);
    return this.scanner.push(parts.join(''));
  }

  flush(): Finding[] {
    const tail = this.carry.length > 0 ? this.scanner.push('\uFFFD') : [];
    return [...tail, ...this.scanner.finish()];
  }
}

/**
 * The synchronous heart of every byte scan: feed chunks, get findings. It holds back the first
 * BINARY_SNIFF_BYTES to recognise a BOM and look for NULs, and throws SkippedInputError('binary').
 */
export class ByteScan {
  readonly stats: StreamStats = { bytes: 0, suppressed: 0, encoding: undefined };
  private scanner: IncrementalScanner | undefined;
  private reader: Utf8Windows | Utf16Text | Utf32Text | undefined;
  private head: Buffer | undefined;

  constructor(private readonly options: ResolvedOptions) {}

  /** `chunk` is a Buffer in every caller (a view on any other Uint8Array: no copy either way). */
  push(bytes: Uint8Array): Finding[] {
    const chunk = toBytes(bytes);
    this.stats.bytes += chunk.length;
    if (this.reader !== undefined) return this.counted(this.reader.add(chunk));
    this.head = this.head === undefined ? chunk : Buffer.concat([this.head, chunk]);
    if (this.head.length < BINARY_SNIFF_BYTES) return [];
    const first = this.head;
    this.head = undefined;
    return this.counted(this.open(first));
  }

  finish(): Finding[] {
    const opened = this.reader === undefined ? this.open(this.head ?? Buffer.alloc(0)) : [];
    const reader = this.reader!;
    return this.counted([...opened, ...(reader instanceof Utf8Windows ? reader.flush(true) : reader.flush())]);
  }

  private open(bytes: Buffer): Finding[] {
    const { encoding, bom } = sniff(bytes);
    if (encoding === 'utf-8' && hasNulInHead(bytes)) {
      throw new SkippedInputError('binary');
    }
    this.stats.encoding = encoding;
    if (encoding === 'utf-8') {
      this.scanner = new IncrementalScanner(this.options, latin1Utf8Model, bom);
      this.reader = new Utf8Windows(this.scanner);
    } else if (encoding === 'utf-32le' || encoding === 'utf-32be') {
      this.scanner = new IncrementalScanner(this.options, stringUtf32Model, bom);
      this.reader = new Utf32Text(this.scanner, encoding === 'utf-32be');
    } else {
      this.scanner = new IncrementalScanner(this.options, stringUtf16Model, bom);
      this.reader = new Utf16Text(this.scanner, encoding);
    }
    return this.reader.add(bytes.subarray(bom));
  }

  private counted(findings: Finding[]): Finding[] {
    if (this.scanner !== undefined) this.stats.suppressed = this.scanner.counters.suppressed;
    return findings;
  }
}

/**
 * A scan of one stream: iterate it for findings; `stats` is complete once iteration ends.
 * Memory stays bounded by the window size plus a few KiB of overlap, however long the lines.
 */
export class StreamScan implements AsyncIterable<Finding> {
  private readonly scan: ByteScan;
  constructor(
    private readonly source: StreamSource,
    options?: ScanOptions,
  ) {
    this.scan = new ByteScan(resolveOptions(options));
  }

  get stats(): StreamStats {
    return this.scan.stats;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Finding> {
    for await (const raw of this.source as AsyncIterable<Uint8Array | string>) yield* this.scan.push(toBytes(raw));
    yield* this.scan.finish();
  }
}

/** Scans a byte stream (a file, a git blob, stdin). Throws SkippedInputError for binary input. */
export function scanStream(source: StreamSource, options?: ScanOptions): StreamScan {
  return new StreamScan(source, options);
}

export interface BytesScanResult {
  findings: Finding[];
  stats: StreamStats;
}

/**
 * Scans bytes already in memory, synchronously (a small file read in one go, a git blob).
 * Same results as scanStream over the same bytes; throws SkippedInputError for binary input.
 * With `onFinding`, findings are handed over a window at a time as the scan goes and the
 * result's `findings` stays empty: memory then does not grow with the number of findings.
 */
export function scanBytes(bytes: Uint8Array, options?: ScanOptions, onFinding?: (finding: Finding) => void): BytesScanResult {
  const resolved = resolveOptions(options);
  const buffer = toBytes(bytes);
  // Most files cannot hold a secret, and the pre-filter tells so at memory speed. UTF-16 and
  // binary input take the full path (which also recognises them). The pre-filter's kernel also
  // tells where a secret written in pieces (split literals, wrapped lines) may be: only there
  // does the joined gate run.
  if (sniff(buffer).encoding === 'utf-8' && !hasNulInHead(buffer) && !mayHoldSecretWholeOrInPieces(buffer)) {
    return { findings: [], stats: { bytes: buffer.length, suppressed: 0, encoding: 'utf-8' } };
  }
  const scan = new ByteScan(resolved);
  if (onFinding === undefined) {
    const findings = [...scan.push(buffer), ...scan.finish()];
    return { findings, stats: scan.stats };
  }
  for (let at = 0; at < buffer.length; at += WINDOW_BYTES) {
    for (const f of scan.push(buffer.subarray(at, at + WINDOW_BYTES))) onFinding(f);
  }
  for (const f of scan.finish()) onFinding(f);
  return { findings: [], stats: scan.stats };
}
