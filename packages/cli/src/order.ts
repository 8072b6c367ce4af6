import type { ReportedFinding, ScanOutcome, SkippedEntry } from './outcome.js';

/**
 * The one order of findings in every report, whatever the input mode and the scheduling:
 * path, line, column, rule, then commit (history scans).
 */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.commit ?? '').localeCompare(b.commit ?? '')
  );
}

/** Skipped entries by path. */
export function compareSkipped(a: SkippedEntry, b: SkippedEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Deterministic order whatever the scheduling: sorted once, after every input mode, before the reporters. */
export function sortOutcome(outcome: ScanOutcome): ScanOutcome {
  return {
    ...outcome,
    findings: [...outcome.findings].sort(compareFindings),
    skipped: [...outcome.skipped].sort(compareSkipped),
  };
}
