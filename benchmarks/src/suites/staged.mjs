// Staged scan (the pre-commit hook's job): wall time of `keyguard scan --staged` for a one-file and a
// 1,000-file commit in a repository of real files, next to git-secrets' own hook and a plain
// `git diff --cached | rg`. Target: < 150 ms for one file. `node -e 0` shows Node's start-up floor.
import { appendFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pickSources } from '../corpora/sources.mjs';
import { repeat, run, timed, timedShell } from '../measure.mjs';
import { CLI_BIN, WORK_DIR } from '../paths.mjs';
import { summarize } from '../stats.mjs';
import { RG_SHAPE, gitSecretsEnv } from '../tools.mjs';
import { addRatios } from './common.mjs';
/** @import { Log, Row, SourceFile, SuiteContext, TimedResult } from '../types.mjs' */

export const id = 'staged';
export const title = 'Staged scan (pre-commit)';

/**
 * @param {string} cwd
 * @param {...string} args
 */
async function git(cwd, ...args) {
  return run('git', args, { cwd, timeoutMs: 120_000 });
}

/**
 * @param {boolean} quick
 * @param {Log} log
 */
async function prepareRepo(quick, log) {
  const repo = join(WORK_DIR, 'staged-repo');
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const base = quick ? 100 : 1000;
  const many = quick ? 200 : 1000;
  const { files } = pickSources(base + many, 23);
  log(`  repository with ${base} committed files; staging 1 then ${many} files`);
  /** @param {SourceFile} f */
  const place = (f) => {
    const dest = join(repo, f.path);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(f.abs, dest);
    return f.path;
  };
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'config', 'user.email', 'bench@example.invalid');
  await git(repo, 'config', 'user.name', 'Bench');
  files.slice(0, base).forEach(place);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'base');
  return { repo, committed: files.slice(0, base), extra: files.slice(base) };
}

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  const { repo, committed, extra } = await prepareRepo(quick, log);
  const runs = quick ? 2 : 10;
  const timeoutMs = 60_000;
  const scenarios = [];
  let bigCommit = false;
  /**
   * @param {string} name
   * @param {() => Promise<TimedResult>} make
   * @param {number[]} [okCodes]
   */
  const measure = async (name, make, okCodes = [0, 1]) => {
    const r = await repeat(make, { runs: bigCommit ? (quick ? 1 : 5) : runs, warmup: bigCommit && quick ? 0 : 1, okCodes, budgetMs: quick ? 5_000 : 20_000 });
    return { tool: name, available: r.ok, ...(r.ok ? {} : { reason: r.error }), wall: r.wall, rssKB: r.rss, runs: r.runs.map((s) => Math.round(s.ms)) };
  };
  const cliAvailable = tools['keyguard-cli'].available;
  const gsEnv = tools['git-secrets'].available ? gitSecretsEnv() : undefined;

  /** @type {Record<string, number>} */
  const stagedCounts = {};
  /** @type {Record<string, string>} */
  const indexes = {}; // the index after each scenario's staging: the start-up deltas replay them
  const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: repo, encoding: 'utf8' }).trim();
  /** @type {[scenario: string, stage: () => Promise<void>][]} */
  const stages = [
    ['1 file', async () => {
      appendFileSync(join(repo, committed[0].path), '\n/* a small, clean edit */\n');
      await git(repo, 'add', committed[0].path);
    }],
    [quick ? `${extra.length} files (--quick; 1,000 in the full run)` : '1,000 files', async () => {
      bigCommit = true;
      for (const f of extra) {
        const dest = join(repo, f.path);
        mkdirSync(dirname(dest), { recursive: true });
        copyFileSync(f.abs, dest);
      }
      await git(repo, 'add', '-A');
    }],
  ];
  for (const [scenario, stage] of stages) {
    await stage();
    indexes[bigCommit ? 'many' : 'one'] = join(gitDir, `index-${bigCommit ? 'many' : 'one'}`);
    stagedCounts[bigCommit ? 'many' : 'one'] = Number((await git(repo, 'diff', '--cached', '--name-only')).trim().split('\n').filter(Boolean).length);
    copyFileSync(join(gitDir, 'index'), indexes[bigCommit ? 'many' : 'one']);
    const stagedCount = (await git(repo, 'diff', '--cached', '--name-only')).trim().split('\n').filter(Boolean).length;
    log(`    ${scenario} (${stagedCount} staged)…`);
    /** @type {Row[]} */
    const rows = [];
    rows.push({ ...(await measure('node -e 0', () => timed(process.execPath, ['-e', '0'], { timeoutMs }), [0])), label: 'Node.js start-up (floor for any Node tool)' });
    rows.push({
      ...(await measure('ripgrep', () => timedShell(`git diff --cached | rg -c '${RG_SHAPE}'`, { cwd: repo, capture: true, timeoutMs }))),
      label: 'git diff --cached | rg (baseline)',
    });
    rows.push(
      cliAvailable
        ? { ...(await measure('keyguard', () => timed(process.execPath, [CLI_BIN, 'scan', '--staged', '--format', 'json', '--output', '/dev/null'], { cwd: repo, timeoutMs }))), label: 'keyguard scan --staged' }
        : { tool: 'keyguard', label: 'keyguard scan --staged', available: false, reason: tools['keyguard-cli'].reason },
    );
    rows.push(
      gsEnv
        ? { ...(await measure('git-secrets', () => timed('git', ['secrets', '--pre_commit_hook'], { cwd: repo, env: gsEnv, timeoutMs }))), label: 'git secrets --pre_commit_hook' }
        : { tool: 'git-secrets', available: false, reason: tools['git-secrets'].reason },
    );
    addRatios(rows);
    scenarios.push({ scenario, staged: stagedCount, rows });
  }
  const startup = cliAvailable ? await startupDeltas({ repo, indexes, counts: stagedCounts, runs: quick ? 5 : 21, log }) : undefined;
  return { available: true, target: 'keyguard scan --staged < 150 ms for one file', repoFiles: committed.length, scenarios, startup };
}

/** The start-up budget: how much keyguard adds to Node's own start, commands interleaved run by run. */
export const STARTUP_BUDGET_MS = { version: 15, one: 30, many: 250 };

/**
 * `node -e 0`, `keyguard --version`, and `keyguard scan --staged` (default pretty output, as the
 * hook runs it) for the one-file and the 1,000-file commit (their saved index files), one run of
 * each in turn so that a slow moment of the machine hits all of them alike. Medians and deltas.
 * @param {{ repo: string, indexes: Record<string, string>, counts: Record<string, number>, runs: number, log: Log }} options
 */
async function startupDeltas({ repo, indexes, counts, runs, log }) {
  log(`    start-up deltas (${runs} interleaved runs)…`);
  const commands = {
    node: () => timed(process.execPath, ['-e', '0']),
    version: () => timed(process.execPath, [CLI_BIN, '--version'], { cwd: repo }),
    one: () => timed(process.execPath, [CLI_BIN, 'scan', '--staged', '--no-progress'], { cwd: repo, env: { ...process.env, GIT_INDEX_FILE: indexes.one } }),
    many: () => timed(process.execPath, [CLI_BIN, 'scan', '--staged', '--no-progress'], { cwd: repo, env: { ...process.env, GIT_INDEX_FILE: indexes.many } }),
  };
  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const make of Object.values(commands)) await make(); // warm-up: page cache, compile cache
  for (let i = 0; i < runs; i++) {
    for (const [k, make] of Object.entries(commands)) {
      const r = await make();
      if (r.code !== 0 && r.code !== 1) return { available: false, reason: `${k}: exit ${r.code}: ${r.stderr.split('\n')[0]}` };
      samples[k].push(r.ms);
    }
  }
  const wall = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  /** @param {string} k */
  const delta = (k) => wall[k].median - wall.node.median;
  return {
    available: true,
    node: process.version,
    runs,
    wall,
    staged: counts,
    deltas: Object.fromEntries(/** @type {const} */ (['version', 'one', 'many']).map((k) => [k, { ms: delta(k), budgetMs: STARTUP_BUDGET_MS[k], within: delta(k) <= STARTUP_BUDGET_MS[k] }])),
  };
}
