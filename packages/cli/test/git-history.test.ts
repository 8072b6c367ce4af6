import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/exit-codes.js';
import { historyStats, scanHistory } from '../src/git/history.js';
import { sortOutcome } from '../src/order.js';
import { asrsKey, cleanupTemp, codeWithKey, commit, env, git, isolateGit, makeRepo, runCli, write } from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

// In the order every report has (main.ts sorts each input mode's outcome once).
const history = async (cwd: string, revRange?: string) => sortOutcome(await scanHistory({ cwd, scanOptions: {}, ...(revRange ? { revRange } : {}) }));

/** Every distinct blob reachable from all refs, counted by git itself. */
function reachableBlobs(repo: string): number {
  const objects = git(repo, 'rev-list', '--objects', '--all').trim().split('\n').map((l) => l.split(' ')[0]!);
  const types = execFileSync('git', ['cat-file', '--batch-check=%(objecttype)'], {
    cwd: repo,
    input: `${objects.join('\n')}\n`,
    env: env(),
    encoding: 'utf8',
  });
  return types.split('\n').filter((t) => t === 'blob').length;
}

describe('scanHistory', () => {
  it('scans each distinct blob once and attributes findings to the introducing commit', async () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('h1'));
    write(repo, 'README.md', 'readme\n');
    const c1 = commit(repo, 'add a key', '2024-03-01T10:00:00Z');
    write(repo, 'README.md', 'readme v2\n');
    commit(repo, 'unrelated', '2024-03-02T10:00:00Z');
    // the same blob appears on several branches and in many commits: still scanned once
    for (const b of ['x', 'y', 'z']) {
      git(repo, 'checkout', '-q', '-b', b, 'main');
      write(repo, `${b}.txt`, `${b}\n`);
      commit(repo, `branch ${b}`);
    }
    git(repo, 'checkout', '-q', 'main');
    write(repo, 'copy.ts', codeWithKey('h1')); // same blob as a.ts, at a new path
    const c3 = commit(repo, 'copy the file', '2024-03-05T10:00:00Z');
    write(repo, 'a.ts', 'export {};\n'); // the key is gone from the tip, not from history
    commit(repo, 'remove the key', '2024-03-06T10:00:00Z');

    const out = await history(repo);
    const blobs = reachableBlobs(repo);
    expect(out.files + out.skipped.length).toBe(blobs);
    expect(historyStats.blobsScanned).toBe(blobs);
    expect(out.findings.map((f) => [f.path, f.commit, f.secret])).toEqual([
      ['a.ts', c1, asrsKey('h1')],
      ['copy.ts', c3, asrsKey('h1')],
    ]);
    expect(out.findings[0]).toMatchObject({ author: 'Ada Author <ada@example.test>', date: '2024-03-01T10:00:00+00:00', line: 1 });
  });

  it('a rev range scans only the blobs its commits introduce', async () => {
    const repo = makeRepo();
    write(repo, 'old.ts', codeWithKey('old-range'));
    commit(repo, 'old');
    write(repo, 'mid.txt', 'mid\n');
    commit(repo, 'mid');
    write(repo, 'new.ts', codeWithKey('new-range'));
    const c3 = commit(repo, 'new');
    const out = await history(repo, 'HEAD~1..HEAD');
    expect(out.findings.map((f) => [f.path, f.commit])).toEqual([['new.ts', c3]]);
    expect(out.files).toBe(1);
    const all = await history(repo, 'main');
    expect(all.findings.map((f) => f.path)).toEqual(['new.ts', 'old.ts']);
  });

  it('a secret added while resolving a merge is attributed to the merge commit', async () => {
    const repo = makeRepo();
    write(repo, 'base.txt', 'base\n');
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, 'feature.ts', codeWithKey('feat'));
    const cf = commit(repo, 'feature');
    git(repo, 'checkout', '-q', 'main');
    write(repo, 'main.txt', 'main\n');
    commit(repo, 'main');
    git(repo, 'merge', '--no-ff', '--no-commit', '-q', 'feature');
    write(repo, 'merge.ts', codeWithKey('in-merge'));
    const cm = commit(repo, 'merge');
    expect(git(repo, 'rev-list', '--parents', '-n1', 'HEAD').trim().split(' ')).toHaveLength(3);
    const out = await history(repo);
    expect(out.findings.map((f) => [f.path, f.commit])).toEqual([
      ['feature.ts', cf],
      ['merge.ts', cm],
    ]);
  });

  it('binary blobs are skipped; paths with newlines and unicode survive', async () => {
    const repo = makeRepo();
    write(repo, 'img.bin', Buffer.concat([Buffer.from([0, 0, 0]), Buffer.from(codeWithKey('bin'))]));
    write(repo, 'dír\nname.ts', codeWithKey('nl'));
    commit(repo, 'odd files');
    const out = await history(repo);
    expect(out.skipped).toEqual([{ path: 'img.bin', reason: 'binary' }]);
    expect(out.findings.map((f) => f.path)).toEqual(['dír\nname.ts']);
  });

  it('paths and isIgnored restrict what is read', async () => {
    const repo = makeRepo();
    write(repo, 'keep/a.ts', codeWithKey('keep'));
    write(repo, 'drop/b.ts', codeWithKey('drop'));
    commit(repo, 'two');
    const restricted = await scanHistory({ cwd: repo, scanOptions: {}, paths: ['keep'] });
    expect(restricted.findings.map((f) => f.path)).toEqual(['keep/a.ts']);
    const ignored = await scanHistory({ cwd: repo, scanOptions: {}, isIgnored: (p) => p.startsWith('drop/') });
    expect(ignored.findings.map((f) => f.path)).toEqual(['keep/a.ts']);
    expect(ignored.files).toBe(1);
  });

  it('an empty repository scans nothing; bad ranges are one-line usage errors', async () => {
    const repo = makeRepo();
    expect(await history(repo)).toMatchObject({ files: 0, findings: [] });
    write(repo, 'a.txt', 'a\n');
    commit(repo, 'a');
    await expect(history(repo, 'no-such-branch..main')).rejects.toBeInstanceOf(UsageError);
    await expect(history(repo, '--output=/tmp/x')).rejects.toThrow(/not a revision range/);
  });

  it('CLI: --history reports commit, author and date; bad range exits 2', () => {
    const repo = makeRepo();
    write(repo, 'k.ts', codeWithKey('cli-hist'));
    const c = commit(repo, 'k', '2024-05-05T05:05:05Z');
    write(repo, 'k.ts', 'export {};\n');
    commit(repo, 'fix');
    const r = runCli(['scan', '--history', '--format', 'json'], repo);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({ path: 'k.ts', commit: c, author: 'Ada Author <ada@example.test>', date: '2024-05-05T05:05:05+00:00' });
    expect(r.stdout).not.toContain(asrsKey('cli-hist'));
    expect(runCli(['scan', '--history=HEAD~1..HEAD'], repo).status).toBe(0);
    const bad = runCli(['scan', '--history=nope..HEAD'], repo);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('scanHistory: a secret is reported where it was introduced', () => {
  it('later edits of other lines in the same file do not report it again', async () => {
    const repo = makeRepo();
    write(repo, 'app.ts', `// v1\n${codeWithKey('introduced-once')}`);
    const first = commit(repo, 'add key');
    write(repo, 'app.ts', `// v2: unrelated edit\n${codeWithKey('introduced-once')}`);
    commit(repo, 'edit another line');
    write(repo, 'app.ts', `// v3: another one\n${codeWithKey('introduced-once')}\nexport const x = 1;\n`);
    commit(repo, 'and another');
    const out = await history(repo);
    expect(out.findings.map((f) => [f.path, f.commit, f.line])).toEqual([['app.ts', first, 2]]);
    // The same key in a second file is a second leak.
    write(repo, 'copy.ts', codeWithKey('introduced-once'));
    const copied = commit(repo, 'copy it');
    expect((await history(repo)).findings.map((f) => [f.path, f.commit])).toEqual([
      ['app.ts', first],
      ['copy.ts', copied],
    ]);
  });
});
