import path from 'node:path';
import type { ScanOptions } from '@keyguard/core';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './archive/limits.js';
import { type Format, type ParsedArgs, parseCliArgs, type ScanArgs } from './args.js';
import { isRoutineSkip, skippedLines } from './skip-reasons.js';
import { applyBaseline, type BaselineFile, createBaseline, formatBaseline, loadBaseline } from './baseline.js';
import { colorsEnabled, createColors } from './colors.js';
import { loadConfig } from './config.js';
import { ExitCode, UsageError } from './exit-codes.js';
import type { GitScanOptions } from './git/types.js';
import { helpText } from './help.js';
import { type IgnoreLayer, isIgnoredBy, keyguardIgnoreLayers, patternLayer } from './ignore-rules.js';
import type { CliEnv, CliIO, OutputStream } from './io.js';
import type { ScanOutcome, SkippedEntry } from './outcome.js';
import { jsonSafe, shown, withoutWorkflowCommands } from './output-escape.js';
import { assertNotAnInput, reportTargets, writeReportFile } from './output-file.js';
import { displayPath, findWorkTreeRoot } from './paths.js';
import { Progress, type ProgressCounts } from './progress.js';
import { sortOutcome } from './order.js';
import { renderReport } from './report/index.js';
import { toolInfo } from './version.js';
import { nowMs } from './clock.js';

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

async function scanPaths(
  args: ScanArgs,
  scanOptions: ScanOptions,
  archives: ArchiveLimits | undefined,
  layers: IgnoreLayer[],
  reportFiles: ReadonlySet<string>,
  io: CliIO,
  env: CliEnv,
  progress: Progress,
): Promise<ScanOutcome> {
  const started = nowMs();
  const [{ walk }, { ScanPool }, { expandGlobArgs }, { globalExcludesResolver }] = await Promise.all([
    import('./walk.js'),
    import('./scan-pool.js'),
    import('./glob-args.js'),
    import('./git/global-excludes.js'),
  ]);
  const counts: ProgressCounts = { files: 0, bytes: 0, findings: 0 };
  const pool = new ScanPool({
    scanOptions,
    ...(archives !== undefined ? { archives } : {}),
    jobs: args.jobs,
    jobsExplicit: args.jobsExplicit,
    onPlan: (workers, found) => {
      if (env.KEYGUARD_DEBUG) io.stderr.write(`keyguard: debug: ${found} files found when ${workers} workers were planned\n`);
    },
    onFiles: (files, findings) => {
      counts.files += files;
      counts.findings += findings;
      progress.update(counts);
    },
    ...(progress.enabled
      ? {
          onBytes: (n: number) => {
            counts.bytes += n;
            progress.update(counts);
          },
        }
      : {}),
  });
  // Files are scanned as the walk finds them. Names that are not valid UTF-8 keep their bytes.
  const rawPaths = new Map<string, Uint8Array>();
  let walked: Awaited<ReturnType<typeof walk>>;
  try {
    walked = await walk(await expandGlobArgs(args.paths, io.cwd, args.followSymlinks), {
      cwd: io.cwd,
      useIgnoreFiles: args.ignore,
      globalExcludes: globalExcludesResolver(env, io.cwd),
      followSymlinks: args.followSymlinks,
      extraLayers: layers,
      reportFiles,
      onFile: (file) => {
        if (file.raw !== undefined) rawPaths.set(file.abs, file.raw);
        pool.add(file);
      },
    });
  } catch (error) {
    await pool.abort();
    throw error;
  }
  const tally = await pool.finish();
  const outcome: ScanOutcome = {
    findings: [],
    skipped: walked.skipped.map((s) => withPathBytes({ path: displayPath(s.abs, io.cwd), reason: s.reason }, s.abs, s.raw)),
    files: tally.files,
    bytes: tally.bytes,
    suppressed: tally.suppressed,
    ignored: walked.ignored,
    ignoredNotable: walked.ignoredNotable.map((abs) => displayPath(abs, io.cwd)),
    warnings: [],
    durationMs: 0,
  };
  // Only files with findings or skipped are named in a report: the others need no display path.
  for (const r of tally.notable) {
    const shown = displayPath(r.abs, io.cwd);
    const raw = rawPaths.get(r.abs);
    for (const f of r.findings) outcome.findings.push(withPathBytes({ ...f, path: shown }, r.abs, raw));
    if (r.status === 'skipped') outcome.skipped.push(withPathBytes({ path: shown, reason: r.reason }, r.abs, raw));
    if (r.status === 'scanned' && r.archive !== undefined) {
      const { archiveEntries } = await import('./archive/report-paths.js');
      const inside = archiveEntries(shown, r.archive, {});
      outcome.findings.push(...inside.findings);
      outcome.skipped.push(...inside.skipped.map((s) => (s.inner === undefined ? withPathBytes(s, r.abs, raw) : s)));
    }
  }
  outcome.durationMs = nowMs() - started;
  return outcome;
}

/**
 * The lossless form of a reported path whose last name is not valid UTF-8 (the walk only lets
 * such a name through at the end of a path): the shown path's folder, then the name's bytes.
 */
function withPathBytes<T extends { path: string }>(entry: T, abs: string, raw: Uint8Array | undefined): T {
  if (raw === undefined) return entry;
  const name = Buffer.from(raw).subarray(Buffer.byteLength(path.dirname(abs) + path.sep));
  const folder = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/') + 1) : '';
  return { ...entry, pathBytes: Buffer.concat([Buffer.from(folder), name]).toString('base64') };
}

async function scanGit(args: ScanArgs, scanOptions: ScanOptions, archives: ArchiveLimits | undefined, layers: IgnoreLayer[], io: CliIO, progress: Progress): Promise<ScanOutcome> {
  const rules = [...(args.ignore ? await keyguardIgnoreLayers(io.cwd) : []), ...layers];
  const options: GitScanOptions = {
    cwd: io.cwd,
    scanOptions,
    isIgnored: (rel) => isIgnoredBy(rules, path.resolve(io.cwd, rel), false),
    onProgress: (p) => progress.update(p),
  };
  if (args.paths.length > 0) options.paths = args.paths;
  if (args.fetchMissing) options.fetchMissing = true;
  if (archives !== undefined) options.archives = archives;
  if (args.staged) {
    const { scanStaged } = await import('./git/staged.js');
    return scanStaged(options);
  }
  const { scanHistory } = await import('./git/history.js');
  return scanHistory(args.history === '' ? options : { ...options, revRange: args.history! });
}

/** `--image FILE`: a saved container image (image/scan-image.ts). */
async function scanImageFile(file: string, scanOptions: ScanOptions, limits: ArchiveLimits, io: CliIO): Promise<ScanOutcome> {
  const started = nowMs();
  const abs = path.resolve(io.cwd, file);
  const { scanImage } = await import('./image/scan-image.js');
  let scan: Awaited<ReturnType<typeof scanImage>>;
  try {
    scan = await scanImage(abs, displayPath(abs, io.cwd), scanOptions, limits);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--image ${file}: no such file or folder`);
    if (code !== undefined) throw new UsageError(`--image ${file}: cannot read (${code})`);
    throw new UsageError(`--image ${file}: ${(error as Error).message}`);
  }
  return { ...scan, ignored: 0, ignoredNotable: [], warnings: [], durationMs: nowMs() - started };
}

function reportSkipped(skipped: readonly SkippedEntry[], args: Pick<ScanArgs, 'quiet' | 'verbose'>, stderr: OutputStream): void {
  if (skipped.length === 0) return;
  if (args.quiet) {
    stderr.write(`keyguard: skipped ${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'}\n`);
    return;
  }
  for (const line of skippedLines(skipped, args.verbose, shown)) stderr.write(`${line}\n`);
}

/**
 * A scan that read no file says why, so "0 findings" is never mistaken for "clean". Returns
 * the line, or undefined when something was read. --staged with nothing staged is normal.
 */
function nothingScannedReason(outcome: ScanOutcome): string | undefined {
  if (outcome.files > 0) return undefined;
  const { ignored, skipped } = outcome;
  if (ignored > 0 && skipped.length > 0) return `nothing scanned: ${ignored} ignored by ignore rules (--no-ignore scans them), ${skipped.length} skipped`;
  if (ignored > 0) return `nothing scanned: all ${ignored} ${ignored === 1 ? 'entry is' : 'entries are'} ignored by ignore rules (--no-ignore scans them)`;
  if (skipped.length > 0) return `nothing scanned: every entry was skipped (${skipped.length} listed above)`;
  return 'nothing scanned: the given paths hold no files';
}

/** Reasons --strict turns into exit 2: anything that could not be read (not binary files or links). */
const isUnreadable = (s: SkippedEntry): boolean => !isRoutineSkip(s);

/** The last guard before a report is written (the renderers escape scanned data themselves). */
function safeReport(format: Format, text: string): string {
  if (format === 'github') return text; // its own commands, their data escaped by the format
  if (format === 'json' || format === 'sarif') return jsonSafe(text);
  return withoutWorkflowCommands(text);
}

async function writeOutput(text: string, file: string | undefined, io: CliIO): Promise<void> {
  // /dev/stdout is stdout: opening it fails when stdout is a socket (ENXIO), as under many runners.
  if (file === undefined || file === '/dev/stdout') {
    io.stdout.write(text);
    return;
  }
  try {
    await writeReportFile(path.resolve(io.cwd, file), text);
  } catch (error) {
    throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

async function runScan(args: ScanArgs, env: CliEnv, io: CliIO): Promise<number> {
  const started = nowMs();
  // The escape hatch works under every hook manager, not only the hook keyguard installs.
  if (args.staged && env.KEYGUARD_SKIP === '1') {
    io.stderr.write('keyguard: KEYGUARD_SKIP=1, secret scan skipped\n');
    return ExitCode.Clean;
  }
  const gitMode = args.staged || args.history !== undefined;
  const scanRoot = args.stdin || gitMode || args.image !== undefined ? io.cwd : path.resolve(io.cwd, args.paths[0] ?? '.');
  const { config, dir } = await loadConfig(args.config, scanRoot, io.cwd);
  const scanOptions: ScanOptions = {
    minConfidence: args.minConfidence ?? config.minConfidence ?? 'medium',
    inlineIgnore: args.inlineIgnore,
  };
  if (config.rules !== undefined) scanOptions.rules = config.rules;
  if (config.allow !== undefined) scanOptions.allow = config.allow;
  // Archives are opened unless --no-archives or the config's `"archives": false`.
  const archives: ArchiveLimits | undefined = args.archives && config.archives !== false ? { ...DEFAULT_ARCHIVE_LIMITS, ...config.archives } : undefined;
  const layers = config.ignore !== undefined && config.ignore.length > 0 ? [await patternLayer(dir, config.ignore)] : [];
  // --baseline is relative to the current folder; the config's `baseline` to the config's folder.
  const baselineFile = args.baseline ?? (config.baseline !== undefined ? path.resolve(dir, config.baseline) : undefined);
  const baseline: BaselineFile | undefined = args.command === 'scan' && baselineFile !== undefined ? await loadBaseline(baselineFile, io.cwd) : undefined;

  const reportFiles = reportTargets([args.output, ...args.extraReports.map((r) => r.file)], io.cwd);
  if (!gitMode && !args.stdin && args.image === undefined) assertNotAnInput(reportFiles, args.paths, io.cwd);

  // With --no-progress stderr's stream is not even made: a clean run may never write there.
  const progressOn = args.progress && Progress.wanted(io.stderr, true, env);
  const progress = new Progress(progressOn ? io.stderr : { write: () => true }, progressOn);
  let outcome: ScanOutcome;
  try {
    if (gitMode) outcome = await scanGit(args, scanOptions, archives, layers, io, progress);
    else if (args.image !== undefined) outcome = await scanImageFile(args.image, scanOptions, archives ?? { ...DEFAULT_ARCHIVE_LIMITS, ...(config.archives || {}) }, io);
    else if (args.stdin) outcome = await (await import('./scan-stdin.js')).scanStdin(args, scanOptions, io, archives);
    else outcome = await scanPaths(args, scanOptions, archives, layers, reportFiles, io, env, progress);
  } finally {
    progress.done();
  }
  outcome = sortOutcome(applyBaseline(outcome, baseline));
  outcome.durationMs = nowMs() - started;
  reportSkipped(outcome.skipped, args, io.stderr);
  for (const warning of outcome.warnings) io.stderr.write(`keyguard: warning: ${shown(warning)}\n`);

  if (args.command === 'baseline') {
    await writeOutput(formatBaseline(createBaseline(outcome.findings)), args.output, io);
    return ExitCode.Clean;
  }
  const workTreeRoot = findWorkTreeRoot(scanRoot);
  const reports = [{ format: args.format, file: args.output }, ...args.extraReports];
  for (const report of reports) {
    const toStdout = report.file === undefined || report.file === '-';
    const colorOn = report.format === 'pretty' && colorsEnabled(env, toStdout ? io.stdout.isTTY : false);
    const text = await renderReport(report.format, outcome, {
      tool: toolInfo(),
      cwd: io.cwd,
      workTreeRoot,
      showSecrets: args.showSecrets,
      colors: createColors(colorOn),
      columns: toStdout && io.stdout.isTTY === true && (io.stdout.columns ?? 0) > 0 ? io.stdout.columns! : 80,
    });
    await writeOutput(safeReport(report.format, text), toStdout ? undefined : report.file, io);
  }
  if (args.staged && args.format === 'pretty' && outcome.findings.length > 0) {
    const { stagedNextSteps } = await import('./hook/messages.js');
    io.stderr.write(`${stagedNextSteps(outcome.findings).join('\n')}\n`);
  }
  if (env.KEYGUARD_DEBUG) io.stderr.write(`keyguard: debug: max RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
  const nothing = args.staged || args.stdin ? undefined : nothingScannedReason(outcome);
  if (nothing !== undefined) io.stderr.write(`keyguard: ${nothing}\n`);
  if (args.strict && outcome.skipped.some(isUnreadable)) {
    io.stderr.write('keyguard: --strict: some paths could not be read\n');
    return ExitCode.Error;
  }
  if (args.strict && nothing !== undefined) {
    io.stderr.write('keyguard: --strict: the scan read no file\n');
    return ExitCode.Error;
  }
  return outcome.findings.length > 0 ? ExitCode.Findings : ExitCode.Clean; // one finding stands for all its repeats
}

async function run(parsed: ParsedArgs, env: CliEnv, io: CliIO): Promise<number> {
  switch (parsed.command) {
    case 'help':
      io.stdout.write(helpText());
      return ExitCode.Clean;
    case 'version':
      io.stdout.write(`${toolInfo().version}\n`);
      return ExitCode.Clean;
    case 'hook': {
      const { runHookCommand } = await import('./hook/index.js');
      return runHookCommand(parsed.rest, env, io);
    }
    default:
      return runScan(parsed, env, io);
  }
}

/** stderr as keyguard writes it: whatever a message quotes, no line of it starts with `::`. */
function guarded(stream: OutputStream): OutputStream {
  const out: OutputStream = { write: (chunk: string) => stream.write(withoutWorkflowCommands(chunk)) };
  if (stream.isTTY !== undefined) out.isTTY = stream.isTTY;
  if (stream.columns !== undefined) out.columns = stream.columns;
  return out;
}

/**
 * The whole CLI: parses `argv`, runs, returns the exit code. Never throws and never prints a
 * stack trace: usage errors and internal errors are one line on stderr, exit 2.
 */
export async function main(argv: readonly string[], env: CliEnv, unguarded: CliIO): Promise<number> {
  const stderr = guarded(unguarded.stderr);
  // stdout and stdin stay unmade until something uses them (see run-cli.ts).
  const io: CliIO = {
    get stdout() {
      return unguarded.stdout;
    },
    get stdin() {
      return unguarded.stdin;
    },
    stderr,
    cwd: unguarded.cwd,
  };
  try {
    return await run(parseCliArgs(argv), env, io);
  } catch (error) {
    // Messages may quote paths and values from the input: shown() escapes them.
    if (error instanceof UsageError) {
      stderr.write(`keyguard: ${shown(oneLine(error.message))}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      stderr.write(`keyguard: internal error: ${shown(oneLine(message))}\n`);
    }
    return ExitCode.Error;
  }
}
