/** A scan worker: receives batches of file paths, answers with each batch's tally. Loaded from dist/. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanOptions } from '@keyguard/core';
import type { ArchiveLimits } from './archive/limits.js';
import { addResult, emptyTally, scanAnyFile } from './scan-files.js';
import { WORKER_PROGRESS_BYTES, type WorkerRequest, type WorkerResponse } from './scan-pool.js';

const { scanOptions, archives, progress } = workerData as { scanOptions: ScanOptions; archives?: ArchiveLimits; progress: boolean };

let pending = 0;
const onBytes = progress
  ? (bytes: number): void => {
      pending += bytes;
      if (pending >= WORKER_PROGRESS_BYTES) {
        parentPort!.postMessage({ bytes: pending } satisfies WorkerResponse);
        pending = 0;
      }
    }
  : undefined;

// Batches are handled one after another (messages queue up while one is being scanned).
let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const tally = emptyTally();
      for (const { abs, raw } of request.files) {
        const result = scanAnyFile(abs, scanOptions, onBytes, raw, archives);
        addResult(tally, result instanceof Promise ? await result : result);
      }
      const bytes = pending;
      pending = 0;
      parentPort!.postMessage({ tally, ...(progress ? { bytes } : {}) } satisfies WorkerResponse);
    } catch (error) {
      parentPort!.postMessage({ error: String((error as Error)?.message ?? error) } satisfies WorkerResponse);
    }
  });
});
