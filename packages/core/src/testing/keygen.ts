import { createHash } from 'node:crypto';
import type { NodeBufferOrUint8Array } from '../bytes.js';
import { BASE62_ALPHABET } from '../charclass.js';
import { checksumOf } from '../identifiable-key.js';
import { isLegacyAccessKey } from '../legacy-key.js';
import { seededChecksum } from '../seeded-checksum.js';

/**
 * Deterministic generators of well-formed keys for tests and fixtures. Nothing generated here
 * is a real credential; they exist so that no key-shaped literal is ever committed.
 */
export class KeyRandom {
  private counter = 0;
  constructor(private readonly seed: string) {}

  /** `count` deterministic bytes: a Buffer, typed as one where Node's types are loaded (see bytes.ts). */
  bytes(count: number): NodeBufferOrUint8Array {
    const out: Buffer[] = [];
    let have = 0;
    while (have < count) {
      const block = createHash('sha256').update(`${this.seed}#${this.counter++}`).digest();
      out.push(block);
      have += block.length;
    }
    return Buffer.concat(out).subarray(0, count);
  }

  base62(count: number): string {
    let s = '';
    while (s.length < count) {
      for (const b of this.bytes(64)) {
        if (b < 248 && s.length < count) s += BASE62_ALPHABET[b % 62];
      }
    }
    return s;
  }
}

/** Standard base64 of `bytes` (a view on the same memory, no copy). */
function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A legacy 44-character key with no other service's signature. */
export function generateLegacyKey(seed: string): string {
  const random = new KeyRandom(`legacy:${seed}`);
  for (;;) {
    const key = base64(random.bytes(32));
    if (isLegacyAccessKey(key)) return key;
  }
}

/** A 44-character key carrying another Azure service's signature at characters 34-37. */
export function generateOtherServiceKey(seed: string, signature: string): string {
  const random = new KeyRandom(`other:${signature}:${seed}`);
  const body = base64(random.bytes(32));
  return `${body.slice(0, 33)}${signature}A${body.slice(38)}`;
}

/** A base64 value whose 43rd character is not canonical, so it cannot be 32 bytes. */
export function generateNonCanonicalKey(seed: string): string {
  const key = generateLegacyKey(seed);
  return `${key.slice(0, 42)}B=`;
}

export type IdentifiableProvider = 'ASRS' | 'AWPS' | (string & {});

/** An 84-character identifiable key with a valid Marvin32 checksum. */
export function generateIdentifiableKey(seed: string, provider: IdentifiableProvider = 'ASRS'): string {
  const random = new KeyRandom(`identifiable:${provider}:${seed}`);
  // Like Microsoft's generator, draw again until the checksum is base62 too.
  for (;;) {
    const date = `${'ABC'[random.bytes(1)[0]! % 3]}${'ABCDEFGHIJKL'[random.bytes(1)[0]! % 12]}`;
    const prefix = `${random.base62(52)}JQQJ99${date}${random.base62(12)}AAAA${provider}`;
    const checksum = checksumOf(prefix);
    if (/^[A-Za-z0-9]{4}$/.test(checksum)) return prefix + checksum;
  }
}

/** The same key with its checksum broken: the shape of a key, but not a key. */
export function breakChecksum(key: string): string {
  const last = key.charAt(83);
  return key.slice(0, 83) + (last === 'A' ? 'B' : 'A');
}

/** A Microsoft Entra application client secret in its common shape. */
export function generateEntraClientSecret(seed: string): string {
  const random = new KeyRandom(`entra:${seed}`);
  const alphabet = `${BASE62_ALPHABET}_~.-`;
  const pick = (n: number): string =>
    [...random.bytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
  const digit = String(random.bytes(1)[0]! % 10);
  return `${pick(3)}${digit}Q~${pick(34)}`;
}

/** Where Azure's 32- and 64-byte identifiable keys carry their service signature (0-based chars). */
const SIGNATURE_AT: Readonly<Record<32 | 64, number>> = { 32: 33, 64: 76 };

/**
 * An Azure identifiable key of 32 bytes (44 characters: Service Bus `+ASb`, Event Hubs `+AEh`,
 * Relay `+ARm`, ...) or 64 bytes (88 characters: Storage `+ASt`, Cosmos DB `ACDb`, ...): random
 * bytes, the signature, then the Marvin32 checksum seeded by `seedName` ('Default0', 'Send0000').
 */
export function generateSignedAzureKey(seed: string, bytes: 32 | 64, signature: string, seedName: string): string {
  const random = new KeyRandom(`signed:${bytes}:${signature}:${seedName}:${seed}`);
  const at = SIGNATURE_AT[bytes];
  const drawn = base64(random.bytes(bytes));
  // For 32 bytes the character after the signature shares bits with the checksum: 'A' clears the key's own.
  const withSignature = `${drawn.slice(0, at)}${signature}${bytes === 32 ? 'A' : ''}${drawn.slice(at + signature.length + (bytes === 32 ? 1 : 0))}`;
  const raw = Buffer.from(withSignature, 'base64');
  raw.writeUInt32LE(seededChecksum(raw.subarray(0, bytes - 4), seedName), bytes - 4);
  return raw.toString('base64');
}

/** The same 32- or 64-byte key with one checksum bit flipped: the shape, not the key. */
export function breakSeededChecksum(key: string): string {
  const raw = Buffer.from(key, 'base64');
  raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x01;
  return raw.toString('base64');
}

/** A random 64-byte key in base64 (88 characters, `==`), with no service signature. */
export function generateBase64Key64(seed: string): string {
  const random = new KeyRandom(`key64:${seed}`);
  for (;;) {
    const key = base64(random.bytes(64));
    if (!/^(?:\+ASt|ACDb|AzCa|APIM|AzFu|\+ABa|AzSe|\+ACR|\+SQL|AIoT|\+AMC)$/.test(key.slice(76, 80))) return key;
  }
}
