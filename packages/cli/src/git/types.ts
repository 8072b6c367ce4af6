import type { ScanOptions } from '@keyguard/core';
import type { ArchiveLimits } from '../archive/limits.js';

/** Options shared by the git input modes (`scan --staged`, `scan --history`). */
export interface GitScanOptions {
  /** The directory git runs in; finding paths are reported relative to it (`/`-separated). */
  cwd: string;
  /** Passed through to core's scanner. */
  scanOptions: ScanOptions;
  /** Limits for reading archive blobs; undefined = archives are read as the bytes they are. */
  archives?: ArchiveLimits;
  /**
   * Restrict the scan to these files (relative to `cwd` or absolute), e.g. the file names
   * pre-commit passes with `pass_filenames`. Absent or empty = every staged file.
   */
  paths?: string[];
  /** Return true for paths (relative to `cwd`, `/`-separated) the scan must skip silently. */
  isIgnored?: (relPath: string) => boolean;
  /**
   * Blobs missing from a partial clone are fetched from its promisor remote in one batch and
   * scanned; without it nothing is fetched and they are listed as skipped (`missing`).
   */
  fetchMissing?: boolean;
  /** Called now and then while scanning. */
  onProgress?: (p: { files: number; bytes: number; findings: number }) => void;
}

/** `scanHistory` options: `revRange` is anything `git rev-list` accepts; default `--all`. */
export interface GitHistoryOptions extends GitScanOptions {
  revRange?: string;
}
