// The pre-commit framework (https://pre-commit.com) installing keyguard from this repository,
// exactly as users get it: pre-commit clones the repo at a rev, runs `npm install`, `npm pack`
// and `npm install -g <tarball>` at its root, then runs `keyguard scan --staged <files>`.
// Uses the npm registry (pre-commit's own npm install) and the Debian `pre-commit` package.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, asrsKey, cleanupTemp, codeWithKey, env, git, isolateGit, makeRepo, tempDir, write } from './git-fixtures.js';

const INSTALL_TIMEOUT = 600_000;

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

function preCommitAvailable(): string | undefined {
  const r = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const MISSING =
  'the `pre-commit` command is not installed: this test needs the pre-commit framework ' +
  '(Debian/Ubuntu: apt-get install -y pre-commit; else pipx install pre-commit)';

/** Manifest fields npm reads when pre-commit runs `npm install` at the repository root. */
const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
function workspaceSpecs(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const field of DEP_FIELDS) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const [name, spec] of Object.entries(deps)) if (/^(workspace|link|catalog):/.test(spec)) found.push(`${field}.${name}: ${spec}`);
  }
  return found;
}

describe('pre-commit framework', () => {
  it('the committed repository root is installable by npm (what pre-commit runs first)', () => {
    const manifest = JSON.parse(git(REPO_ROOT, 'show', 'HEAD:package.json')) as Record<string, unknown>;
    expect(typeof manifest.version, 'npm pack needs a version in the root package.json').toBe('string');
    const scripts = manifest.scripts as Record<string, string>;
    expect(scripts.prepack).toContain('pre-commit-pack.mjs');
    expect(scripts.postpack).toContain('--restore');
    expect(
      workspaceSpecs(manifest),
      'pre-commit runs `npm install` at the repository root, and npm cannot install pnpm-only specs ' +
        '(EUNSUPPORTEDPROTOCOL): drop them from the ROOT package.json (root tests can import workspace ' +
        'packages by relative path)',
    ).toEqual([]);
    expect(git(REPO_ROOT, 'show', 'HEAD:.npmrc')).toMatch(/^foreground-scripts=false$/m);
    const hooks = git(REPO_ROOT, 'show', 'HEAD:.pre-commit-hooks.yaml');
    expect(hooks).toMatch(/^- id: keyguard$/m);
    expect(hooks).toMatch(/^ {2}language: node$/m);
    expect(hooks).toMatch(/^ {2}entry: keyguard scan --staged$/m);
  });

  it(
    'installs through pre-commit, blocks a staged key, passes a clean commit, and --all-files scans every file',
    () => {
      const version = preCommitAvailable();
      expect(version, MISSING).toBeDefined();

      // The hook repository: a clone of this repository (committed files only).
      const hookRepo = join(tempDir('kg-pc-src-'), 'keyguard');
      git(REPO_ROOT, 'clone', '-q', '--no-local', REPO_ROOT, hookRepo);
      const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();

      const home = tempDir('kg-pc-home-');
      const pcEnv = { PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never', npm_config_update_notifier: 'false' };
      const run = (cwd: string, cmd: string, args: string[], timeout = 120_000) =>
        spawnSync(cmd, args, { cwd, env: env(pcEnv), encoding: 'utf8', timeout });

      const repo = makeRepo();
      write(repo, '.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: keyguard\n`);
      write(repo, 'README.md', 'demo\n');
      const installed = run(repo, 'pre-commit', ['install'], 60_000);
      expect(installed.status, installed.stderr).toBe(0);
      const envInstall = run(repo, 'pre-commit', ['install-hooks'], INSTALL_TIMEOUT);
      expect(envInstall.status, `${envInstall.stdout}\n${envInstall.stderr}\n${safeLog(home)}`).toBe(0);

      // 1. a staged key blocks the commit
      write(repo, 'src/settings.ts', codeWithKey('pre-commit-framework'));
      git(repo, 'add', '-A');
      const blocked = run(repo, 'git', ['commit', '-m', 'leak']);
      const blockedOut = blocked.stdout + blocked.stderr;
      expect(blocked.status, blockedOut).not.toBe(0);
      expect(blockedOut).toMatch(/keyguard.*Failed/);
      expect(blockedOut).toContain('src/settings.ts');
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
    },
    INSTALL_TIMEOUT + 120_000,
  );
});

function safeLog(home: string): string {
  try {
    return readFileSync(join(home, 'pre-commit.log'), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}
