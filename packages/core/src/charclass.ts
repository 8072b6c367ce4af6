/** Character lookup tables, indexed by UTF-16 code unit (< 128). */
function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const BASE62 = table(ALNUM);
export const BASE64 = table(`${ALNUM}+/`);
/** The 43rd character of a 32-byte key's base64 form carries 4 data bits: its 2 low bits are zero. */
export const LEGACY_LAST_CHAR = table('AEIMQUYcgkosw048');

export const BASE62_ALPHABET = ALNUM;
