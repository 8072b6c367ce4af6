import { ENCODED_NEEDLES } from './base64-runs.js';

/**
 * The pre-filter's part for base64 (base64-runs.ts): could `bytes` hold one of the needles a
 * base64-encoded connection string holds? A Wu-Manber search, all needles at once: the last 3
 * bytes of a window of the shortest needle's length say how far the window may jump (most
 * 3-byte blocks are in no needle: it jumps its whole length), and the rare windows that may
 * start a needle are compared in full: about 1 GB/s, ten times one native search per needle.
 */

const BLOCK = 3;
const HASH_BITS = 15;
const hashOf = (a: number, b: number, c: number): number => ((a << 10) ^ (b << 5) ^ c) & ((1 << HASH_BITS) - 1);
const NEEDLE_BYTES = ENCODED_NEEDLES.map((n) => Buffer.from(n, 'latin1'));
const WINDOW = Math.min(...NEEDLE_BYTES.map((n) => n.length));
/** How far a window may move when its last block hashes to this slot. */
const SHIFT = new Uint8Array(1 << HASH_BITS).fill(WINDOW - BLOCK + 1);
for (const n of NEEDLE_BYTES) {
  for (let j = BLOCK - 1; j < WINDOW; j++) {
    const h = hashOf(n[j - 2]!, n[j - 1]!, n[j]!);
    SHIFT[h] = Math.min(SHIFT[h]!, WINDOW - 1 - j);
  }
}

export function mayHoldEncodedSecret(bytes: Uint8Array): boolean {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = buffer.length;
  for (let last = WINDOW - 1; last < length; ) {
    const shift = SHIFT[hashOf(buffer[last - 2]!, buffer[last - 1]!, buffer[last]!)]!;
    if (shift > 0) {
      last += shift;
      continue;
    }
    const start = last - WINDOW + 1;
    for (const n of NEEDLE_BYTES) {
      if (buffer[start] === n[0] && start + n.length <= length && buffer.compare(n, 0, n.length, start, start + n.length) === 0) return true;
    }
    last += 1;
  }
  return false;
}
