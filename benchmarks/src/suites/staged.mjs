// Staged scan (the pre-commit hook's job): wall time of `keyguard scan --staged` for a one-file and a
// 1,000-file commit in a repository of real files, next to git-secrets' own hook and a plain
// `git diff --cached | rg`. Target: < 150 ms for one file. `node -e 0` shows Node's start-up floor.
import { appendFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pickSources } from '../corpora/sources.mjs';
import { repeat, run, timed, timedShell } from '../measure.mjs';
import { CLI_BIN, WORK_DIR } from '../paths.mjs';
import { ratio } from '../stats.mjs';
import { RG_SHAPE, gitSecretsEnv } from '../tools.mjs';

export const id = 'staged';
export const title = 'Staged scan (pre-commit)';

async function git(cwd, ...args) {
  return run('git', args, { cwd, timeoutMs: 120_000 });
}

async function prepareRepo(quick, log) {
  const repo = join(WORK_DIR, 'staged-repo');
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const base = quick ? 100 : 1000;
  const many = quick ? 200 : 1000;
  const { files } = pickSources(base + many, 23);
  log(`  repository with ${base} committed files; staging 1 then ${many} files`);
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

export async function runSuite({ quick, tools, log }) {
  const { repo, committed, extra } = await prepareRepo(quick, log);
  const runs = quick ? 2 : 10;
  const timeoutMs = 60_000;
  const scenarios = [];
  let bigCommit = false;
  const measure = async (name, make, okCodes = [0, 1]) => {
    const r = await repeat(make, { runs: bigCommit ? (quick ? 1 : 5) : runs, warmup: bigCommit && quick ? 0 : 1, okCodes, budgetMs: quick ? 5_000 : 20_000 });
    return { tool: name, available: r.ok, ...(r.ok ? {} : { reason: r.error }), wall: r.wall, rssKB: r.rss, runs: r.runs.map((s) => Math.round(s.ms)) };
  };
  const cliAvailable = tools['keyguard-cli'].available;
  const gsEnv = tools['git-secrets'].available ? gitSecretsEnv() : undefined;

  for (const [scenario, stage] of [
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
  ]) {
    await stage();
    const stagedCount = (await git(repo, 'diff', '--cached', '--name-only')).trim().split('\n').filter(Boolean).length;
    log(`    ${scenario} (${stagedCount} staged)…`);
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
    const rg = rows.find((r) => r.tool === 'ripgrep' && r.available);
    for (const r of rows) r.timeVsRipgrep = rg && r.available ? ratio(r.wall.median, rg.wall.median) : NaN;
    scenarios.push({ scenario, staged: stagedCount, rows });
  }
  return { available: true, target: 'keyguard scan --staged < 150 ms for one file', repoFiles: committed.length, scenarios };
}
