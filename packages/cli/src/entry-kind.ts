import type { Stats } from 'node:fs';
import type { EntryKind } from './outcome.js';

/** What kind of entry `stats` describes, as reported in `skipped`. */
export function entryKind(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): EntryKind | 'file' {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'special';
}

/** The reason a failed stat/open/read is reported under. */
export function errorReason(error: unknown): 'symlink-loop' | 'unreadable' {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symlink-loop';
  return 'unreadable';
}
