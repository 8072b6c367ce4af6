import { occurrencesOf } from '../aggregate.js';
import type { ReportedFinding, ScanOutcome } from '../outcome.js';
import { formatBytes } from './units.js';
import { groupByRule } from './by-rule.js';
import type { ReportContext } from './types.js';

/**
 * At most this many rows in the findings table: `$GITHUB_STEP_SUMMARY` takes 1 MiB per step,
 * and the report file (SARIF, JSON) holds every finding anyway.
 */
export const MARKDOWN_MAX_ROWS = 100;

/** Characters that reorder or hide text (bidi controls, line/paragraph separators, BOM). */
const INVISIBLE = /[\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;

/**
 * A code point as `\u\{000A\}` (rendered `\u{000A}`): how control and invisible characters are
 * shown. A bare `\u` never comes from the text itself, whose backslashes are all doubled.
 */
const shown = (ch: string): string => `\\u\\{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}\\}`;

/**
 * Scanned data (paths, authors, resource names) as inert text in a GitHub-flavoured Markdown
 * table cell: HTML's `&`, `<` and `>` as entities, `|` and every other ASCII punctuation
 * character backslash-escaped (no emphasis, link, code span, autolink or cell break can start),
 * and control or invisible characters (line breaks, tabs, escape sequences, bidi overrides)
 * written out as `\u{…}`, so a hostile file name stays on its row and renders as what it is.
 * The escaped text is still unambiguous: each original character maps to one token.
 */
export function escapeMarkdown(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (/[!-/:-@[-`{-~]/.test(ch)) out += `\\${ch}`;
    else if (/\p{Cc}/u.test(ch) || INVISIBLE.test(ch)) out += shown(ch);
    else out += ch;
  }
  return out;
}

/**
 * A value in a code span when it is made of characters that cannot end or break one (keys,
 * masked keys, commit ids); anything else as escaped text.
 */
export function markdownCode(value: string): string {
  return /^[A-Za-z0-9+/=._~\-\u2026]+$/.test(value) ? `\`${value}\`` : escapeMarkdown(value);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function whereCell(f: ReportedFinding): string {
  return `${escapeMarkdown(f.path)}:${f.line}`;
}

function commitCell(f: ReportedFinding): string {
  if (f.commit === undefined) return '';
  const parts = [markdownCode(f.commit.slice(0, 12))];
  if (f.author !== undefined) parts.push(`by ${escapeMarkdown(f.author)}`);
  if (f.date !== undefined) parts.push(`on ${escapeMarkdown(f.date.slice(0, 10))}`);
  return parts.join(' ');
}

/** Each rule's steps once: with its resource name when all its findings name the same one. */
function remediationSection(findings: readonly ReportedFinding[]): string[] {
  const out: string[] = [];
  for (const { rule, findings: list, resourceNames: names, steps } of groupByRule(findings)) {
    out.push(`#### ${escapeMarkdown(rule.title)} (\`${rule.id}\`): ${plural(occurrencesOf(list), 'finding')}`, '');
    if (names.length > 1) out.push(`Resources: ${names.map(escapeMarkdown).join(', ')}`, '');
    // The steps are keyguard's own text, but a resource name filled in is scanned data.
    steps.forEach((step, i) => out.push(`${i + 1}. ${escapeMarkdown(step)}`));
    if (rule.references.length > 0) {
      out.push('', `References: ${rule.references.map((r, i) => `[${i + 1}](${r})`).join(', ')}`);
    }
    out.push('');
  }
  return out;
}

/**
 * A Markdown summary for `$GITHUB_STEP_SUMMARY` (or a pull request comment): the counts, a
 * table of findings, and each rule's remediation steps once. Never the raw secret unless
 * ctx.showSecrets; everything taken from scanned data is escaped (see escapeMarkdown).
 */
export function renderMarkdown(outcome: ScanOutcome, ctx: ReportContext): string {
  const { findings } = outcome;
  const total = occurrencesOf(findings);
  const out: string[] = [];
  out.push(total === 0 ? '## keyguard: no leaked credentials' : `## keyguard: ${plural(total, 'leaked credential')} found`, '');
  out.push(
    '| Files scanned | Findings | Suppressed | Skipped | Ignored |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${outcome.files} (${formatBytes(outcome.bytes)}) | ${total} | ${outcome.suppressed} | ${outcome.skipped.length} | ${outcome.ignored} |`,
    '',
  );
  for (const warning of outcome.warnings) out.push(`**Warning:** ${escapeMarkdown(warning)}`, '');
  if (outcome.ignoredNotable.length > 0) {
    out.push(`Ignored by ignore rules although such names often hold secrets: ${outcome.ignoredNotable.map(escapeMarkdown).join(', ')} (\`--no-ignore\` scans them).`, '');
  }
  if (findings.length > 0) {
    const history = findings.some((f) => f.commit !== undefined);
    out.push('### Findings', '');
    out.push(history ? '| Location | Rule | Value | Confidence | Commit |' : '| Location | Rule | Value | Confidence |');
    out.push(history ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |');
    for (const f of findings.slice(0, MARKDOWN_MAX_ROWS)) {
      const repeats = f.occurrences !== undefined && f.occurrences > 1 ? ` ×${f.occurrences}` : '';
      const cells = [whereCell(f), markdownCode(f.ruleId), markdownCode(ctx.showSecrets ? f.secret : f.masked) + repeats, escapeMarkdown(f.confidence)];
      if (history) cells.push(commitCell(f));
      out.push(`| ${cells.join(' | ')} |`);
    }
    if (findings.length > MARKDOWN_MAX_ROWS) {
      out.push('', `… and ${findings.length - MARKDOWN_MAX_ROWS} more: the report file lists every finding.`);
    }
    out.push('', '### What to do', '');
    out.push(...remediationSection(findings));
    out.push(history ? 'Rotate first: removing a key from the latest commit leaves it in history.' : 'Rotate first: a key that reached a repository must be considered leaked.', '');
  }
  out.push(`<sub>${escapeMarkdown(`${ctx.tool.name} ${ctx.tool.version}`)}</sub>`);
  return `${out.join('\n')}\n`;
}
