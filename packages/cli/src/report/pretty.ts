import { occurrencesOf } from '../aggregate.js';
import type { Colors } from '../colors.js';
import type { ReportedFinding, ScanOutcome } from '../outcome.js';
import { shown } from '../output-escape.js';
import { groupByRule } from './by-rule.js';
import type { ReportContext } from './types.js';
import { filesAndBytes, formatDuration, plural } from './units.js';

export { formatBytes } from './units.js';

/**
 * The one-line summary: files, bytes, time, findings, suppressed, skipped, ignored:
 * `4 files (1.2 KiB) in 15 ms: 3 findings, 0 suppressed, 0 skipped, 2 ignored`.
 */
export function summaryLine(outcome: Pick<ScanOutcome, 'files' | 'bytes' | 'durationMs' | 'findings' | 'suppressed' | 'skipped' | 'ignored'>): string {
  return (
    `${filesAndBytes(outcome.files, outcome.bytes)} in ${formatDuration(outcome.durationMs)}: ` +
    `${plural(occurrencesOf(outcome.findings), 'finding')}, ${outcome.suppressed} suppressed, ${outcome.skipped.length} skipped${missingNote(outcome.skipped)}, ${outcome.ignored} ignored`
  );
}

/** ` (3 missing)`: git blobs not in the repository, the skips a partial clone hides. */
function missingNote(skipped: ScanOutcome['skipped']): string {
  const n = skipped.filter((s) => s.reason === 'missing').length;
  return n === 0 ? '' : ` (${n} missing)`;
}

// ---------------------------------------------------------------------------------------------
// Scanned data as inert terminal text.

/**
 * Text taken from scanned data (paths, resource names) as the CLI shows it everywhere: control
 * and bidi characters escaped by the shared output-escape module, so an escape sequence, a
 * carriage return or a bidi override in a scanned value cannot move the cursor, recolour the
 * terminal or forge a line of the report. (Lines starting with `::` are guarded by main.ts on
 * the whole report.)
 */
export function inert(value: string): string {
  return shown(value);
}

/**
 * Every path the pretty report prints goes through here (finding locations, ignored files):
 * the one place where scanned paths are escaped for this report.
 */
export function printablePath(p: string): string {
  return inert(p);
}

// ---------------------------------------------------------------------------------------------
// Wrapping.

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Width in terminal columns, ANSI colour codes ignored. Counts code points: wide (CJK) and
 * combining characters are rare in paths and rule text, and a slightly long line only wraps late.
 */
export function visibleWidth(s: string): number {
  let n = 0;
  for (const _ of s.replace(ANSI, '')) n++;
  return n;
}

/** A unit the wrapper never breaks, and what separates it from the one before on a line. */
interface Piece {
  text: string;
  gap: string;
}

/**
 * Text as pieces broken at spaces, each coloured on its own (a colour never spans a line break).
 * A number keeps the word after it (`3 findings`, `42 ms`, `1.2 KiB`): no break after a digit.
 */
function words(text: string, style: (s: string) => string = (s) => s): Piece[] {
  return text
    .split(/(?<!\d) +/)
    .filter((w) => w !== '')
    .map((w) => ({ text: style(w), gap: ' ' }));
}

/**
 * Lays pieces out in lines of at most `width` visible columns: the first line starts with
 * `indent`, the next ones with `hang` (a hanging indent). A piece is never broken: one wider
 * than the room left on an empty line is put there alone and overflows.
 */
function wrap(pieces: readonly Piece[], width: number, indent: string, hang: string): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let empty = true;
  for (const p of pieces) {
    const w = visibleWidth(p.text);
    if (empty) {
      line = (lines.length === 0 ? indent : hang) + p.text;
      used = visibleWidth(line);
      empty = false;
    } else if (used + p.gap.length + w <= width) {
      line += p.gap + p.text;
      used += p.gap.length + w;
    } else {
      lines.push(line);
      line = hang + p.text;
      used = hang.length + w;
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The report.

const FINDING_HANG = '    ';

function confidenceText(f: ReportedFinding, c: Colors): string {
  const level = f.confidence === 'high' ? c.red(f.confidence) : f.confidence === 'medium' ? c.yellow(f.confidence) : c.dim(f.confidence);
  return `(${level})`;
}

/**
 * `path:line:col  rule-id  masked  (confidence)  @ 1a2b3c4d5e6f`, wrapped at field boundaries.
 * The location is one piece even when the path holds spaces: a path wider than the terminal
 * overflows the line instead of being cut in the middle, so it stays one thing to copy or click.
 */
function findingLines(f: ReportedFinding, ctx: ReportContext): string[] {
  const c = ctx.colors;
  const pieces: Piece[] = [
    { text: `${c.bold(printablePath(f.path))}${c.dim(`:${f.line}:${f.column}`)}`, gap: '' },
    { text: c.cyan(f.ruleId), gap: '  ' },
    { text: c.bold(inert(ctx.showSecrets ? f.secret : f.masked)), gap: '  ' },
    { text: confidenceText(f, c), gap: '  ' },
  ];
  if (f.commit !== undefined) pieces.push({ text: `${c.dim('@')} ${c.magenta(f.commit.slice(0, 12))}`, gap: '  ' });
  // A container image's file a later layer deletes: still in the image, so still a leak.
  if (f.deletedBy !== undefined) pieces.push({ text: c.dim(`(deleted by layer ${printablePath(f.deletedBy)}, still in the image)`), gap: '  ' });
  // Repeats of one secret in one file: one line, with the count and the last place.
  if (f.occurrences !== undefined && f.occurrences > 1) {
    pieces.push({ text: c.dim(`×${f.occurrences}`), gap: '  ' }, { text: c.dim(`(last ${f.lastLine}:${f.lastColumn})`), gap: ' ' });
  }
  return wrap(pieces, ctx.columns, '', FINDING_HANG);
}

/**
 * Each rule's steps once, after all the findings, in rule-id order. Grouping: one block per
 * rule, because the steps are the same for every finding of a rule; only the resource name in
 * a command (`az signalr key renew --name <resource>`) differs. When every finding of the rule
 * that names a resource names the same one, the command carries it, ready to run (findings with
 * no name, like a bare key, offer no other candidate). When they name several, the command keeps
 * `<resource>` and a `Resources:` line lists the names to run it for, rather than repeating the
 * whole block per resource; the same line names a resource that core would not put in a command
 * (not a valid Azure name), as inert text. The markdown report fills the name in the same way, so
 * the job summary and the log give the same command.
 */
function remediationLines(findings: readonly ReportedFinding[], ctx: ReportContext): string[] {
  const c = ctx.colors;
  const out: string[] = [];
  for (const { rule, findings: list, resourceNames, steps } of groupByRule(findings)) {
    const names = resourceNames.map(inert);
    out.push('');
    out.push(...wrap([...words(rule.title, (w) => c.bold(w)), ...words(`(${rule.id}), ${plural(occurrencesOf(list), 'finding')}:`)], ctx.columns, '', '  '));
    // Names the command could not carry (several, or one core will not paste into a command).
    if (names.length > 0 && steps.some((s) => s.includes('<resource>'))) {
      out.push(...wrap(words(`Resources: ${names.join(', ')}`), ctx.columns, '  ', '    '));
    }
    steps.forEach((step, i) => {
      const number = `${i + 1}.`;
      out.push(...wrap([{ text: c.green(number), gap: '' }, ...words(step)], ctx.columns, '  ', ' '.repeat(2 + number.length + 1)));
    });
  }
  return out;
}

/**
 * `Ignored files that may hold secrets: .env, config/appsettings.json (scan them with
 * --no-ignore)`. No count: the list stops at a few names, so "3 files" could understate it.
 * Each path is one piece, never broken at a space inside it.
 */
function ignoredNotablePieces(notable: readonly string[], c: Colors): Piece[] {
  const yellow = (w: string): string => c.yellow(w);
  return [
    ...words('Ignored files that may hold secrets:', yellow),
    ...notable.map((p, i) => ({ text: `${c.bold(printablePath(p))}${i < notable.length - 1 ? ',' : ''}`, gap: ' ' })),
    ...words('(scan them with', yellow),
    { text: `${c.bold('--no-ignore')})`, gap: ' ' },
  ];
}

/**
 * Human output for a terminal or a CI log: one line per finding, then each rule's remediation
 * once, then the summary (and the ignored files that may hold secrets), all wrapped to
 * `ctx.columns`. Colours come from `ctx.colors` only: without them the text is plain.
 */
export function renderPretty(outcome: ScanOutcome, ctx: ReportContext): string {
  const c = ctx.colors;
  const out: string[] = [];
  for (const f of outcome.findings) out.push(...findingLines(f, ctx));
  if (outcome.findings.length > 0) {
    out.push(...remediationLines(outcome.findings, ctx));
    out.push('');
  }
  const failed = outcome.findings.length > 0;
  const summaryStyle = (w: string): string => (failed ? c.red(c.bold(w)) : c.green(w));
  out.push(...wrap(words(summaryLine(outcome), summaryStyle), ctx.columns, '', '  '));
  if (outcome.ignoredNotable.length > 0) out.push(...wrap(ignoredNotablePieces(outcome.ignoredNotable, c), ctx.columns, '', '  '));
  return `${out.join('\n')}\n`;
}
