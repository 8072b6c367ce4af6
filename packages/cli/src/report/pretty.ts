import { remediationFor } from '@keyguard/core';
import type { ReportedFinding, ScanOutcome } from '../outcome.js';
import type { ReportContext } from './types.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary: files, bytes, time, findings, suppressed, skipped. */
export function summaryLine(outcome: ScanOutcome): string {
  return `${plural(outcome.files, 'file')} (${formatBytes(outcome.bytes)}) scanned in ${formatDuration(outcome.durationMs)}: ${plural(outcome.findings.length, 'finding')}, ${outcome.suppressed} suppressed, ${outcome.skipped.length} skipped`;
}

/** Human output: findings grouped by file, each with what to do, then the summary. */
export function renderPretty(outcome: ScanOutcome, ctx: ReportContext): string {
  const c = ctx.colors;
  const out: string[] = [];
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of outcome.findings) {
    const key = f.commit !== undefined ? `${f.path} @ ${f.commit.slice(0, 12)}` : f.path;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [f]);
    else list.push(f);
  }
  for (const [file, findings] of groups) {
    out.push(c.underline(c.bold(file)));
    for (const f of findings) {
      const level = f.confidence === 'high' ? c.red(f.confidence) : f.confidence === 'medium' ? c.yellow(f.confidence) : c.dim(f.confidence);
      const secret = ctx.showSecrets ? f.secret : f.masked;
      out.push(`  ${c.dim(`${f.line}:${f.column}`)}  ${c.bold(secret)}  ${level}  ${c.cyan(f.ruleId)}`);
      if (f.context.resourceName !== undefined) out.push(`      resource: ${f.context.resourceName}`);
      if (f.author !== undefined || f.date !== undefined) out.push(`      commit ${f.commit ?? ''} by ${f.author ?? '?'} on ${f.date ?? '?'}`);
      out.push(`      fingerprint: ${c.dim(f.fingerprint)}`);
      for (const step of remediationFor(f)) out.push(`      ${c.green('→')} ${step}`);
    }
    out.push('');
  }
  const summary = summaryLine(outcome);
  out.push(outcome.findings.length > 0 ? c.red(c.bold(`✖ ${summary}`)) : c.green(`✔ ${summary}`));
  return `${out.join('\n')}\n`;
}
