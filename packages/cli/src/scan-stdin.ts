import { type ScanOptions, scanStream, SkippedInputError } from '@keyguard/core';
import { FindingAggregator } from './aggregate.js';
import type { ScanArgs } from './args.js';
import type { CliIO } from './io.js';
import type { ScanOutcome, SkippedEntry } from './outcome.js';
import { toPosix } from './paths.js';
import { nowMs } from './clock.js';
import { peek } from './archive/byte-stream.js';
import type { ArchiveLimits } from './archive/limits.js';
import { type ArchiveKind, archiveKindOf, SNIFF_BYTES } from './archive/sniff.js';

/** `keyguard scan -`: standard input as one file (loaded only then, with the scanner). */
export async function scanStdin(args: ScanArgs, scanOptions: ScanOptions, io: CliIO, archives?: ArchiveLimits): Promise<ScanOutcome> {
  const started = nowMs();
  const name = toPosix(args.stdinFilename ?? '<stdin>');
  let source: AsyncIterable<Uint8Array> = io.stdin as AsyncIterable<Uint8Array>;
  if (archives !== undefined) {
    const { head, stream } = await peek(source, SNIFF_BYTES);
    source = stream;
    const kind = archiveKindOf(head);
    if (kind !== undefined) return scanStdinArchive(source, kind, name, scanOptions, archives, started);
  }
  const scan = scanStream(source, scanOptions);
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

/** An archive on standard input: its entries are reported as `<stdin>!/path`. */
async function scanStdinArchive(source: AsyncIterable<Uint8Array>, kind: ArchiveKind, name: string, scanOptions: ScanOptions, archives: ArchiveLimits, started: number): Promise<ScanOutcome> {
  const [{ scanArchive }, { archiveEntries }] = await Promise.all([import('./archive/scan-archive.js'), import('./archive/report-paths.js')]);
  const scan = await scanArchive(source, kind, name.slice(name.lastIndexOf('/') + 1), scanOptions, archives);
  const { findings, skipped } = archiveEntries(name, scan, {});
  return {
    findings,
    skipped,
    files: 1 + scan.files,
    bytes: scan.bytes,
    suppressed: scan.suppressed,
    ignored: 0,
    ignoredNotable: [],
    warnings: [],
    durationMs: nowMs() - started,
  };
}
