import { TextDecoder } from 'node:util';
import type { Finding, ScanOptions } from './finding.js';
import { resolveOptions } from './options.js';
import { type ByteCounter, utf16Bytes, utf8Bytes } from './position-tracker.js';
import { IncrementalScanner } from './scanner.js';

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

export type StreamSource = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

export interface StreamStats {
  /** Bytes read from the source. */
  bytes: number;
  /** Findings dropped by inline markers or the allow list. */
  suppressed: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined;
}

type Encoding = NonNullable<StreamStats['encoding']>;

function sniff(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Length of the longest prefix of `bytes` that ends on a whole UTF-8 sequence. */
function wholeUtf8Prefix(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b < 0x80) return n;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back >= need ? n : n - back;
  }
  return n;
}

/** Turns byte chunks into text without ever splitting a character. */
class ChunkDecoder {
  private carry: Uint8Array | undefined;
  private readonly utf16: TextDecoder | undefined;
  constructor(private readonly encoding: Encoding) {
    if (encoding !== 'utf-8') this.utf16 = new TextDecoder(encoding, { ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final: boolean): string {
    if (this.utf16 !== undefined) return this.utf16.decode(chunk, { stream: !final });
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    const cut = final ? bytes.length : wholeUtf8Prefix(bytes);
    if (cut < bytes.length) this.carry = bytes.slice(cut);
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, cut);
    return view.toString('utf8');
  }
}

function toBytes(chunk: Uint8Array | string | Buffer): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/**
 * A scan of one stream: iterate it for findings; `stats` is complete once iteration ends.
 * Memory stays bounded by the chunk size plus a few KiB of overlap, however long the lines.
 */
export class StreamScan implements AsyncIterable<Finding> {
  readonly stats: StreamStats = { bytes: 0, suppressed: 0, encoding: undefined };
  constructor(
    private readonly source: StreamSource,
    private readonly options?: ScanOptions,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Finding> {
    const resolved = resolveOptions(this.options);
    let scanner: IncrementalScanner | undefined;
    let decoder: ChunkDecoder | undefined;
    let head: Uint8Array | undefined;

    const start = (bytes: Uint8Array): Iterable<Finding> => {
      const { encoding, bom } = sniff(bytes);
      if (encoding === 'utf-8') {
        const probe = bytes.subarray(0, BINARY_SNIFF_BYTES);
        if (probe.indexOf(0) !== -1) throw new SkippedInputError('binary');
      }
      this.stats.encoding = encoding;
      const counter: ByteCounter = encoding === 'utf-8' ? utf8Bytes : utf16Bytes;
      scanner = new IncrementalScanner(resolved, counter, bom);
      decoder = new ChunkDecoder(encoding);
      return scanner.push(decoder.decode(bytes.subarray(bom), false));
    };

    for await (const raw of this.source as AsyncIterable<Uint8Array | string>) {
      const chunk = toBytes(raw);
      this.stats.bytes += chunk.length;
      if (scanner === undefined) {
        // Wait for enough bytes to recognise a BOM and sniff for NULs.
        head = head === undefined ? chunk : Buffer.concat([head, chunk]);
        if (head.length < BINARY_SNIFF_BYTES) continue;
        const first = head;
        head = undefined;
        yield* start(first);
        continue;
      }
      yield* scanner.push(decoder!.decode(chunk, false));
      this.stats.suppressed = scanner.counters.suppressed;
    }
    if (scanner === undefined) {
      yield* start(head ?? new Uint8Array(0));
    }
    yield* scanner!.push(decoder!.decode(new Uint8Array(0), true));
    yield* scanner!.finish();
    this.stats.suppressed = scanner!.counters.suppressed;
  }
}

/** Scans a byte stream (a file, a git blob, stdin). Throws SkippedInputError for binary input. */
export function scanStream(source: StreamSource, options?: ScanOptions): StreamScan {
  return new StreamScan(source, options);
}
