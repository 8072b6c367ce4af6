import type { SkippedEntry, SkipReason } from './outcome.js';

/**
 * Skipped entries that are normal in any tree: binary files, symbolic links (not followed
 * without --follow-symlinks) and the report file this run writes. They are counted on one
 * stderr line each (--verbose lists them), never annotated, and never an error under --strict;
 * every one is still in the report.
 */
const ROUTINE: ReadonlyMap<SkipReason, (n: number) => string> = new Map<SkipReason, (n: number) => string>([
  ['binary', (n: number) => `${n} binary ${n === 1 ? 'file' : 'files'}`],
  ['symlink', (n: number) => `${n} symbolic ${n === 1 ? 'link' : 'links'} (not followed: --follow-symlinks)`],
  ['report output', (n: number) => `${n} report ${n === 1 ? 'file' : 'files'} this run writes`],
]);

export const isRoutineSkip = (s: Pick<SkippedEntry, 'reason'>): boolean => ROUTINE.has(s.reason);

/** The stderr lines for a list of skipped entries: the others one by one, routine ones counted. */
export function skippedLines(skipped: readonly SkippedEntry[], verbose: boolean, show: (path: string) => string): string[] {
  const lines: string[] = [];
  const counts = new Map<SkipReason, number>();
  for (const s of skipped) {
    if (!verbose && isRoutineSkip(s)) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
    else lines.push(`keyguard: skipped ${show(s.path)} (${s.reason}${s.commit !== undefined ? ` in commit ${show(s.commit.slice(0, 12))}` : ''})`);
  }
  for (const [reason, n] of counts) lines.push(`keyguard: skipped ${ROUTINE.get(reason)!(n)}; --verbose lists them`);
  return lines;
}
