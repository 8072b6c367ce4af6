import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrsKey, cleanupTemp, codeWithKey, commit, git, isolateGit, makeRepo, runCli, write } from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

// `keyguard scan --staged` as any hook manager runs it (pre-commit, husky, lint-staged).
describe('keyguard scan --staged (built binary)', () => {
  function repoWithStagedKey(seed: string): string {
    const repo = makeRepo();
    write(repo, 'README.md', 'hello\n');
    commit(repo, 'init');
    write(repo, 'src/app.ts', codeWithKey(seed));
    git(repo, 'add', 'src/app.ts');
    return repo;
  }

  it('on a block prints file, line, rule, masked value, then the next steps, and exits 1', () => {
    const repo = repoWithStagedKey('cli-block');
    const result = runCli(['scan', '--staged'], repo, { NO_COLOR: '1' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/app.ts');
    expect(result.stdout).toContain('azure-signalr-access-key');
    expect(result.stdout).toContain(`${asrsKey('cli-block').slice(0, 4)}…`);
    expect(result.stdout + result.stderr).not.toContain(asrsKey('cli-block'));
    expect(result.stderr).toContain('Next steps');
    expect(result.stderr).toContain('keyguard:allow');
    expect(result.stderr).toContain('--no-verify');
  });

  it('prints no next steps when nothing is found', () => {
    const repo = makeRepo();
    write(repo, 'a.txt', 'nothing\n');
    git(repo, 'add', 'a.txt');
    const result = runCli(['scan', '--staged'], repo, { NO_COLOR: '1' });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('Next steps');
    expect(result.stdout).toMatch(/1 file/);
  });

  it('KEYGUARD_SKIP=1 skips the scan with a note (exit 0), only in --staged mode', () => {
    const repo = repoWithStagedKey('cli-skip');
    const skipped = runCli(['scan', '--staged'], repo, { KEYGUARD_SKIP: '1' });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toContain('KEYGUARD_SKIP=1');
    const tree = runCli(['scan', 'src'], repo, { KEYGUARD_SKIP: '1' });
    expect(tree.status).toBe(1);
  });
});
