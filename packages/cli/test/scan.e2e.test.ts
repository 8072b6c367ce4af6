import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/types.js';
import { WORKER_MIN_FILES } from '../src/scan-pool.js';
import { assertBuilt, BIN, cleanupTemp, json, run, tempDir, useTempDirs, writeTree } from './helpers.js';
import { asrsLine, connectionString, keys } from './keys.js';

beforeAll(assertBuilt);

const tmp = useTempDirs();
const paths = (r: JsonReport): string[] => r.findings.map((f) => f.path);

describe('keyguard scan: paths', () => {
  it('scans the current folder by default, exit 1 with findings, 0 without', async () => {
    const dir = tmp();
    await writeTree(dir, { 'app/settings.env': `${connectionString(keys.legacy('a'))}\n`, 'README.md': 'nothing here\n' });
    const dirty = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(dirty.code).toBe(1);
    const report = json(dirty.stdout);
    expect(paths(report)).toEqual(['app/settings.env']);
    expect(report.summary.files).toBe(2);
    await fs.rm(path.join(dir, 'app/settings.env'));
    const clean = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(json(clean.stdout).findings).toEqual([]);
  });

  it('takes several files and folders, reports paths relative to the current folder, sorted', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'b/two.ts': `\n\n${asrsLine(keys.asrs('b2'))}\n${asrsLine(keys.asrs('b2x'))}\n`,
      'a/one.ts': asrsLine(keys.asrs('a1')),
      'c.txt': asrsLine(keys.awps('c')),
      'ignored-by-choice/x.ts': asrsLine(keys.asrs('x')),
    });
    const r = await run(['scan', 'b', 'c.txt', 'a', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['a/one.ts:1', 'b/two.ts:3', 'b/two.ts:4', 'c.txt:1']);
    expect(report.findings.find((f) => f.path === 'c.txt')!.ruleId).toBe('azure-web-pubsub-access-key');
  });

  it('reports paths outside the current folder as absolute', async () => {
    const dir = tmp();
    const other = tmp();
    await writeTree(other, { 'k.txt': asrsLine(keys.asrs('abs')) });
    const r = await run(['scan', path.join(other, 'k.txt'), '--format', 'json'], { cwd: dir });
    expect(json(r.stdout).findings[0]!.path).toBe(path.join(other, 'k.txt').split(path.sep).join('/'));
  });

  it('a missing path is a usage error (exit 2, one line)', async () => {
    const dir = tmp();
    const r = await run(['scan', 'nope'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('keyguard: no such file or directory: nope\n');
  });

  it('honours .gitignore at every level, with negation, and .keyguardignore; --no-ignore turns both off', async () => {
    const dir = tmp();
    await writeTree(dir, {
      '.git/HEAD': 'ref: refs/heads/main\n', // .gitignore files apply inside a work tree only
      '.gitignore': 'build/\n*.log\n',
      '.keyguardignore': 'vendor/\n',
      'build/out.js': asrsLine(keys.asrs('build')),
      'debug.log': asrsLine(keys.asrs('log')),
      'vendor/lib.js': asrsLine(keys.asrs('vendor')),
      'src/.gitignore': 'secret.ts\n!keep.log\n',
      'src/secret.ts': asrsLine(keys.asrs('secret')),
      'src/keep.log': asrsLine(keys.asrs('keep')),
      'src/main.ts': asrsLine(keys.asrs('main')),
      'other/secret.ts': asrsLine(keys.asrs('other')),
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(paths(json(r.stdout))).toEqual(['other/secret.ts', 'src/keep.log', 'src/main.ts']);
    const all = await run(['scan', '--no-ignore', '--format', 'json'], { cwd: dir });
    expect(paths(json(all.stdout))).toEqual([
      'build/out.js',
      'debug.log',
      'other/secret.ts',
      'src/keep.log',
      'src/main.ts',
      'src/secret.ts',
      'vendor/lib.js',
    ]);
  });

  it('applies .gitignore files above the scan root up to the git work tree root', async () => {
    const dir = tmp();
    await fs.mkdir(path.join(dir, '.git'));
    await writeTree(dir, { '.gitignore': 'generated/\n', 'pkg/generated/k.ts': asrsLine(keys.asrs('gen')), 'pkg/k.ts': asrsLine(keys.asrs('pk')) });
    const r = await run(['scan', 'pkg', '--format', 'json'], { cwd: dir });
    expect(paths(json(r.stdout))).toEqual(['pkg/k.ts']);
  });

  it('odd names (dots only, spaces, unicode, newline) are walked and matched against ignore files without crashing', async () => {
    const dir = tmp();
    await writeTree(dir, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.skip\n',
      '.../k.ts': asrsLine(keys.asrs('dots')),
      'a b/ü\nx.ts': asrsLine(keys.asrs('odd')),
      'a b/c.skip': asrsLine(keys.asrs('skip')),
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(paths(json(r.stdout))).toEqual(['.../k.ts', 'a b/ü\nx.ts']);
  });

  it('never scans .git, even with --no-ignore', async () => {
    const dir = tmp();
    await writeTree(dir, { '.git/config': asrsLine(keys.asrs('git')), 'sub/.git/HEAD': asrsLine(keys.asrs('git2')), 'ok.txt': 'fine\n' });
    const r = await run(['scan', '--no-ignore', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary.files).toBe(1);
  });

  it('scans a file named on the command line even if ignored', async () => {
    const dir = tmp();
    await writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '*.env\n', 'a.env': `${connectionString(keys.legacy('named'))}\n` });
    expect((await run(['scan', '--format', 'json'], { cwd: dir })).code).toBe(0);
    const r = await run(['scan', 'a.env', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  it('inline markers suppress and count; --no-inline-ignore reports them', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'a.ts': `${asrsLine(keys.asrs('m1'))} // keyguard:allow\n// keyguard:allow-next-line\n${asrsLine(keys.asrs('m2'))}\n${asrsLine(keys.asrs('m3'))}\n`,
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    const report = json(r.stdout);
    expect(report.findings.map((f) => f.line)).toEqual([4]);
    expect(report.summary.suppressed).toBe(2);
    const off = json((await run(['scan', '--no-inline-ignore', '--format', 'json'], { cwd: dir })).stdout);
    expect(off.findings.map((f) => f.line)).toEqual([1, 3, 4]);
    expect(off.summary.suppressed).toBe(0);
  });

  it('--min-confidence filters (default medium)', async () => {
    const dir = tmp();
    // A connection string is high confidence; a bare `accessKey:` assignment is medium.
    await writeTree(dir, { 'a.env': `${connectionString(keys.legacy('hi'))}\n`, 'b.yml': `accessKey: "${keys.legacy('med')}"\n` });
    const def = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(json(def.stdout).findings.map((f) => f.confidence)).toEqual(['high', 'medium']);
    const high = await run(['scan', '--min-confidence', 'high', '--format', 'json'], { cwd: dir });
    expect(json(high.stdout).findings.map((f) => f.confidence)).toEqual(['high']);
    const bad = await run(['scan', '--min-confidence', 'extreme'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^keyguard: --min-confidence must be low, medium or high/);
  });
});

describe('keyguard scan -: stdin', () => {
  it('reads stdin, names it <stdin> or --stdin-filename', async () => {
    const dir = tmp();
    const input = `line one\n${connectionString(keys.legacy('stdin'))}\n`;
    const r = await run(['scan', '-', '--format', 'json'], { cwd: dir, input });
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.findings.map((f) => [f.path, f.line])).toEqual([['<stdin>', 2]]);
    expect(report.summary.files).toBe(1);
    expect(report.summary.bytes).toBe(Buffer.byteLength(input));
    const named = await run(['scan', '-', '--stdin-filename', 'src/app.env', '--format', 'json'], { cwd: dir, input });
    expect(json(named.stdout).findings[0]!.path).toBe('src/app.env');
  });

  it('clean stdin exits 0; binary stdin is skipped, not an error', async () => {
    const dir = tmp();
    expect((await run(['scan', '-'], { cwd: dir, input: 'hello\n' })).code).toBe(0);
    const bin = await run(['scan', '-', '--format', 'json'], { cwd: dir, input: Buffer.from([0x89, 0x50, 0, 0, 1, 2]) });
    expect(bin.code).toBe(0);
    expect(json(bin.stdout).skipped).toEqual([{ path: '<stdin>', reason: 'binary' }]);
  });

  it("'-' with other paths, or --stdin-filename without '-', is a usage error", async () => {
    const dir = tmp();
    expect((await run(['scan', '-', '.'], { cwd: dir })).code).toBe(2);
    expect((await run(['scan', '--stdin-filename', 'x', '.'], { cwd: dir })).code).toBe(2);
  });
});

describe('hostile entries', () => {
  it('a FIFO is skipped without being opened (no hang), listed on stderr and in skipped', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': asrsLine(keys.asrs('fifo')) });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const r = await run(['scan', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(1); // the finding decides, not the FIFO
    const report = json(r.stdout);
    expect(report.skipped).toEqual([{ path: 'pipe', reason: 'fifo' }]);
    expect(report.summary.skipped).toBe(1);
    expect(r.stderr).toBe('keyguard: skipped pipe (fifo)\n');
    // Named explicitly too.
    const named = await run(['scan', 'pipe', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(named.code).toBe(0);
    expect(json(named.stdout).skipped).toEqual([{ path: 'pipe', reason: 'fifo' }]);
  });

  it('--strict turns an unreadable entry into exit 2; --quiet prints a count', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'p1')]);
    execFileSync('mkfifo', [path.join(dir, 'p2')]);
    await writeTree(dir, { 'ok.txt': 'fine\n' });
    const strict = await run(['scan', '--strict'], { cwd: dir });
    expect(strict.code).toBe(2);
    const quiet = await run(['scan', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('keyguard: skipped 2 entries\n');
  });

  it('a socket is skipped', async () => {
    const dir = tmp();
    const net = await import('node:net');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock'), resolve));
    try {
      const r = await run(['scan', '--format', 'json'], { cwd: dir });
      expect(json(r.stdout).skipped).toEqual([{ path: 'sock', reason: 'socket' }]);
    } finally {
      server.close();
    }
  });

  it('a device named on the command line is skipped, never read', async () => {
    const dir = tmp();
    const r = await run(['scan', '/dev/zero', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(json(r.stdout).skipped).toEqual([{ path: '/dev/zero', reason: 'device' }]);
  });

  it('symlinks are not followed by default; with --follow-symlinks a loop is reported, not walked forever', async () => {
    const dir = tmp();
    const outside = tmp();
    await writeTree(outside, { 'k.ts': asrsLine(keys.asrs('linked')) });
    await writeTree(dir, { 'real/a.txt': 'fine\n' });
    await fs.symlink(outside, path.join(dir, 'link-out'));
    await fs.symlink('..', path.join(dir, 'real', 'up')); // real/up -> dir: a directory loop
    await fs.symlink('l2', path.join(dir, 'l1')); // l1 -> l2 -> l1: ELOOP
    await fs.symlink('l1', path.join(dir, 'l2'));
    const plain = await run(['scan', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(plain.code).toBe(0);
    // Not followed, but never silent: each link is in the report, counted on one stderr line.
    expect(json(plain.stdout).skipped).toEqual(['l1', 'l2', 'link-out', 'real/up'].map((p) => ({ path: p, reason: 'symlink' })));
    expect(plain.stderr).toBe('keyguard: skipped 4 symbolic links (not followed: --follow-symlinks); --verbose lists them\n');
    const verbose = await run(['scan', '--verbose'], { cwd: dir, timeoutMs: 15_000 });
    expect(verbose.stderr).toContain('keyguard: skipped link-out (symlink)\n');
    expect((await run(['scan', '--strict'], { cwd: dir })).code).toBe(0); // a choice, not an unreadable path
    const follow = await run(['scan', '--follow-symlinks', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    expect(follow.code).toBe(1);
    const report = json(follow.stdout);
    expect(paths(report)).toEqual(['link-out/k.ts']);
    expect(report.skipped).toEqual([
      { path: 'l1', reason: 'symlink-loop' },
      { path: 'l2', reason: 'symlink-loop' },
      { path: 'real/up', reason: 'symlink-loop' },
    ]);
    expect(follow.stderr.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('an unreadable file is skipped and reported, not a crash', async () => {
    const dir = tmp();
    await writeTree(dir, { 'ok.ts': asrsLine(keys.asrs('unread')) });
    let expected: string;
    if (process.getuid?.() !== 0) {
      await writeTree(dir, { 'locked.txt': 'secret stuff\n' });
      await fs.chmod(path.join(dir, 'locked.txt'), 0o000);
      expected = 'locked.txt';
    } else {
      // root reads through chmod 000: use a file whose reads fail for anyone (EIO).
      await fs.symlink('/proc/self/mem', path.join(dir, 'mem'));
      expected = 'mem';
    }
    const args = ['scan', '--format', 'json', ...(expected === 'mem' ? ['--follow-symlinks'] : [])];
    const r = await run(args, { cwd: dir });
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.skipped).toEqual([{ path: expected, reason: 'unreadable' }]);
    expect(paths(report)).toEqual(['ok.ts']);
    expect(r.stderr).toBe(`keyguard: skipped ${expected} (unreadable)\n`);
    expect((await run([...args, '--strict'], { cwd: dir })).code).toBe(2);
  });

  it('an unreadable folder is skipped and reported', async () => {
    const dir = tmp();
    await writeTree(dir, { 'locked/a.txt': 'x\n', 'ok.txt': 'y\n' });
    await fs.chmod(path.join(dir, 'locked'), 0o000);
    try {
      let stdout: string;
      if (process.getuid?.() !== 0) {
        stdout = (await run(['scan', '--format', 'json'], { cwd: dir })).stdout;
      } else {
        // root reads through chmod 000: run keyguard as nobody instead (setpriv, util-linux).
        await fs.chmod(dir, 0o755);
        const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'scan', '--format', 'json'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(r.error).toBeUndefined();
        stdout = r.stdout;
      }
      expect(json(stdout).skipped).toEqual([{ path: 'locked', reason: 'unreadable' }]);
      expect(json(stdout).summary.files).toBe(1);
    } finally {
      await fs.chmod(path.join(dir, 'locked'), 0o755);
    }
  });

  it('binary files are skipped and counted, without changing the exit code even with --strict', async () => {
    const dir = tmp();
    const bin = Buffer.concat([Buffer.from(asrsLine(keys.asrs('bin'))), Buffer.from([0, 1, 2, 0])]);
    await writeTree(dir, { 'image.png': bin, 'ok.txt': 'fine\n' });
    const r = await run(['scan', '--strict', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.skipped).toEqual([{ path: 'image.png', reason: 'binary' }]);
    expect(report.summary).toMatchObject({ files: 1, skipped: 1, findings: 0 });
    expect(r.stderr).toBe('keyguard: skipped 1 binary file; --verbose lists them\n');
    const verbose = await run(['scan', '--verbose'], { cwd: dir });
    expect(verbose.stderr).toBe('keyguard: skipped image.png (binary)\n');
  });

  it('a 0-byte file is scanned as empty', async () => {
    const dir = tmp();
    await writeTree(dir, { empty: '' });
    const r = await run(['scan', 'empty', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary).toMatchObject({ files: 1, bytes: 0, skipped: 0 });
  });

  it('a ~50 MB single line is scanned in bounded time, the key found at its exact column', async () => {
    const dir = tmp();
    const key = keys.asrs('huge');
    const before = 'x'.repeat(30_000_000) + ' "';
    await writeTree(dir, { 'huge.txt': `${before}${key}" ${'y'.repeat(20_000_000)}\n` });
    const r = await run(['scan', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const f = json(r.stdout).findings;
    expect(f.map((x) => [x.line, x.column, x.endColumn])).toEqual([[1, before.length + 1, before.length + 1 + key.length]]);
  });
});

describe('big file: memory and progress', () => {
  let bigDir: string;
  beforeAll(async () => {
    bigDir = tempDir('keyguard-cli-');
    const line = `${'2026-01-01 INFO nothing to see here, just a long log line of ordinary text '.repeat(13)}\n`;
    const block = line.repeat(Math.ceil((4 * 1024 * 1024) / line.length));
    const handle = await fs.open(path.join(bigDir, 'big.log'), 'w');
    for (let written = 0; written < 300 * 1024 * 1024; written += block.length) await handle.write(block);
    await handle.write(`${asrsLine(keys.asrs('big'))}\n`);
    await handle.close();
  });
  afterAll(() => cleanupTemp());

  it('a 300 MB file is streamed: memory stays far below its size, the key at its end is found', async () => {
    const r = await run(['scan', '--format', 'json', '--jobs', '1'], { cwd: bigDir, env: { KEYGUARD_DEBUG: '1' }, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings).toHaveLength(1);
    const rss = Number(/max RSS (\d+) MiB/.exec(r.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(260); // reading the file whole would need well over 300
  });

  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  /** Runs keyguard with a pseudo-terminal as stdout and stderr (util-linux `script`). */
  function inTty(args: string[], env: Record<string, string> = {}): string {
    const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'GITHUB_ACTIONS']) if (!(k in env)) delete childEnv[k];
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: bigDir, env: childEnv, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1); // script -e passes keyguard's exit code on: the key was found
    return r.stdout;
  }

  it.skipIf(!hasScript)('shows progress (files, bytes, findings, rate) on a TTY, not with --no-progress or CI', () => {
    const out = path.join(bigDir, 'report.json');
    const shown = inTty(['scan', 'big.log', '--format', 'json', '--output', out, '--jobs', '1']);
    // The summary's units: `keyguard: 1 file (12.3 MiB), 0 findings, 45.6 MiB/s`.
    const bytes = String.raw`\d+(\.\d+)? (B|KiB|MiB|GiB)`;
    expect(shown).toMatch(new RegExp(String.raw`\r\x1b\[2Kkeyguard: \d+ files? \(${bytes}\), \d+ findings?, ${bytes}/s`));
    const rate = /iB\/s| B\/s/;
    expect(shown).toMatch(rate);
    expect(inTty(['scan', 'big.log', '--format', 'json', '--output', out, '--no-progress', '--jobs', '1'])).not.toMatch(rate);
    expect(inTty(['scan', 'big.log', '--format', 'json', '--output', out, '--jobs', '1'], { CI: 'true' })).not.toMatch(rate);
  });
});

describe('workers', () => {
  it('--jobs 4 gives the same report as --jobs 1, in path/line/column order', async () => {
    const dir = tmp();
    const files: Record<string, string> = {};
    const filler = `${'// filler line of ordinary text\n'.repeat(1500)}`;
    for (let i = 0; i < 80; i++) {
      const name = `src/m${String(i).padStart(2, '0')}/f${i % 7}.ts`;
      files[name] = i % 5 === 0 ? `${filler}${asrsLine(keys.asrs(`w${i}`))}\n${asrsLine(keys.awps(`v${i}`))}\n` : filler;
    }
    await writeTree(dir, files);
    const one = await run(['scan', '--jobs', '1', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' } });
    const four = await run(['scan', '--jobs', '4', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' } });
    expect(one.stderr).toContain('0 workers');
    expect(four.stderr).toContain('4 workers');
    const a = json(one.stdout);
    const b = json(four.stdout);
    expect(a.findings).toHaveLength(32);
    expect(b.findings).toEqual(a.findings);
    expect(b.summary.files).toBe(80);
    const order = b.findings.map((f) => `${f.path}\u0000${String(f.line).padStart(8, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('a big tree starts the default workers while the walk goes on; same report as one thread', async () => {
    const dir = tmp();
    const count = WORKER_MIN_FILES + 500;
    let planted = 0;
    for (let d = 0; d < 50; d++) mkdirSync(path.join(dir, `d${d}`));
    for (let i = 0; i < count; i++) {
      const key = i % 1000 === 7;
      if (key) planted += 1;
      writeFileSync(path.join(dir, `d${i % 50}/f${i}.txt`), key ? `${asrsLine(keys.asrs(`big-tree-${i}`))}\n` : `line ${i} = ordinary\n`);
    }
    const auto = await run(['scan', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' }, timeoutMs: 60_000 });
    const one = await run(['scan', '--format', 'json', '--jobs', '1'], { cwd: dir, timeoutMs: 60_000 });
    const cores = Math.max(1, os.availableParallelism());
    // Planned when the walk had found WORKER_MIN_FILES files, not after it.
    expect(auto.stderr).toContain(cores > 1 ? `${WORKER_MIN_FILES} files found when ${cores} workers` : '0 workers');
    expect(auto.code).toBe(1);
    expect(json(auto.stdout).findings).toHaveLength(planted);
    expect(json(auto.stdout).findings).toEqual(json(one.stdout).findings);
    expect(json(auto.stdout).summary.files).toBe(count);
  });

  it('small trees stay on one thread by default; an explicit --jobs starts min(jobs, files) workers', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': asrsLine(keys.asrs('few')), 'b.ts': 'x\n' });
    const auto = await run(['scan', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' } });
    expect(auto.stderr).toContain('0 workers');
    expect(auto.code).toBe(1);
    const asked = await run(['scan', '--jobs', '8', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' } });
    expect(asked.stderr).toContain('2 workers');
    expect(asked.code).toBe(1);
    expect(json(asked.stdout).findings).toEqual(json(auto.stdout).findings);
    expect(json(auto.stdout).findings).toHaveLength(1);
  });

  it('--jobs must be a positive integer', async () => {
    const dir = tmp();
    for (const bad of ['0', '-1', 'many', '1.5']) {
      const r = await run(['scan', `--jobs=${bad}`], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
  });
});

describe('progress', () => {
  it('never writes progress when stderr is a pipe', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': asrsLine(keys.asrs('prog')) });
    const r = await run(['scan'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\r');
  });
});
