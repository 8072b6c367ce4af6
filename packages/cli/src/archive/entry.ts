import type { ByteStream } from './byte-stream.js';

/** What an archive entry is: a file to read, a folder (nothing to read), or something else. */
export type EntryType = 'file' | 'directory' | 'symlink' | 'device' | 'fifo' | 'special';

/**
 * One entry of an archive, as a reader yields it. `body` is only valid until the reader is
 * resumed: the reader skips whatever of it was not read.
 */
export interface ArchiveEntry {
  name: string;
  type: EntryType;
  body: ByteStream;
  /** Bytes, when the header tells (tar). */
  size?: number;
  /** A link's target (tar symbolic and hard links). */
  linkname?: string;
  /** Set when the entry's data cannot be read (an unsupported zip compression method). */
  unreadable?: 'unsupported compression';
}

/** Thrown by a reader for input that is not a valid archive of its kind (truncated, corrupt). */
export class BrokenArchiveError extends Error {
  override name = 'BrokenArchiveError';
}

/** Entry names as shown after `!/`: a leading `./` or `/` says nothing. */
export const entryName = (name: string): string => name.replace(/^(?:\.?\/)+/, '');

/** The separator between an archive's path and a path inside it, as in `deploy.zip!/appsettings.json`. */
export const INNER_SEPARATOR = '!/';
