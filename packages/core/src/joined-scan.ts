import type { RuleId } from './finding.js';
import { type JoinedMatch, MAX_RUN_REACH, matchesInRun } from './joined-runs.js';
import type { DecodeValue } from './matcher.js';
import { splitLiteralRuns } from './split-literals.js';
import { wrappedLineRuns } from './wrapped-lines.js';

/**
 * How far past a window's range joins are looked for: a secret starting in the range may cross
 * its first join this much later (the longest key, 88 characters, split into many literals).
 */
export const JOIN_SLACK = 256;

/**
 * The text after a window's range and before it that joined scans read: joins up to JOIN_SLACK
 * late, runs reaching MAX_RUN_REACH from them, and their context (joined-runs.ts).
 */
export const JOINED_LOOKAHEAD = JOIN_SLACK + MAX_RUN_REACH + 1024;
export const JOINED_LOOKBEHIND = MAX_RUN_REACH + 1024;

/**
 * Secrets written in pieces (split literals, wrapped console lines) whose first character lies
 * in [from, to), each once, in source order. `text` must hold JOINED_LOOKBEHIND characters
 * before `from` (or start the source) and JOINED_LOOKAHEAD after `to` (or end it).
 */
export function findJoinedMatches(text: string, from: number, to: number, enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const joinsTo = Math.min(text.length, to + JOIN_SLACK);
  const runs = [...splitLiteralRuns(text, from, joinsTo), ...wrappedLineRuns(text, from, joinsTo)];
  if (runs.length === 0) return [];
  const seen = new Set<number>();
  const out: JoinedMatch[] = [];
  for (const run of runs) {
    for (const match of matchesInRun(text, run, enabled, decode)) {
      if (match.start < from || match.start >= to || seen.has(match.start)) continue;
      seen.add(match.start);
      out.push(match);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Could a secret written in pieces be in `text`? False lets a scan skip a source the pre-filter cleared. */
export function mayHoldJoinedSecret(text: string): boolean {
  return splitLiteralRuns(text, 0, text.length).length > 0 || wrappedLineRuns(text, 0, text.length).length > 0;
}
