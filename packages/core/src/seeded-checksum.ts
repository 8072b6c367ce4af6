import { marvin32 } from './marvin32.js';

/**
 * The checksum of Azure's 32- and 64-byte identifiable keys (Service Bus, Event Hubs, Relay,
 * Storage, Cosmos DB, ...): Marvin32 of every byte but the last four, stored little-endian in
 * those four. Each key kind seeds Marvin32 with its own 64-bit value, which Microsoft writes as
 * eight ASCII characters ('Default0', 'Send0000'): the first four are the seed's high word.
 */
export function hasSeededChecksum(key: string, seedNames: readonly string[]): boolean {
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length < 8) return false;
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = bytes.readUInt32LE(bytes.length - 4);
  return seedNames.some((name) => seededChecksum(body, name) === stored);
}

/** Marvin32 of `body` seeded by an eight-character seed name. */
export function seededChecksum(body: Uint8Array, seedName: string): number {
  return marvin32(body, seedWord(seedName, 4), seedWord(seedName, 0));
}

/** Four ASCII characters of the seed name from `at`, read big-endian. */
function seedWord(name: string, at: number): number {
  let word = 0;
  for (let i = at; i < at + 4; i++) word = ((word << 8) | (name.charCodeAt(i) & 0xff)) >>> 0;
  return word;
}
