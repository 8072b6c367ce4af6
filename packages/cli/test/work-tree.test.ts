import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoInfo } from '../src/git/exec.js';
import { findWorkTree } from '../src/git/work-tree.js';
import { cleanupTemp, commit, git, gitTry, isolateGit, makeRepo, tempDir, write } from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

const env = {};

/** What git itself says, in the same shape. */
async function fromGit(cwd: string) {
  const info = await repoInfo(cwd);
  return { toplevel: info.toplevel, prefix: info.prefix, commonDir: info.commonDir, bare: false };
}

describe('findWorkTree: the repository from its folders, as git would find it', () => {
  it('agrees with git rev-parse at the top, in a subfolder, before the first commit and through a linked cwd', async () => {
    const repo = makeRepo();
    expect(findWorkTree(repo, env)).toEqual(await fromGit(repo));
    mkdirSync(join(repo, 'a', 'b c'), { recursive: true });
    const sub = join(repo, 'a', 'b c');
    expect(findWorkTree(sub, env)).toEqual(await fromGit(sub));
    expect(findWorkTree(sub, env)?.prefix).toBe('a/b c/');
    write(repo, 'x.txt', 'x\n');
    commit(repo, 'init');
    expect(findWorkTree(sub, env)).toEqual(await fromGit(sub));
    const link = join(tempDir(), 'link');
    symlinkSync(sub, link);
    expect(findWorkTree(link, env)).toEqual(await fromGit(link));
  });

  it('a linked worktree and a submodule-style .git file (gitdir:) point at their git folders', async () => {
    const repo = makeRepo();
    write(repo, 'x.txt', 'x\n');
    commit(repo, 'init');
    const wt = join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt);
    const found = findWorkTree(join(wt), env);
    expect(found).toEqual(await fromGit(wt));
    expect(found?.commonDir).toBe(join(realpathSync(repo), '.git'));

    const outer = tempDir();
    const inner = join(outer, 'inner');
    mkdirSync(inner);
    git(outer, 'init', '-q', '--separate-git-dir', join(outer, 'store.git'), inner);
    expect(findWorkTree(inner, env)).toEqual(await fromGit(inner));
  });

  it('leaves to git whatever it could see differently', () => {
    const repo = makeRepo();
    mkdirSync(join(repo, 'sub'));
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT']) {
      expect(findWorkTree(repo, { [name]: 'x' }), name).toBeUndefined();
    }
    expect(findWorkTree(repo, { GIT_DIR: '' })).toBeDefined(); // set but empty: git ignores it
    expect(findWorkTree(join(repo, '.git'), env)).toBeUndefined(); // inside the git folder
    expect(findWorkTree(join(repo, '.git', 'refs'), env)).toBeUndefined();
    expect(findWorkTree(tempDir(), env)).toBeUndefined(); // no repository at all

    const moved = makeRepo();
    git(moved, 'config', 'core.worktree', tempDir());
    expect(findWorkTree(moved, env)).toBeUndefined();
    const bare = makeRepo();
    git(bare, 'config', 'core.bare', 'true');
    expect(findWorkTree(bare, env)).toBeUndefined();
    const included = makeRepo();
    git(included, 'config', 'include.path', join(tempDir(), 'more.config'));
    expect(findWorkTree(included, env)).toBeUndefined();
    const perWorktree = makeRepo();
    git(perWorktree, 'config', 'extensions.worktreeConfig', 'true');
    expect(findWorkTree(perWorktree, env)).toBeUndefined();
  });

  it('a sha256 repository, a .git that is not a repository and a linked .git are left to git', () => {
    const sha256 = tempDir();
    if (gitTry(sha256, ['init', '-q', '--object-format=sha256']).status === 0) expect(findWorkTree(sha256, env)).toBeUndefined();

    const fake = tempDir();
    mkdirSync(join(fake, '.git'));
    writeFileSync(join(fake, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect(findWorkTree(fake, env)).toBeUndefined(); // no objects/ or refs/: git walks on

    const fifoHead = makeRepo();
    rmSync(join(fifoHead, '.git', 'HEAD'));
    execFileSync('mkfifo', [join(fifoHead, '.git', 'HEAD')]);
    expect(findWorkTree(fifoHead, env)).toBeUndefined(); // never waits for a writer

    const real = makeRepo();
    const linked = tempDir();
    symlinkSync(join(real, '.git'), join(linked, '.git'));
    expect(findWorkTree(linked, env)).toBeUndefined();
  });
});
