import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIgnoredBy, patternLayer } from '../src/ignore-rules.js';
import { walk, type WalkResult } from '../src/walk.js';
import { folderMatcher } from '../src/walk-ignore.js';
import { useTempDirs, writeTree } from './helpers.js';

const tmp = useTempDirs();

/** `files` and `skipped` relative to `dir`, sorted, as the caller sees them after sorting. */
function relative(dir: string, r: WalkResult): { files: string[]; skipped: string[] } {
  return {
    files: r.files.map((f) => path.relative(dir, f.abs)).sort(),
    skipped: r.skipped.map((s) => `${path.relative(dir, s.abs)} ${s.reason}`).sort(),
  };
}

describe('walk', () => {
  it('lists a big folder of mixed entries once each, by their dirent type, without opening anything', async () => {
    const dir = tmp();
    const expected: string[] = [];
    const tree: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) {
      tree[`big/f${i}.txt`] = 'x';
      expected.push(`big/f${i}.txt`);
    }
    // More sub-folders than the listing concurrency, each with a file and a nested folder.
    for (let i = 0; i < 40; i++) {
      tree[`big/d${i}/a.txt`] = 'a';
      tree[`big/d${i}/deeper/b.txt`] = 'b';
      expected.push(`big/d${i}/a.txt`, `big/d${i}/deeper/b.txt`);
    }
    tree['big/.git/config'] = 'never walked';
    tree['big/d3/.git/HEAD'] = 'never walked';
    await writeTree(dir, tree);
    execFileSync('mkfifo', [path.join(dir, 'big', 'pipe'), path.join(dir, 'big', 'd7', 'pipe')]);
    await fs.symlink('f1.txt', path.join(dir, 'big', 'link-file'));
    await fs.symlink('d1', path.join(dir, 'big', 'link-dir'));
    await fs.symlink('nowhere', path.join(dir, 'big', 'dangling'));

    const r = await walk(['.'], { cwd: dir, useIgnoreFiles: false, followSymlinks: false });
    expect(relative(dir, r)).toEqual({
      files: expected.sort(),
      skipped: ['big/d7/pipe fifo', 'big/dangling symlink', 'big/link-dir symlink', 'big/link-file symlink', 'big/pipe fifo'],
    });
    // Sizes come from a stat, which a folder listing does not do.
    expect(new Set(r.files.map((f) => f.size))).toEqual(new Set([-1]));

    const followed = await walk(['big'], { cwd: dir, useIgnoreFiles: false, followSymlinks: true });
    const files = relative(dir, followed).files;
    expect(files).toEqual([...expected, 'big/link-dir/a.txt', 'big/link-dir/deeper/b.txt', 'big/link-file'].sort());
    expect(followed.files.find((f) => f.abs.endsWith('link-file'))?.size).toBe(1);
  });

  it('a path given by name has its size; overlapping paths give each file once', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a/k.txt': 'hello', 'b.txt': 'hi' });
    const r = await walk(['.', 'a', 'b.txt', 'a/k.txt'], { cwd: dir, useIgnoreFiles: false, followSymlinks: false });
    expect(relative(dir, r).files).toEqual(['a/k.txt', 'b.txt']);
    expect(r.files.find((f) => f.abs.endsWith('b.txt'))?.size).toBe(-1); // first found by the walk of '.'
    const named = await walk(['b.txt'], { cwd: dir, useIgnoreFiles: false, followSymlinks: false });
    expect(named.files).toEqual([{ abs: path.join(dir, 'b.txt'), size: 2 }]);
  });

  it('--follow-symlinks walks everything under a followed folder, links and sub-folders included; loops are reported', async () => {
    const dir = tmp();
    await writeTree(dir, { 'real/sub/deep.txt': 'd', 'real/top.txt': 't', 'other/o.txt': 'o' });
    await fs.symlink('../../other/o.txt', path.join(dir, 'real', 'sub', 'to-o'));
    await fs.symlink('..', path.join(dir, 'real', 'sub', 'up')); // back to real/: a loop
    await fs.symlink('real', path.join(dir, 'in'));
    const r = await walk(['in'], { cwd: dir, useIgnoreFiles: false, followSymlinks: true });
    expect(relative(dir, r)).toEqual({
      files: ['in/sub/deep.txt', 'in/sub/to-o', 'in/top.txt'],
      skipped: ['in/sub/up symlink-loop'],
    });
  });
});

describe('folderMatcher', () => {
  it('answers as isIgnoredBy does for every entry of a folder, whatever the layers’ bases', async () => {
    const root = path.resolve('/w');
    const layers = [
      await patternLayer(root, ['*.log', 'build/', '!keep.log', 'src/gen/']),
      await patternLayer(path.join(root, 'src'), ['gen2', '!x.log', '/top-only']),
      await patternLayer(path.join(root, 'src', 'deep'), ['*']), // below the folders tried first: no say there
      await patternLayer(path.resolve('/elsewhere'), ['*']), // outside: no say
      await patternLayer(path.join(root, 'src'), ['!build/']),
    ];
    const names = ['a.log', 'keep.log', 'x.log', 'build', 'gen', 'gen2', 'top-only', 'deep', 'ok.ts', '...', 'sp ace', 'ünï'];
    const dirs = [root, path.join(root, 'src'), path.join(root, 'src', 'deep'), path.join(root, 'src', 'deep', 'more'), path.resolve('/other')];
    let ignoredSomewhere = 0;
    for (const dir of dirs) {
      const match = folderMatcher(layers, dir);
      for (const name of names) {
        for (const isDir of [false, true]) {
          const want = isIgnoredBy(layers, path.join(dir, name), isDir);
          expect(match?.(name, isDir) ?? false, `${dir} ${name} ${isDir}`).toBe(want);
          if (want) ignoredSomewhere += 1;
        }
      }
    }
    expect(ignoredSomewhere).toBeGreaterThan(20);
    expect(folderMatcher(layers, path.resolve('/other'))).toBeUndefined();
  });
});
