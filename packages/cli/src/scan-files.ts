import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { borrowScanBuffer, type ScanOptions, scanBytes, scanStream, SkippedInputError } from '@keyguard/core';
import { type AggregatedFinding, FindingAggregator, occurrencesOf } from './aggregate.js';
import type { ArchiveLimits } from './archive/limits.js';
import type { ArchiveScan } from './archive/scan-archive.js';
import { archiveKindOf, SNIFF_BYTES } from './archive/sniff.js';
import { peek } from './archive/byte-stream.js';
import type { SkipReason } from './outcome.js';
import { entryKind, errorReason } from './walk.js';

/** Read size: big enough to be fast, small enough that a 5 GB file costs what a small one does. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/** A file's findings, repeats of one secret aggregated (see aggregate.ts). */
export type FileResult =
  | { abs: string; status: 'scanned'; findings: AggregatedFinding[]; bytes: number; suppressed: number; archive?: ArchiveScan }
  | { abs: string; status: 'skipped'; reason: SkipReason; findings: AggregatedFinding[]; bytes: number };

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * What to open: the raw bytes of a path whose name is not valid UTF-8 (`abs` only shows it), else
 * `abs`. A Buffer, as a worker receives a plain Uint8Array.
 */
const openPath = (abs: string, raw: Uint8Array | undefined): string | Buffer =>
  raw === undefined ? abs : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);

/**
 * Files up to this size are read in one go and scanned synchronously (through core's
 * pre-filter); bigger ones stream through the matcher in 1 MiB reads. A thread keeps a buffer
 * this big at most. 32 MiB covers every file of the kernel tree (8 MiB left its ten biggest
 * headers, 140 MB, to the slower streamed path: 1.03 s vs 0.92 s for the whole tree).
 */
export const SYNC_READ_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Scans one small file synchronously: open (O_NONBLOCK, so a FIFO swapped in after the walk
 * cannot block), check the handle is a regular file, read it whole, scan it. Returns undefined
 * when the file is too big for that, and the caller streams it instead. Most files of a tree
 * take this path: four async round trips per file cost more than scanning it.
 */
export function scanSmallFile(abs: string, options: ScanOptions, raw?: Uint8Array, archives?: ArchiveLimits): FileResult | undefined {
  let fd: number;
  try {
    fd = openSync(openPath(abs, raw), constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  }
  try {
    // bigint: Node's float stat buffer stays untouched (see findConfigFile in config.ts).
    const stats = fstatSync(fd, { bigint: true });
    const kind = entryKind(stats);
    if (kind !== 'file') return { abs, status: 'skipped', reason: kind, findings: [], bytes: 0 };
    const size = Number(stats.size);
    if (size > SYNC_READ_MAX_BYTES) return undefined; // too big to read whole
    // Read into core's pre-filter memory, which scanBytes checks without a copy (most files end
    // there); the buffer is reused for the next file (scanBytes copies what it keeps).
    const readBuffer = borrowScanBuffer(Math.max(size, 1));
    // Size 0: an empty file (a tree may hold thousands: __init__.py, .gitkeep), scanned here; or
    // a procfs-like file, which says 0 whatever it holds: one byte read tells, and that one streams.
    if (size === 0 && readSync(fd, readBuffer, 0, 1, 0) > 0) return undefined;
    let read = 0;
    while (read < size) {
      const n = readSync(fd, readBuffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    // An archive is read as a stream by scanFile (rare enough that reading it twice costs nothing).
    if (archives !== undefined && archiveKindOf(readBuffer.subarray(0, Math.min(read, SNIFF_BYTES))) !== undefined) return undefined;
    const found = new FindingAggregator();
    const { stats: scanned } = scanBytes(readBuffer.subarray(0, read), options, (f) => found.add(f));
    return { abs, status: 'scanned', findings: found.findings(), bytes: scanned.bytes, suppressed: scanned.suppressed };
  } catch (error) {
    if (error instanceof SkippedInputError) return { abs, status: 'skipped', reason: error.reason, findings: [], bytes: 0 };
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  } finally {
    closeSync(fd);
  }
}

/**
 * A small file synchronously, a big one streamed. Not an async function: most files are done
 * synchronously, and a promise per file is measurable over a tree (await only a promise).
 */
export function scanAnyFile(
  abs: string,
  options: ScanOptions,
  onBytes?: (bytes: number) => void,
  raw?: Uint8Array,
  archives?: ArchiveLimits,
): FileResult | Promise<FileResult> {
  const small = scanSmallFile(abs, options, raw, archives);
  if (small === undefined) return scanFile(abs, options, onBytes, raw, archives);
  onBytes?.(small.bytes);
  return small;
}

/**
 * Scans one file, streaming it through core. Opens with O_NONBLOCK and checks the open handle
 * is a regular file, so a FIFO swapped in after the walk still cannot hang the scan.
 */
export async function scanFile(
  abs: string,
  options: ScanOptions,
  onBytes?: (bytes: number) => void,
  raw?: Uint8Array,
  archives?: ArchiveLimits,
): Promise<FileResult> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(openPath(abs, raw), constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  }
  const found = new FindingAggregator();
  let stream: ReturnType<fs.FileHandle['createReadStream']> | undefined;
  try {
    const stats = await handle.stat();
    const kind = entryKind(stats);
    if (kind !== 'file') return { abs, status: 'skipped', reason: kind, findings: [], bytes: 0 };
    stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, autoClose: false, start: 0 });
    let source: AsyncIterable<Uint8Array> = onBytes === undefined ? stream : counted(stream, onBytes);
    if (archives !== undefined) {
      const { head, stream: whole } = await peek(source, SNIFF_BYTES);
      source = whole;
      const kind = archiveKindOf(head);
      if (kind !== undefined) {
        const { scanArchive } = await import('./archive/scan-archive.js');
        const archive = await scanArchive(source, kind, path.basename(abs), options, archives);
        return { abs, status: 'scanned', findings: [], bytes: archive.bytes, suppressed: archive.suppressed, archive };
      }
    }
    const scan = scanStream(source, options);
    for await (const finding of scan) found.add(finding);
    return { abs, status: 'scanned', findings: found.findings(), bytes: scan.stats.bytes, suppressed: scan.stats.suppressed };
  } catch (error) {
    if (error instanceof SkippedInputError) return { abs, status: 'skipped', reason: error.reason, findings: [], bytes: 0 };
    // A read that fails half way: keep what was found before it (a leak is a leak).
    return { abs, status: 'skipped', reason: errorReason(error), findings: found.findings(), bytes: 0 };
  } finally {
    stream?.destroy();
    await handle.close().catch(() => undefined);
  }
}

/** Passes chunks through, telling `onBytes` how many went by (for progress inside big files). */
async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** What the scan of some files adds up to. Only notable results (skipped, or with findings) are kept. */
export interface ScanTally {
  /** Files scanned, and files skipped (those are also in `notable`). */
  files: number;
  skipped: number;
  bytes: number;
  suppressed: number;
  findings: number;
  notable: FileResult[];
}

export function emptyTally(): ScanTally {
  return { files: 0, skipped: 0, bytes: 0, suppressed: 0, findings: 0, notable: [] };
}

export function addResult(tally: ScanTally, result: FileResult): void {
  if (result.status === 'scanned') {
    tally.files += 1 + (result.archive?.files ?? 0);
    tally.bytes += result.bytes;
    tally.suppressed += result.suppressed;
  } else {
    tally.skipped += 1;
  }
  tally.findings += findingsIn(result);
  if (result.status !== 'scanned' || result.findings.length > 0 || (result.archive !== undefined && (result.archive.findings.length > 0 || result.archive.skipped.length > 0))) {
    tally.notable.push(result);
  }
}

/** Occurrences found in a file, or in the archive it is. */
export function findingsIn(result: FileResult): number {
  return occurrencesOf(result.findings) + (result.status === 'scanned' && result.archive !== undefined ? occurrencesOf(result.archive.findings) : 0);
}

export function mergeTally(into: ScanTally, from: ScanTally): void {
  into.files += from.files;
  into.skipped += from.skipped;
  into.bytes += from.bytes;
  into.suppressed += from.suppressed;
  into.findings += from.findings;
  for (const result of from.notable) into.notable.push(result);
}
