/**
 * Limits against archive bombs, per archive (each nested archive has its own). A limit hit
 * stops reading that archive: what was read is still reported, the archive is listed as
 * skipped with the limit's name (`archive limit: maxBytes`), and the scan goes on.
 */
export interface ArchiveLimits {
  /** Archives inside archives: the outer one is depth 1. */
  maxDepth: number;
  /** Bytes decompressed from one archive. */
  maxBytes: number;
  /** Decompressed bytes per compressed byte read, checked once 1 MiB came out. */
  maxRatio: number;
  /** Entries (files, folders, links) of one archive. */
  maxEntries: number;
}

export const ARCHIVE_LIMIT_NAMES = ['maxDepth', 'maxBytes', 'maxRatio', 'maxEntries'] as const;
export type ArchiveLimitName = (typeof ARCHIVE_LIMIT_NAMES)[number];

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = {
  maxDepth: 4,
  maxBytes: 256 * 1024 * 1024,
  // Source text and JSON compress 5-20x, logs up to ~100x; a deflate bomb reaches ~1000x.
  maxRatio: 200,
  maxEntries: 100_000,
};

/** Below this much output the ratio is not checked: a tiny file of spaces compresses 100x. */
export const RATIO_MIN_BYTES = 1024 * 1024;
