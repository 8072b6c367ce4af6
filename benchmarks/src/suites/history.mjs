// History scan: `keyguard scan --history` over the generated repository, next to
// `git log -p --all | rg <shape>`, git-secrets --scan-history and gitleaks (stdin, as the wasm build
// cannot spawn git). Also ms per commit.
import { readFileSync, rmSync } from 'node:fs';
import { ensureHistory } from '../corpora/history.mjs';
import { repeat, timed, timedShell } from '../measure.mjs';
import { CLI_BIN, peerBin } from '../paths.mjs';
import { ratio } from '../stats.mjs';
import { GITLEAKS_SCRATCH_REPORT, RG_SHAPE, gitSecretsEnv } from '../tools.mjs';
import { reportPath } from './common.mjs';

export const id = 'history';
export const title = 'History scan (generated repository)';

export async function runSuite({ quick, tools, log }) {
  const size = quick ? 'quick' : 'full';
  const h = await ensureHistory(size, { log });
  log(`  ${h.commits} commits, ${h.planted} keys planted (${h.stillAtHead} still at HEAD)`);
  const repo = h.root;
  const runs = quick ? 1 : 3;
  const budgetMs = quick ? 10_000 : 60_000;
  const timeoutMs = quick ? 30_000 : 300_000;
  const rows = [];
  const add = async (tool, label, command, make, okCodes, after, slow = false) => {
    log(`    ${tool}…`);
    // Slow peers (git-secrets, wasm gitleaks: ~20 s each here) run once in the full run.
    const r = await repeat(make, { runs: slow ? 1 : runs, warmup: quick || slow ? 0 : 1, okCodes, budgetMs, log });
    const row = {
      tool,
      label,
      command,
      available: r.ok,
      ...(r.ok ? {} : { reason: r.error }),
      wall: r.wall,
      rssKB: r.rss,
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
    (r) => ({ matchingLines: Number(r.lastStdout.trim()) || 0 }),
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
        const findings = JSON.parse(readFileSync(out, 'utf8')).findings;
        rmSync(out, { force: true });
        // Match by keyguard's fingerprint (sha256 of rule id and secret) of each planted key.
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

  const rg = rows.find((r) => r.tool === 'ripgrep' && r.available);
  for (const r of rows) r.timeVsRipgrep = rg && r.available ? ratio(r.wall.median, rg.wall.median) : NaN;
  return { available: true, repo: { commits: h.commits, files: h.files, planted: h.planted, stillAtHead: h.stillAtHead, gitDirBytes: h.gitDirBytes }, rows };
}
