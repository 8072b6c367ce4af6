import os from 'node:os';
import { parseArgs } from 'node:util';
import { type Confidence, isConfidence } from '@keyguard/core/option-values';
import { UsageError } from './exit-codes.js';
import { FLAGS, type FlagSpec, FORMATS, type Format, parseArgsOptions } from './flags.js';

export { FORMATS, type Format } from './flags.js';

/** An extra report: `--<format>-output FILE` (`-` is stdout), written besides the main one. */
export interface ExtraReport {
  format: Format;
  file: string;
}

export type Command = 'scan' | 'baseline' | 'hook' | 'help' | 'version';

/** Flags shared by `scan` and `baseline`, parsed and checked. */
export interface ScanArgs {
  command: 'scan' | 'baseline';
  paths: string[];
  stdin: boolean;
  stdinFilename: string | undefined;
  staged: boolean;
  /** undefined: not a history scan; '': every ref; else a rev range. */
  history: string | undefined;
  format: Format;
  output: string | undefined;
  /** `--sarif-output FILE` and its siblings, in FORMATS order. */
  extraReports: ExtraReport[];
  showSecrets: boolean;
  baseline: string | undefined;
  config: string | undefined;
  ignore: boolean;
  inlineIgnore: boolean;
  minConfidence: Confidence | undefined;
  jobs: number;
  /** --jobs was given: use that many workers whenever there is more than one file. */
  jobsExplicit: boolean;
  progress: boolean;
  quiet: boolean;
  /** List every skipped entry on stderr, binary files and links included. */
  verbose: boolean;
  strict: boolean;
  followSymlinks: boolean;
  /** --image FILE: a saved container image (docker/podman save tarball, OCI layout folder or tar). */
  image: string | undefined;
  /** Read inside archives (zip, tar, gzip); false with --no-archives. */
  archives: boolean;
  /** --history/--staged in a partial clone: fetch missing blobs in one batch (else listed as missing). */
  fetchMissing: boolean;
}

export type ParsedArgs =
  | { command: 'help'; topic?: string }
  | { command: 'version' }
  | { command: 'hook'; rest: string[] }
  | ScanArgs;

/** parseArgs' options: the flag table's, built once. */
const OPTIONS = parseArgsOptions();

/** parseArgs' own errors, turned into one line a user can act on. */
function usageFromParseError(error: unknown): UsageError {
  const e = error as { code?: string; message?: string };
  const message = String(e.message ?? error);
  const option = /'([^']+)'/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option '${option ?? message}' (see keyguard --help)`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`${message.split('. ')[0]} (see keyguard --help)`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument '${option ?? message}' (see keyguard --help)`);
    default:
      return new UsageError(message.split('\n')[0]!);
  }
}

/** `--history` takes an optional value, which parseArgs cannot express: take it out first. */
function extractHistory(argv: string[]): { rest: string[]; history: string | undefined } {
  const rest: string[] = [];
  let history: string | undefined;
  let ended = false;
  for (const arg of argv) {
    if (!ended && arg === '--') ended = true;
    if (!ended && (arg === '--history' || arg.startsWith('--history='))) {
      if (history !== undefined) throw new UsageError('--history given more than once');
      history = arg === '--history' ? '' : arg.slice('--history='.length);
      if (arg !== '--history' && history === '') throw new UsageError('--history= needs a revision range (or use --history alone for every ref)');
      continue;
    }
    rest.push(arg);
  }
  return { rest, history };
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, os.availableParallelism());
  if (!/^[1-9][0-9]{0,3}$/.test(value)) throw new UsageError(`--jobs must be a positive integer, got '${value}'`);
  return Number(value);
}

/** Parses argv (without node and script). Throws UsageError for anything a user got wrong. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...afterFirst] = argv;
  if (first === undefined) return { command: 'help' };
  if (first === 'hook') return { command: 'hook', rest: afterFirst };
  if (first === 'help') return { command: 'help', ...(afterFirst[0] !== undefined ? { topic: afterFirst[0] } : {}) };
  if (first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first !== 'scan' && first !== 'baseline') {
    if (first.startsWith('-')) throw new UsageError(`expected a command before '${first}' (see keyguard --help)`);
    throw new UsageError(`unknown command '${first}' (see keyguard --help)`);
  }
  const command = first;
  const { rest, history } = extractHistory(afterFirst);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseError(error);
  }
  const v = parsed.values;
  if (v.help === true) return { command: 'help', topic: command };
  if (v.version === true) return { command: 'version' };

  const format = v.format ?? 'pretty';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}': use one of ${FORMATS.join(', ')}`);
  }
  const minConfidence = v['min-confidence'];
  if (minConfidence !== undefined && !isConfidence(minConfidence)) {
    throw new UsageError(`--min-confidence must be low, medium or high, got '${minConfidence}'`);
  }
  const positionals = parsed.positionals;
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError("'-' (stdin) cannot be combined with other paths");
  const staged = v.staged === true;
  if (staged && history !== undefined) throw new UsageError('--staged and --history cannot be combined');
  if ((staged || history !== undefined) && stdin) throw new UsageError(`'-' (stdin) cannot be combined with ${staged ? '--staged' : '--history'}`);
  if (history !== undefined && positionals.length > 0) throw new UsageError('--history scans whole commits: it takes no paths');
  if (v['fetch-missing'] === true && !staged && history === undefined) throw new UsageError('--fetch-missing applies to --history and --staged (blobs a partial clone lacks)');
  if (v['stdin-filename'] !== undefined && !stdin) throw new UsageError("--stdin-filename only applies when reading stdin ('-')");
  if (v.image !== undefined) {
    if (v.image === '') throw new UsageError('--image needs a file or folder');
    const other = staged ? '--staged' : history !== undefined ? '--history' : stdin ? "'-' (stdin)" : positionals.length > 0 ? 'paths' : undefined;
    if (other !== undefined) throw new UsageError(`--image cannot be combined with ${other}`);
  }
  if (v.quiet === true && v.verbose === true) throw new UsageError('--quiet and --verbose cannot be combined');
  for (const flag of FLAGS as readonly FlagSpec[]) {
    const given = flag.name === 'history' ? history !== undefined : (v as Record<string, unknown>)[flag.name] !== undefined;
    if (given && !flag.commands.includes(command)) throw new UsageError(`--${flag.name} applies to ${flag.commands.join(' and ')}, not to ${command}`);
  }
  for (const [name, value] of [['--output', v.output], ['--baseline', v.baseline], ['--config', v.config], ['--stdin-filename', v['stdin-filename']]] as const) {
    if (value === '') throw new UsageError(`${name} needs a non-empty value`);
  }
  const extraReports: ExtraReport[] = [];
  for (const f of FORMATS) {
    const file = v[`${f}-output`];
    if (file === undefined) continue;
    if (file === '') throw new UsageError(`--${f}-output needs a file name (or - for stdout)`);
    if (file !== '-' && (file === v.output || extraReports.some((r) => r.file === file))) {
      throw new UsageError(`--${f}-output ${file}: another report is already written to that file`);
    }
    extraReports.push({ format: f, file });
  }
  return {
    command,
    paths: stdin || v.image !== undefined ? [] : staged || history !== undefined ? positionals : positionals.length > 0 ? positionals : ['.'],
    stdin,
    stdinFilename: v['stdin-filename'],
    staged,
    history,
    format: format as Format,
    output: v.output,
    extraReports,
    showSecrets: v['show-secrets'] === true,
    baseline: v.baseline,
    config: v.config,
    ignore: v['no-ignore'] !== true,
    inlineIgnore: v['no-inline-ignore'] !== true,
    minConfidence: minConfidence as Confidence | undefined,
    jobs: parseJobs(v.jobs),
    jobsExplicit: v.jobs !== undefined,
    progress: v['no-progress'] !== true,
    quiet: v.quiet === true,
    verbose: v.verbose === true,
    strict: v.strict === true,
    followSymlinks: v['follow-symlinks'] === true,
    archives: v['no-archives'] !== true,
    image: v.image,
    fetchMissing: v['fetch-missing'] === true,
  };
}
