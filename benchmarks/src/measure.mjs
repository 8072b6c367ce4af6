// Spawning and timing: wall time from the parent's clock, peak RSS from GNU time (`%M`, KiB).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './stats.mjs';
/** @import { Log, RepeatResult, RunSample, TimedOptions, TimedResult } from './types.mjs' */

export const GNU_TIME = '/usr/bin/time';
const scratch = mkdtempSync(join(tmpdir(), 'kg-bench-time-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let seq = 0;

/**
 * Runs one command. Resolves { ms, rssKB, code, stdout, stderr, timedOut }.
 * opts: cwd, env, input (string for stdin), capture (keep stdout), fullStderr, timeoutMs.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {TimedOptions} [opts]
 * @returns {Promise<TimedResult>}
 */
export function timed(cmd, args, opts = {}) {
  const haveTime = existsSync(GNU_TIME);
  const timeFile = join(scratch, `t${seq++}`);
  const argv = haveTime ? ['-f', '%e %M', '-o', timeFile, cmd, ...args] : args;
  const exe = haveTime ? GNU_TIME : cmd;
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(exe, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', opts.capture ? 'pipe' : 'ignore', 'pipe'],
      detached: true,
    });
    /** @type {Buffer[]} */
    const out = [];
    let err = '';
    let timedOut = false;
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr?.on('data', (d) => {
      err += d;
      if (!opts.fullStderr && err.length > 8192) err = err.slice(-4096);
    });
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(opts.input);
    }
    const timer =
      opts.timeoutMs !== undefined && opts.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            try {
              if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            } catch {
              // the group is already gone
            }
          }, opts.timeoutMs)
        : undefined;
    /** @type {(code: number, spawnError?: Error) => void} */
    const finish = (code, spawnError) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKB = NaN;
      let exitCode = code;
      if (haveTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8');
        rmSync(timeFile, { force: true });
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const m = /(\d+(?:\.\d+)?) (\d+)\s*$/.exec(text);
        if (m) rssKB = Number(m[2]);
        const st = /non-zero status (\d+)/.exec(text);
        if (st && exitCode === 0) exitCode = Number(st[1]);
      }
      resolvePromise({
        ms,
        rssKB,
        code: timedOut ? null : exitCode,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: spawnError ? String(spawnError) : err,
      });
    };
    child.on('error', (e) => finish(127, e));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/**
 * A shell pipeline, timed as one command (GNU time's %M is the largest RSS among the pipeline's processes).
 * @param {string} script
 * @param {TimedOptions} [opts]
 */
export function timedShell(script, opts = {}) {
  return timed('bash', ['-o', 'pipefail', '-c', script], opts);
}

/**
 * Repeats a command: `warmup` discarded runs, then up to `runs` measured runs. Stops early when
 * the time budget is spent (keeping at least one run) or a run fails or times out.
 * make: () => Promise<timed result>. Returns { runs: [...], wall, rss, ok, error }.
 * @param {() => Promise<TimedResult>} make
 * @param {{ runs?: number, warmup?: number, okCodes?: readonly (number | null)[], budgetMs?: number, log?: Log }} [options]
 * @returns {Promise<RepeatResult>}
 */
export async function repeat(make, { runs = 5, warmup = 1, okCodes = [0], budgetMs = Infinity, log } = {}) {
  /** @type {RunSample[]} */
  const samples = [];
  const started = Date.now();
  /** @type {(r: TimedResult, phase: string) => RepeatResult} */
  const fail = (r, phase) => ({
    ok: false,
    error: r.timedOut ? `timed out (${phase})` : `exit ${r.code} (${phase}): ${lastLine(r.stderr)}`,
    runs: samples,
    wall: summarize(samples.map((s) => s.ms)),
    rss: summarize(samples.map((s) => s.rssKB)),
  });
  for (let i = 0; i < warmup; i++) {
    const r = await make();
    if (r.timedOut || !okCodes.includes(r.code)) return fail(r, 'warm-up');
    if (Date.now() - started > budgetMs / 2) {
      // Too slow to repeat: keep the warm-up as the only (cold-ish) sample, flagged.
      samples.push({ ms: r.ms, rssKB: r.rssKB, code: r.code, warmup: true });
      log?.(`    (slow: kept the warm-up run only)`);
      return done(samples, r);
    }
  }
  /** @type {TimedResult | undefined} */
  let last;
  for (let i = 0; i < runs; i++) {
    const r = await make();
    last = r;
    if (r.timedOut || !okCodes.includes(r.code)) {
      if (samples.length === 0) return fail(r, `run ${i + 1}`);
      break;
    }
    samples.push({ ms: r.ms, rssKB: r.rssKB, code: r.code });
    if (Date.now() - started > budgetMs) break;
  }
  return done(samples, last);
}

/**
 * @param {RunSample[]} samples
 * @param {TimedResult | undefined} last
 * @returns {RepeatResult}
 */
function done(samples, last) {
  return {
    ok: true,
    runs: samples,
    wall: summarize(samples.map((s) => s.ms)),
    rss: summarize(samples.map((s) => s.rssKB)),
    lastStdout: last?.stdout,
  };
}

/** @param {string} [text] */
export function lastLine(text = '') {
  const lines = String(text).trim().split('\n').filter(Boolean);
  return (lines.at(-1) ?? '').replace(/\x1b\[[0-9;]*m/g, '').slice(0, 300);
}

/**
 * Runs a command once, returns stdout (throws on failure unless allowed).
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {TimedOptions} [opts]
 */
export async function run(cmd, args, opts = {}) {
  const r = await timed(cmd, args, { ...opts, capture: true });
  const ok = opts.okCodes ?? [0];
  if (r.timedOut || !ok.includes(r.code)) {
    throw new Error(`${cmd} ${args.join(' ')}: ${r.timedOut ? 'timed out' : `exit ${r.code}`}: ${lastLine(r.stderr)}`);
  }
  return r.stdout;
}

/**
 * What a caught value says: an Error's message, else the value itself as text.
 * @param {unknown} e
 */
export function errorMessage(e) {
  return String(e instanceof Error ? e.message : e);
}
