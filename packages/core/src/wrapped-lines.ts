import { type Fragment, type JoinedRun, MAX_RUN_REACH, holdsSecretAcrossJoin, isSecretChar, mayCrossWithSecret } from './joined-runs.js';

/**
 * Console output wrapped at a fixed column (a terminal's width, pasted `Get-AzSignalRKey` or
 * `az signalr key list` output): lines of exactly the same length N, then a last one no longer,
 * with a connection string running on from one to the next without any separator.
 */

/** The narrowest console width considered: shorter lines are not wrapped output. */
export const MIN_WRAP_WIDTH = 60;
/** The most lines one wrapped run joins. */
const MAX_LINES = 16;

const isBreak = (c: number): boolean => c === 10 || c === 13;
const isBlank = (c: number): boolean => c === 32 || c === 9 || Number.isNaN(c);

/** The start of the line holding index i (just after a break). */
function lineStartOf(text: string, i: number, limit: number): number {
  while (i > limit && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The end of the line holding index i (its break, or the text's end). */
function lineEndOf(text: string, i: number, limit: number): number {
  while (i < limit && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Where the line after the one ending at `end` starts (past CRLF, LF or CR). */
const nextLineStart = (text: string, end: number): number => (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1);
/** Where the line before the one starting at `start` ends (before CRLF, LF or CR). */
const previousLineEnd = (text: string, start: number): number => (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1);

/**
 * The wrapped lines around the line break at `breakAt`, or undefined when they are not wrapped
 * output; nothing at or before `coveredTo` is read.
 */
function linesAround(text: string, breakAt: number, coveredTo: number): Fragment[] | undefined {
  // Lines of an earlier run are never read again: each line is read for one run at most.
  const low = Math.max(0, breakAt - MAX_RUN_REACH, coveredTo + 1);
  const high = Math.min(text.length, breakAt + MAX_RUN_REACH);
  const start = lineStartOf(text, breakAt, low);
  const width = breakAt - start;
  // No line start within reach (text[start - 1] is then no break): too long a line.
  if (width < MIN_WRAP_WIDTH || (start > 0 && !isBreak(text.charCodeAt(start - 1)))) return undefined;
  const nextStart = nextLineStart(text, breakAt);
  const nextEnd = lineEndOf(text, nextStart, high);
  if (nextEnd - nextStart > width || (nextEnd === high && high < text.length)) return undefined;
  const lines: Fragment[] = [
    { start, end: breakAt },
    { start: nextStart, end: nextEnd },
  ];
  // Earlier lines of the same width that run on into this one (the Endpoint before the key).
  for (let first = start; lines.length < MAX_LINES && first > low; ) {
    const end = previousLineEnd(text, first);
    const begin = lineStartOf(text, end, low);
    if (end - begin !== width || (begin > 0 && !isBreak(text.charCodeAt(begin - 1))) || isBlank(text.charCodeAt(end - 1)) || isBlank(text.charCodeAt(first))) break;
    lines.unshift({ start: begin, end });
    first = begin;
  }
  // Later lines while the last one is still full.
  for (let last = lines[lines.length - 1]!; lines.length < MAX_LINES && last.end - last.start === width && last.end < high; ) {
    const begin = nextLineStart(text, last.end);
    const end = lineEndOf(text, begin, high);
    if (end - begin > width || end === begin || (end === high && high < text.length) || isBlank(text.charCodeAt(begin)) || isBlank(text.charCodeAt(last.end - 1))) break;
    last = { start: begin, end };
    lines.push(last);
  }
  return lines;
}

/**
 * The wrapped runs whose first line break lies in [from, to) and carries a secret across it.
 * Every line break is looked at, at the cost of a few character loads for most (a line under
 * MIN_WRAP_WIDTH, a blank or a punctuation mark on either side).
 */
export function wrappedLineRuns(text: string, from: number, to: number): JoinedRun[] {
  const runs: JoinedRun[] = [];
  let coveredTo = -1;
  const consider = (breakAt: number, width: number, next: number): void => {
    if (width < MIN_WRAP_WIDTH || breakAt < from || breakAt <= coveredTo) return;
    if (!isSecretChar(text.charCodeAt(breakAt - 1)) || !isSecretChar(text.charCodeAt(next)) || !mayCrossWithSecret(text, breakAt, next)) return;
    const fragments = linesAround(text, breakAt, coveredTo);
    if (fragments === undefined) return;
    const run: JoinedRun = { kind: 'wrapped-line', fragments };
    coveredTo = fragments[fragments.length - 1]!.end;
    if (holdsSecretAcrossJoin(text, run)) runs.push(run);
  };
  let lineStart = lineStartOf(text, from, Math.max(0, from - MAX_RUN_REACH));
  // Each break found with indexOf (faster than a pattern): the next LF and the next CR, kept
  // until passed, so a text with few CRs costs one search for them.
  let lf = text.indexOf('\n', lineStart);
  let cr = text.indexOf('\r', lineStart);
  for (;;) {
    const breakAt = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (breakAt === -1 || breakAt >= to) break;
    const next = breakAt === cr && lf === cr + 1 ? cr + 2 : breakAt + 1;
    consider(breakAt, breakAt - lineStart, next);
    lineStart = next;
    if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
    if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
  }
  return runs;
}
