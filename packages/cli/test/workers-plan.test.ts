import { describe, expect, it } from 'vitest';
import { WORKER_BIG_BYTES, WORKER_MIN_FILES, workersToStart } from '../src/scan-pool.js';

describe('when workers are started', () => {
  it('by default, once the walk has found enough files for a big tree; never for a small one', () => {
    expect(workersToStart({ found: WORKER_MIN_FILES - 1, knownBytes: 0, jobs: 2, explicit: false, walkDone: false })).toBe(0);
    expect(workersToStart({ found: WORKER_MIN_FILES - 1, knownBytes: 0, jobs: 2, explicit: false, walkDone: true })).toBe(0);
    expect(workersToStart({ found: WORKER_MIN_FILES, knownBytes: 0, jobs: 2, explicit: false, walkDone: false })).toBe(2);
    expect(workersToStart({ found: WORKER_MIN_FILES, knownBytes: 0, jobs: 3, explicit: false, walkDone: false })).toBe(3);
  });
  it('for big files of known size', () => {
    expect(workersToStart({ found: 2, knownBytes: WORKER_BIG_BYTES, jobs: 2, explicit: false, walkDone: false })).toBe(2);
    expect(workersToStart({ found: 2, knownBytes: WORKER_BIG_BYTES / 2, jobs: 2, explicit: false, walkDone: true })).toBe(0);
  });
  it('with an explicit --jobs: as many as asked, no more than files, once known', () => {
    expect(workersToStart({ found: 3, knownBytes: 0, jobs: 4, explicit: true, walkDone: false })).toBe(0); // more files may come
    expect(workersToStart({ found: 3, knownBytes: 0, jobs: 4, explicit: true, walkDone: true })).toBe(3);
    expect(workersToStart({ found: 4, knownBytes: 0, jobs: 4, explicit: true, walkDone: false })).toBe(4);
    expect(workersToStart({ found: WORKER_MIN_FILES, knownBytes: 0, jobs: 1, explicit: false, walkDone: false })).toBe(0);
    expect(workersToStart({ found: 1, knownBytes: 0, jobs: 4, explicit: true, walkDone: true })).toBe(0);
  });
});
