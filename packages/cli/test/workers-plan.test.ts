import { describe, expect, it } from 'vitest';
import { shouldUseWorkers, WORKER_BIG_BYTES, WORKER_MIN_FILES } from '../src/scan-files.js';

const files = (count: number, size = -1) => Array.from({ length: count }, (_, i) => ({ abs: `/t/${i}`, size }));

describe('when workers are started', () => {
  it('not for small trees by default: a worker start costs more than it saves', () => {
    expect(shouldUseWorkers(files(WORKER_MIN_FILES - 1), 2)).toBe(false);
    expect(shouldUseWorkers(files(WORKER_MIN_FILES), 2)).toBe(true);
  });
  it('for big files of known size', () => {
    expect(shouldUseWorkers(files(2, WORKER_BIG_BYTES / 2), 2)).toBe(true);
    expect(shouldUseWorkers(files(2, WORKER_BIG_BYTES / 4), 2)).toBe(false);
  });
  it('always when --jobs is given explicitly, never with one job or one file', () => {
    expect(shouldUseWorkers(files(3), 4, true)).toBe(true);
    expect(shouldUseWorkers(files(WORKER_MIN_FILES), 1)).toBe(false);
    expect(shouldUseWorkers(files(1), 4, true)).toBe(false);
  });
});
