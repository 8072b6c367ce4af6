// Accuracy next to speed: the planted-key corpus and the repo's fixtures, scanned by keyguard and
// each peer; findings are matched to planted lines (true positives) or not (false positives).
import { ensurePlanted } from '../corpora/planted.mjs';
import { prepareFixtures } from '../corpora/fixtures.mjs';
import { score } from '../stats.mjs';
import { addRatios, measureDriver } from './common.mjs';
/** @import { DriverRow } from './common.mjs' */
/** @import { Row, SuiteContext, Tools } from '../types.mjs' */

export const id = 'accuracy';
export const title = 'Accuracy (planted keys, fixtures)';

/**
 * Slow tools' [warm-up runs, runs] in the full run.
 * @type {Record<string, [number, number] | undefined>}
 */
const SLOW = { gitleaks: [0, 1], secretlint: [0, 2], 'keyguard-core': [0, 2] };

const DRIVER_IDS = ['ripgrep', 'keyguard', 'keyguard-core', 'ripgrep-naive', 'git-secrets', 'gitleaks', 'secretlint'];

/**
 * With `--against REV`, keyguard at REV right after keyguard.
 * @param {Tools} tools
 */
const driverIds = (tools) => (tools['keyguard-base'] === undefined ? DRIVER_IDS : DRIVER_IDS.flatMap((d) => (d === 'keyguard' ? [d, 'keyguard-base'] : [d])));

/**
 * @param {DriverRow} row
 * @param {{ file: string, line: number, form: string }[]} positives
 * @param {{ file: string, line: number }[]} decoys
 */
function scoreRow(row, positives, decoys) {
  if (!row.available || !row.reported) return row;
  const s = score(positives, row.reported);
  const decoyKeys = new Set(decoys.map((d) => `${d.file}\0${d.line}`));
  const decoyHits = new Set(row.reported.filter((r) => decoyKeys.has(`${r.file}\0${r.line}`)).map((r) => `${r.file}\0${r.line}`));
  /** @type {Record<string, { planted: number, found: number }>} */
  const byForm = {};
  for (const p of positives) (byForm[p.form] ??= { planted: 0, found: 0 }).planted++;
  for (const f of s.found) byForm[f.form].found++;
  /** @type {Record<string, number>} */
  const rules = {};
  for (const r of row.reported) if (r.rule) rules[r.rule] = (rules[r.rule] ?? 0) + 1;
  const { found: _found, ...counts } = s;
  delete row.reported;
  return { ...row, accuracy: { ...counts, decoysReported: decoyHits.size, decoys: decoys.length, byForm, ...(Object.keys(rules).length ? { rules } : {}) } };
}

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  const size = quick ? 'quick' : 'full';
  const planted = await ensurePlanted(size, { log });
  /** @type {{ corpus: string, [key: string]: unknown }[]} */
  const corpora = [];
  {
    log(`  planted-${size}: ${planted.files} files, ${(planted.bytes / 1e6).toFixed(1)} MB, ${planted.positives} keys, ${planted.decoys} decoys`);
    /** @type {Row[]} */
    const rows = [];
    for (const d of driverIds(tools)) {
      if (quick && d === 'gitleaks') {
        rows.push({ tool: d, label: 'gitleaks 8.28 (WebAssembly build)', available: false, reason: 'skipped by --quick (the wasm build is slow); see the full run' });
        continue;
      }
      // Slow tools get fewer runs in the full run (their speed is not the point of this table).
      const slow = SLOW[d];
      const row = await measureDriver(d, planted.root, {
        tools,
        bytes: planted.bytes,
        runs: quick ? 1 : slow?.[1] ?? 3,
        warmup: quick ? 0 : slow?.[0] ?? 1,
        budgetMs: quick ? 12_000 : 60_000,
        timeoutMs: quick ? 20_000 : 240_000,
        parse: d !== 'ripgrep',
        log,
      });
      rows.push(scoreRow(row, planted.truth.positives, planted.truth.decoys));
    }
    corpora.push({
      corpus: `planted-${size}`,
      description: `real files from ${planted.sources.join(' + ')} with generated keys inserted`,
      files: planted.files,
      bytes: planted.bytes,
      positives: planted.positives,
      decoys: planted.decoys,
      rows: addRatios(rows),
    });
  }
  const fx = prepareFixtures();
  if (fx) {
    log(`  fixtures: ${fx.cases} cases, ${fx.positives.length} expected findings`);
    /** @type {Row[]} */
    const rows = [];
    for (const d of driverIds(tools).filter((x) => x !== 'ripgrep')) {
      const row = await measureDriver(d, fx.root, { tools, bytes: 1, runs: 1, warmup: 0, timeoutMs: 60_000, parse: true, log });
      delete row.mbps;
      rows.push(scoreRow(row, fx.positives, []));
    }
    corpora.push({
      corpus: 'fixtures',
      description: `repo fixtures/ (${fx.cases} cases, ${fx.negativeCases} negative; tokens expanded; scanned with default options; the ${fx.excludedForOptions} expected finding(s) of the ${fx.casesWithOptions} cases that set options are not counted)`,
      files: fx.cases,
      positives: fx.positives.length,
      rows,
    });
  } else {
    corpora.push({ corpus: 'fixtures', available: false, reason: 'fixtures/ is empty' });
  }
  return { available: true, corpora };
}
