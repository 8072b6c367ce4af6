#!/usr/bin/env node
// Entry point: `pnpm bench` (everything, preparing what is missing) or `pnpm bench --quick`.
//   --quick            a subset in under a minute (small corpora, fewer runs), plus ~75 s of adversarial
//   --only a,b         only these suites (core, dirscan, accuracy, history, staged, eslint, memory, archives, adversarial)
//   --out <name>       results/<name>.{json,md,svg} (default: latest for a full run, dev otherwise)
//   --no-install       never install peers or corpora (report what is missing)
//   --against REV      also run keyguard as built at REV (a commit, tag or branch) in the same run
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bigFilesReady, ensureBigFiles } from './corpora/bigfile.mjs';
import { ensureHistory, historyReady } from './corpora/history.mjs';
import { ensureKernel, kernelReady } from './corpora/kernel.mjs';
import { ensureNodeModules, nodeModulesReady } from './corpora/node-modules.mjs';
import { ensurePlanted, plantedReady } from './corpora/planted.mjs';
import { machineInfo, machineLabel } from './machine.mjs';
import { errorMessage } from './measure.mjs';
import { prepareAgainst } from './against.mjs';
import { ensurePeers } from './peers.mjs';
import { useAgainst } from './tools.mjs';
import { CACHE_DIR } from './paths.mjs';
import { renderMarkdown, writeResults } from './report.mjs';
import * as core from './suites/core.mjs';
import * as dirscan from './suites/dirscan.mjs';
import * as accuracy from './suites/accuracy.mjs';
import * as history from './suites/history.mjs';
import * as staged from './suites/staged.mjs';
import * as eslint from './suites/eslint.mjs';
import * as memory from './suites/memory.mjs';
import * as archives from './suites/archives.mjs';
import * as adversarial from './suites/adversarial.mjs';
/** @import { Log, PrepEntry, Suite, SuiteResult } from './types.mjs' */

/** @type {Suite[]} */
const SUITES = [core, dirscan, accuracy, history, staged, eslint, memory, archives, adversarial];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    'no-install': { type: 'boolean', default: false },
    against: { type: 'string' },
  },
  allowPositionals: false,
});
const quick = values.quick;
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((o) => !SUITES.some((s) => s.id === o));
if (unknown?.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
const outName = values.out ?? (quick || only ? 'dev' : 'latest');
const install = !values['no-install'];
/** @param {...unknown} a */
const log = (...a) => console.log(...a);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

const machine = machineInfo();
log(`keyguard bench (${quick ? 'quick' : 'full'}) on ${machineLabel(machine)}, node ${machine.node}; cache ${CACHE_DIR}`);

log('peers:');
// Peers are installed only when a chosen suite compares with them (adversarial needs none).
const needsPeers = SUITES.some((s) => (!only || only.includes(s.id)) && s.needsPeers !== false);
const tools = await ensurePeers({ install: install && needsPeers, log });
if (values.against !== undefined) {
  const base = await prepareAgainst(values.against, { log });
  tools['keyguard-base'] = base;
  if (base.available) useAgainst(base);
}
for (const [name, t] of Object.entries(tools)) log(`  ${name}: ${t.available ? t.version ?? 'ok' : `UNAVAILABLE (${t.reason})`}`);

// Corpora, cached in CACHE_DIR: the big ones (kernel, node_modules) are prepared by full runs only;
// quick runs use them when they are there. Derived corpora are built from whatever is available.
const size = quick ? 'quick' : 'full';
/** @param {...string} ids */
const wants = (...ids) => !only || ids.some((i) => only.includes(i));
// The big trees only for suites that read them (adversarial builds its own inputs).
const wantsBigTrees = SUITES.some((s) => (!only || only.includes(s.id)) && s.needsCorpora !== false);
/** @type {Record<string, PrepEntry>} */
const prep = {};
/**
 * What run.mjs reads of a prepared corpus.
 * @typedef {{ files?: number, bytes?: number, gitDirBytes?: number, commits?: number }} Prepared
 * @type {[name: string, ready: () => unknown, ensure: (options: { log: Log }) => Prepared | Promise<Prepared>, enabled: boolean][]}
 */
const corpora = [
  ['kernel', () => kernelReady(), ensureKernel, !quick && install && wantsBigTrees],
  ['node-modules', () => nodeModulesReady(), ensureNodeModules, !quick && install && wantsBigTrees],
  [`planted-${size}`, () => plantedReady(size), (o) => ensurePlanted(size, o), wants('accuracy')],
  [`history-${size}`, () => historyReady(size), (o) => ensureHistory(size, o), wants('history')],
  [`big-file-${size}`, () => bigFilesReady(size), (o) => ensureBigFiles(size, o).big, wants('memory')],
];
log('corpora:');
for (const [name, ready, ensure, enabled] of corpora) {
  if (!enabled) continue;
  const s = Date.now();
  const cached = Boolean(ready());
  try {
    const m = await ensure({ log });
    prep[name] = { ok: true, cached, ms: Date.now() - s, files: m.files, bytes: m.bytes ?? m.gitDirBytes, ...(m.commits ? { commits: m.commits } : {}) };
    log(`  ${name}: ${cached ? 'cached' : `prepared in ${((Date.now() - s) / 1000).toFixed(1)} s`}`);
  } catch (e) {
    prep[name] = { ok: false, ms: Date.now() - s, error: errorMessage(e).slice(0, 300) };
    log(`  ${name}: UNAVAILABLE (${prep[name].error})`);
  }
}
const prepMs = Date.now() - t0;

/** @type {Record<string, SuiteResult>} */
const suites = {};
for (const suite of SUITES) {
  if (only && !only.includes(suite.id)) continue;
  log(`[${elapsed()}] ${suite.title}`);
  const s = Date.now();
  try {
    suites[suite.id] = await suite.runSuite({ quick, tools, log, prep });
  } catch (e) {
    suites[suite.id] = { available: false, reason: `suite failed: ${String(e instanceof Error ? (e.stack ?? e) : e).split('\n').slice(0, 3).join(' | ')}` };
  }
  suites[suite.id].title = suite.title;
  suites[suite.id].suiteMs = Date.now() - s;
  if (!suites[suite.id].available) log(`  UNAVAILABLE: ${suites[suite.id].reason}`);
}

const results = {
  schema: 1,
  mode: quick ? 'quick' : only ? `only ${only.join(',')}` : 'full',
  date: new Date().toISOString(),
  machine,
  machineLabel: machineLabel(machine),
  tools,
  prep,
  timing: { totalMs: Date.now() - t0, prepMs, suitesMs: Date.now() - t0 - prepMs },
  suites,
};
// Peers must never replace /dev/null with a file (the wasm gitleaks did once): check it is intact.
if (!statSync('/dev/null').isCharacterDevice()) {
  console.error('ERROR: /dev/null is no longer a character device: a tool replaced it. Restore it (as root):');
  console.error('  mknod -m 666 /dev/null.new c 1 3 && mv -f /dev/null.new /dev/null');
  process.exitCode = 1;
}
const files = writeResults(results, outName);
console.log(`\n${renderMarkdown(results)}`);
log(`[${elapsed()}] wrote ${files.join(', ')}`);
