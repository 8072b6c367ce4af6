/**
 * What every secret written in pieces leaves in the text, tested before any run is looked for
 * (joined-scan.ts): most text has none of it, and the joined scan then costs this pass only.
 * - A key's last piece: its padding `=` after at most 86 key characters that follow a quote or
 *   a line break, and followed by no base64 character (a padding ends a key).
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

function hasPaddedPiece(r: Reader, from: number, to: number): boolean {
  for (let eq = r.indexOf(EQUALS, from); eq !== -1 && eq < to; eq = r.indexOf(EQUALS, eq + 1)) {
    const next = r.at(eq + 1);
    if (next !== EQUALS && isBase64(next)) continue;
    let k = eq;
    while (k > 0 && eq - k < LONGEST_KEY_PIECE && KEY_CHAR[r.at(k - 1)] === 1) k--;
    if (k > 0 && isPieceEnd(r.at(k - 1))) return true;
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
  return hasPaddedPiece(reader, 0, bytes.length) || hasSignature(reader, 0, bytes.length);
}

const CLIENT_SECRET = /clientsecret=/gi;

/** Could text[from, to) hold a secret written in pieces? */
export function textMayHoldPieces(text: string, from: number, to: number): boolean {
  const reader: Reader = { at: (i) => (i < text.length ? text.charCodeAt(i) & 0xffff : -1), indexOf: (code, start) => text.indexOf(String.fromCharCode(code), start) };
  if (hasPaddedPiece(reader, from, to) || hasSignature(reader, from, to)) return true;
  CLIENT_SECRET.lastIndex = from;
  const m = CLIENT_SECRET.exec(text);
  return m !== null && m.index < to;
}
