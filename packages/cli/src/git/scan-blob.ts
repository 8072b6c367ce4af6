import { type ScanOptions, SkippedInputError, scanBytes, scanStream } from '@keyguard/core';
import { type AggregatedFinding, FindingAggregator } from '../aggregate.js';
import { IN_MEMORY_LIMIT } from './shared.js';

// Apart from git/shared.ts so that a git mode can start its git processes before the scanner
// (the biggest module) is loaded: git then works while Node compiles.

export type BlobScan =
  | { kind: 'text'; findings: AggregatedFinding[]; bytes: number; suppressed: number }
  | { kind: 'binary'; bytes: number };

/**
 * Scans one blob's content with core's scanner: small blobs in memory (scanBytes: no stream
 * machinery per file, which a 1,000-file commit would pay 1,000 times), big ones streamed.
 */
export async function scanBlob(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, size: number, options: ScanOptions): Promise<BlobScan> {
  const found = new FindingAggregator();
  if (size <= IN_MEMORY_LIMIT) {
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for await (const chunk of chunks) {
      chunk.copy(bytes, at);
      at += chunk.length;
    }
    try {
      const r = scanBytes(bytes.subarray(0, at), options, (f) => found.add(f));
      return { kind: 'text', findings: found.findings(), bytes: r.stats.bytes, suppressed: r.stats.suppressed };
    } catch (err) {
      if (err instanceof SkippedInputError) return { kind: 'binary', bytes: size };
      throw err;
    }
  }
  const scan = scanStream(chunks, options);
  try {
    for await (const f of scan) found.add(f);
  } catch (err) {
    if (err instanceof SkippedInputError) return { kind: 'binary', bytes: size };
    throw err;
  }
  return { kind: 'text', findings: found.findings(), bytes: scan.stats.bytes, suppressed: scan.stats.suppressed };
}
