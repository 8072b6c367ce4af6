import {
  MAX_DEPTH,
  MIN_ENCODED_RUN,
  REACH_CHARS,
  WHOLE_RUN_CHARS,
  decodeBase64Text,
  needleHits,
  runAround,
} from './base64-runs.js';
import type { RuleId } from './finding.js';
import { type RawMatch, findMatches } from './matcher.js';
import { latin1Utf8Model } from './text-model.js';

/** Decoded bytes a source may still spend (shared by every window of one scan). */
export interface DecodeBudget {
  remaining: number;
}

/** How far a needle may lie from the start of a key it reveals, in source characters. */
export const ENCODED_REACH = WHOLE_RUN_CHARS + 64;

/** Source characters past a window's last anchor that a base64 span covering it may read. */
export const ENCODED_LOOKAHEAD = ENCODED_REACH + REACH_CHARS + 8;

const alignDown = (n: number): number => n - (n % 4);
const alignUp = (n: number): number => n + ((4 - (n % 4)) % 4);

/**
 * Matches inside base64 runs of `text`, whose source start lies in [from, to). Positions are
 * those of the base64 characters that cover the secret (4 per 3 decoded bytes), `encoding` is
 * 'base64'. `runsMayStartBefore` says the text does not begin the source (a run touching index
 * 0 may have begun earlier: its alignment is then guessed from which one decodes to text).
 */
export function findEncodedMatches(
  text: string,
  from: number,
  to: number,
  enabled: ReadonlySet<RuleId>,
  budget: DecodeBudget,
  runsMayStartBefore = false,
  depth = 1,
): RawMatch[] {
  const hits = needleHits(text, Math.max(0, from - ENCODED_REACH), Math.min(text.length, to + ENCODED_REACH));
  const matches: RawMatch[] = [];
  const seen = new Set<string>();
  let decodedTo = -1;
  let run = { start: 0, end: -1 };
  for (const hit of hits) {
    if (hit < decodedTo) continue; // read (or found binary) with an earlier needle's span
    if (hit >= run.end) run = runAround(text, hit); // each run is measured once, however many needles it holds
    if (run.end - run.start < MIN_ENCODED_RUN) continue;
    const startKnown = !(runsMayStartBefore && run.start === 0);
    const whole = startKnown && run.end - run.start <= WHOLE_RUN_CHARS;
    for (const phase of startKnown ? [run.start % 4] : [0, 1, 2, 3]) {
      // Spans start on a 4-character boundary of the run, so they decode as the run does.
      const lo = whole ? run.start : Math.max(run.start, phase + alignDown(Math.max(0, hit - REACH_CHARS - phase)));
      const hi = whole ? run.end : Math.min(run.end, lo + alignUp(hit + REACH_CHARS - lo));
      if (budget.remaining <= 0) return matches;
      budget.remaining -= ((hi - lo) * 3) / 4;
      decodedTo = hi;
      const decoded = decodeBase64Text(text.slice(lo, hi));
      if (decoded === undefined) continue;
      const inner = findMatches(decoded, 0, decoded.length, enabled, latin1Utf8Model.decode);
      if (depth < MAX_DEPTH) inner.push(...findEncodedMatches(decoded, 0, decoded.length, enabled, budget, false, depth + 1));
      for (const m of inner) {
        // The base64 characters whose bits hold the secret's bytes.
        const start = lo + Math.floor(m.start / 3) * 4;
        const end = Math.min(hi, lo + Math.ceil(m.end / 3) * 4);
        if (start < from || start >= to) continue;
        const key = `${start}:${m.ruleId}:${m.secret}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matches.push({ ...m, start, end, context: { ...m.context, encoding: 'base64' } });
      }
      break;
    }
  }
  return matches;
}
