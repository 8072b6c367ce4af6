import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAGS, type FlagSpec } from '../src/flags.js';
import { hasHelpEntry } from './help-entries.js';
import { assertBuilt, json, PACKAGE_DIR, REPO_ROOT, run, useTempDirs, writeTree } from './helpers.js';
import { asrsLine, keys } from './keys.js';

beforeAll(assertBuilt);
const tmp = useTempDirs();

describe('help, version, usage errors', () => {
  it('--help documents every command, flag and exit code', async () => {
    const dir = tmp();
    const r = await run(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    // Every flag as the flag table names it (alias and value included): no list of our own here.
    for (const flag of FLAGS as readonly FlagSpec[]) expect(hasHelpEntry(r.stdout, flag), flag.name).toBe(true);
    for (const word of ['keyguard scan', 'keyguard baseline', 'keyguard hook install', 'Exit codes', '0  no findings', '1  at least one finding', '2  usage']) {
      expect(r.stdout, word).toContain(word);
    }
    expect((await run(['scan', '--help'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('--version prints the version from package.json', async () => {
    const version = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    const r = await run(['--version'], { cwd: tmp() });
    expect([r.code, r.stdout]).toEqual([0, `${version}\n`]);
  });

  it('bad flags and commands: one line on stderr, exit 2, never a stack trace', async () => {
    const dir = tmp();
    for (const argv of [['scan', '--bogus'], ['scan', '-f'], ['bogus'], ['scan', '--jobs', 'x'], ['scan', '--staged', '--history'], ['scan', '--output', '']]) {
      const r = await run(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^keyguard: [^\n]+\n$/);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
      expect(r.stdout).toBe('');
    }
  });

  it('an output file that cannot be written is exit 2', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': '1\n' });
    // A missing folder is created; a path through a file cannot be.
    const r = await run(['scan', '--output', 'a.ts/dir/out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('keyguard: cannot write a.ts/dir/out.json (ENOTDIR)\n');
  });
});

describe('this repository', () => {
  it('scans clean (no committed keys), exit 0', async () => {
    const r = await run(['scan', '.', '--format', 'json', '--no-progress'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual([]);
    expect(report.summary.files).toBeGreaterThan(20);
    expect(r.code).toBe(0);
  });
});

describe('git modes and hook (dispatch to the git engineer’s modules)', () => {
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  it('--staged scans the index; the baseline applies to it too', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    await writeTree(dir, { 'src/a.ts': `${asrsLine(keys.asrs('staged'))}\n`, 'unstaged.ts': asrsLine(keys.asrs('unstaged')) });
    git(dir, 'add', 'src/a.ts');
    const r = await run(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f) => f.path)).toEqual(['src/a.ts']);
    const b = await run(['baseline', '--staged', '--output', 'baseline.json'], { cwd: dir });
    expect(b.code).toBe(0);
    const suppressed = await run(['scan', '--staged', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    expect(suppressed.code).toBe(0);
    expect(json(suppressed.stdout).summary.suppressed).toBe(1);
  });

  it('--staged honours the config ignore list and .keyguardignore', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    await writeTree(dir, {
      'gen/a.ts': asrsLine(keys.asrs('st-gen')),
      'vendor/b.ts': asrsLine(keys.asrs('st-vendor')),
      'keyguard.config.json': '{"ignore":["gen/"]}',
      '.keyguardignore': 'vendor/\n',
    });
    git(dir, 'add', '.');
    const r = await run(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(json(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
    expect((await run(['scan', '--staged', '--no-ignore', '--format', 'json'], { cwd: dir })).code).toBe(1);
  });

  it('--history finds a key removed from the work tree; --history=RANGE limits it', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    await writeTree(dir, { 'a.ts': asrsLine(keys.asrs('hist')) });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'add');
    await fs.writeFile(path.join(dir, 'a.ts'), 'clean\n');
    git(dir, 'commit', '-q', '-am', 'remove');
    expect((await run(['scan', '--format', 'json'], { cwd: dir })).code).toBe(0);
    const r = await run(['scan', '--history', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const f = json(r.stdout).findings;
    expect(f.map((x) => x.path)).toEqual(['a.ts']);
    expect(f[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect((await run(['scan', '--history=HEAD~1..HEAD', '--format', 'json'], { cwd: dir })).code).toBe(0);
  });

  it('keyguard hook dispatches to the hook command', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    const r = await run(['hook', 'install'], { cwd: dir });
    expect(r.code).toBe(0);
    const hook = await fs.readFile(path.join(dir, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook).toContain('--staged');
  });
});
