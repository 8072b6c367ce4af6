import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, asrsKey, cleanupTemp, codeWithKey, commit, git, gitTry, isolateGit, makeRepo, runCli, tempDir, write } from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

const hookFile = (repo: string) => join(repo, '.git', 'hooks', 'pre-commit');
const FOREIGN = '#!/bin/sh\necho "foreign hook ran" >&2\ntouch "$(git rev-parse --show-toplevel)/.foreign-ran"\n';

function repoWithCommit(): string {
  const repo = makeRepo();
  write(repo, 'README.md', 'hi\n');
  commit(repo, 'init');
  return repo;
}

/** `git commit` as a user would run it: hooks on. */
const userCommit = (repo: string, extraEnv: Record<string, string> = {}, args: string[] = []) =>
  gitTry(repo, ['commit', '-m', 'change', ...args], extraEnv);

describe('keyguard hook install / uninstall', () => {
  it('installs a hook that blocks a staged key, passes a clean commit, and honours the escape hatches', () => {
    const repo = repoWithCommit();
    const r = runCli(['hook', 'install'], repo);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(hookFile(repo));
    const script = readFileSync(hookFile(repo), 'utf8');
    expect(statSync(hookFile(repo)).mode & 0o111).not.toBe(0);
    expect(script).toContain(BIN); // absolute path of the installed bin
    expect(script).toContain('npx --no-install keyguard');
    expect(script).toContain('git commit --no-verify');
    expect(script).toContain('KEYGUARD_SKIP');

    write(repo, 'secret.ts', codeWithKey('hook-block'));
    git(repo, 'add', 'secret.ts');
    const blocked = userCommit(repo);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('secret.ts');
    expect(blocked.stdout + blocked.stderr).toContain(`${asrsKey('hook-block').slice(0, 4)}…`);
    expect(blocked.stdout + blocked.stderr).not.toContain(asrsKey('hook-block'));
    expect(git(repo, 'rev-list', '--count', 'HEAD').trim()).toBe('1');

    const skipped = userCommit(repo, { KEYGUARD_SKIP: '1' });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toContain('KEYGUARD_SKIP=1');
    expect(git(repo, 'rev-list', '--count', 'HEAD').trim()).toBe('2');

    write(repo, 'again.ts', codeWithKey('hook-no-verify'));
    git(repo, 'add', 'again.ts');
    expect(userCommit(repo, {}, ['--no-verify']).status).toBe(0);

    write(repo, 'clean.ts', 'export const ok = true;\n');
    git(repo, 'add', 'clean.ts');
    expect(userCommit(repo).status).toBe(0);
  });

  it('git commit -a: the hook sees the temporary index', () => {
    const repo = repoWithCommit();
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    write(repo, 'README.md', `hi\n${codeWithKey('commit-a')}`);
    const r = gitTry(repo, ['commit', '-a', '-m', 'all']);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('README.md');
  });

  it('refuses a foreign hook; --force backs it up; uninstall restores it exactly', () => {
    const repo = repoWithCommit();
    writeFileSync(hookFile(repo), FOREIGN);
    chmodSync(hookFile(repo), 0o750);
    const refused = runCli(['hook', 'install'], repo);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--chain|--force/);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN);

    expect(runCli(['hook', 'install', '--force'], repo).status).toBe(0);
    expect(readFileSync(`${hookFile(repo)}.keyguard-backup`, 'utf8')).toBe(FOREIGN);
    expect(readFileSync(hookFile(repo), 'utf8')).toContain('keyguard-managed-hook');
    write(repo, 'c.ts', 'export {};\n');
    git(repo, 'add', 'c.ts');
    expect(userCommit(repo).status).toBe(0);
    expect(existsSync(join(repo, '.foreign-ran'))).toBe(false); // replaced, not chained

    expect(runCli(['hook', 'uninstall'], repo).status).toBe(0);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN);
    expect(statSync(hookFile(repo)).mode & 0o777).toBe(0o750);
    expect(existsSync(`${hookFile(repo)}.keyguard-backup`)).toBe(false);
  });

  it('--chain keeps the foreign hook and runs it first; its failure blocks the commit', () => {
    const repo = repoWithCommit();
    writeFileSync(hookFile(repo), FOREIGN);
    chmodSync(hookFile(repo), 0o755);
    expect(runCli(['hook', 'install', '--chain'], repo).status).toBe(0);
    write(repo, 'ok.ts', 'export {};\n');
    git(repo, 'add', 'ok.ts');
    expect(userCommit(repo).status).toBe(0);
    expect(existsSync(join(repo, '.foreign-ran'))).toBe(true);

    write(repo, 'bad.ts', codeWithKey('chain'));
    git(repo, 'add', 'bad.ts');
    expect(userCommit(repo).status).not.toBe(0);

    writeFileSync(`${hookFile(repo)}.keyguard-chained`, '#!/bin/sh\necho "previous says no" >&2\nexit 3\n');
    git(repo, 'rm', '-q', '--cached', 'bad.ts');
    const vetoed = userCommit(repo, {}, ['--allow-empty']);
    expect(vetoed.status).not.toBe(0);
    expect(vetoed.stderr).toContain('previous says no');
    writeFileSync(`${hookFile(repo)}.keyguard-chained`, FOREIGN);
    chmodSync(`${hookFile(repo)}.keyguard-chained`, 0o755);

    // reinstalling keeps the chain and makes no second copy
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    expect(readFileSync(hookFile(repo), 'utf8')).toContain('keyguard-chained');
    expect(runCli(['hook', 'uninstall'], repo).status).toBe(0);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN);
  });

  it('refuses to chain or replace a husky hook (its scripts depend on their own file name)', () => {
    const repo = repoWithCommit();
    const husky = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpm test\n';
    writeFileSync(hookFile(repo), husky);
    for (const flag of ['--chain', '--force']) {
      const r = runCli(['hook', 'install', flag], repo);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('.husky/pre-commit');
    }
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(husky);
    expect(existsSync(`${hookFile(repo)}.keyguard-chained`)).toBe(false);
  });

  it('install twice is idempotent; uninstall with no foreign hook leaves no hook', () => {
    const repo = repoWithCommit();
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    expect(existsSync(`${hookFile(repo)}.keyguard-backup`)).toBe(false);
    expect(existsSync(`${hookFile(repo)}.keyguard-chained`)).toBe(false);
    expect(runCli(['hook', 'uninstall'], repo).status).toBe(0);
    expect(existsSync(hookFile(repo))).toBe(false);
    const again = runCli(['hook', 'uninstall'], repo);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/nothing to do/);
  });

  it('core.hooksPath inside the repository: the hook goes there', () => {
    const repo = repoWithCommit();
    git(repo, 'config', 'core.hooksPath', '.githooks');
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    const file = join(repo, '.githooks', 'pre-commit');
    expect(readFileSync(file, 'utf8')).toContain('keyguard-managed-hook');
    expect(existsSync(hookFile(repo))).toBe(false);
    write(repo, 's.ts', codeWithKey('hookspath'));
    git(repo, 'add', 's.ts');
    expect(userCommit(repo).status).not.toBe(0);
    expect(runCli(['hook', 'uninstall'], repo).status).toBe(0);
    expect(existsSync(join(repo, '.githooks'))).toBe(false); // it made the folder, it removes it
  });

  it('core.hooksPath outside the repository (a global setting): exit 2 with an explanation, nothing written', () => {
    const repo = repoWithCommit();
    const shared = tempDir('kg-hooks-');
    const globalConfig = join(tempDir('kg-home-'), 'gitconfig');
    writeFileSync(globalConfig, `[core]\n\thooksPath = ${shared}\n`);
    const r = runCli(['hook', 'install'], repo, { GIT_CONFIG_GLOBAL: globalConfig });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('outside this repository');
    expect(r.stderr).toContain(shared);
    expect(existsSync(join(shared, 'pre-commit'))).toBe(false);
    expect(existsSync(hookFile(repo))).toBe(false);
  });

  it('works from a linked worktree (hooks live in the common git dir)', () => {
    const repo = repoWithCommit();
    const wt = join(tempDir('kg-wt-'), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'wt-branch', wt);
    expect(runCli(['hook', 'install'], wt).status).toBe(0);
    expect(existsSync(hookFile(repo))).toBe(true);
    write(wt, 'w.ts', codeWithKey('worktree'));
    git(wt, 'add', 'w.ts');
    const r = userCommit(wt);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('w.ts');
  });

  it('falls back to keyguard on PATH when the recorded binary is gone', () => {
    const repo = repoWithCommit();
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    const script = readFileSync(hookFile(repo), 'utf8').replace(/^KEYGUARD_BIN=.*$/m, "KEYGUARD_BIN='/nonexistent/bin.js'");
    writeFileSync(hookFile(repo), script);
    const binDir = tempDir('kg-bin-');
    writeFileSync(join(binDir, 'keyguard'), `#!/bin/sh\necho "fallback keyguard $*" >&2\nexit 1\n`);
    chmodSync(join(binDir, 'keyguard'), 0o755);
    const r = userCommit(repo, { PATH: `${binDir}:${process.env.PATH}` }, ['--allow-empty']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('fallback keyguard scan --staged');
  });

  it('usage errors: unknown subcommand or flag, --force with --chain, outside a repository', () => {
    const repo = repoWithCommit();
    for (const args of [['hook', 'frobnicate'], ['hook', 'install', '--bogus'], ['hook', 'install', '--force', '--chain']]) {
      const r = runCli(args, repo);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const outside = runCli(['hook', 'install'], tempDir());
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/not a git repository/);
  });
});
