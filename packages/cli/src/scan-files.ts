import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { type Finding, type ScanOptions, scanStream, SkippedInputError } from '@keyguard/core';
import { entryKind, errorReason, type WalkFile } from './walk.js';

/** Read size: big enough to be fast, small enough that a 5 GB file costs what a small one does. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/** Below these, starting workers (~30 ms each) costs more than it saves. */
export const WORKER_MIN_FILES = 50;
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/** A few big files are worth spreading too. */
export const WORKER_BIG_BYTES = 64 * 1024 * 1024;

export type FileResult =
  | { abs: string; status: 'scanned'; findings: Finding[]; bytes: number; suppressed: number }
  | { abs: string; status: 'skipped'; reason: string; findings: Finding[]; bytes: number };

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

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

export function shouldUseWorkers(files: readonly WalkFile[], jobs: number): boolean {
  if (jobs <= 1 || files.length < 2) return false;
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (files.length >= WORKER_MIN_FILES && bytes >= WORKER_MIN_BYTES) return true;
  return bytes >= WORKER_BIG_BYTES;
}

export interface ScanFilesOptions {
  scanOptions: ScanOptions;
  jobs: number;
  onResult?: (result: FileResult) => void;
  /** Bytes read so far, as they are read (progress). */
  onBytes?: (bytes: number) => void;
  /** Told how many workers were started (0 = this thread). */
  onPlan?: (workers: number) => void;
}

/** Messages between the pool and scan-worker.js. */
export interface WorkerRequest {
  id: number;
  abs: string;
}
export interface WorkerResponse {
  id: number;
  result?: FileResult;
  error?: string;
  /** Bytes read since the last message about this file (progress). */
  bytes?: number;
}

/** How often (in bytes read) a worker reports progress within one file. */
export const WORKER_PROGRESS_BYTES = 8 * 1024 * 1024;

async function scanHere(files: readonly WalkFile[], options: ScanFilesOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  // A little concurrency overlaps reads with scanning, even on one thread.
  const lanes = Math.min(4, files.length);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length) {
        const i = next++;
        const result = await scanFile(files[i]!.abs, options.scanOptions, options.onBytes);
        results[i] = result;
        options.onResult?.(result);
      }
    }),
  );
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
          const feed = (): void => {
            if (next >= order.length) {
              resolve();
              return;
            }
            const id = order[next++]!;
            worker.postMessage({ id, abs: files[id]!.abs } satisfies WorkerRequest);
          };
          worker.on('message', (message: WorkerResponse) => {
            if (message.bytes !== undefined) {
              options.onBytes?.(message.bytes);
              if (message.result === undefined) return;
            }
            if (message.error !== undefined || message.result === undefined) {
              reject(new Error(`scan worker failed: ${message.error ?? 'no result'}`));
              return;
            }
            results[message.id] = message.result;
            options.onResult?.(message.result);
            feed();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (next < order.length || code !== 0) reject(new Error(`scan worker exited early (code ${code})`));
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
  if (shouldUseWorkers(files, options.jobs)) return scanInWorkers(files, options);
  options.onPlan?.(0);
  return scanHere(files, options);
}
