import { type ScanOptions, scanStream, SkippedInputError } from '@keyguard/core';
import { FindingAggregator } from './aggregate.js';
import type { ScanArgs } from './args.js';
import type { CliIO } from './io.js';
import type { ScanOutcome, SkippedEntry } from './outcome.js';
import { toPosix } from './paths.js';
import { nowMs } from './clock.js';

/** `keyguard scan -`: standard input as one file (loaded only then, with the scanner). */
export async function scanStdin(args: ScanArgs, scanOptions: ScanOptions, io: CliIO): Promise<ScanOutcome> {
  const started = nowMs();
  const name = toPosix(args.stdinFilename ?? '<stdin>');
  const scan = scanStream(io.stdin, scanOptions);
  const found = new FindingAggregator();
  const skipped: SkippedEntry[] = [];
  try {
    for await (const f of scan) found.add(f);
  } catch (error) {
    if (!(error instanceof SkippedInputError)) throw error;
    skipped.push({ path: name, reason: error.reason });
  }
  return {
    findings: found.findings().map((f) => ({ ...f, path: name })),
    skipped,
    files: skipped.length === 0 ? 1 : 0,
    bytes: skipped.length === 0 ? scan.stats.bytes : 0,
    suppressed: scan.stats.suppressed,
    ignored: 0,
    ignoredNotable: [],
    warnings: [],
    durationMs: nowMs() - started,
  };
}
