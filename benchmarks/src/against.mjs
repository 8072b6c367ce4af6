// `pnpm bench --against REV`: the same suites also run keyguard as built at another commit, in the
// same run (same machine, same load, same corpora), so a change is judged against what it changes.
// The commit is exported with `git archive` into the cache, installed offline from pnpm's store and
// built once; later runs reuse that build.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, run } from './measure.mjs';
import { CACHE_DIR, REPO_DIR } from './paths.mjs';

/**
 * Exports, installs and builds `rev`; returns the tool entry the suites read as `keyguard-base`.
 * @param {string} rev
 * @param {{ log?: import('./types.mjs').Log }} [options]
 * @returns {Promise<{ available: false, reason: string } | { available: true, version: string, rev: string, sha: string, bin: string, core: string }>}
 */
export async function prepareAgainst(rev, { log = console.log } = {}) {
  let sha;
  try {
    sha = (await run('git', ['-C', REPO_DIR, 'rev-parse', '--verify', `${rev}^{commit}`])).trim();
  } catch (e) {
    return { available: false, reason: `--against ${rev}: not a commit (${errorMessage(e).split('\n')[0]})` };
  }
  const short = sha.slice(0, 7);
  const dir = join(CACHE_DIR, 'against', sha);
  const bin = join(dir, 'packages/cli/dist/bin.js');
  const core = join(dir, 'packages/core/dist/index.js');
  if (!existsSync(bin) || !existsSync(core)) {
    log(`  building keyguard at ${short} (${rev}) in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      await run('bash', ['-c', `git -C "${REPO_DIR}" archive ${sha} | tar -x -C "${dir}"`], { timeoutMs: 120_000 });
      await run('pnpm', ['install', '--offline', '--frozen-lockfile'], { cwd: dir, timeoutMs: 600_000 });
      await run('pnpm', ['run', 'build'], { cwd: dir, timeoutMs: 600_000 });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      return { available: false, reason: `--against ${rev}: build failed (${errorMessage(e).split('\n').slice(-3).join(' ').slice(0, 300)})` };
    }
  }
  const version = sha.startsWith(rev) ? short : `${short} (${rev})`;
  return { available: true, version, rev, sha, bin, core };
}
