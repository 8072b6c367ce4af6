import { shortRemediation } from '@keyguard/core';
import type { ScanOutcome } from '../outcome.js';
import { shown } from '../output-escape.js';
import { isRoutineSkip } from '../skip-reasons.js';
import { rootRelative } from '../paths.js';
import type { ReportContext } from './types.js';

/** Escapes a workflow command's message (GitHub's rules: %, CR, LF). */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a workflow command's property value: the data rules plus `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** GitHub Actions annotations: one `::error` per finding, a `::warning` per entry that could not be read. */
export function renderGithub(outcome: ScanOutcome, ctx: ReportContext): string {
  const lines: string[] = [];
  // GitHub resolves `file=` against the repository's root, whatever folder the scan ran from.
  // Control characters in a name are shown escaped (`\x1b`), never written raw to the log.
  const file = (p: string): string => escapeProperty(shown(rootRelative(p, ctx.cwd, ctx.workTreeRoot ?? ctx.cwd).path));
  for (const f of outcome.findings) {
    // Inside an archive: the annotation goes on the archive (a file of the repository), the
    // message says where inside it; its line numbers are the inner file's, not the archive's.
    const props = (
      f.archive !== undefined
        ? [`file=${file(f.archive)}`, `title=${escapeProperty(`keyguard: ${f.ruleId}`)}`]
        : [`file=${file(f.path)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(`keyguard: ${f.ruleId}`)}`]
    ).join(',');
    const where = f.commit !== undefined ? ` in commit ${f.commit.slice(0, 12)}` : '';
    const repeats = f.occurrences !== undefined && f.occurrences > 1 ? ` (${f.occurrences} times in this file, last at line ${f.lastLine})` : '';
    const secret = ctx.showSecrets ? ` secret: ${f.secret}` : '';
    const inside = f.archive !== undefined ? `in ${f.path} line ${f.line}: ` : '';
    const message = `${inside}${f.message}${where}${repeats}; ${shortRemediation(f)}. fingerprint ${f.fingerprint}${secret}`;
    lines.push(`::error ${props}::${escapeData(shown(message))}`);
  }
  for (const s of outcome.skipped) {
    if (isRoutineSkip(s)) continue; // binary files and links are normal in any repository
    const inside = s.archive !== undefined ? ` (${s.path})` : '';
    lines.push(`::warning file=${file(s.archive ?? s.path)},title=${escapeProperty('keyguard: skipped')}::${escapeData(shown(`not scanned${inside}: ${s.reason}`))}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
