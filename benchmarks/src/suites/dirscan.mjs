// Directory scan: wall time, MB/s and peak RSS over the kernel and node_modules trees, next to ripgrep.
import { kernelReady } from '../corpora/kernel.mjs';
import { nodeModulesReady } from '../corpora/node-modules.mjs';
import { treeStats } from '../corpora/walk.mjs';
import { join } from 'node:path';
import { addRatios, measureDriver } from './common.mjs';
/** @import { Row, SuiteContext } from '../types.mjs' */

export const id = 'dirscan';
export const title = 'Directory scan';
export const needs = { full: ['kernel', 'node-modules'], quick: [] };

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  /** @type {{ name: string, short: string, root: string, files?: number, bytes?: number }[]} */
  const trees = [];
  const k = kernelReady();
  const n = nodeModulesReady();
  if (quick) {
    if (k) trees.push({ name: 'kernel lib/ subtree', short: 'kernel lib/', root: join(k.root, 'lib') });
    else if (n) trees.push({ name: 'node_modules/rxjs', short: 'rxjs', root: join(n.root, 'node_modules/rxjs') });
  } else {
    if (k) trees.push({ name: 'Linux 6.1 source (linux-source-6.1)', short: 'kernel', root: k.root, files: k.files, bytes: k.bytes });
    if (n) trees.push({ name: 'node_modules corpus', short: 'node_modules', root: n.root, files: n.files, bytes: n.bytes });
  }
  if (trees.length === 0) return { available: false, reason: 'no tree prepared (run without --quick once)' };
  const runs = quick ? 2 : 3;
  const useCore = !tools['keyguard-cli'].available;
  /** @type {{ tree: string, short: string, files: number, bytes: number, rows: Row[] }[]} */
  const results = [];
  for (const t of trees) {
    if (t.bytes === undefined) Object.assign(t, treeStats(t.root));
    const { files = 0, bytes = 0 } = t; // set now
    log(`  ${t.name}: ${files} files, ${(bytes / 1e6).toFixed(0)} MB`);
    /** @type {Row[]} */
    const rows = [];
    const opts = { tools, bytes, runs, budgetMs: quick ? 15_000 : 100_000, timeoutMs: quick ? 30_000 : 300_000, log };
    const against = tools['keyguard-base'] !== undefined ? ['keyguard-base'] : [];
    for (const d of ['ripgrep', 'keyguard', ...against, ...(useCore ? ['keyguard-core'] : []), 'git-secrets']) {
      rows.push(await measureDriver(d, t.root, opts));
    }
    rows.push({
      tool: 'gitleaks',
      label: 'gitleaks 8.28 (WebAssembly build)',
      available: false,
      reason: 'not run on large trees: the wasm build scans ~0.6 MB/s (see the accuracy table for its speed on the planted corpus)',
    });
    rows.push({
      tool: 'secretlint',
      label: 'secretlint + preset-recommend',
      available: false,
      reason: 'not run on large trees: ~1 MB/s, and it ignores **/node_modules/** by design (see the accuracy table)',
    });
    results.push({ tree: t.name, short: t.short, files, bytes, rows: addRatios(rows) });
  }
  return { available: true, runsPerTool: runs, trees: results };
}
