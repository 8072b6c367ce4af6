/** A scan worker: receives file paths, answers with each file's findings. Loaded from dist/. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanOptions } from '@keyguard/core';
import { scanFile, type WorkerRequest, type WorkerResponse } from './scan-files.js';

const { scanOptions } = workerData as { scanOptions: ScanOptions };

parentPort?.on('message', (request: WorkerRequest) => {
  scanFile(request.abs, scanOptions).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies WorkerResponse),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: String((error as Error)?.message ?? error) } satisfies WorkerResponse),
  );
});
