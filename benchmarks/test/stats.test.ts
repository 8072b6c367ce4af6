import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { accuracy, formatMs, mbPerSec, median, ratio, score, summarize } from '../src/stats.mjs';

describe('median and summarize', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
  it('summarizes finite values only', () => {
    expect(summarize([5, 1, NaN, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([]).n).toBe(0);
  });
});

describe('rates', () => {
  it('MB/s is 10^6 bytes per second', () => {
    expect(mbPerSec(2e6, 1000)).toBe(2);
    expect(Number.isNaN(mbPerSec(1, 0))).toBe(true);
  });
  it('ratio is NaN without a usable baseline', () => {
    expect(ratio(4, 2)).toBe(2);
    expect(Number.isNaN(ratio(4, 0))).toBe(true);
    expect(Number.isNaN(ratio(NaN, 2))).toBe(true);
  });
  it('formats durations', () => {
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(42.4)).toBe('42 ms');
    expect(formatMs(0.5)).toBe('0.50 ms');
  });
});

describe('score', () => {
  const truth = [
    { file: 'a.c', line: 3, form: 'x' },
    { file: 'a.c', line: 3, form: 'y' },
    { file: 'b.js', line: 10, form: 'x' },
  ];
  it('matches reports to planted lines as multisets', () => {
    const s = score(truth, [
      { file: 'a.c', line: 3 },
      { file: 'a.c', line: 3 },
      { file: 'a.c', line: 3 },
      { file: 'c.h', line: 1 },
    ]);
    expect(s.truePositives).toBe(2);
    expect(s.falsePositives).toBe(2);
    expect(s.falsePositiveLines).toBe(2);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.precision).toBe(0.5);
    expect(s.found.map((f: { form: string }) => f.form)).toEqual(['x', 'y']);
  });
  it('has no precision without findings', () => {
    const s = score(truth, []);
    expect(s.recall).toBe(0);
    expect(Number.isNaN(s.precision)).toBe(true);
    expect(accuracy({ truePositives: 0, falsePositives: 0, planted: 0 }).recall).toBeNaN();
  });
});
