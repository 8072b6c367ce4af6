import type { Confidence, FindingContext, RuleId } from '@keyguard/core';
import type { Colors } from '../colors.js';
import type { ToolInfo } from '../version.js';

/** What every reporter is given besides the outcome. */
export interface ReportContext {
  tool: ToolInfo;
  /** The directory pretty and JSON paths are relative to. */
  cwd: string;
  /**
   * The git work tree's root when the scan runs inside one: SARIF's SRCROOT and the base of
   * `github` annotation paths, so code scanning maps them whatever folder the scan ran from.
   */
  workTreeRoot: string | undefined;
  /** Print raw secrets: only with --show-secrets. */
  showSecrets: boolean;
  colors: Colors;
  /** Width to wrap pretty output to: the terminal's, or 80 when not writing to one. */
  columns: number;
}

/** A finding in the JSON report (version 1). */
export interface JsonFinding {
  path: string;
  /** base64 of the path's bytes, only when a name in it is not valid UTF-8. */
  pathBytes?: string;
  /** Inside an archive: the archive's path, and the path inside it (`path` is `archive!/inner`). */
  archive?: string;
  inner?: string;
  /** `--image`: a later layer's whiteout deletes this file (that layer's digest); it is still in the image. */
  deletedBy?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: RuleId;
  confidence: Confidence;
  masked: string;
  fingerprint: string;
  context: FindingContext;
  /** Repeats of this secret in this file (same rule and fingerprint), when more than one. */
  occurrences?: number;
  lastLine?: number;
  lastColumn?: number;
  commit?: string;
  author?: string;
  date?: string;
  /** Only with --show-secrets. */
  secret?: string;
}

/** `keyguard scan --format json`: the whole report, version 1. */
export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  /** `commit`: a history blob missing from the repository (reason `missing`) and where it came in. */
  skipped: { path: string; pathBytes?: string; archive?: string; inner?: string; reason: string; commit?: string }[];
  /** Coverage warnings: a shallow clone's cut-off history, blobs missing from a partial clone. */
  warnings: string[];
  summary: {
    files: number;
    bytes: number;
    findings: number;
    suppressed: number;
    skipped: number;
    ignored: number;
    /** How many of `skipped` are git objects missing from the repository. */
    missing: number;
    durationMs: number;
  };
}
