import type { Format } from '../args.js';
import type { ScanOutcome } from '../outcome.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderPretty } from './pretty.js';
import { renderSarif } from './sarif.js';
import type { ReportContext } from './types.js';

export type { JsonFinding, JsonReport, ReportContext } from './types.js';

/** Renders the outcome in the chosen format. Raw secrets appear only with ctx.showSecrets. */
export function renderReport(format: Format, outcome: ScanOutcome, ctx: ReportContext): string {
  switch (format) {
    case 'pretty':
      return renderPretty(outcome, ctx);
    case 'json':
      return renderJson(outcome, ctx);
    case 'sarif':
      return renderSarif(outcome, ctx);
    case 'github':
      return renderGithub(outcome, ctx);
    case 'markdown':
      return renderMarkdown(outcome, ctx);
  }
}
