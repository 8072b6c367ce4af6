import { BASE64 } from './charclass.js';

/**
 * A 64-byte key in standard base64 (Storage account keys, Cosmos DB keys, ...): 86 characters,
 * the last in [AQgw] (it carries 2 bits), then `==`. Only its evidence or its signature makes
 * it a key: 88 base64 characters are also the shape of every SHA-512 digest.
 */
export const KEY64_LENGTH = 88;
export const KEY64_DATA_LENGTH = 86;
export const KEY64_PATTERN = /^[A-Za-z0-9+/]{85}[AQgw]==$/;

/** The characters a 64-byte key's 86th character can be. */
export const isKey64LastChar = (c: number): boolean => c === 65 || c === 81 || c === 103 || c === 119; // A Q g w

/** Signatures Azure writes into 64-byte keys at characters 77-80 (`+ASt` Storage, `ACDb` Cosmos DB, ...). */
export const KEY64_SIGNATURES: ReadonlySet<string> = new Set(['+ASt', 'ACDb', 'AzCa', 'APIM', 'AzFu', '+ABa', 'AzSe', '+ACR', '+SQL', 'AIoT', '+AMC']);

/** The signature a 64-byte key carries, if it carries a known one. */
export function key64SignatureOf(key: string): string | undefined {
  const signature = key.slice(76, 80);
  return KEY64_SIGNATURES.has(signature) ? signature : undefined;
}

/** Structure of a 64-byte key: base64 alphabet, canonical 86th character, `==`. */
export function isKey64Shape(key: string): boolean {
  if (key.length !== KEY64_LENGTH || !key.endsWith('==')) return false;
  for (let i = 0; i < KEY64_DATA_LENGTH; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128 || BASE64[c] !== 1) return false;
  }
  return isKey64LastChar(key.charCodeAt(85));
}
