/**
 * Marvin32, the checksum of Microsoft's common annotated security keys. 32-bit unsigned
 * arithmetic throughout; `>>> 0` keeps every intermediate in range.
 */
const rotl = (value: number, bits: number): number => ((value << bits) | (value >>> (32 - bits))) >>> 0;

export const ANNOTATED_KEY_SEED_LOW = 0x756c7430;
export const ANNOTATED_KEY_SEED_HIGH = 0x44656661;

export function marvin32(
  bytes: Uint8Array,
  seedLow: number = ANNOTATED_KEY_SEED_LOW,
  seedHigh: number = ANNOTATED_KEY_SEED_HIGH,
): number {
  let p0 = seedLow >>> 0;
  let p1 = seedHigh >>> 0;
  const mix = (): void => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  const whole = bytes.length - (bytes.length % 4);
  for (let i = 0; i < whole; i += 4) {
    const word = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    p0 = (p0 + word) >>> 0;
    mix();
  }
  const left = bytes.length - whole;
  let tail: number;
  if (left === 0) tail = 0x80;
  else if (left === 1) tail = 0x8000 | bytes[whole]!;
  else if (left === 2) tail = 0x800000 | (bytes[whole + 1]! << 8) | bytes[whole]!;
  else tail = 0x80000000 | (bytes[whole + 2]! << 16) | (bytes[whole + 1]! << 8) | bytes[whole]!;
  p0 = (p0 + (tail >>> 0)) >>> 0;
  mix();
  mix();
  return (p0 ^ p1) >>> 0;
}
