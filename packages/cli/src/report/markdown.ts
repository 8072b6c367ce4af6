import type { ScanOutcome } from '../outcome.js';
import type { ReportContext } from './types.js';

/** A Markdown summary for `$GITHUB_STEP_SUMMARY` (completed by the Action's work). */
export function renderMarkdown(outcome: ScanOutcome, _ctx: ReportContext): string {
  return `## keyguard\n\n${outcome.findings.length} findings in ${outcome.files} files\n`;
}
