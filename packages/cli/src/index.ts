export type { ReportedFinding, SkippedEntry, ScanOutcome } from './outcome.js';
export type { CliEnv, CliIO, OutputStream } from './io.js';
export { ExitCode, UsageError } from './exit-codes.js';
export type { ExitCodeValue } from './exit-codes.js';
export { main } from './main.js';
export type { JsonFinding, JsonReport, ReportContext } from './report/index.js';
export type { BaselineEntry, BaselineFile } from './baseline.js';
export type { KeyguardConfig } from './config.js';
