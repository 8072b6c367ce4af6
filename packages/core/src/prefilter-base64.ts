import { ENCODED_NEEDLES } from './base64-runs.js';

/**
 * The pre-filter's part for base64 (base64-runs.ts): could `bytes` hold one of the needles a
 * base64-encoded connection string holds? One pass: each position's 4 bytes are hashed into a
 * 64 Ki-entry table of the needles' first 4 bytes, and the rare hits are compared in full.
 * About 4 times faster than one native search per needle (there are dozens of needles).
 */

const TABLE_BITS = 16;
const hashOf = (fourBytes: number): number => Math.imul(fourBytes, 0x9e3779b1) >>> (32 - TABLE_BITS);
const NEEDLE_BYTES = ENCODED_NEEDLES.map((n) => Buffer.from(n, 'latin1'));
const FIRST_FOUR = new Uint8Array(1 << TABLE_BITS);
for (const n of NEEDLE_BYTES) FIRST_FOUR[hashOf(n.readUInt32BE(0))] = 1;

export function mayHoldEncodedSecret(bytes: Uint8Array): boolean {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let four = 0;
  for (let i = 0; i < buffer.length; i++) {
    four = ((four << 8) | buffer[i]!) >>> 0;
    if (i < 3 || FIRST_FOUR[hashOf(four)] !== 1) continue;
    const at = i - 3;
    for (const n of NEEDLE_BYTES) if (at + n.length <= buffer.length && buffer.compare(n, 0, n.length, at, at + n.length) === 0) return true;
  }
  return false;
}
