// ADVERSARIAL text: @keyguard/core single-threaded on input built to defeat a matcher (every
// character an anchor, a key shape every 45 characters, a 200 MB line), next to plain source text
// of the same size in the same process; the ESLint rule on a 5 MB string literal of
// `ClientSecret=`; and the CLI over 100,000 empty files vs 100,000 one-byte files.
// Needs no corpus and no peer (ESLint comes from the peers when installed, else the workspace).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceRoots } from '../corpora/sources.mjs';
import { errorMessage, lastLine, repeat, timed } from '../measure.mjs';
import { CLI_BIN, ESLINT_PLUGIN_ENTRY, PEERS_DIR, REPO_DIR } from '../paths.mjs';
import { mbPerSec, ratio, summarize } from '../stats.mjs';
/** @import { Log, SuiteContext, Tools } from '../types.mjs' */
/** @import { AdversarialWorkerOutput, PatternTimings } from './adversarial-worker.mjs' */
/** @import { EslintChildOutput } from './adversarial-eslint.mjs' */

export const id = 'adversarial';
export const title = 'Adversarial text (core, ESLint rule, empty files)';
/** run.mjs installs no peer and prepares no big corpus for this suite alone. */
export const needsPeers = false;
export const needsCorpora = false;

export const TARGET_MBPS = 50;
const MODES_NOTE = 'scanBytes / scanText / scanStream (64 KiB chunks), minConfidence low and default';

/** @param {string} name */
const here = (name) => fileURLToPath(new URL(name, import.meta.url));

/** @param {{ quick: boolean, log: Log }} context */
async function coreRows({ quick, log }) {
  const size = quick ? 16 * 2 ** 20 : 32 * 2 ** 20;
  const line = quick ? 64e6 : 200e6;
  const runs = quick ? 2 : 3;
  const root = sourceRoots()[0];
  log(`  core: ${size / 2 ** 20} MiB per pattern, a ${line / 1e6} MB line, ${runs} runs per API (+1 warm-up), plain text from ${root?.name ?? 'a built-in snippet'}`);
  const args = ['--expose-gc', '--max-old-space-size=8192', here('./adversarial-worker.mjs'), String(size / 2 ** 20), String(line / 2 ** 20), String(runs), root?.root ?? '-'];
  const r = await timed(process.execPath, args, { capture: true, timeoutMs: quick ? 300_000 : 1_200_000 });
  if (r.code !== 0) return { available: false, reason: `adversarial worker failed: ${r.timedOut ? 'timeout' : lastLine(r.stderr)}` };
  /** @type {AdversarialWorkerOutput} */
  const data = JSON.parse(r.stdout);
  /** @type {(row: PatternTimings, mode: string) => { median: number, min: number, max: number, n: number }} */
  const speed = (row, mode) => {
    const ms = summarize(row.modes[mode].samples);
    return { median: mbPerSec(row.bytes, ms.median), min: mbPerSec(row.bytes, ms.max), max: mbPerSec(row.bytes, ms.min), n: ms.n };
  };
  const plain = data.patterns.find((p) => p.pattern === 'plain source text');
  if (!plain) throw new Error('the adversarial worker timed no plain source text');
  const rows = data.patterns.map((p) => {
    const modes = Object.fromEntries(data.modes.map((m) => [m, { mbps: speed(p, m), findings: p.modes[m].findings }]));
    // Slowdown vs plain text in the same API: time per byte, pattern over plain.
    const vsPlain = Object.fromEntries(data.modes.map((m) => [m, ratio(speed(plain, m).median, modes[m].mbps.median)]));
    const slowest = data.modes.reduce((a, b) => (modes[a].mbps.median <= modes[b].mbps.median ? a : b));
    return {
      pattern: p.pattern,
      bytes: p.bytes,
      modes,
      vsPlain,
      slowest: { mode: slowest, mbps: modes[slowest].mbps.median, vsPlain: vsPlain[slowest] },
      meetsTarget: p.pattern === 'plain source text' || Object.values(modes).every((m) => m.mbps.median >= TARGET_MBPS),
    };
  });
  return { available: true, modes: data.modes, rows, runs, command: `node --expose-gc benchmarks/src/suites/adversarial-worker.mjs ${size / 2 ** 20} ${(line / 2 ** 20).toFixed(1)} ${runs} <source root>`, peakRssKB: r.rssKB };
}

/** @param {Tools} tools */
function eslintApi(tools) {
  const from = tools.eslint?.available ? join(PEERS_DIR, 'package.json') : join(REPO_DIR, 'package.json');
  try {
    return { path: createRequire(from).resolve('eslint'), source: tools.eslint?.available ? `peers (${tools.eslint.version})` : 'the workspace devDependency' };
  } catch (e) {
    return { error: `eslint not found: ${errorMessage(e).slice(0, 200)}` };
  }
}

/** @param {SuiteContext} context */
async function eslintRows({ quick, tools, log }) {
  if (!tools['keyguard-eslint-plugin']?.available) return { available: false, reason: tools['keyguard-eslint-plugin']?.reason ?? 'plugin not probed' };
  const api = eslintApi(tools);
  if (api.error !== undefined) return { available: false, reason: api.error };
  const runs = quick ? 2 : 5;
  log(`  eslint: 5 MB literal of ClientSecret= repeated, ${runs} runs (+1 warm-up), eslint from ${api.source}`);
  const r = await timed(process.execPath, ['--expose-gc', here('./adversarial-eslint.mjs'), api.path, ESLINT_PLUGIN_ENTRY, String(5e6), String(runs)], {
    capture: true,
    timeoutMs: quick ? 300_000 : 900_000,
  });
  if (r.code !== 0) return { available: false, reason: `eslint child failed: ${r.timedOut ? 'timeout' : lastLine(r.stderr)}` };
  /** @type {EslintChildOutput} */
  const data = JSON.parse(r.stdout);
  /** @type {(file: string, config: string) => import('../types.mjs').Summary} */
  const wall = (file, config) => summarize(data.results[`${file}|${config}`].samples);
  const files = ['module without the literal', 'same module + 5 MB literal'];
  const configs = ['rule off (parse only)', 'keyguard/no-leaked-access-key'];
  const rows = files.map((file) => {
    const off = wall(file, configs[0]);
    const on = wall(file, configs[1]);
    return {
      file,
      bytes: file.includes('literal') && !file.includes('without') ? data.baseBytes + data.literalBytes : data.baseBytes,
      off,
      on,
      problems: data.results[`${file}|${configs[1]}`].problems,
      ruleAddsMs: on.median - off.median,
    };
  });
  return {
    available: true,
    eslint: api.source,
    rows,
    // The two figures the target is about: what the literal costs with the rule on, and what the
    // rule itself costs on the file with the literal.
    literalAddsMs: rows[1].on.median - rows[0].on.median,
    ruleAddsOnLiteralMs: rows[1].ruleAddsMs,
    targetMs: 500,
  };
}

/**
 * @param {string} dir
 * @param {number} files
 * @param {string} content
 */
function buildTree(dir, files, content) {
  const perDir = 1000;
  for (let d = 0; d * perDir < files; d++) {
    const sub = join(dir, `d${d}`);
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < perDir && d * perDir + f < files; f++) writeFileSync(join(sub, `f${f}.txt`), content);
  }
}

/** @param {SuiteContext} context */
async function cliRows({ quick, tools, log }) {
  if (!tools['keyguard-cli']?.available) return { available: false, reason: tools['keyguard-cli']?.reason ?? 'CLI not probed' };
  const files = 100_000;
  const runs = quick ? 1 : 3;
  const warmup = quick ? 0 : 1;
  const scratch = mkdtempSync(join(tmpdir(), 'kg-bench-adversarial-'));
  try {
    /** @type {[name: string, dir: string, content: string][]} */
    const trees = [
      ['100,000 empty files', join(scratch, 'empty'), ''],
      ['100,000 one-byte files', join(scratch, 'one-byte'), 'x'],
    ];
    const t = Date.now();
    for (const [, dir, content] of trees) buildTree(dir, files, content);
    log(`  cli: two trees of ${files.toLocaleString('en-US')} files built in ${((Date.now() - t) / 1000).toFixed(1)} s (${scratch})`);
    const rows = [];
    for (const [name, dir] of trees) {
      log(`    ${name}…`);
      const r = await repeat(() => timed(process.execPath, [CLI_BIN, 'scan', dir, '--format', 'json'], { timeoutMs: 300_000 }), {
        runs,
        warmup,
        okCodes: [0],
        budgetMs: quick ? 120_000 : 300_000,
      });
      rows.push({ tree: name, files, available: r.ok, ...(r.ok ? {} : { reason: r.error }), wall: r.wall, rssKB: r.rss, msPerThousandFiles: r.wall.median / (files / 1000), runs: r.runs.map((s) => Math.round(s.ms)) });
    }
    return {
      available: true,
      command: 'node packages/cli/dist/bin.js scan <dir> --format json',
      rows,
      emptyVsOneByte: ratio(rows[0].wall.median, rows[1].wall.median),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  const core = await coreRows({ quick, log });
  const eslint = await eslintRows({ quick, tools, log });
  const cli = await cliRows({ quick, tools, log });
  return { available: true, targetMbps: TARGET_MBPS, target: `every pattern >= ${TARGET_MBPS} MB/s in every API (${MODES_NOTE}); ESLint rule adds < 0.5 s on the 5 MB literal`, core, eslint, cli };
}
