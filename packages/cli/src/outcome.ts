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
  /** History scans: the commit that introduced the secret at this path. */
  commit?: string;
  author?: string;
  /** ISO 8601 author date. */
  date?: string;
}

export interface SkippedEntry {
  path: string;
  /** As in ReportedFinding. */
  pathBytes?: string;
  /** binary | fifo | socket | device | unreadable | symlink-loop | too-large | missing | ... */
  reason: string;
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
