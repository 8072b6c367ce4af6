import { BASE64 } from './charclass.js';
import type { SecretEncoding } from './finding.js';

/**
 * Keys are found where files write them: plainly, JSON-escaped (`\/`, `\u002B`) or URL-encoded
 * (`%2B`, `%2F`, `%3D`). These readers decode one base64 character at a time, backwards, so the
 * matcher can anchor on the key's end and never decode a whole file.
 */

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c | 32) - 87);
const isHexPlusOrSlash = (c: number): boolean => c === 66 || c === 98 || c === 70 || c === 102; // B b F f

export interface DecodedRun {
  /** Index of the run's first source character. */
  start: number;
  /** The decoded characters. */
  value: string;
  encoding: SecretEncoding;
}

interface DecodedChar {
  code: number;
  width: number;
  encoding: SecretEncoding;
}

/** The character whose source form ends at index j: plain, `%XX`, `\uXXXX` or `\/`. */
function decodeEndingAt(text: string, j: number): DecodedChar {
  const c = text.charCodeAt(j);
  if (isHex(c) && j >= 2 && text.charCodeAt(j - 2) === 37 && isHex(text.charCodeAt(j - 1))) {
    return { code: hexValue(text.charCodeAt(j - 1)) * 16 + hexValue(c), width: 3, encoding: 'url-encoded' };
  }
  if (
    isHex(c) &&
    j >= 5 &&
    text.charCodeAt(j - 5) === 92 &&
    (text.charCodeAt(j - 4) | 32) === 117 &&
    isHex(text.charCodeAt(j - 3)) &&
    isHex(text.charCodeAt(j - 2)) &&
    isHex(text.charCodeAt(j - 1))
  ) {
    const code = parseInt(text.slice(j - 3, j + 1), 16);
    return { code, width: 6, encoding: 'json-escaped' };
  }
  if (c === 47 && j > 0 && text.charCodeAt(j - 1) === 92) return { code: 47, width: 2, encoding: 'json-escaped' };
  return { code: c, width: 1, encoding: 'plain' };
}

/**
 * Reads exactly `count` decoded base64 characters ending just before `end`, and checks that the
 * character before them is not one more base64 character (a key has boundaries on both sides).
 */
export function readBase64Backward(text: string, end: number, count: number): DecodedRun | undefined {
  // Fast path, exact: escapes show in the raw text as a '%' or '\' ending the raw run of base64
  // characters (both are outside base64), and only touch the first 5 characters after it. A raw
  // run ended by anything else decodes to itself; count + 6 raw characters are too many whatever
  // precedes them. Key-shaped floods (a line of base64 strings) take this path without
  // allocating.
  const cap = count + 6;
  let k = 0;
  while (k < cap && end - k - 1 >= 0) {
    const c = text.charCodeAt(end - k - 1);
    if (c >= 128 || BASE64[c] !== 1) break;
    k++;
  }
  if (k === cap) return undefined;
  const bounding = end - k - 1 >= 0 ? text.charCodeAt(end - k - 1) : -1;
  if (bounding !== 37 /* % */ && bounding !== 92 /* \ */) {
    return k === count ? { start: end - k, value: text.slice(end - k, end), encoding: 'plain' } : undefined;
  }
  return readEncodedBase64Backward(text, end, count);
}

/** readBase64Backward's general path: decodes each character's escape. */
function readEncodedBase64Backward(text: string, end: number, count: number): DecodedRun | undefined {
  let j = end - 1;
  let encoding: SecretEncoding = 'plain';
  const codes: number[] = [];
  for (;;) {
    if (j < 0) break;
    const decoded = decodeEndingAt(text, j);
    if (decoded.code >= 128 || BASE64[decoded.code] !== 1) break;
    if (codes.length === count) return undefined; // the run goes on: too long to be a key
    codes.push(decoded.code);
    if (decoded.encoding !== 'plain') encoding = decoded.encoding;
    j -= decoded.width;
  }
  if (codes.length !== count) return undefined;
  return { start: j + 1, value: String.fromCharCode(...codes.reverse()), encoding };
}

/** The encoded forms of `=` that can end a legacy key, with their source width. */
export function paddingAt(text: string, index: number): { width: number; encoding: SecretEncoding } | undefined {
  const c = text.charCodeAt(index);
  if (c === 61) return { width: 1, encoding: 'plain' };
  if (c === 37 && text.charCodeAt(index + 1) === 51 && (text.charCodeAt(index + 2) | 32) === 100) {
    return { width: 3, encoding: 'url-encoded' }; // %3D
  }
  if (
    c === 92 &&
    (text.charCodeAt(index + 1) | 32) === 117 &&
    text.startsWith('003', index + 2) &&
    (text.charCodeAt(index + 5) | 32) === 100
  ) {
    return { width: 6, encoding: 'json-escaped' }; // \u003D
  }
  return undefined;
}

/** Is the character sequence at `index` the start of more base64 data (a boundary violation)? */
export function continuesBase64(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c === 61 /* = */) return true;
  if (c < 128 && BASE64[c] === 1) return true;
  if (c === 92 && text.charCodeAt(index + 1) === 47) return true; // \/
  if (
    c === 92 &&
    (text.charCodeAt(index + 1) | 32) === 117 &&
    isHex(text.charCodeAt(index + 2)) &&
    isHex(text.charCodeAt(index + 3)) &&
    isHex(text.charCodeAt(index + 4)) &&
    isHex(text.charCodeAt(index + 5))
  ) {
    const code = parseInt(text.slice(index + 2, index + 6), 16); // \u002B, \u002F, \u003D, ...
    return code === 61 || (code < 128 && BASE64[code] === 1);
  }
  if (c === 37 && text.charCodeAt(index + 1) === 50 && isHexPlusOrSlash(text.charCodeAt(index + 2))) return true;
  if (c === 37 && text.charCodeAt(index + 1) === 51 && (text.charCodeAt(index + 2) | 32) === 100) return true;
  return false;
}

/** Decodes URL-encoding and JSON string escapes in a short region (a connection string). */
export function decodeRegion(region: string): string {
  let out = region;
  if (out.includes('\\')) {
    out = out.replace(/\\(?:u([0-9A-Fa-f]{4})|([\\/"']))/g, (_m, hex: string | undefined, ch: string | undefined) =>
      hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : ch!,
    );
  }
  if (out.includes('%')) {
    out = out.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return out;
}
