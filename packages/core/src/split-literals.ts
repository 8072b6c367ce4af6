import { type Fragment, type JoinedRun, MAX_RUN_REACH, holdsSecretAcrossJoin } from './joined-runs.js';

/**
 * Runs of string literals joined within one expression, in any of the languages keys are
 * pasted into: `"a" + "b"` (C#, Java, JS/TS, Go, PowerShell), `"a" & "b"` (VB), `"a" .. "b"`
 * (Lua), `"a" "b"` (Python, C), and the same across a newline, bare or after a line
 * continuation (`\` Python, ` _` VB, backtick PowerShell). Literals may be prefixed (`@"…"`,
 * `$"…"`, `r"…"`, `f'…'`). No language is parsed: a run is found from a join whose both sides
 * hold secret characters, then grown literal by literal on each side.
 */

/** The most literals one run joins. */
const MAX_FRAGMENTS = 32;
/** The longest glue between two literals (blanks, one operator, line breaks). */
const MAX_GLUE = 64;

const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96;
const isBreak = (c: number): boolean => c === 10 || c === 13;
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
/** String prefixes: C# verbatim and interpolated, Python raw, bytes, f-strings, unicode. */
const isPrefixChar = (c: number): boolean => c === 64 || c === 36 || 'rRbBfFuU'.includes(String.fromCharCode(c));

/**
 * A join whose sides both hold secret characters: a key's or client secret's character, the
 * closing quote, glue, the opening quote (maybe prefixed), then such a character or a padding.
 * Only these are worth growing into runs; the glue is checked exactly afterwards (isGlue).
 */
const SECRET_JOIN = /["'`](?<=[A-Za-z0-9+/_~.=-]["'`])[\t\n\r +&._\\`]{0,64}?(?:[@$]{1,2}|[rRbBfFuU]{1,2})?["'`][A-Za-z0-9+/=%\\_~.-]/g;

/**
 * Is text[from, to) the glue of one expression: blanks and line breaks, at most one joining
 * operator (`+`, `&`, `..`), line continuations (`\`, `_`, backtick) right before a break?
 */
function isGlue(text: string, from: number, to: number): boolean {
  let operators = 0;
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue; // CRLF: counted at its LF
    if (isBreak(c)) breaks++;
    else if (c === 43 || c === 38) operators++;
    else if (c === 46 && text.charCodeAt(i + 1) === 46) {
      operators++;
      i++;
    } else if ((c === 92 || c === 95 || c === 96) && i + 1 < to && isBreak(text.charCodeAt(i + 1))) continue;
    else return false;
  }
  return operators <= 1 && breaks <= 2;
}

/** Is the character at i glue (a continuation character only right before a line break)? */
function isGlueChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 9 || isBreak(c) || c === 43 || c === 38 || c === 46) return true;
  return (c === 92 || c === 95 || c === 96) && isBreak(text.charCodeAt(i + 1));
}

/** Where a literal opening at `open` really starts: before its prefix, if it has one. */
function prefixStart(text: string, open: number): number {
  let p = open;
  while (p > open - 2 && p > 0 && isPrefixChar(text.charCodeAt(p - 1))) p--;
  if (p === open) return open;
  // A prefix is a token of its own: `r"…"` but not `bar"…"`.
  return p > 0 && isWordChar(text.charCodeAt(p - 1)) ? open : p;
}

const isVerbatim = (text: string, open: number): boolean => text.charCodeAt(open - 1) === 64 || (text.charCodeAt(open - 1) === 36 && text.charCodeAt(open - 2) === 64);

/** The closing quote of the literal opening at `open`, on the same line, or -1. */
function closingQuote(text: string, open: number, limit: number): number {
  const quote = text.charCodeAt(open);
  const verbatim = isVerbatim(text, open);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) return -1;
    if (c === 92 && !verbatim) i++;
    else if (c === quote) {
      if (verbatim && text.charCodeAt(i + 1) === quote) i++; // "" in @"…"
      else return i;
    }
  }
  return -1;
}

/** The opening quote of the literal closing at `close`, on the same line, or -1. */
function openingQuote(text: string, close: number, limit: number): number {
  const quote = text.charCodeAt(close);
  for (let i = close - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) return -1;
    if (c !== quote) continue;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/** The literal joined before the one opening at `open`: its quotes, or undefined. */
function literalBefore(text: string, open: number, limit: number): { open: number; close: number } | undefined {
  const glueEnd = prefixStart(text, open);
  let i = glueEnd;
  while (i > 0 && glueEnd - i < MAX_GLUE && isGlueChar(text, i - 1)) i--;
  const close = i - 1;
  if (close < limit || !isQuote(text.charCodeAt(close)) || !isGlue(text, i, glueEnd)) return undefined;
  const before = openingQuote(text, close, limit);
  return before === -1 ? undefined : { open: before, close };
}

/** The literal joined after the one closing at `close`: its quotes, or undefined. */
function literalAfter(text: string, close: number, limit: number): { open: number; close: number } | undefined {
  let i = close + 1;
  while (i < limit && i - close <= MAX_GLUE && isGlueChar(text, i)) i++;
  const glueEnd = i;
  while (i < limit && i - glueEnd < 2 && isPrefixChar(text.charCodeAt(i))) i++;
  if (i >= limit || !isQuote(text.charCodeAt(i)) || !isGlue(text, close + 1, glueEnd)) return undefined;
  const after = closingQuote(text, i, limit);
  return after === -1 ? undefined : { open: i, close: after };
}

/**
 * The run of literals around the join whose closing quote is at `close` and opening quote at
 * `open`, reading nothing at or before `coveredTo`.
 */
function runAround(text: string, close: number, open: number, coveredTo: number): Fragment[] | undefined {
  // Literals of an earlier run are never read again: each literal is read for one run at most.
  const low = Math.max(0, close - MAX_RUN_REACH, coveredTo + 1);
  const high = Math.min(text.length, open + MAX_RUN_REACH);
  const leftOpen = openingQuote(text, close, low);
  const rightClose = closingQuote(text, open, high);
  if (leftOpen === -1 || rightClose === -1) return undefined;
  const fragments: Fragment[] = [
    { start: leftOpen + 1, end: close },
    { start: open + 1, end: rightClose },
  ];
  for (let l = leftOpen; fragments.length < MAX_FRAGMENTS; ) {
    const literal = literalBefore(text, l, low);
    if (literal === undefined) break;
    fragments.unshift({ start: literal.open + 1, end: literal.close });
    l = literal.open;
  }
  for (let r = rightClose; fragments.length < MAX_FRAGMENTS; ) {
    const literal = literalAfter(text, r, high);
    if (literal === undefined) break;
    fragments.push({ start: literal.open + 1, end: literal.close });
    r = literal.close;
  }
  return fragments;
}

/**
 * The runs revealed by joins that lie in [from, to) and carry a secret-sized run of characters
 * across a join. Each join is read once: joins inside a run already found are skipped, so the
 * cost stays linear however many literals a file joins.
 */
export function splitLiteralRuns(text: string, from: number, to: number): JoinedRun[] {
  const runs: JoinedRun[] = [];
  const pattern = new RegExp(SECRET_JOIN.source, 'g');
  pattern.lastIndex = from;
  let coveredTo = -1;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const close = m.index;
    const open = m.index + m[0].length - 2;
    pattern.lastIndex = open + 1; // the next join may close a one-character literal opened here
    if (close <= coveredTo) continue;
    const fragments = runAround(text, close, open, coveredTo);
    if (fragments === undefined) continue;
    const run: JoinedRun = { kind: 'split-literal', fragments };
    coveredTo = fragments[fragments.length - 1]!.end;
    if (holdsSecretAcrossJoin(text, run)) runs.push(run);
  }
  return runs;
}
