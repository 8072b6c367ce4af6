import { summaryCounts } from './by-rule.js';
import type { ReportedFinding, ScanOutcome } from '../outcome.js';
import type { JsonFinding, JsonReport, ReportContext } from './types.js';

export function toJsonFinding(f: ReportedFinding, showSecrets: boolean): JsonFinding {
  const out: JsonFinding = {
    path: f.path,
    ...(f.pathBytes !== undefined ? { pathBytes: f.pathBytes } : {}),
    ...(f.archive !== undefined ? { archive: f.archive, inner: f.inner! } : {}),
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ruleId: f.ruleId,
    confidence: f.confidence,
    masked: f.masked,
    fingerprint: f.fingerprint,
    context: { ...f.context },
  };
  if (f.occurrences !== undefined && f.occurrences > 1) {
    out.occurrences = f.occurrences;
    out.lastLine = f.lastLine!;
    out.lastColumn = f.lastColumn!;
  }
  if (f.deletedBy !== undefined) out.deletedBy = f.deletedBy;
  if (f.commit !== undefined) out.commit = f.commit;
  if (f.author !== undefined) out.author = f.author;
  if (f.date !== undefined) out.date = f.date;
  if (showSecrets) out.secret = f.secret;
  return out;
}

export function buildJsonReport(outcome: ScanOutcome, ctx: Pick<ReportContext, 'tool' | 'showSecrets'>): JsonReport {
  return {
    version: 1,
    tool: { name: ctx.tool.name, version: ctx.tool.version },
    findings: outcome.findings.map((f) => toJsonFinding(f, ctx.showSecrets)),
    skipped: outcome.skipped.map((s) => ({
      path: s.path,
      ...(s.pathBytes !== undefined ? { pathBytes: s.pathBytes } : {}),
      ...(s.archive !== undefined ? { archive: s.archive, inner: s.inner! } : {}),
      reason: s.reason,
      ...(s.commit !== undefined ? { commit: s.commit } : {}),
    })),
    warnings: [...outcome.warnings],
    summary: { ...summaryCounts(outcome), durationMs: Math.round(outcome.durationMs) },
  };
}

export function renderJson(outcome: ScanOutcome, ctx: ReportContext): string {
  return `${JSON.stringify(buildJsonReport(outcome, ctx), null, 2)}\n`;
}
