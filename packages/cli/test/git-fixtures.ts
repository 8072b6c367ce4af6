// Shared helpers for the git-*.test.ts and hook-*.test.ts suites (not a test file itself).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIdentifiableKey, generateLegacyKey } from '@keyguard/core/testing';

export const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(CLI_ROOT, '..', '..');
export const BIN = join(CLI_ROOT, 'dist', 'bin.js');

/**
 * An empty global git config of our own: not /dev/null, which a process that "writes" a report
 * there by replacing the file can turn into garbage for every git command on the machine.
 */
const made: string[] = [];
const configDir = mkdtempSync(join(tmpdir(), 'kg-gitconfig-'));
made.push(configDir);
const EMPTY_GIT_CONFIG = join(configDir, 'config');
writeFileSync(EMPTY_GIT_CONFIG, '');

/** Machine-independent git: no global/system config, fixed identities and dates. */
export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: EMPTY_GIT_CONFIG,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Author',
  GIT_AUTHOR_EMAIL: 'ada@example.test',
  GIT_COMMITTER_NAME: 'Carl Committer',
  GIT_COMMITTER_EMAIL: 'carl@example.test',
  GIT_TERMINAL_PROMPT: '0',
  NO_COLOR: '1',
};

/** Applies GIT_ENV to this worker's process.env (the scanners spawn git with it). */
export function isolateGit(): void {
  for (const [k, v] of Object.entries(GIT_ENV)) process.env[k] = v;
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'KEYGUARD_SKIP']) delete process.env[k];
}

export function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, ...extra };
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) if (!(k in extra)) delete e[k];
  return e;
}

export function tempDir(prefix = 'kg-git-'): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(d);
  return d;
}
export function cleanupTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd} (status ${r.status}, signal ${r.signal}, error ${r.error?.message ?? '-'}): ${r.stderr}`);
  }
  return r.stdout;
}

export function gitTry(cwd: string, args: string[], extraEnv: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync('git', args, { cwd, env: env(extraEnv), encoding: 'utf8' });
}

/** A fresh repository with branch `main`; commits are dated deterministically when `dated`. */
export function makeRepo(): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

export function write(repo: string, rel: string, content: string | Buffer): void {
  const p = join(repo, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

let counter = 0;
/** Stages everything (`git add -A`) and commits it with --no-verify and a fixed date. */
export function commit(repo: string, message: string, date?: string): string {
  git(repo, 'add', '-A');
  const d = date ?? `2024-01-01T00:00:${String(counter++ % 60).padStart(2, '0')}Z`;
  const r = spawnSync('git', ['commit', '-q', '--no-verify', '--allow-empty', '-m', message], {
    cwd: repo,
    env: env({ GIT_AUTHOR_DATE: d, GIT_COMMITTER_DATE: d }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git commit failed: ${r.stderr}`);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** A checksum-valid SignalR key generated at test time (never committed anywhere). */
export const asrsKey = (seed: string): string => generateIdentifiableKey(seed, 'ASRS');
export const legacyKey = (seed: string): string => generateLegacyKey(seed);
/** Source text holding a key. */
export const codeWithKey = (seed: string): string => `export const signalr = "${asrsKey(seed)}";\n`;

export function runCli(args: string[], cwd: string, extraEnv: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env: env(extraEnv), encoding: 'utf8', timeout: 60_000 });
}
