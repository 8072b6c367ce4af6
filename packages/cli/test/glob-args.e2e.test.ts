import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';
import { asrsLine, keys } from './keys.js';

beforeAll(assertBuilt);
const tmp = useTempDirs();

// Quoted glob arguments are expanded with fast-glob, as secretlint users expect.
describe('glob arguments', () => {
  it('scan exactly the files a glob selects', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'src/a/x.ts': asrsLine(keys.asrs('glob-ts')),
      'src/a/z.js': asrsLine(keys.asrs('glob-js')),
      'docs/y.md': asrsLine(keys.asrs('glob-md')),
      '.hidden/w.ts': asrsLine(keys.asrs('glob-dot')),
    });
    const ts = await run(['scan', '**/*.ts', '--format', 'json'], { cwd: dir });
    expect(ts.code).toBe(1);
    expect(json(ts.stdout).findings.map((f) => f.path).sort()).toEqual(['.hidden/w.ts', 'src/a/x.ts']);
    const two = await run(['scan', 'src/**/*.{js,ts}', 'docs/*.md', '--format', 'json'], { cwd: dir });
    expect(json(two.stdout).findings.map((f) => f.path).sort()).toEqual(['docs/y.md', 'src/a/x.ts', 'src/a/z.js']);
  });

  it('a pattern that matches nothing is a usage error; an existing name is a path, not a pattern', async () => {
    const dir = tmp();
    await writeTree(dir, { '[literal].txt': asrsLine(keys.asrs('glob-literal')) });
    const none = await run(['scan', 'nothing/**/*.cs'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('keyguard: no files match nothing/**/*.cs\n');
    const literal = await run(['scan', '[literal].txt', '--format', 'json'], { cwd: dir });
    expect(json(literal.stdout).findings.map((f) => f.path)).toEqual(['[literal].txt']);
  });

  it('a FIFO a glob selects is reported as skipped, not silently dropped', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'nothing\n' });
    execFileSync('mkfifo', [path.join(dir, 'b.txt')]);
    const r = await run(['scan', '*.txt', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(json(r.stdout).skipped).toEqual([{ path: 'b.txt', reason: 'fifo' }]);
  });
});
