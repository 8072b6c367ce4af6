export type { ReportedFinding, SkippedEntry, ScanOutcome } from "./outcome.js";
