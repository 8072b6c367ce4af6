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
    if (f > 0) {
      keyCrossed ||= keyLength > 0;
      valueCrossed ||= valueLength > 0;
    }
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
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
