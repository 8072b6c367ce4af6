import { type ScanOptions, SkippedInputError, scanStream } from '@keyguard/core';
import { type AggregatedFinding, FindingAggregator } from '../aggregate.js';

// Apart from git/shared.ts so that a git mode can start its git processes before the scanner
// (the biggest module) is loaded: git then works while Node compiles.

export type BlobScan =
  | { kind: 'text'; findings: AggregatedFinding[]; bytes: number; suppressed: number }
  | { kind: 'binary'; bytes: number };

/** Scans one blob's content with core's streaming scanner. */
export async function scanBlob(chunks: AsyncIterable<Buffer>, size: number, options: ScanOptions): Promise<BlobScan> {
  const scan = scanStream(chunks, options);
  const found = new FindingAggregator();
  try {
    for await (const f of scan) found.add(f);
  } catch (err) {
    if (err instanceof SkippedInputError) return { kind: 'binary', bytes: size };
    throw err;
  }
  return { kind: 'text', findings: found.findings(), bytes: scan.stats.bytes, suppressed: scan.stats.suppressed };
}
