/**
 * Inline markers shared by every wrapper. On the secret's line: `keyguard:allow`,
 * `gitleaks:allow`, `pragma: allowlist secret`. On the line before: `keyguard:allow-next-line`,
 * `pragma: allowlist nextline secret`.
 */
const SAME_LINE = /keyguard:allow(?![-\w])|gitleaks:allow(?![-\w])|pragma: ?allowlist secret/;
const NEXT_LINE = /keyguard:allow-next-line(?![-\w])|pragma: ?allowlist nextline secret/;

/** How far around a secret markers are looked for, so a giant line costs no more than a short one. */
export const MARKER_REACH = 2048;

const isBreak = (c: number): boolean => c === 10 || c === 13;

/** Is the secret at [start, end) of `text` (a window of the source) allowed by a marker? */
export function isAllowedInline(text: string, start: number, end: number): boolean {
  let lineStart = start;
  const floor = Math.max(0, start - MARKER_REACH);
  while (lineStart > floor && !isBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  let lineEnd = end;
  const ceil = Math.min(text.length, end + MARKER_REACH);
  while (lineEnd < ceil && !isBreak(text.charCodeAt(lineEnd))) lineEnd++;
  if (SAME_LINE.test(text.slice(lineStart, lineEnd))) return true;
  if (lineStart === 0 || lineStart === floor) return false;
  let prevEnd = lineStart - 1;
  if (text.charCodeAt(prevEnd) === 10 && prevEnd > 0 && text.charCodeAt(prevEnd - 1) === 13) prevEnd--;
  let prevStart = prevEnd;
  const prevFloor = Math.max(0, prevEnd - MARKER_REACH);
  while (prevStart > prevFloor && !isBreak(text.charCodeAt(prevStart - 1))) prevStart--;
  return NEXT_LINE.test(text.slice(prevStart, prevEnd));
}
