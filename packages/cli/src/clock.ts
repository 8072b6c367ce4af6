/**
 * Milliseconds from a monotonic clock. Not `performance.now()`: its first use loads perf_hooks,
 * a millisecond a pre-commit hook pays on every commit for a duration it prints.
 */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
