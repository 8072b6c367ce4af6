import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

/**
 * An empty global git config of our own, made on first use: not /dev/null, which a process that
 * "writes" a report there by replacing the file can turn into garbage for every git command.
 */
let emptyConfig: string | undefined;
function emptyGitConfig(): string {
  if (emptyConfig !== undefined) return emptyConfig;
  emptyConfig = join(tempDir('kg-gitconfig-'), 'config');
  writeFileSync(emptyConfig, '');
  return emptyConfig;
}

/** Machine-independent git: no global/system config, fixed identities, no prompts, no colour. */
export function gitIsolation(): Record<string, string> {
  return {
    GIT_CONFIG_GLOBAL: emptyGitConfig(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Author',
    GIT_AUTHOR_EMAIL: 'ada@example.test',
    GIT_COMMITTER_NAME: 'Carl Committer',
    GIT_COMMITTER_EMAIL: 'carl@example.test',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
  };
}

/** Applies gitIsolation() to this worker's process.env (the scanners spawn git with it). */
export function isolateGit(): void {
  for (const [k, v] of Object.entries(gitIsolation())) process.env[k] = v;
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'KEYGUARD_SKIP']) delete process.env[k];
}

/** process.env with git isolated and `extra` on top; git's own location variables dropped unless given. */
export function gitEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...gitIsolation(), ...extra };
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) if (!(k in extra)) delete env[k];
  return env;
}

/** Runs git in `cwd`; throws with git's stderr when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd} (status ${r.status}, signal ${r.signal}, error ${r.error?.message ?? '-'}): ${r.stderr}`);
  }
  return r.stdout;
}

/** Runs git in `cwd` and returns whatever happened. */
export function gitTry(cwd: string, args: string[], extraEnv: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync('git', args, { cwd, env: gitEnv(extraEnv), encoding: 'utf8' });
}

/** A fresh repository with branch `main`, in a temporary folder (cleanupTemp removes it). */
export function makeRepo(): string {
  const dir = tempDir('kg-git-');
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

let counter = 0;
/** Stages everything (`git add -A`) and commits it with --no-verify and a fixed date; returns the commit. */
export function commit(repo: string, message: string, date?: string): string {
  git(repo, 'add', '-A');
  const d = date ?? `2024-01-01T00:00:${String(counter++ % 60).padStart(2, '0')}Z`;
  const r = spawnSync('git', ['commit', '-q', '--no-verify', '--allow-empty', '-m', message], {
    cwd: repo,
    env: gitEnv({ GIT_AUTHOR_DATE: d, GIT_COMMITTER_DATE: d }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git commit failed: ${r.stderr}`);
  return git(repo, 'rev-parse', 'HEAD').trim();
}
