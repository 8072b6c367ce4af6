import type { Format } from '../args.js';
import type { ScanOutcome } from '../outcome.js';
import type { ReportContext } from './types.js';

export type { JsonFinding, JsonReport, ReportContext } from './types.js';

/**
 * Renders the outcome in the chosen format. Raw secrets appear only with ctx.showSecrets.
 * Each renderer is loaded when its format is asked for: a pre-commit run loads pretty alone.
 */
export async function renderReport(format: Format, outcome: ScanOutcome, ctx: ReportContext): Promise<string> {
  switch (format) {
    case 'pretty':
      return (await import('./pretty.js')).renderPretty(outcome, ctx);
    case 'json':
      return (await import('./json.js')).renderJson(outcome, ctx);
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(outcome, ctx);
    case 'github':
      return (await import('./github.js')).renderGithub(outcome, ctx);
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(outcome, ctx);
  }
}
