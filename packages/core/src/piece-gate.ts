/**
 * What every secret written in pieces leaves in the text, tested before any run is looked for
 * (joined-scan.ts): most text has none of it, and the joined scan then costs this pass only.
 * - A key's last piece: its padding `=` after at most 86 key characters that follow a quote or
 *   a line break, and followed by no base64 character (a padding ends a key); before that
 *   quote, glue and a closing quote after a key character; before that break, a line at least
 *   a console wide ending in a key character.
 * - An identifiable key (no padding): its signature `JQQJ9`, whole or cut (a piece ending in J,
 *   JQ, JQQ or JQQJ, then a quote or a line break). The pre-filter passes a whole one.
 * - A client secret: `ClientSecret=` (the pre-filter passes it too).
 * The same tests read bytes (scanBytes's gate) and strings (each window of the scanner), so
 * a source scanBytes skips has no window the scanner would search.
 */

/** Key characters as written: base64 and the escapes' `%` and `\`. */
const KEY_CHAR = (() => {
  const t = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/%\\') t[c.charCodeAt(0)] = 1;
  return t;
})();
const isBase64 = (c: number): boolean => c < 128 && KEY_CHAR[c] === 1 && c !== 37 && c !== 92;
/** The longest piece of a key before its padding: a 64-byte key's 86 characters. */
const LONGEST_KEY_PIECE = 86;
const EQUALS = 61;
const J = 74;
const Q = 81;
const NINE = 57;
const isPieceEnd = (c: number): boolean => c === 34 || c === 39 || c === 96 || c === 10 || c === 13;

/** Character codes read from bytes or from a string, without copying either. */
interface Reader {
  at(i: number): number;
  indexOf(code: number, from: number): number;
}

/** The narrowest console whose wrapped lines are joined (wrapped-lines.ts). */
const MIN_WRAP_WIDTH = 60;
/** The longest glue between two literals (split-literals.ts). */
const MAX_GLUE = 64;
/** Glue and literal prefixes (a backtick is glue only before a line break: else it is a quote). */
const GLUE_OR_PREFIX = (() => {
  const t = new Uint8Array(256);
  for (const c of ' \t\r\n+&._\\@$rRbBfFuU') t[c.charCodeAt(0)] = 1;
  return t;
})();
const isGlueAt = (r: Reader, i: number): boolean => {
  const c = r.at(i);
  return c === 96 ? r.at(i + 1) === 10 || r.at(i + 1) === 13 : c >= 0 && GLUE_OR_PREFIX[c] === 1;
};

/**
 * Does the piece delimited at `at` (its opening quote, or the line break before it) follow a
 * join a key runs across: a key character, a closing quote and glue; or a key character ending
 * a line at least a console wide?
 */
function followsJoin(r: Reader, at: number): boolean {
  const c = r.at(at);
  if (c === 10 || c === 13) {
    const end = c === 10 && r.at(at - 1) === 13 ? at - 1 : at;
    if (KEY_CHAR[r.at(end - 1)] !== 1 && r.at(end - 1) !== EQUALS) return false;
    for (let i = end - 1; i >= end - MIN_WRAP_WIDTH; i--) if (i < 0 || r.at(i) === 10 || r.at(i) === 13) return false;
    return true;
  }
  let i = at - 1;
  while (i > 0 && at - i <= MAX_GLUE && isGlueAt(r, i)) i--;
  // The character before the closing quote: the key's, or the first of a 64-byte key's two paddings.
  return (r.at(i) === 34 || r.at(i) === 39 || r.at(i) === 96) && (KEY_CHAR[r.at(i - 1)] === 1 || r.at(i - 1) === EQUALS);
}

/** The index of the first `=` from `from` (before `to`) that may pad a key's last piece, then the caller confirms. */
type EqualsFinder = (from: number) => number;

function hasPaddedPiece(r: Reader, nextEquals: EqualsFinder, to: number, from: number): boolean {
  for (let eq = nextEquals(from); eq !== -1 && eq < to; eq = nextEquals(eq + 1)) {
    let k = eq;
    while (k > 0 && eq - k < LONGEST_KEY_PIECE && KEY_CHAR[r.at(k - 1)] === 1) k--;
    if (k > 0 && isPieceEnd(r.at(k - 1)) && followsJoin(r, k - 1)) return true;
  }
  return false;
}

function hasSignature(r: Reader, from: number, to: number): boolean {
  for (let j = r.indexOf(J, from); j !== -1 && j < to; j = r.indexOf(J, j + 1)) {
    if (isPieceEnd(r.at(j + 1))) return true;
    if (r.at(j + 1) !== Q) continue;
    if (isPieceEnd(r.at(j + 2))) return true;
    if (r.at(j + 2) !== Q) continue;
    if (isPieceEnd(r.at(j + 3))) return true;
    if (r.at(j + 3) !== J) continue;
    if (isPieceEnd(r.at(j + 4)) || r.at(j + 4) === NINE) return true;
  }
  return false;
}

/** Could bytes (UTF-8) hold a key written in pieces? (Client secrets: the pre-filter's.) */
export function bytesMayHoldPieces(bytes: Uint8Array): boolean {
  const reader: Reader = { at: (i) => bytes[i] ?? -1, indexOf: (code, from) => bytes.indexOf(code, from) };
  // The '=' loop reads the bytes directly: code is full of '=', and most are followed by a base64 character or a blank after a name.
  const nextEquals: EqualsFinder = (from) => {
    for (let eq = bytes.indexOf(EQUALS, from); eq !== -1; eq = bytes.indexOf(EQUALS, eq + 1)) {
      const next = bytes[eq + 1] ?? -1;
      if ((next === EQUALS || !isBase64(next)) && KEY_CHAR[bytes[eq - 1] ?? 0] === 1 || isPieceEnd(bytes[eq - 1] ?? 0)) return eq;
    }
    return -1;
  };
  return hasPaddedPiece(reader, nextEquals, bytes.length, 0) || hasSignature(reader, 0, bytes.length);
}

const CLIENT_SECRET = /clientsecret=/gi;

/** Could text[from, to) hold a secret written in pieces? */
export function textMayHoldPieces(text: string, from: number, to: number): boolean {
  const reader: Reader = { at: (i) => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1), indexOf: (code, start) => text.indexOf(String.fromCharCode(code), start) };
  const nextEquals: EqualsFinder = (start) => {
    for (let eq = text.indexOf('=', start); eq !== -1; eq = text.indexOf('=', eq + 1)) {
      const next = eq + 1 < text.length ? text.charCodeAt(eq + 1) : -1;
      const before = eq > 0 ? text.charCodeAt(eq - 1) : 0;
      if ((next === EQUALS || !isBase64(next)) && (before < 256 && KEY_CHAR[before] === 1 || isPieceEnd(before))) return eq;
    }
    return -1;
  };
  if (hasPaddedPiece(reader, nextEquals, to, from) || hasSignature(reader, from, to)) return true;
  CLIENT_SECRET.lastIndex = from;
  const m = CLIENT_SECRET.exec(text);
  return m !== null && m.index < to;
}
