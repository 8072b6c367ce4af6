/**
 * Output hygiene: the one module that decides how text coming from scanned data (paths, author
 * names, ref names, config values) is neutralised before it reaches a terminal or a CI log.
 *
 * - Control characters (C0, DEL, C1) and the Unicode bidi controls that reorder what a terminal
 *   shows are written as escapes (`\n`, `\x1b`, `\u202e`), so no input can move the cursor,
 *   clear the screen, set a window title or start a new line.
 * - No line that keyguard did not mean as a GitHub workflow command can start with `::`.
 */

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0, DEL, C1, and bidi embedding/override/isolate marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const named = ESCAPES[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Scanned text as it may be shown: every unsafe character escaped. */
export function shown(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

/**
 * A whole output text (report or stderr message) made safe for a GitHub log: a line that starts
 * with `::` (which the runner would take for a workflow command) gets its first colon escaped.
 * keyguard's own `github` format is the one output not passed through this.
 */
export function withoutWorkflowCommands(text: string): string {
  return text.includes('::') ? text.replace(/^::/gm, '\\x3a:') : text;
}

/** JSON text with the characters JSON.stringify leaves raw (DEL, C1, bidi marks) escaped too. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
