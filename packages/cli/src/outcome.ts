import type { Finding } from '@keyguard/core';
import type { Repeats } from './aggregate.js';

/**
 * What every input mode (paths, stdin, --staged, --history) hands to the reporters.
 * This is the CLI's internal contract: reporters and exit codes depend on it alone.
 */
export interface ReportedFinding extends Finding, Repeats {
  /** Relative to the scan root when under it, else absolute; always `/`-separated. */
  path: string;
  /** base64 of the path's bytes when a name in it is not valid UTF-8 (`path` shows `\xNN`). */
  pathBytes?: string;
  /**
   * Inside an archive: the archive's own path (as `path` is given), and the path inside it
   * (`path` is `archive!/inner`; nested archives joined by `!/` in `inner`).
   */
  archive?: string;
  inner?: string;
  /**
   * `--image`: the file was deleted by a later layer's whiteout (this is that layer's digest);
   * it is still in the image, in the layer that added it.
   */
  deletedBy?: string;
  /** History scans: the commit that introduced the secret at this path. */
  commit?: string;
  author?: string;
  /** ISO 8601 author date. */
  date?: string;
}

/**
 * What an entry is when it is not a file keyguard reads (entry-kind.ts); also why one of
 * keyguard's own files (an ignore file) could not be used, with `symlink-loop`, `unreadable`
 * and `too-large`.
 */
export const ENTRY_KINDS = ['directory', 'symlink', 'fifo', 'socket', 'device', 'special'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const OWN_FILE_PROBLEMS = [...ENTRY_KINDS, 'symlink-loop', 'unreadable', 'too-large'] as const;
export type OwnFileProblem = (typeof OWN_FILE_PROBLEMS)[number];

/** An archive that could not be read to its end, or an entry of one that cannot be read. */
export const ARCHIVE_SKIP_REASONS = [
  'broken archive',
  'unsupported compression',
  'archive limit: maxDepth',
  'archive limit: maxBytes',
  'archive limit: maxRatio',
  'archive limit: maxEntries',
] as const;

/**
 * Every reason a `skipped` entry can give, but the ignore-file one (IGNORE_FILE_NOT_APPLIED).
 * packages/cli/README.md and README.md list exactly these (a test checks).
 */
export const SKIP_REASONS = [
  'binary',
  ...ENTRY_KINDS,
  'symlink-loop',
  'unreadable',
  'folder name not valid UTF-8',
  'report output',
  'missing',
  'unmerged',
  'not-in-index',
  ...ARCHIVE_SKIP_REASONS,
] as const;

/** An ignore file inside the scanned tree that could not be used: `ignore file not applied: fifo`. */
export const IGNORE_FILE_NOT_APPLIED = 'ignore file not applied';

export type SkipReason = (typeof SKIP_REASONS)[number] | `${typeof IGNORE_FILE_NOT_APPLIED}: ${OwnFileProblem}`;

export interface SkippedEntry {
  path: string;
  /** As in ReportedFinding. */
  pathBytes?: string;
  reason: SkipReason;
  /** As in ReportedFinding: an entry inside an archive (or an archive inside one). */
  archive?: string;
  inner?: string;
  /** History scans, reason `missing`: the commit that introduced the blob that is not there. */
  commit?: string;
}

export interface ScanOutcome {
  findings: ReportedFinding[];
  skipped: SkippedEntry[];
  files: number;
  bytes: number;
  /** Findings dropped by inline markers, allow lists or the baseline. */
  suppressed: number;
  /** Files left out by ignore rules (.gitignore inside a work tree, .keyguardignore, config `ignore`). */
  ignored: number;
  /**
   * Up to three ignored files (display paths) whose names commonly hold secrets (`.env*`,
   * `appsettings*.json`, ...), named in the pretty summary with the flag that scans them.
   */
  ignoredNotable: string[];
  /** What the user must know about the scan's coverage (a shallow clone's cut-off history). */
  warnings: string[];
  durationMs: number;
}
