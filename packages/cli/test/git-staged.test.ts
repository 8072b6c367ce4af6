import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanStaged } from '../src/git/staged.js';
import { sortOutcome } from '../src/order.js';
import { UsageError } from '../src/exit-codes.js';
import {
  asrsKey,
  cleanupTemp,
  codeWithKey,
  commit,
  git,
  gitTry,
  isolateGit,
  makeRepo,
  runCli,
  tempDir,
  write,
} from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

// In the order every report has (main.ts sorts each input mode's outcome once).
const staged = async (cwd: string, paths?: string[]) => sortOutcome(await scanStaged({ cwd, scanOptions: {}, ...(paths ? { paths } : {}) }));

describe('scanStaged: what the next commit adds', () => {
  it('blocks a key that is only in the index (working tree already clean)', async () => {
    const repo = makeRepo();
    write(repo, 'README.md', 'hello\n');
    commit(repo, 'init');
    write(repo, 'src/config.ts', `// settings\n${codeWithKey('index-only')}`);
    git(repo, 'add', 'src/config.ts');
    write(repo, 'src/config.ts', '// settings\nexport const signalr = process.env.SIGNALR;\n');
    const out = await staged(repo);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ path: 'src/config.ts', line: 2, ruleId: 'azure-signalr-access-key' });
    expect(out.findings[0]!.secret).toBe(asrsKey('index-only'));
    expect(out.files).toBe(1);
  });

  it('does not block a key that is only in the working tree', async () => {
    const repo = makeRepo();
    write(repo, 'a.ts', 'export const x = 1;\n');
    commit(repo, 'init');
    write(repo, 'a.ts', 'export const x = 2;\n');
    git(repo, 'add', 'a.ts');
    write(repo, 'a.ts', codeWithKey('worktree-only'));
    write(repo, 'untracked.ts', codeWithKey('untracked'));
    const out = await staged(repo);
    expect(out.findings).toEqual([]);
    expect(out.files).toBe(1);
  });

  it('a key already in HEAD does not block an unrelated change to that file, a second key does', async () => {
    const repo = makeRepo();
    write(repo, 'app.ts', `${codeWithKey('old')}// end\n`);
    commit(repo, 'legacy');
    write(repo, 'app.ts', `// header\n${codeWithKey('old')}// end changed\n`);
    git(repo, 'add', 'app.ts');
    expect((await staged(repo)).findings).toEqual([]);

    write(repo, 'app.ts', `// header\n${codeWithKey('old')}${codeWithKey('new')}`);
    git(repo, 'add', 'app.ts');
    const out = await staged(repo);
    expect(out.findings.map((f) => f.secret)).toEqual([asrsKey('new')]);
    expect(out.findings[0]!.line).toBe(3);
  });

  it('the same old key copied to another file is new there', async () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('spread'));
    commit(repo, 'legacy');
    write(repo, 'b.ts', codeWithKey('spread'));
    git(repo, 'add', 'b.ts');
    const out = await staged(repo);
    expect(out.findings.map((f) => f.path)).toEqual(['b.ts']);
  });

  it('works on the first commit (no HEAD)', async () => {
    const repo = makeRepo();
    write(repo, 'first.ts', codeWithKey('first'));
    write(repo, 'clean.ts', 'export {};\n');
    git(repo, 'add', '.');
    const out = await staged(repo);
    expect(out.findings.map((f) => f.path)).toEqual(['first.ts']);
    expect(out.files).toBe(2);
  });

  it('an empty index scans nothing', async () => {
    const repo = makeRepo();
    const out = await staged(repo);
    expect(out).toMatchObject({ findings: [], files: 0, bytes: 0 });
  });

  it('merge: secrets from the merged branch are not new, secrets added while merging are', async () => {
    const repo = makeRepo();
    write(repo, 'base.txt', 'base\n');
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, 'feature.ts', codeWithKey('feature-branch'));
    commit(repo, 'feature with a key (committed with --no-verify)');
    git(repo, 'checkout', '-q', 'main');
    write(repo, 'main.txt', 'main\n');
    commit(repo, 'main moves on');
    git(repo, 'merge', '--no-ff', '--no-commit', 'feature');
    let out = await staged(repo);
    expect(out.files).toBeGreaterThan(0);
    expect(out.findings).toEqual([]);

    write(repo, 'resolution.ts', codeWithKey('added-in-merge'));
    git(repo, 'add', 'resolution.ts');
    out = await staged(repo);
    expect(out.findings.map((f) => f.path)).toEqual(['resolution.ts']);
  });

  it('conflicted (unmerged) paths are reported as skipped, not scanned as text', async () => {
    const repo = makeRepo();
    write(repo, 'c.txt', 'base\n');
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'other');
    write(repo, 'c.txt', 'other\n');
    commit(repo, 'other');
    git(repo, 'checkout', '-q', 'main');
    write(repo, 'c.txt', 'main\n');
    commit(repo, 'main');
    expect(gitTry(repo, ['merge', 'other']).status).not.toBe(0);
    const out = await staged(repo);
    expect(out.skipped).toContainEqual({ path: 'c.txt', reason: 'unmerged' });
  });

  it('rename: an old key does not block a rename, a new key in the renamed file does', async () => {
    const repo = makeRepo();
    const body = `${codeWithKey('renamed')}${'// filler line\n'.repeat(20)}`;
    write(repo, 'old name.ts', body);
    commit(repo, 'add');
    git(repo, 'mv', 'old name.ts', 'new name.ts');
    write(repo, 'new name.ts', `${body}// one more\n`);
    git(repo, 'add', 'new name.ts');
    expect(git(repo, 'diff', '--cached', '--name-status', '-M')).toMatch(/^R\d+/);
    expect((await staged(repo)).findings).toEqual([]);

    write(repo, 'new name.ts', `${body}${codeWithKey('after-rename')}`);
    git(repo, 'add', 'new name.ts');
    const out = await staged(repo);
    expect(out.findings.map((f) => [f.path, f.secret])).toEqual([['new name.ts', asrsKey('after-rename')]]);
  });

  it('deletion: nothing to scan', async () => {
    const repo = makeRepo();
    write(repo, 'gone.ts', codeWithKey('deleted'));
    commit(repo, 'add');
    git(repo, 'rm', '-q', 'gone.ts');
    const out = await staged(repo);
    expect(out).toMatchObject({ findings: [], files: 0 });
  });

  it('binary files are reported in skipped, not scanned', async () => {
    const repo = makeRepo();
    write(repo, 'blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(codeWithKey('in-binary'))]));
    write(repo, 'text.ts', 'export {};\n');
    git(repo, 'add', '.');
    const out = await staged(repo);
    expect(out.findings).toEqual([]);
    expect(out.skipped).toEqual([{ path: 'blob.bin', reason: 'binary' }]);
    expect(out.files).toBe(1);
  });

  it('file names with spaces, unicode and newlines', async () => {
    const repo = makeRepo();
    const names = ['with space.ts', 'ünïcødé/日本語.ts', 'new\nline.ts', 'tab\tand "quotes".ts'];
    names.forEach((n, i) => write(repo, n, codeWithKey(`name-${i}`)));
    git(repo, 'add', '.');
    const out = await staged(repo);
    expect(out.findings.map((f) => f.path).sort()).toEqual([...names].sort());
    // restricting to one of them by name works too
    const only = await staged(repo, ['new\nline.ts']);
    expect(only.findings.map((f) => f.path)).toEqual(['new\nline.ts']);
  });

  it('paths restrict the scan (pre-commit pass_filenames); unchanged named files are scanned in full', async () => {
    const repo = makeRepo();
    write(repo, 'legacy.ts', codeWithKey('legacy-in-head'));
    write(repo, 'other.ts', 'export {};\n');
    commit(repo, 'legacy');
    write(repo, 'a.ts', codeWithKey('pa'));
    write(repo, 'b.ts', codeWithKey('pb'));
    git(repo, 'add', 'a.ts', 'b.ts');
    let out = await staged(repo, ['b.ts']);
    expect(out.findings.map((f) => f.path)).toEqual(['b.ts']);
    expect(out.files).toBe(1);
    // what `pre-commit run --all-files` passes: every tracked file, changed or not
    out = await staged(repo, ['a.ts', 'b.ts', 'legacy.ts', 'other.ts']);
    expect(out.findings.map((f) => f.path)).toEqual(['a.ts', 'b.ts', 'legacy.ts']);
    expect(out.files).toBe(4);
    // a folder restricts to the staged changes under it (its unchanged files are not scanned)
    write(repo, 'lib/old.ts', codeWithKey('lib-old'));
    commit(repo, 'lib');
    write(repo, 'lib/new.ts', codeWithKey('lib-new'));
    git(repo, 'add', 'lib/new.ts');
    out = await staged(repo, ['lib']);
    expect(out.findings.map((f) => f.path)).toEqual(['lib/new.ts']);
    expect(out.files).toBe(1);
    // an unknown path is reported, not silently passed
    mkdirSync(join(repo, 'nested'));
    out = await staged(repo, ['missing.ts']);
    expect(out.files).toBe(0);
    expect(out.skipped).toEqual([{ path: 'missing.ts', reason: 'not-in-index' }]);
    await expect(staged(repo, ['../outside.ts'])).rejects.toBeInstanceOf(UsageError);
  });

  it('paths are reported relative to cwd when scanning from a subdirectory', async () => {
    const repo = makeRepo();
    write(repo, 'pkg/sub/deep.ts', codeWithKey('deep'));
    write(repo, 'top.ts', codeWithKey('top'));
    git(repo, 'add', '.');
    const out = await staged(join(repo, 'pkg'));
    expect(out.findings.map((f) => f.path).sort()).toEqual([`${repo}/top.ts`, 'sub/deep.ts'].sort());
    const only = await staged(join(repo, 'pkg'), ['sub/deep.ts']);
    expect(only.findings.map((f) => f.path)).toEqual(['sub/deep.ts']);
  });

  it('honours isIgnored and inline markers', async () => {
    const repo = makeRepo();
    write(repo, 'vendor/x.ts', codeWithKey('ignored'));
    write(repo, 'allowed.ts', `export const k = "${asrsKey('allowed')}"; // keyguard:allow\n`);
    git(repo, 'add', '.');
    const seen: string[] = [];
    const out = await scanStaged({
      cwd: repo,
      scanOptions: {},
      isIgnored: (p) => {
        seen.push(p);
        return p.startsWith('vendor/');
      },
    });
    expect(seen.sort()).toEqual(['allowed.ts', 'vendor/x.ts']);
    expect(out.findings).toEqual([]);
    expect(out.suppressed).toBe(1);
  });

  it('symlinks and executables are read from the index like any blob', async () => {
    const repo = makeRepo();
    write(repo, 'run.sh', `#!/bin/sh\nKEY=${asrsKey('exec')}\n`);
    chmodSync(join(repo, 'run.sh'), 0o755);
    symlinkSync('run.sh', join(repo, 'link'));
    git(repo, 'add', '.');
    const out = await staged(repo);
    expect(out.findings.map((f) => f.path)).toEqual(['run.sh']);
    expect(out.files).toBe(2);
  });

  describe('a staged blob is read from the work tree only when it is byte-identical', () => {
    /** Stages `content` at `file`, then removes the blob from the object store: only the work tree still has it. */
    const stageThenDropBlob = (repo: string, file: string, content: string): void => {
      write(repo, file, content);
      git(repo, 'add', file);
      const oid = git(repo, 'rev-parse', `:${file}`).trim();
      rmSync(join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    };

    it('identical: scanned from the work tree, no git cat-file needed', async () => {
      const repo = makeRepo();
      write(repo, 'README.md', 'hello\n');
      commit(repo, 'init');
      stageThenDropBlob(repo, 'cfg.ts', codeWithKey('from-tree'));
      const out = await staged(repo);
      expect(out.findings.map((f) => f.secret)).toEqual([asrsKey('from-tree')]);
      expect(out.skipped).toEqual([]);
      expect(out.warnings).toEqual([]);
    });

    it('changed after git add: never the work tree (the blob is missing, and said so)', async () => {
      const repo = makeRepo();
      write(repo, 'README.md', 'hello\n');
      commit(repo, 'init');
      stageThenDropBlob(repo, 'cfg.ts', 'export const x = 1;\n');
      write(repo, 'cfg.ts', codeWithKey('unstaged'));
      const out = await staged(repo);
      expect(out.findings).toEqual([]);
      expect(out.skipped).toEqual([{ path: 'cfg.ts', reason: 'missing' }]);
      expect(out.warnings.join('\n')).toMatch(/1 blob of the staged changes missing/);
    });
  });

  it('a 10,000-file commit', async () => {
    const repo = makeRepo();
    const n = 10_000;
    for (let d = 0; d < 100; d++) mkdirSync(join(repo, `d${d}`));
    for (let i = 0; i < n; i++) writeFileSync(join(repo, `d${i % 100}`, `f${i}.ts`), `export const v${i} = ${i};\n`);
    writeFileSync(join(repo, 'd42', 'f4242.ts'), codeWithKey('needle'));
    git(repo, 'add', '.');
    const t0 = performance.now();
    const out = await staged(repo);
    const ms = performance.now() - t0;
    expect(out.files).toBe(n);
    expect(out.findings.map((f) => f.path)).toEqual(['d42/f4242.ts']);
    expect(ms).toBeLessThan(30_000);
    // every file named on the command line, as `pre-commit run --all-files` does
    const names = Array.from({ length: n }, (_, i) => `d${i % 100}/f${i}.ts`);
    const t1 = performance.now();
    const named = await staged(repo, names);
    expect(named.files).toBe(n);
    expect(named.findings).toHaveLength(1);
    expect(performance.now() - t1).toBeLessThan(30_000);
  }, 90_000);

  it('not a repository / git missing: one-line usage errors', async () => {
    const dir = tempDir();
    await expect(staged(dir)).rejects.toThrow(/not a git repository/);
    const oldPath = process.env.PATH;
    process.env.PATH = join(dir, 'nothing-here');
    try {
      await expect(staged(dir)).rejects.toThrow(/git was not found/);
    } finally {
      process.env.PATH = oldPath;
    }
  });
});

describe('keyguard scan --staged (built CLI)', () => {
  it('exit 1 with file, line, rule and masked value; never the secret', () => {
    const repo = makeRepo();
    write(repo, 'conf/app settings.json', `{\n  "signalr": "${asrsKey('cli')}"\n}\n`);
    git(repo, 'add', '.');
    write(repo, 'conf/app settings.json', '{}\n');
    const r = runCli(['scan', '--staged'], repo);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('conf/app settings.json');
    expect(r.stdout).toContain('2:15');
    expect(r.stdout).toContain('azure-signalr-access-key');
    expect(r.stdout).toContain(`${asrsKey('cli').slice(0, 4)}…`);
    expect(r.stdout + r.stderr).not.toContain(asrsKey('cli'));
  });

  it('a blocked commit: the next steps on stderr (removal, rotation, allow marker, baseline, escape hatches); none when clean or not pretty', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('next-steps'));
    write(repo, 'b.ts', 'export {};\n');
    git(repo, 'add', '.');
    const blocked = runCli(['scan', '--staged'], repo);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('this commit would add the secret(s) above. Next steps:');
    for (const needle of ['Remove', 'regenerate', 'keyguard:allow', 'baseline', '--no-verify', 'KEYGUARD_SKIP=1']) {
      expect(blocked.stderr).toContain(needle);
    }
    // only the rotation of the rule found (a SignalR key), not every rule's
    expect(blocked.stderr).toContain('az signalr key renew');
    expect(blocked.stderr).not.toContain('az webpubsub key');
    const clean = runCli(['scan', '--staged', 'b.ts'], repo);
    expect(clean.status).toBe(0);
    expect(clean.stderr).not.toContain('Next steps');
    // machine-readable formats get no advice on stderr
    const json = runCli(['scan', '--staged', '--format', 'json'], repo);
    expect(json.status).toBe(1);
    expect(json.stderr).not.toContain('Next steps');
  });

  it('an empty index: exit 0, the summary says nothing was scanned, and no error (nothing staged is normal)', () => {
    const repo = makeRepo();
    const r = runCli(['scan', '--staged'], repo);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^0 files \(0 B\) in \d+ ms: 0 findings\b/m);
    expect(r.stderr).toBe('');
  });

  it('exit 0 on a clean index; file arguments restrict the scan', () => {
    const repo = makeRepo();
    write(repo, 'a.ts', codeWithKey('cli-a'));
    write(repo, 'b.ts', 'export {};\n');
    git(repo, 'add', '.');
    expect(runCli(['scan', '--staged', 'b.ts'], repo).status).toBe(0);
    expect(runCli(['scan', '--staged', 'a.ts', 'b.ts'], repo).status).toBe(1);
    const json = JSON.parse(runCli(['scan', '--staged', '--format', 'json', 'b.ts'], repo).stdout);
    expect(json.summary.files).toBe(1);
  });

  it('outside a repository: exit 2, one line, no stack trace', () => {
    const dir = tempDir();
    const r = runCli(['scan', '--staged'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a git repository/);
  });

  it('a staged file replaced by a FIFO, a link or a folder after git add: no hang, the index content is scanned', () => {
    const repo = makeRepo();
    write(repo, 'README.md', 'hello\n');
    commit(repo, 'init');
    write(repo, 'outside.ts', codeWithKey('link-target'));
    for (const name of ['fifo.ts', 'link.ts', 'dir.ts']) {
      write(repo, name, codeWithKey(`staged-${name}`));
      git(repo, 'add', name);
      rmSync(join(repo, name));
    }
    execFileSync('mkfifo', [join(repo, 'fifo.ts')]);
    symlinkSync(join(repo, 'outside.ts'), join(repo, 'link.ts'));
    mkdirSync(join(repo, 'dir.ts'));
    const r = runCli(['scan', '--staged', '--format', 'json'], repo);
    expect(r.status).toBe(1); // not null: a hang would be killed by the timeout
    const report = JSON.parse(r.stdout) as { findings: { path: string }[] };
    expect(report.findings.map((f) => f.path).sort()).toEqual(['dir.ts', 'fifo.ts', 'link.ts']);
  });

  it('a removed file is never read from disk', () => {
    const repo = makeRepo();
    write(repo, 'x.ts', 'export {};\n');
    git(repo, 'add', '.');
    rmSync(join(repo, 'x.ts'));
    writeFileSync(join(repo, 'y.ts'), codeWithKey('disk-only'));
    const r = runCli(['scan', '--staged', '--format', 'json'], repo);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(1);
  });
});
