// Shared by the renderer unit tests (pretty, markdown): real findings and outcomes to render.
import { scanText } from '@keyguard/core';
import { expect } from 'vitest';
import type { ReportedFinding, ScanOutcome } from '../src/outcome.js';

/** Real findings from the matcher (keys generated at run time), placed at the given path. */
export function findingsIn(text: string, path: string, extra: Partial<ReportedFinding> = {}): ReportedFinding[] {
  const found = scanText(text).map((f) => ({ ...f, path, ...extra }));
  expect(found.length).toBeGreaterThan(0);
  return found;
}

/** An outcome holding `findings`, with fixed counts a test may override. */
export function outcomeOf(findings: ReportedFinding[], rest: Partial<ScanOutcome> = {}): ScanOutcome {
  return { findings, skipped: [], files: 7, bytes: 2048, suppressed: 0, ignored: 0, ignoredNotable: [], warnings: [], durationMs: 12, ...rest };
}
