import type { Finding } from '@keyguard/core';

/**
 * Repeats of one secret in one file, reported once: a million copies of a connection string
 * would otherwise cost a million findings in memory and in every report. The first occurrence
 * is kept whole; the others add to its count and move its last position. Counts stay exact.
 */
export interface Repeats {
  /** How many times this secret (same rule, same fingerprint) occurs in the file; absent = 1. */
  occurrences?: number;
  /** The last occurrence's line and column, when there is more than one. */
  lastLine?: number;
  lastColumn?: number;
}

export type AggregatedFinding = Finding & Repeats;

/** A copy of a short string that does not keep the scan window it was sliced from alive. */
const own = (s: string): string => (s.length > 12 ? Buffer.from(s, 'utf8').toString('utf8') : s);

/** Findings of one file (or blob, or stream), aggregated as they come. */
export class FindingAggregator {
  private readonly byKey = new Map<string, AggregatedFinding>();
  /** Every occurrence, repeats included. */
  count = 0;

  add(f: Finding): void {
    this.count += 1;
    const key = `${f.ruleId}\u0000${f.fingerprint}`;
    const first = this.byKey.get(key);
    if (first === undefined) {
      const context = { ...f.context };
      if (context.endpoint !== undefined) context.endpoint = own(context.endpoint);
      if (context.keyword !== undefined) context.keyword = own(context.keyword);
      this.byKey.set(key, { ...f, secret: own(f.secret), message: own(f.message), context });
      return;
    }
    first.occurrences = (first.occurrences ?? 1) + 1;
    first.lastLine = f.line;
    first.lastColumn = f.column;
  }

  /** Distinct findings in the order first seen. */
  findings(): AggregatedFinding[] {
    return [...this.byKey.values()];
  }
}

/** Occurrences a list of findings stands for. */
export function occurrencesOf(findings: readonly Repeats[]): number {
  let n = 0;
  for (const f of findings) n += f.occurrences ?? 1;
  return n;
}
