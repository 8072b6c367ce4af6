import { readdirSync } from 'node:fs';

/**
 * File names that are not valid UTF-8. Node decodes such a name with U+FFFD in place of the bad
 * bytes, and that string no longer opens the file. The walk finds the raw bytes again and opens
 * by them; reports show the name with each bad byte as `\xNN`.
 */

/** Does a decoded name stand for raw bytes that are not valid UTF-8? */
export const mayBeLossy = (name: string): boolean => name.includes('\uFFFD');

/** The raw names of `dir` that are not valid UTF-8, keyed by their lossy decoding. */
export function rawNamesOf(dir: string): Map<string, Buffer[]> {
  const byLossy = new Map<string, Buffer[]>();
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    const lossy = raw.toString('utf8');
    if (!mayBeLossy(lossy) || Buffer.from(lossy, 'utf8').equals(raw)) continue; // a real U+FFFD is valid
    const list = byLossy.get(lossy);
    if (list === undefined) byLossy.set(lossy, [raw]);
    else list.push(raw);
  }
  return byLossy;
}

/** A name for display: valid UTF-8 as it is, every byte of an invalid sequence as `\xNN`. */
export function escapedName(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const end = validPrefixEnd(raw, i, raw.length);
    if (end > i) {
      out += Buffer.from(raw.buffer, raw.byteOffset + i, end - i).toString('utf8');
      i = end;
    } else {
      out += `\\x${raw[i]!.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Where the valid UTF-8 prefix of raw[from, to) ends (byte-wise check, no decoding). */
function validPrefixEnd(raw: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = raw[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > to) return i;
    for (let k = 1; k < len; k++) if ((raw[i + k]! & 0xc0) !== 0x80) return i;
    // Overlongs, surrogates and values past U+10FFFF.
    if (len === 3 && ((b === 0xe0 && raw[i + 1]! < 0xa0) || (b === 0xed && raw[i + 1]! >= 0xa0))) return i;
    if (len === 4 && ((b === 0xf0 && raw[i + 1]! < 0x90) || (b === 0xf4 && raw[i + 1]! >= 0x90))) return i;
    i += len;
  }
  return i;
}
