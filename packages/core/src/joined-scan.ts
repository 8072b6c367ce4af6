import type { RuleId } from './finding.js';
import { type JoinedMatch, type JoinedRun, MAX_RUN_REACH, matchesInRuns } from './joined-runs.js';
import type { DecodeValue } from './matcher.js';
import { bytesMayHoldPieces, textMayHoldPieces } from './piece-gate.js';
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

/** Runs in source order, each starting after the one before ends (a split run wins over a wrapped one it overlaps). */
function withoutOverlaps(runs: JoinedRun[]): JoinedRun[] {
  const sorted = runs.sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start);
  const kept: JoinedRun[] = [];
  for (const run of sorted) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && run.fragments[0]!.start < previous.fragments[previous.fragments.length - 1]!.end) continue;
    kept.push(run);
  }
  return kept;
}

/**
 * Secrets written in pieces (split literals, wrapped console lines) whose first character lies
 * in [from, to), each once, in source order. `text` must hold JOINED_LOOKBEHIND characters
 * before `from` (or start the source) and JOINED_LOOKAHEAD after `to` (or end it).
 */
export function findJoinedMatches(text: string, from: number, to: number, enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const joinsTo = Math.min(text.length, to + JOIN_SLACK);
  // The pieces of any run found lie within MAX_RUN_REACH of its join.
  if (!textMayHoldPieces(text, Math.max(0, from - MAX_RUN_REACH), Math.min(text.length, joinsTo + MAX_RUN_REACH))) return [];
  const runs = withoutOverlaps([...splitLiteralRuns(text, from, joinsTo), ...wrappedLineRuns(text, from, joinsTo)]);
  if (runs.length === 0) return [];
  const seen = new Set<number>();
  const out: JoinedMatch[] = [];
  for (const match of matchesInRuns(text, runs, enabled, decode)) {
    if (match.start < from || match.start >= to || seen.has(match.start)) continue;
    seen.add(match.start);
    out.push(match);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Could a secret written in pieces be in `bytes` (UTF-8)? False lets scanBytes skip a source
 * the pre-filter cleared: most sources fail piece-gate's tests, the rest look for runs.
 */
export function mayHoldJoinedSecret(bytes: Uint8Array): boolean {
  if (!bytesMayHoldPieces(bytes)) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return splitLiteralRuns(text, 0, text.length).length > 0 || wrappedLineRuns(text, 0, text.length).length > 0;
}
