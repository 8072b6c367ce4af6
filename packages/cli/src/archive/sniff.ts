/** What kind of archive some bytes start with, by their magic bytes (never by the name). */
export type ArchiveKind = 'zip' | 'gzip' | 'tar';

/** Bytes needed to tell: a tar header is 512 bytes, its `ustar` magic at 257. */
export const SNIFF_BYTES = 512;

export function archiveKindOf(head: Uint8Array): ArchiveKind | undefined {
  // Local file header, or the end record of an empty zip.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 8) return 'gzip';
  if (isTarHeader(head)) return 'tar';
  return undefined;
}

/** POSIX/GNU `ustar` magic, or (old v7 tars have none) a header whose checksum adds up. */
function isTarHeader(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  if (magic === 'ustar') return true;
  if (head[0] === 0) return false;
  const field = String.fromCharCode(...head.subarray(148, 156)).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === parseInt(field, 8);
}
