// Pure helpers: no I/O, no clocks (unit-tested in test/stats.test.ts).
/** @import { Summary } from './types.mjs' */

/** @param {readonly number[]} values */
export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * { median, min, max, n } of a list of numbers (NaN-free input expected).
 * @param {readonly number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/**
 * Megabytes (10^6 bytes) per second.
 * @param {number} bytes
 * @param {number} ms
 */
export function mbPerSec(bytes, ms) {
  return ms > 0 ? bytes / 1e6 / (ms / 1000) : NaN;
}

/**
 * @param {number} a
 * @param {number} b
 */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
}

/**
 * Precision/recall from counts; NaN where undefined.
 * @param {{ truePositives: number, falsePositives: number, planted: number }} counts
 */
export function accuracy({ truePositives, falsePositives, planted }) {
  const found = truePositives + falsePositives;
  return {
    precision: found > 0 ? truePositives / found : NaN,
    recall: planted > 0 ? truePositives / planted : NaN,
  };
}

/**
 * Matches reported (file, line) pairs against the planted truth, as multisets: a line holding two
 * planted secrets needs two reports; reports beyond a line's planted count, or on lines with nothing
 * planted, are false positives. truth: [{ file, line, ... }]; reported: [{ file, line }].
 * Returns counts plus the planted entries that were found.
 * @template {{ file: string, line: number }} T
 * @param {readonly T[]} truth
 * @param {readonly { file: string, line: number }[]} reported
 */
export function score(truth, reported) {
  /** @type {(f: string, l: number) => string} */
  const key = (f, l) => `${f}\0${l}`;
  /** @type {Map<string, T[]>} */
  const open = new Map();
  for (const t of truth) {
    const k = key(t.file, t.line);
    let list = open.get(k);
    if (!list) open.set(k, (list = []));
    list.push(t);
  }
  /** @type {T[]} */
  const found = [];
  /** @type {Set<string>} */
  const falseKeys = new Set();
  let falsePositives = 0;
  for (const r of reported) {
    const k = key(r.file, r.line);
    const waiting = open.get(k);
    const first = waiting?.shift();
    if (first !== undefined) found.push(first);
    else {
      falsePositives++;
      falseKeys.add(k);
    }
  }
  return {
    findings: reported.length,
    planted: truth.length,
    truePositives: found.length,
    falsePositives,
    falsePositiveLines: falseKeys.size,
    ...accuracy({ truePositives: found.length, falsePositives, planted: truth.length }),
    found,
  };
}

/**
 * @param {number | null | undefined} x
 * @param {number} [digits]
 */
export function formatNumber(x, digits = 1) {
  if (x === undefined || x === null || !Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return x.toFixed(digits);
}

/** @param {number} ms */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** @param {number} x */
export function formatPct(x) {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}
