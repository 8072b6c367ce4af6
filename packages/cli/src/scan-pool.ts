import { Worker } from 'node:worker_threads';
import type { ScanOptions } from '@keyguard/core';
import type { ArchiveLimits } from './archive/limits.js';
import { addResult, emptyTally, findingsIn, mergeTally, scanAnyFile, SYNC_READ_MAX_BYTES, type ScanTally } from './scan-files.js';
import type { WalkFile } from './walk.js';

/**
 * Below these, a worker's start (~90 ms: it loads core and the scanner) costs more than it
 * saves. Workers start while the walk goes on, as soon as it has found this many files (the
 * kernel's tree gets there in a few ms); a smaller tree is scanned on this thread.
 */
export const WORKER_MIN_FILES = 20_000;
/** Big files of known size are worth spreading too. */
export const WORKER_BIG_BYTES = 256 * 1024 * 1024;

/** Files per batch: enough to amortise a message, few enough to balance the workers. */
export const WORKER_BATCH_FILES = 64;
/** Batches a worker has queued, so it never waits for the next one. */
const BATCHES_IN_FLIGHT = 2;
/** How often (in bytes read) a worker reports progress within a batch. */
export const WORKER_PROGRESS_BYTES = 8 * 1024 * 1024;

/** Messages between the pool and scan-worker.js: paths travel in batches, tallies come back. */
export interface WorkerRequest {
  /** `raw`: the path's bytes when its name is not valid UTF-8. */
  files: { abs: string; raw?: Uint8Array }[];
}
export interface WorkerResponse {
  /** The tally of a whole batch. */
  tally?: ScanTally;
  error?: string;
  /** Bytes read since the last message (progress). */
  bytes?: number;
}

export interface ScanPoolOptions {
  scanOptions: ScanOptions;
  /** Limits for reading archives; undefined = archives are not opened (--no-archives). */
  archives?: ArchiveLimits;
  jobs: number;
  /** The user asked for this many jobs (--jobs), rather than the default. */
  jobsExplicit?: boolean;
  /** Files scanned (or skipped) and findings, as batches finish (progress). */
  onFiles?: (files: number, findings: number) => void;
  /** Bytes read so far, as they are read (progress). */
  onBytes?: (bytes: number) => void;
  /** Told how many workers were started (0 = this thread), and how many files had been found then. */
  onPlan?: (workers: number, found: number) => void;
}

/** What workersToStart decides from. */
export interface WorkerPlanInput {
  /** Files the walk has found so far. */
  found: number;
  /** Their bytes, as far as known (sizes the walk saw). */
  knownBytes: number;
  /** --jobs, or the automatic default. */
  jobs: number;
  /** --jobs was given. */
  explicit: boolean;
  /** The walk is over: `found` is all of it. */
  walkDone: boolean;
}

/**
 * How many workers to start, given what the walk has found so far (`walkDone`: all of it);
 * 0 = none, or not yet. By default only a big tree pays for them. An explicit --jobs is
 * obeyed, with no more workers than files.
 */
export function workersToStart({ found, knownBytes, jobs, explicit, walkDone }: WorkerPlanInput): number {
  if (jobs <= 1 || found < 2) return 0;
  if (explicit) return found >= jobs || walkDone ? Math.min(jobs, found) : 0;
  return found >= WORKER_MIN_FILES || knownBytes >= WORKER_BIG_BYTES ? jobs : 0;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

/**
 * Scans files as a walk finds them. Until the walk has found enough files to pay for workers,
 * they wait in a queue; then workers start (their start overlaps the rest of the walk) and take
 * batches. If the walk ends first, this thread scans the queue.
 */
export class ScanPool {
  /** Files found and not yet handed out: queue[head...]. */
  private queue: WalkFile[] = [];
  private head = 0;
  private queued = 0;
  private knownBytes = 0;
  private workers: PoolWorker[] | undefined;
  private walkDone = false;
  private readonly tally = emptyTally();
  private settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private terminating = false;

  constructor(private readonly options: ScanPoolOptions) {}

  /** A file found by the walk. */
  add(file: WalkFile): void {
    this.queue.push(file);
    this.queued += 1;
    if (file.size > 0) this.knownBytes += file.size;
    if (this.workers === undefined) {
      const count = workersToStart({ found: this.queued, knownBytes: this.knownBytes, jobs: this.options.jobs, explicit: this.options.jobsExplicit === true, walkDone: false });
      if (count > 0) this.startWorkers(count);
      return;
    }
    if (this.waiting() >= WORKER_BATCH_FILES) this.feed();
  }

  private waiting(): number {
    return this.queue.length - this.head;
  }

  /** The walk is over: scan what is left and give the total. */
  async finish(): Promise<ScanTally> {
    this.walkDone = true;
    if (this.workers === undefined) {
      const count = workersToStart({ found: this.queued, knownBytes: this.knownBytes, jobs: this.options.jobs, explicit: this.options.jobsExplicit === true, walkDone: true });
      if (count > 0) this.startWorkers(count);
    }
    if (this.workers === undefined) {
      this.options.onPlan?.(0, this.queued);
      await this.scanHere();
      return this.tally;
    }
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = { resolve, reject };
        if (this.failure !== undefined) reject(this.failure);
        else this.feed();
      });
    } finally {
      this.terminating = true;
      await Promise.all(this.workers.map((w) => w.worker.terminate()));
    }
    return this.tally;
  }

  /** The walk failed: stop any workers, scan nothing more. */
  async abort(): Promise<void> {
    this.terminating = true;
    this.queue = [];
    this.head = 0;
    if (this.workers !== undefined) await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private async scanHere(): Promise<void> {
    const { scanOptions, onBytes, onFiles, archives } = this.options;
    for (let i = 0; i < this.queue.length; i++) {
      const file = this.queue[i]!;
      const pending = scanAnyFile(file.abs, scanOptions, onBytes, file.raw, archives);
      const result = pending instanceof Promise ? await pending : pending;
      addResult(this.tally, result);
      onFiles?.(1, findingsIn(result));
      // Let progress output breathe between runs of synchronous small files.
      if (i % 256 === 255) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.queue = [];
  }

  private startWorkers(count: number): void {
    this.options.onPlan?.(count, this.queued);
    this.workers = Array.from({ length: count }, () => this.startWorker());
    this.feed();
  }

  private startWorker(): PoolWorker {
    const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
      workerData: { scanOptions: this.options.scanOptions, archives: this.options.archives, progress: this.options.onBytes !== undefined },
    });
    const entry: PoolWorker = { worker, inFlight: 0 };
    worker.on('message', (message: WorkerResponse) => {
      if (message.bytes !== undefined && message.bytes > 0) this.options.onBytes?.(message.bytes);
      if (message.error !== undefined) return this.fail(new Error(`scan worker failed: ${message.error}`));
      if (message.tally === undefined) return;
      mergeTally(this.tally, message.tally);
      this.options.onFiles?.(message.tally.files + message.tally.skipped, message.tally.findings);
      entry.inFlight -= 1;
      this.feed();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.terminating) this.fail(new Error(`scan worker exited early (code ${code})`));
    });
    return entry;
  }

  /** Hands batches to workers with room; settles once the walk is over and all came back. */
  private feed(): void {
    const workers = this.workers!;
    for (const entry of workers) {
      while (entry.inFlight < BATCHES_IN_FLIGHT && this.waiting() > 0) {
        // A partial batch only when the walk is over: more files may come to fill it.
        if (!this.walkDone && this.waiting() < WORKER_BATCH_FILES) return;
        entry.inFlight += 1;
        entry.worker.postMessage({ files: this.nextBatch() } satisfies WorkerRequest);
      }
    }
    if (this.walkDone && this.waiting() === 0 && workers.every((w) => w.inFlight === 0)) this.settle?.resolve();
  }

  /** Up to a batch of paths off the queue; a big file travels alone, so it cannot hold up small ones. */
  private nextBatch(): WorkerRequest['files'] {
    const paths: WorkerRequest['files'] = [];
    while (this.head < this.queue.length && paths.length < WORKER_BATCH_FILES) {
      const file = this.queue[this.head]!;
      const big = file.size > SYNC_READ_MAX_BYTES;
      if (big && paths.length > 0) break;
      paths.push(file.raw === undefined ? { abs: file.abs } : { abs: file.abs, raw: file.raw });
      this.head += 1;
      if (big) break;
    }
    // Drop what was handed out now and then, not at every batch (that would be quadratic).
    if (this.head >= 4096 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return paths;
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.settle?.reject(error);
  }
}
