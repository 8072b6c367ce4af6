import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { type Finding, type ScanOptions, scanBytes, scanStream, SkippedInputError } from '@keyguard/core';
import { entryKind, errorReason, type WalkFile } from './walk.js';

/** Read size: big enough to be fast, small enough that a 5 GB file costs what a small one does. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Below these, a worker's start (~90 ms: it loads core and this module) costs more than it
 * saves. Measured on 2 cores over kernel subtrees: one thread wins up to ~6,000 files (285 ms vs
 * 390 ms), two workers from ~30,000 (1.03 s vs 0.90 s; 1.66 s vs 1.36 s for all 78,579).
 */
export const WORKER_MIN_FILES = 16_000;
/** Big files of known size are worth spreading too. */
export const WORKER_BIG_BYTES = 256 * 1024 * 1024;

export type FileResult =
  | { abs: string; status: 'scanned'; findings: Finding[]; bytes: number; suppressed: number }
  | { abs: string; status: 'skipped'; reason: string; findings: Finding[]; bytes: number };

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/** Files up to this size are read in one go and scanned synchronously; bigger ones stream. */
export const SYNC_READ_MAX_BYTES = 8 * 1024 * 1024;

/** One read buffer per thread, reused for every small file (scanBytes copies what it keeps). */
let readBuffer: Buffer | undefined;

/**
 * Scans one small file synchronously: open (O_NONBLOCK, so a FIFO swapped in after the walk
 * cannot block), check the handle is a regular file, read it whole, scan it. Returns undefined
 * when the file is too big for that, and the caller streams it instead. Most files of a tree
 * take this path: four async round trips per file cost more than scanning it.
 */
export function scanSmallFile(abs: string, options: ScanOptions): FileResult | undefined {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  }
  try {
    // bigint: Node's float stat buffer stays untouched (see findConfigFile in config.ts).
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile()) return { abs, status: 'skipped', reason: entryKind(stats), findings: [], bytes: 0 };
    const size = Number(stats.size);
    // Too big to read whole; or size 0, which procfs-like files claim whatever they hold.
    if (size > SYNC_READ_MAX_BYTES || size === 0) return undefined;
    if (readBuffer === undefined || readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, 1024 * 1024));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, readBuffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const { findings, stats: scanned } = scanBytes(readBuffer.subarray(0, read), options);
    return { abs, status: 'scanned', findings, bytes: scanned.bytes, suppressed: scanned.suppressed };
  } catch (error) {
    if (error instanceof SkippedInputError) return { abs, status: 'skipped', reason: error.reason, findings: [], bytes: 0 };
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  } finally {
    closeSync(fd);
  }
}

/** A small file synchronously, a big one streamed. */
export async function scanAnyFile(abs: string, options: ScanOptions, onBytes?: (bytes: number) => void): Promise<FileResult> {
  const small = scanSmallFile(abs, options);
  if (small === undefined) return scanFile(abs, options, onBytes);
  onBytes?.(small.bytes);
  return small;
}

/**
 * Scans one file, streaming it through core. Opens with O_NONBLOCK and checks the open handle
 * is a regular file, so a FIFO swapped in after the walk still cannot hang the scan.
 */
export async function scanFile(abs: string, options: ScanOptions, onBytes?: (bytes: number) => void): Promise<FileResult> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(abs, constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { abs, status: 'skipped', reason: errorReason(error), findings: [], bytes: 0 };
  }
  const findings: Finding[] = [];
  let stream: ReturnType<fs.FileHandle['createReadStream']> | undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { abs, status: 'skipped', reason: entryKind(stats), findings: [], bytes: 0 };
    stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, autoClose: false, start: 0 });
    const scan = scanStream(onBytes === undefined ? stream : counted(stream, onBytes), options);
    for await (const finding of scan) findings.push(finding);
    return { abs, status: 'scanned', findings, bytes: scan.stats.bytes, suppressed: scan.stats.suppressed };
  } catch (error) {
    if (error instanceof SkippedInputError) return { abs, status: 'skipped', reason: error.reason, findings: [], bytes: 0 };
    // A read that fails half way: keep what was found before it (a leak is a leak).
    return { abs, status: 'skipped', reason: errorReason(error), findings, bytes: 0 };
  } finally {
    stream?.destroy();
    await handle.close().catch(() => undefined);
  }
}

/** Passes chunks through, telling `onBytes` how many went by (for progress inside big files). */
async function* counted(source: AsyncIterable<Uint8Array | string>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * Workers pay off for many files or many bytes; an explicit --jobs is obeyed. The walk may
 * not know sizes (-1: it reads directory entries without a stat each); then the count decides.
 */
export function shouldUseWorkers(files: readonly WalkFile[], jobs: number, explicit = false): boolean {
  if (jobs <= 1 || files.length < 2) return false;
  if (explicit) return true;
  const bytes = files.reduce((sum, f) => sum + Math.max(0, f.size), 0);
  return files.length >= WORKER_MIN_FILES || bytes >= WORKER_BIG_BYTES;
}

export interface ScanFilesOptions {
  scanOptions: ScanOptions;
  jobs: number;
  /** The user asked for this many jobs (--jobs), rather than the default. */
  jobsExplicit?: boolean;
  onResult?: (result: FileResult) => void;
  /** Bytes read so far, as they are read (progress). */
  onBytes?: (bytes: number) => void;
  /** Told how many workers were started (0 = this thread). */
  onPlan?: (workers: number) => void;
}

/** Messages between the pool and scan-worker.js: files travel in batches, results too. */
export interface WorkerRequest {
  ids: number[];
  paths: string[];
}
export interface WorkerResponse {
  /** Results of a whole batch, in request order. */
  ids?: number[];
  results?: FileResult[];
  error?: string;
  /** Bytes read since the last message (progress). */
  bytes?: number;
}

/** Files per batch: enough to amortise a message, few enough to balance the workers. */
export const WORKER_BATCH_FILES = 64;
/** Batches a worker has queued, so it never waits for the next one. */
const BATCHES_IN_FLIGHT = 2;

/** How often (in bytes read) a worker reports progress within one file. */
export const WORKER_PROGRESS_BYTES = 8 * 1024 * 1024;

async function scanHere(files: readonly WalkFile[], options: ScanFilesOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  for (let i = 0; i < files.length; i++) {
    const result = await scanAnyFile(files[i]!.abs, options.scanOptions, options.onBytes);
    results[i] = result;
    options.onResult?.(result);
    // Let progress output breathe between runs of synchronous small files.
    if (i % 256 === 255) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}

async function scanInWorkers(files: readonly WalkFile[], options: ScanFilesOptions): Promise<FileResult[]> {
  const count = Math.min(options.jobs, files.length);
  options.onPlan?.(count);
  // Biggest first, so one large file does not finish alone at the end.
  const order = files.map((_, i) => i).sort((a, b) => files[b]!.size - files[a]!.size);
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
          workerData: { scanOptions: options.scanOptions, progress: options.onBytes !== undefined },
        });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let inFlight = 0;
          const feed = (): void => {
            while (inFlight < BATCHES_IN_FLIGHT && next < order.length) {
              // A big file travels alone, so it cannot hold up a batch of small ones.
              const ids: number[] = [];
              while (next < order.length && ids.length < WORKER_BATCH_FILES) {
                const id = order[next]!;
                if (ids.length > 0 && files[id]!.size > SYNC_READ_MAX_BYTES) break;
                ids.push(id);
                next += 1;
                if (files[id]!.size > SYNC_READ_MAX_BYTES) break;
              }
              inFlight += 1;
              worker.postMessage({ ids, paths: ids.map((id) => files[id]!.abs) } satisfies WorkerRequest);
            }
            if (inFlight === 0) resolve();
          };
          worker.on('message', (message: WorkerResponse) => {
            if (message.bytes !== undefined && message.bytes > 0) options.onBytes?.(message.bytes);
            if (message.error !== undefined) {
              reject(new Error(`scan worker failed: ${message.error}`));
              return;
            }
            if (message.results === undefined) return;
            message.results.forEach((result, k) => {
              results[message.ids![k]!] = result;
              options.onResult?.(result);
            });
            inFlight -= 1;
            feed();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (next < order.length || inFlight > 0 || code !== 0) reject(new Error(`scan worker exited early (code ${code})`));
          });
          feed();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** Scans every file, on this thread or in `jobs` workers; results come back in `files` order. */
export async function scanFiles(files: readonly WalkFile[], options: ScanFilesOptions): Promise<FileResult[]> {
  if (shouldUseWorkers(files, options.jobs, options.jobsExplicit)) return scanInWorkers(files, options);
  options.onPlan?.(0);
  return scanHere(files, options);
}
