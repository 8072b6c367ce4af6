import { REGION_REACH } from './connection-context.js';
import type { FindingContext, RuleId } from './finding.js';
import { type DecodeValue, MAX_SECRET_SPAN, type RawMatch, findMatches } from './matcher.js';

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

/** Characters of a base64 key as written: base64, its escapes (`%2B`, `\u002B`) and padding. */
const KEY_CHAR = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/%\\=');
/** Characters of a client secret's value (an Entra secret's alphabet). */
const VALUE_CHAR = charTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-');

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

/** Can the character end one piece of a written-out secret and the next piece begin with one? */
export const isSecretChar = (c: number): boolean => c < 128 && (KEY_CHAR[c] === 1 || VALUE_CHAR[c] === 1);

const isKeyChar = (c: number): boolean => c < 128 && KEY_CHAR[c] === 1;
const isValueChar = (c: number): boolean => c < 128 && VALUE_CHAR[c] === 1;

/**
 * A quick look at one join, before a run is grown around it: do key characters on both sides
 * make a key's length (44, counted up to that on each side), or does a client secret's value
 * (after `ClientSecret=`, within 64 characters) run on across it? `end` is where the piece
 * before the join ends, `next` where the piece after it starts.
 */
export function mayCrossWithSecret(text: string, end: number, next: number): boolean {
  let before = 0;
  while (before < PADDED_KEY && end - before > 0 && isKeyChar(text.charCodeAt(end - before - 1))) before++;
  let after = 0;
  while (after < PADDED_KEY && isKeyChar(text.charCodeAt(next + after))) after++;
  if (before > 0 && after > 0 && before + after >= PADDED_KEY) return true;
  if (!isValueChar(text.charCodeAt(next))) return false;
  let v = end;
  while (end - v < 64 && v > 0 && isValueChar(text.charCodeAt(v - 1))) v--;
  return v < end && isClientSecretBefore(text, v);
}

/** The shortest key written out (43 characters and its padding) and the longest unpadded one (identifiable, 84). */
const PADDED_KEY = 44;
const UNPADDED_KEY = 84;
/**
 * The longest run of key characters a key and its property name make (`SharedAccessKey=`, the
 * key, every character escaped): a longer run is a base64 blob, wrapped or split into literals
 * (a bundle's data URL, a certificate), where no key can be.
 */
const LONGEST_KEY_RUN = MAX_SECRET_SPAN + 32;
/** The shortest client secret the matcher reads (placeholders.ts: `too-short`). */
const SHORTEST_VALUE = 8;

const isClientSecretBefore = (text: string, i: number): boolean => text.charCodeAt(i - 1) === 61 && text.slice(Math.max(0, i - 13), i - 1).toLowerCase() === 'clientsecret';

/**
 * Could the run hold a secret across one of its joins? A run of key characters that crosses a
 * join and is long enough for a key (padded, or as long as an unpadded one) but no longer than
 * one, or a client secret's value that crosses one. Most joins in code and prose carry words:
 * they stop here, in time linear in the run's length, before any text is built.
 */
export function holdsSecretAcrossJoin(text: string, run: JoinedRun): boolean {
  let keyLength = 0;
  let keyCrossed = false;
  let padded = false;
  let valueLength = 0;
  let valueCrossed = false;
  let valueNamed = false;
  const keyEnds = (): boolean => keyCrossed && keyLength <= LONGEST_KEY_RUN && (keyLength >= UNPADDED_KEY || (keyLength >= PADDED_KEY && padded));
  const valueEnds = (): boolean => valueCrossed && valueNamed && valueLength >= SHORTEST_VALUE;
  for (let f = 0; f < run.fragments.length; f++) {
    const { start, end } = run.fragments[f]!;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      // A run crosses the join when it goes on with the piece's first character.
      if (i === start && f > 0) {
        keyCrossed ||= keyLength > 0 && c < 128 && KEY_CHAR[c] === 1;
        valueCrossed ||= valueLength > 0 && c < 128 && VALUE_CHAR[c] === 1;
      }
      if (c < 128 && KEY_CHAR[c] === 1) {
        keyLength++;
        if (c === 61 || ((c | 32) === 100 && text.charCodeAt(i - 1) === 51)) padded = true; // = or %3D, \u003D
      } else {
        if (keyEnds()) return true;
        keyLength = 0;
        keyCrossed = false;
        padded = false;
      }
      if (c < 128 && VALUE_CHAR[c] === 1) {
        if (valueLength === 0) valueNamed = isClientSecretBefore(text, i);
        valueLength++;
      } else {
        if (valueEnds()) return true;
        valueLength = 0;
        valueCrossed = false;
      }
    }
  }
  return keyEnds() || valueEnds();
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
  /** How the join before this segment was written (none for the first). */
  kind: JoinKind | undefined;
}

/** The segment holding joined index `index` (binary search: a cluster may join many runs). */
function segmentAt(segments: readonly Segment[], index: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid]!.at <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The matches whose secret crosses at least one join of `runs` (a secret inside a single piece
 * is the ordinary scan's to report), with source indexes: `start` in the first piece it covers,
 * `end` just past its last character in the last. `runs` are in source order and do not overlap;
 * runs whose contexts meet are joined in one text and scanned once (a file of split literals
 * costs one more pass of the matcher, not a context's worth per run).
 */
export function matchesInRuns(text: string, runs: readonly JoinedRun[], enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const out: JoinedMatch[] = [];
  for (let r = 0; r < runs.length; ) {
    let end = r + 1;
    while (end < runs.length && firstOf(runs[end]!).start - lastOf(runs[end - 1]!).end <= 2 * JOIN_CONTEXT) end++;
    out.push(...matchesInCluster(text, runs.slice(r, end), enabled, decode));
    r = end;
  }
  return out;
}

const firstOf = (run: JoinedRun): Fragment => run.fragments[0]!;
const lastOf = (run: JoinedRun): Fragment => run.fragments[run.fragments.length - 1]!;

function matchesInCluster(text: string, runs: readonly JoinedRun[], enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const first = firstOf(runs[0]!);
  const last = lastOf(runs[runs.length - 1]!);
  // The source before the first piece, between runs and after the last stays as it is: its
  // evidence words and connection-string properties are read as in the ordinary scan.
  const cuts: { end: number; next: number; kind: JoinKind }[] = [];
  for (const run of runs) {
    for (let f = 1; f < run.fragments.length; f++) cuts.push({ end: run.fragments[f - 1]!.end, next: run.fragments[f]!.start, kind: run.kind });
  }
  const segments: Segment[] = [];
  const parts: string[] = [];
  let at = 0;
  let from = Math.max(0, first.start - JOIN_CONTEXT);
  let kind: JoinKind | undefined;
  for (const cut of [...cuts, { end: Math.min(text.length, last.end + JOIN_CONTEXT), next: -1, kind: undefined }]) {
    segments.push({ at, from, length: cut.end - from, kind });
    parts.push(text.slice(from, cut.end));
    at += cut.end - from;
    from = cut.next;
    kind = cut.kind;
  }
  const joined = parts.join('');
  const toJoined = (s: number, index: number): number => segments[s]!.at + (index - segments[s]!.from);
  const toSource = (s: number, index: number): number => segments[s]!.from + (index - segments[s]!.at);
  const out: JoinedMatch[] = [];
  for (const match of findMatches(joined, toJoined(0, first.start), toJoined(segments.length - 1, last.end), enabled, decode)) {
    const startSegment = segmentAt(segments, match.start);
    const endSegment = segmentAt(segments, match.end - 1);
    if (startSegment === endSegment) continue;
    out.push({
      ...match,
      start: toSource(startSegment, match.start),
      end: toSource(endSegment, match.end - 1) + 1,
      context: { ...match.context, joined: segments[startSegment + 1]!.kind! },
    });
  }
  return out;
}
