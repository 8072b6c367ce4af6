import { type ScanOptions, SkippedInputError, scanBytes, scanStream } from '@keyguard/core';
import { type AggregatedFinding, FindingAggregator } from '../aggregate.js';
import { IN_MEMORY_LIMIT } from './shared.js';
import { peek } from '../archive/byte-stream.js';
import type { ArchiveLimits } from '../archive/limits.js';
import type { ArchiveScan } from '../archive/scan-archive.js';
import { type ArchiveKind, archiveKindOf, SNIFF_BYTES } from '../archive/sniff.js';

// Apart from git/shared.ts so that a git mode can start its git processes before the scanner
// (the biggest module) is loaded: git then works while Node compiles.

export type BlobScan =
  /** `archive`: the blob is an archive, its findings and skipped entries are there. */
  | { kind: 'text'; findings: AggregatedFinding[]; bytes: number; suppressed: number; archive?: ArchiveScan }
  | { kind: 'binary'; bytes: number };

/**
 * Scans one blob's content with core's scanner: small blobs in memory (scanBytes: no stream
 * machinery per file, which a 1,000-file commit would pay 1,000 times), big ones streamed.
 */
export async function scanBlob(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  size: number,
  options: ScanOptions,
  archives?: ArchiveLimits,
  name = '',
): Promise<BlobScan> {
  const found = new FindingAggregator();
  if (size <= IN_MEMORY_LIMIT) {
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for await (const chunk of chunks) {
      chunk.copy(bytes, at);
      at += chunk.length;
    }
    const kind = archives === undefined ? undefined : archiveKindOf(bytes.subarray(0, Math.min(at, SNIFF_BYTES)));
    if (kind !== undefined) return scanArchiveBlob([bytes.subarray(0, at)], kind, name, options, archives!);
    try {
      const r = scanBytes(bytes.subarray(0, at), options, (f) => found.add(f));
      return { kind: 'text', findings: found.findings(), bytes: r.stats.bytes, suppressed: r.stats.suppressed };
    } catch (err) {
      if (err instanceof SkippedInputError) return { kind: 'binary', bytes: size };
      throw err;
    }
  }
  let source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = chunks;
  if (archives !== undefined) {
    const { head, stream } = await peek(toAsync(chunks), SNIFF_BYTES);
    source = stream;
    const kind = archiveKindOf(head);
    if (kind !== undefined) return scanArchiveBlob(stream, kind, name, options, archives);
  }
  const scan = scanStream(source, options);
  try {
    for await (const f of scan) found.add(f);
  } catch (err) {
    if (err instanceof SkippedInputError) return { kind: 'binary', bytes: size };
    throw err;
  }
  return { kind: 'text', findings: found.findings(), bytes: scan.stats.bytes, suppressed: scan.stats.suppressed };
}

async function* toAsync(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function scanArchiveBlob(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  kind: ArchiveKind,
  name: string,
  options: ScanOptions,
  archives: ArchiveLimits,
): Promise<BlobScan> {
  const { scanArchive } = await import('../archive/scan-archive.js');
  const archive = await scanArchive(toAsync(source), kind, name, options, archives);
  return { kind: 'text', findings: [], bytes: archive.bytes, suppressed: archive.suppressed, archive };
}
