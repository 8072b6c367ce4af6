// History scan: `keyguard scan --history` over the generated repository, next to
// `git log -p --all | rg <shape>`, git-secrets --scan-history and gitleaks (stdin, as the wasm build
// cannot spawn git). Also ms per commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHistory } from '../corpora/history.mjs';
import { repeat, timed, timedShell } from '../measure.mjs';
import { CLI_BIN, WORK_DIR, peerBin } from '../paths.mjs';
import { ratio } from '../stats.mjs';
import { GITLEAKS_SCRATCH_REPORT, RG_SHAPE, gitSecretsEnv } from '../tools.mjs';
import { addRatios, measuredFields, reportPath } from './common.mjs';
/** @import { RepeatResult, Row, SuiteContext, TimedResult } from '../types.mjs' */

/**
 * Times a command and adds its row; `after` adds figures from the last run.
 * @typedef {(tool: string, label: string, command: string, make: () => Promise<TimedResult>, okCodes: number[], after?: (r: RepeatResult) => object, slow?: boolean) => Promise<void>} AddRow
 */

export const id = 'history';
export const title = 'History scan (generated repository)';

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  const size = quick ? 'quick' : 'full';
  const h = await ensureHistory(size, { log });
  log(`  ${h.commits} commits, ${h.planted} keys planted (${h.stillAtHead} still at HEAD)`);
  const repo = h.root;
  const runs = quick ? 1 : 3;
  const budgetMs = quick ? 10_000 : 60_000;
  const timeoutMs = quick ? 30_000 : 300_000;
  /** @type {Row[]} */
  const rows = [];
  /** @type {AddRow} */
  const add = async (tool, label, command, make, okCodes, after, slow = false) => {
    log(`    ${tool}…`);
    // Slow peers (git-secrets, wasm gitleaks: ~20 s each here) run once in the full run.
    const r = await repeat(make, { runs: slow ? 1 : runs, warmup: quick || slow ? 0 : 1, okCodes, budgetMs, log });
    const row = {
      tool,
      label,
      command,
      ...measuredFields(r),
      msPerCommit: r.wall.median / h.commits,
      runs: r.runs.map((s) => ({ ms: Math.round(s.ms * 10) / 10, rssKB: s.rssKB, exit: s.code })),
    };
    if (r.ok && after) Object.assign(row, after(r));
    rows.push(row);
  };

  await add(
    'ripgrep',
    'git log -p --all | rg (shape regex, baseline)',
    `git log -p --all | rg -c '${RG_SHAPE}'`,
    () => timedShell(`git log -p --all | rg -c '${RG_SHAPE}'`, { cwd: repo, capture: true, timeoutMs }),
    [0, 1],
    (r) => ({ matchingLines: Number(r.lastStdout?.trim()) || 0 }),
  );

  if (tools['keyguard-cli'].available) {
    const out = reportPath('history-keyguard.json');
    await add(
      'keyguard',
      'keyguard CLI --history',
      'node packages/cli/dist/bin.js scan --history --format json --output <out>',
      () => timed(process.execPath, [CLI_BIN, 'scan', '--history', '--format', 'json', '--no-progress', '--output', out], { cwd: repo, timeoutMs }),
      [0, 1],
      () => {
        /** @type {{ fingerprint: string, commit: string, path: string }[]} */
        const findings = JSON.parse(readFileSync(out, 'utf8')).findings;
        rmSync(out, { force: true });
        // Match by keyguard's fingerprint (sha256 of rule id and secret) of each planted key.
        /** @type {Map<string, number>} */
        const byFingerprint = new Map();
        h.truth.forEach((t, i) => t.fingerprints.forEach((fp) => byFingerprint.set(fp, i)));
        const keysFound = new Set();
        let atIntroducingCommit = 0;
        let unknown = 0;
        for (const f of findings) {
          const i = byFingerprint.get(f.fingerprint);
          if (i === undefined) unknown++;
          else {
            keysFound.add(i);
            if (h.truth[i].commit === f.commit && h.truth[i].file === f.path) atIntroducingCommit++;
          }
        }
        return {
          accuracy: {
            findings: findings.length,
            planted: h.truth.length,
            truePositives: keysFound.size,
            recall: keysFound.size / h.truth.length,
            reportedAtIntroducingCommit: atIntroducingCommit,
            repeatsOfPlantedKeys: findings.length - unknown - keysFound.size,
            falsePositives: unknown,
          },
        };
      },
    );
  } else {
    rows.push({ tool: 'keyguard', label: 'keyguard CLI --history', available: false, reason: tools['keyguard-cli'].reason });
  }

  if (tools['keyguard-cli'].available) await addPartialClone({ repo, add, timeoutMs });

  if (tools['git-secrets'].available) {
    await add(
      'git-secrets',
      'git-secrets --scan-history (naive SignalR patterns)',
      'git secrets --scan-history',
      () => timed('git', ['secrets', '--scan-history'], { cwd: repo, env: gitSecretsEnv(), fullStderr: true, timeoutMs }),
      [0, 1],
      undefined,
      true,
    );
  } else rows.push({ tool: 'git-secrets', available: false, reason: tools['git-secrets'].reason });

  if (quick) rows.push({ tool: 'gitleaks', label: 'git log -p --all | gitleaks stdin (wasm)', available: false, reason: 'skipped by --quick (slow); see the full run' });
  else if (tools.gitleaks.available) {
    await add(
      'gitleaks',
      'git log -p --all | gitleaks stdin (wasm; its `git` mode cannot spawn git)',
      'git log -p --all | gitleaks stdin --report-format json',
      () => timedShell(`git log -p --all | ${peerBin('gitleaks')} stdin --no-banner --log-level error --exit-code 0 --report-format json --report-path ${GITLEAKS_SCRATCH_REPORT}`, { cwd: repo, timeoutMs }),
      [0],
      undefined,
      true,
    );
  } else rows.push({ tool: 'gitleaks', available: false, reason: tools.gitleaks.reason });

  const full = rows.find((r) => r.tool === 'keyguard' && r.available);
  const partial = rows.find((r) => r.tool === 'keyguard-partial' && r.available);
  const fetchOnly = rows.find((r) => r.tool === 'git-fetch' && r.available);
  const partialVsFullPlusFetch = full?.wall && partial?.wall && fetchOnly?.wall ? ratio(partial.wall.median, full.wall.median + fetchOnly.wall.median) : NaN;
  addRatios(rows);
  return { available: true, repo: { commits: h.commits, files: h.files, planted: h.planted, stillAtHead: h.stillAtHead, gitDirBytes: h.gitDirBytes }, rows, partialVsFullPlusFetch };
}

/**
 * A fresh `--filter=blob:none` clone of the generated repository over file:// (as
 * actions/checkout with `filter: blob:none` makes): the time of one `git fetch` of every missing
 * blob (git alone), and of `keyguard scan --history --fetch-missing`, which must cost no more
 * than the full clone's history scan plus that fetch. The clone itself is not timed.
 * @param {{ repo: string, add: AddRow, timeoutMs: number }} options
 */
async function addPartialClone({ repo, add, timeoutMs }) {
  for (const [k, v] of [['uploadpack.allowFilter', 'true'], ['uploadpack.allowAnySHA1InWant', 'true']]) execFileSync('git', ['config', k, v], { cwd: repo });
  const base = join(WORK_DIR, 'history-partial');
  let n = 0;
  const freshClone = () => {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    const clone = join(base, `clone-${n++}`);
    execFileSync('git', ['clone', '-q', '--bare', '--filter=blob:none', `file://${repo}`, clone], { stdio: 'ignore' });
    return clone;
  };
  /** @param {string} clone */
  const missingBlobs = (clone) =>
    execFileSync('git', ['rev-list', '--objects', '--all', '--missing=print'], { cwd: clone, encoding: 'utf8', maxBuffer: 1 << 30 })
      .split('\n')
      .filter((l) => l.startsWith('?'))
      .map((l) => l.slice(1));
  let missingCount = 0;
  await add(
    'git-fetch',
    'git fetch of every missing blob, one batch (partial clone, git alone)',
    'git rev-list --objects --all --missing=print | git fetch origin --stdin',
    () => {
      const clone = freshClone();
      const oids = missingBlobs(clone);
      missingCount = oids.length;
      return timedShell(`git -c fetch.negotiationAlgorithm=noop fetch -q --no-tags --no-write-fetch-head --filter=blob:none --stdin origin < <(git rev-list --objects --all --missing=print | sed -n 's/^?//p')`, { cwd: clone, timeoutMs });
    },
    [0],
    () => ({ missingBlobs: missingCount }),
  );
  await add(
    'keyguard-partial',
    'keyguard CLI --history --fetch-missing (partial clone)',
    'node packages/cli/dist/bin.js scan --history --fetch-missing --format json --output <out>',
    () => {
      const clone = freshClone();
      return timed(process.execPath, [CLI_BIN, 'scan', '--history', '--fetch-missing', '--format', 'json', '--no-progress', '--output', join(base, 'report.json')], { cwd: clone, timeoutMs });
    },
    [0, 1],
    () => {
      const report = JSON.parse(readFileSync(join(base, 'report.json'), 'utf8'));
      return { findings: report.findings.length, missingAfter: report.summary.missing };
    },
  );
}
