import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, codeWithKey, commit, git, isolateGit, makeRepo, REPO_ROOT, runCli, write } from './git-fixtures.js';
import { assertBuilt } from './helpers.js';

// Users of the pre-commit framework pass no `args:` and skip hooks with SKIP=<id>: the config's
// `baseline` and the block message's advice must work for them as they are.
beforeAll(() => {
  assertBuilt();
  isolateGit();
});
afterAll(() => cleanupTemp());

describe('"baseline" in keyguard.config.json', () => {
  // Baseline entries hold paths as the scan reports them (relative to the current folder): hooks
  // run at the work tree's root, where the baseline is made.
  it('scan and scan --staged use it, the file named relative to the config file', () => {
    const repo = makeRepo();
    write(repo, 'src/sample.ts', codeWithKey('config-baseline'));
    write(repo, 'config/keyguard.config.json', JSON.stringify({ baseline: '../security/accepted.json' }));
    write(repo, 'security/.keep', '');
    expect(runCli(['scan', '.', '--config', 'config/keyguard.config.json'], repo).status).toBe(2); // no baseline yet
    const made = runCli(['baseline', '--output', 'security/accepted.json'], repo);
    expect(made.status).toBe(0);
    const plain = runCli(['scan', '.', '--format', 'json', '--config', 'config/keyguard.config.json'], repo);
    expect(plain.status).toBe(0);
    expect((JSON.parse(plain.stdout) as { summary: { suppressed: number } }).summary.suppressed).toBe(1);
    write(repo, 'keyguard.config.json', JSON.stringify({ baseline: 'security/accepted.json' }));
    // A first commit: the accepted sample is staged as a whole, the baseline lets it through.
    git(repo, 'add', '-A');
    const first = runCli(['scan', '--staged', '--format', 'json'], repo);
    expect(first.status).toBe(0);
    expect((JSON.parse(first.stdout) as { summary: { suppressed: number } }).summary.suppressed).toBe(1);
    commit(repo, 'accepted sample');
    write(repo, 'src/new.ts', codeWithKey('config-baseline-new'));
    git(repo, 'add', '-A');
    const after = runCli(['scan', '--staged', '--format', 'json'], repo);
    expect(after.status).toBe(1);
    expect((JSON.parse(after.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(['src/new.ts']);
  });

  it('--baseline on the command line wins over the config', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('config-baseline-flag'));
    write(repo, 'keyguard.config.json', JSON.stringify({ baseline: 'missing.json' }));
    runCli(['baseline', '--output', 'given.json'], repo);
    expect(runCli(['scan', '.', '--baseline', 'given.json'], repo).status).toBe(0);
  });

  it('a missing or mistyped config baseline is a usage error (exit 2, one line)', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', 'x\n');
    write(repo, 'keyguard.config.json', JSON.stringify({ baseline: 'missing.json' }));
    const missing = runCli(['scan', '.'], repo);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    write(repo, 'keyguard.config.json', JSON.stringify({ baseline: 42 }));
    const typed = runCli(['scan', '.'], repo);
    expect(typed.status).toBe(2);
    expect(typed.stderr).toContain('$.baseline: expected a non-empty path');
  });
});

describe('the block message and the escape hatches', () => {
  it('names the config baseline, SKIP=keyguard and KEYGUARD_SKIP=1', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('block-message'));
    git(repo, 'add', '-A');
    const r = runCli(['scan', '--staged'], repo);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"baseline": ".keyguard-baseline.json"');
    expect(r.stderr).toContain('SKIP=keyguard git commit');
    expect(r.stderr).toContain('KEYGUARD_SKIP=1 git commit');
  });

  it('KEYGUARD_SKIP=1 prints one visible line and exits 0', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('skip-line'));
    git(repo, 'add', '-A');
    const r = runCli(['scan', '--staged'], repo, { KEYGUARD_SKIP: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('keyguard: KEYGUARD_SKIP=1, secret scan skipped\n');
  });

  it('the pre-commit framework hook shows output even when it passes, and its id is the SKIP name', () => {
    const hooks = readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toMatch(/^- id: keyguard$/m);
    expect(hooks).toMatch(/^ {2}verbose: true$/m);
  });
});
