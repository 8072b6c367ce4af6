/** A scan worker: receives file paths, answers with each file's findings. Loaded from dist/. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanOptions } from '@keyguard/core';
import { scanFile, WORKER_PROGRESS_BYTES, type WorkerRequest, type WorkerResponse } from './scan-files.js';

const { scanOptions, progress } = workerData as { scanOptions: ScanOptions; progress: boolean };

parentPort?.on('message', (request: WorkerRequest) => {
  let pending = 0;
  const onBytes = progress
    ? (bytes: number): void => {
        pending += bytes;
        if (pending >= WORKER_PROGRESS_BYTES) {
          parentPort!.postMessage({ id: request.id, bytes: pending } satisfies WorkerResponse);
          pending = 0;
        }
      }
    : undefined;
  scanFile(request.abs, scanOptions, onBytes).then(
    (result) => parentPort!.postMessage({ id: request.id, result, ...(progress ? { bytes: pending } : {}) } satisfies WorkerResponse),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: String((error as Error)?.message ?? error) } satisfies WorkerResponse),
  );
});
