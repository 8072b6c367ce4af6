import { BASE62 } from './charclass.js';
import { marvin32 } from './marvin32.js';

/**
 * Microsoft's common annotated security key layout (84 base62 characters). Offsets are 0-based.
 * 0-52 random | 52-58 JQQJ9{9,D,H} | 58-60 date | 60-72 platform | 72-76 AAAA | 76-80 provider | 80-84 checksum
 */
export const IDENTIFIABLE_KEY_LENGTH = 84;
export const IDENTIFIABLE_SIGNATURE_OFFSET = 52;
export const IDENTIFIABLE_ANCHOR = 'JQQJ9';
export const IDENTIFIABLE_KEY_PATTERN = /^[A-Za-z0-9]{52}JQQJ9[9DH][A-Z][A-L][A-Za-z0-9]{12}AAAA[A-Z]{4}[A-Za-z0-9]{4}$/;

/** The structure and checksum of an identifiable key; the provider is read separately. */
export function isIdentifiableKeyShape(key: string): boolean {
  if (key.length !== IDENTIFIABLE_KEY_LENGTH) return false;
  for (let i = 0; i < IDENTIFIABLE_KEY_LENGTH; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128 || BASE62[c] !== 1) return false;
  }
  if (!key.startsWith(IDENTIFIABLE_ANCHOR, IDENTIFIABLE_SIGNATURE_OFFSET)) return false;
  const variant = key.charCodeAt(57);
  if (variant !== 57 /* 9 */ && variant !== 68 /* D */ && variant !== 72 /* H */) return false;
  const year = key.charCodeAt(58);
  const month = key.charCodeAt(59);
  if (year < 65 || year > 90 || month < 65 || month > 76) return false;
  if (!key.startsWith('AAAA', 72)) return false;
  return hasValidChecksum(key);
}

export function checksumOf(keyPrefix80: string): string {
  const bytes = Buffer.from(keyPrefix80.slice(0, 80), 'base64');
  const sum = marvin32(bytes.subarray(0, 60));
  const out = Buffer.alloc(4);
  out.writeUInt32LE(sum, 0);
  return out.toString('base64').slice(0, 4);
}

export function hasValidChecksum(key: string): boolean {
  return checksumOf(key) === key.slice(80, 84);
}

export function providerOf(key: string): string {
  return key.slice(76, 80);
}
