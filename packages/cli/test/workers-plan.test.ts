import { describe, expect, it } from 'vitest';
import { WORKER_BIG_BYTES, WORKER_MIN_FILES, workersToStart } from '../src/scan-pool.js';

// workersToStart(found so far, known bytes, jobs, --jobs given, walk over)
describe('when workers are started', () => {
  it('by default, once the walk has found enough files for a big tree; never for a small one', () => {
    expect(workersToStart(WORKER_MIN_FILES - 1, 0, 2, false, false)).toBe(0);
    expect(workersToStart(WORKER_MIN_FILES - 1, 0, 2, false, true)).toBe(0);
    expect(workersToStart(WORKER_MIN_FILES, 0, 2, false, false)).toBe(2);
    expect(workersToStart(WORKER_MIN_FILES, 0, 3, false, false)).toBe(3);
  });
  it('for big files of known size', () => {
    expect(workersToStart(2, WORKER_BIG_BYTES, 2, false, false)).toBe(2);
    expect(workersToStart(2, WORKER_BIG_BYTES / 2, 2, false, true)).toBe(0);
  });
  it('with an explicit --jobs: as many as asked, no more than files, once known', () => {
    expect(workersToStart(3, 0, 4, true, false)).toBe(0); // more files may come
    expect(workersToStart(3, 0, 4, true, true)).toBe(3);
    expect(workersToStart(4, 0, 4, true, false)).toBe(4);
    expect(workersToStart(WORKER_MIN_FILES, 0, 1, false, false)).toBe(0);
    expect(workersToStart(1, 0, 4, true, true)).toBe(0);
  });
});
