import { REGION_REACH } from './connection-context.js';
import type { FindingContext, RuleId } from './finding.js';
import { type DecodeValue, type RawMatch, findMatches } from './matcher.js';

/**
 * A secret written in pieces: split across string literals joined in one expression
 * (split-literals.ts) or wrapped at a fixed column in console output (wrapped-lines.ts). The
 * pieces' contents are joined, the glue between them dropped, and the joined text is scanned
 * with the same matcher; a finding is reported at the source position of its first piece.
 */

export type JoinKind = NonNullable<FindingContext['joined']>;

/** A piece of a secret's text: source indexes [start, end), delimiters excluded. */
export interface Fragment {
  start: number;
  end: number;
}

export interface JoinedRun {
  kind: JoinKind;
  /** In source order, at least two. */
  fragments: readonly Fragment[];
}

/**
 * How far a run may reach from the join that revealed it, each way. Together with the context
 * read around a run this fits the scanner's look-ahead and look-behind (scanner.ts).
 */
export const MAX_RUN_REACH = 768;

/** Source text kept before the first piece and after the last: a connection string's region. */
export const JOIN_CONTEXT = REGION_REACH;

/**
 * The shortest secret part a run must hold across one of its joins before the matcher looks:
 * the shortest secret (a client secret, 37 characters) less a few for its `~`-less variants.
 * A run of secret characters is what makes a join worth scanning; most joins in code carry words.
 */
export const MIN_SECRET_RUN = 36;

/** Characters a secret (a base64 key, its escapes, an Entra client secret) is written with. */
const SECRET_CHAR = (() => {
  const t = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/%\\_~.-') t[c.charCodeAt(0)] = 1;
  return t;
})();
export const isSecretChar = (c: number): boolean => c < 128 && SECRET_CHAR[c] === 1;

/**
 * Does a run of secret characters at least MIN_SECRET_RUN long cross one of the run's joins?
 * Linear in the run's length; no string is built.
 */
export function crossesWithSecretRun(text: string, run: JoinedRun): boolean {
  const { fragments } = run;
  let length = 0; // the current run of secret characters, carried over joins
  let crossed = false; // that run spans a join
  for (let f = 0; f < fragments.length; f++) {
    const { start, end } = fragments[f]!;
    if (f > 0 && length > 0) crossed = true;
    for (let i = start; i < end; i++) {
      if (isSecretChar(text.charCodeAt(i))) {
        length++;
        if (crossed && length >= MIN_SECRET_RUN) return true;
      } else {
        if (crossed && length >= MIN_SECRET_RUN) return true;
        length = 0;
        crossed = false;
      }
    }
  }
  return crossed && length >= MIN_SECRET_RUN;
}

/** A match found in a run's joined text, placed back in the source. */
export interface JoinedMatch extends RawMatch {
  context: FindingContext & { joined: JoinKind };
}

/** One piece of the joined text: joined[at, at + length) is source[from, from + length). */
interface Segment {
  at: number;
  from: number;
  length: number;
}

function segmentAt(segments: readonly Segment[], index: number): number {
  let s = 0;
  while (s + 1 < segments.length && segments[s + 1]!.at <= index) s++;
  return s;
}

/**
 * The matches in a run's joined text whose secret crosses at least one join (a secret inside a
 * single piece is the ordinary scan's to report), with source indexes: `start` in the first
 * piece it covers, `end` just past its last character in the last.
 */
export function matchesInRun(text: string, run: JoinedRun, enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const { fragments } = run;
  const first = fragments[0]!;
  const last = fragments[fragments.length - 1]!;
  const contextStart = Math.max(0, first.start - JOIN_CONTEXT);
  const contextEnd = Math.min(text.length, last.end + JOIN_CONTEXT);
  // The source before the first piece and after the last stays as it is: its evidence words
  // and connection-string properties are read as in the ordinary scan.
  const segments: Segment[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let f = 0; f < fragments.length; f++) {
    const from = f === 0 ? contextStart : fragments[f]!.start;
    const to = f === fragments.length - 1 ? contextEnd : fragments[f]!.end;
    segments.push({ at, from, length: to - from });
    parts.push(text.slice(from, to));
    at += to - from;
  }
  const joined = parts.join('');
  const toJoined = (f: number, index: number): number => segments[f]!.at + (index - segments[f]!.from);
  const toSource = (s: number, index: number): number => segments[s]!.from + (index - segments[s]!.at);
  const out: JoinedMatch[] = [];
  for (const match of findMatches(joined, toJoined(0, first.start), toJoined(fragments.length - 1, last.end), enabled, decode)) {
    const startSegment = segmentAt(segments, match.start);
    const endSegment = segmentAt(segments, match.end - 1);
    if (startSegment === endSegment) continue;
    out.push({
      ...match,
      start: toSource(startSegment, match.start),
      end: toSource(endSegment, match.end - 1) + 1,
      context: { ...match.context, joined: run.kind },
    });
  }
  return out;
}
