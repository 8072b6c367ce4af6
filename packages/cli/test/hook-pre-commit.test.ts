// The pre-commit framework (https://pre-commit.com) running keyguard from a release tag of this
// repository, exactly as users get it: a release tag's tree holds the bundled CLI
// (scripts/release-commit.mjs adds packages/cli/dist), the hook is `language: script`, so
// pre-commit clones the repository at the tag and runs packages/cli/dist/bin.js from that clone
// with the system's node. Nothing is installed: the test makes the npm registry unreachable and
// puts failing npm/pnpm/yarn/npx/corepack first on PATH.
// Uses the Debian `pre-commit` package (scripts/ensure-tools.mjs installs it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRelease } from '../../../test/helpers.js';
import { REPO_ROOT, asrsKey, cleanupTemp, codeWithKey, env, git, isolateGit, makeRepo, tempDir, write } from './git-fixtures.js';

const TAG = 'v0.0.0-test';
const RELEASE_TIMEOUT = 600_000;

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

function preCommitAvailable(): string | undefined {
  const r = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const MISSING =
  'the `pre-commit` command is not installed: this test needs the pre-commit framework ' +
  '(Debian/Ubuntu: apt-get install -y pre-commit, which `node scripts/ensure-tools.mjs` does; else pipx install pre-commit)';

interface HookSpec {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
}

describe('pre-commit framework', () => {
  it('the hook runs the bundled CLI from the checkout as a script: nothing to install', () => {
    const hooks = parseYaml(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookSpec[];
    expect(hooks.map((h) => h.id)).toEqual(['keyguard']);
    expect(hooks[0]).toMatchObject({ language: 'script', entry: 'packages/cli/dist/bin.js scan --staged', pass_filenames: true });
    // what the entry names is built, never committed on a branch: only release tags carry it
    expect(git(REPO_ROOT, 'ls-files', 'packages/cli/dist').trim()).toBe('');
    expect(readFileSync(join(REPO_ROOT, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
  });

  it(
    'from a release tag: pre-commit install, a staged key blocks the commit, a clean commit passes, --all-files scans every file; no registry',
    async () => {
      const version = preCommitAvailable();
      expect(version, MISSING).toBeDefined();

      // The hook repository: a clone of this repository with a release tag made as maintainers do.
      const { mirror, commit, head } = await makeRelease(tempDir('kg-pc-src-'), TAG);
      expect(git(mirror, 'rev-parse', `${commit}^`).trim()).toBe(head);
      expect(git(mirror, 'ls-tree', commit, 'packages/cli/dist/bin.js')).toMatch(/^100755 blob /);

      // Package managers that fail (and say they ran) if anything calls them; a dead registry.
      const fakeBin = tempDir('kg-pc-bin-');
      const calls = join(fakeBin, 'calls.log');
      for (const tool of ['npm', 'npx', 'pnpm', 'yarn', 'corepack']) {
        writeFileSync(join(fakeBin, tool), `#!/bin/sh\necho "${tool} $*" >> "${calls}"\necho "${tool} must not run" >&2\nexit 1\n`, { mode: 0o755 });
      }
      const home = tempDir('kg-pc-home-');
      const pcEnv = {
        PRE_COMMIT_HOME: home,
        PRE_COMMIT_COLOR: 'never',
        PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
        npm_config_registry: 'http://127.0.0.1:9',
        npm_config_cache: tempDir('kg-pc-npm-cache-'),
        npm_config_store_dir: tempDir('kg-pc-pnpm-store-'),
        PNPM_HOME: tempDir('kg-pc-pnpm-home-'),
      };
      const run = (cwd: string, cmd: string, args: string[], timeout = 120_000) => spawnSync(cmd, args, { cwd, env: env(pcEnv), encoding: 'utf8', timeout });

      const repo = makeRepo();
      write(repo, '.pre-commit-config.yaml', `repos:\n  - repo: ${mirror}\n    rev: ${TAG}\n    hooks:\n      - id: keyguard\n`);
      write(repo, 'README.md', 'demo\n');
      const installed = run(repo, 'pre-commit', ['install'], 60_000);
      expect(installed.status, installed.stderr).toBe(0);

      // 1. a staged key blocks the commit (pre-commit fetches the tag on this first run)
      write(repo, 'src/settings.ts', codeWithKey('pre-commit-framework'));
      git(repo, 'add', '-A');
      const blocked = run(repo, 'git', ['commit', '-m', 'leak'], RELEASE_TIMEOUT);
      const blockedOut = blocked.stdout + blocked.stderr;
      expect(blocked.status, `${blockedOut}\n${safeLog(home)}`).not.toBe(0);
      expect(blockedOut).toMatch(/keyguard.*Failed/);
      expect(blockedOut).toContain('src/settings.ts');
      expect(blockedOut).toContain('azure-signalr-access-key');
      expect(blockedOut).toContain(`${asrsKey('pre-commit-framework').slice(0, 4)}…`);
      expect(blockedOut).not.toContain(asrsKey('pre-commit-framework'));
      expect(run(repo, 'git', ['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);

      // 2. a clean commit passes
      git(repo, 'rm', '-q', '--cached', 'src/settings.ts');
      const clean = run(repo, 'git', ['commit', '-m', 'clean']);
      expect(clean.status, clean.stdout + clean.stderr).toBe(0);
      expect(clean.stdout + clean.stderr).toMatch(/keyguard.*Passed/);

      // 3. --all-files really scans the files it is given (never "Passed" after scanning nothing)
      const verbose = run(repo, 'pre-commit', ['run', 'keyguard', '--all-files', '--verbose']);
      expect(verbose.status, verbose.stdout).toBe(0);
      const scanned = /(\d+) files? \(/.exec(verbose.stdout);
      expect(scanned, verbose.stdout).not.toBeNull();
      expect(Number(scanned![1])).toBeGreaterThanOrEqual(2);

      // 4. a key committed with --no-verify is found by `pre-commit run --all-files`
      git(repo, 'add', 'src/settings.ts');
      expect(run(repo, 'git', ['commit', '-q', '--no-verify', '-m', 'leak anyway']).status).toBe(0);
      const all = run(repo, 'pre-commit', ['run', '--all-files']);
      expect(all.status, all.stdout).not.toBe(0);
      expect(all.stdout).toContain('src/settings.ts');

      // Nothing was installed: no package manager ran, pre-commit made no environment for the
      // hook (no node_env-* folder, no node_modules in its clone of the tag).
      expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('');
      const made = readdirSync(home, { recursive: true, encoding: 'utf8' });
      expect(made.filter((p) => /(?:^|\/)(?:node_env-[^/]*|node_modules)$/.test(p))).toEqual([]);
      expect(made.some((p) => p.endsWith('packages/cli/dist/bin.js'))).toBe(true);
    },
    RELEASE_TIMEOUT + 120_000,
  );
});

function safeLog(home: string): string {
  try {
    return readFileSync(join(home, 'pre-commit.log'), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}
