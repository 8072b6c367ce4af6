import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';
import { connectionString, keys } from './keys.js';

// Ignore rules as ripgrep applies them: git's own (.gitignore, .git/info/exclude, the global
// excludes file) only inside a work tree; .keyguardignore and the config's `ignore` everywhere.
// Whatever they leave out is counted and never silently dropped.
const tmp = useTempDirs();
beforeAll(() => assertBuilt());

const secret = connectionString(keys.legacy('ignore-rules'));

function gitInit(dir: string): void {
  execFileSync('git', ['init', '-q', dir], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** An environment whose git has no global excludes of the machine's own. */
function isolatedEnv(dir: string, excludesFile?: string): Record<string, string> {
  const config = path.join(dir, '..', `${path.basename(dir)}.gitconfig`);
  writeFileSync(config, excludesFile === undefined ? '' : `[core]\n\texcludesFile = ${excludesFile}\n`);
  return { GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: path.join(dir, '..', 'no-xdg'), HOME: path.join(dir, '..', 'no-home') };
}

describe('outside a git work tree', () => {
  it('.gitignore does not apply (an unpacked tarball whose .gitignore is /*)', async () => {
    const dir = tmp();
    await writeTree(dir, { '.gitignore': '/*\n', 'src/hub.cs': `${secret}\n`, 'README': 'hello\n' });
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir, env: isolatedEnv(dir) });
    const report = json(r.stdout);
    expect(report.summary.files).toBe(3);
    expect(report.summary.ignored).toBe(0);
    expect(report.findings.map((f) => f.path)).toEqual(['src/hub.cs']);
    expect(r.code).toBe(1);
  });

  it('.keyguardignore and the config ignore still apply, and are counted', async () => {
    const dir = tmp();
    await writeTree(dir, {
      '.keyguardignore': 'vendor/\n',
      'keyguard.config.json': JSON.stringify({ ignore: ['*.log'] }),
      'vendor/lib.js': `${secret}\n`,
      'debug.log': `${secret}\n`,
      'app.js': 'ok\n',
    });
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir, env: isolatedEnv(dir) });
    const report = json(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.ignored).toBe(2);
    expect(r.code).toBe(0);
  });
});

describe('inside a git work tree', () => {
  it('.gitignore, .git/info/exclude and the global excludes file apply; each left-out entry is counted', async () => {
    const dir = tmp();
    gitInit(dir);
    const globalExcludes = path.join(dir, '..', `${path.basename(dir)}.excludes`);
    writeFileSync(globalExcludes, 'global-secret.txt\n');
    await writeTree(dir, {
      '.gitignore': '.env\nbuild/\n',
      '.git/info/exclude': 'local-only.cfg\n',
      '.env': `${secret}\n`,
      'build/out.js': `${secret}\n`,
      'local-only.cfg': `${secret}\n`,
      'global-secret.txt': `${secret}\n`,
      'app.js': 'ok\n',
    });
    const env = isolatedEnv(dir, globalExcludes);
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir, env });
    const report = json(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.ignored).toBe(4); // .env, build/ (one folder), local-only.cfg, global-secret.txt
    expect(r.code).toBe(0);

    const all = await run(['scan', '.', '--format', 'json', '--no-ignore'], { cwd: dir, env });
    expect(json(all.stdout).findings.map((f) => f.path).sort()).toEqual(['.env', 'build/out.js', 'global-secret.txt', 'local-only.cfg']);
    expect(json(all.stdout).summary.ignored).toBe(0);
  });

  it('a subfolder scan inherits the .gitignore above it', async () => {
    const dir = tmp();
    gitInit(dir);
    await writeTree(dir, { '.gitignore': 'secrets.env\n', 'src/secrets.env': `${secret}\n`, 'src/a.ts': 'x\n' });
    const r = await run(['scan', '.', '--format', 'json'], { cwd: path.join(dir, 'src'), env: isolatedEnv(dir) });
    expect(json(r.stdout).summary).toMatchObject({ files: 1, ignored: 1, findings: 0 });
  });

  it('the pretty summary counts ignored files and names the ones that commonly hold secrets', async () => {
    const dir = tmp();
    gitInit(dir);
    await writeTree(dir, {
      '.gitignore': '.env\nappsettings.Development.json\nnotes.txt\n',
      '.env': `${secret}\n`,
      'appsettings.Development.json': '{}\n',
      'notes.txt': 'n\n',
      'app.js': 'ok\n',
    });
    const r = await run(['scan', '.'], { cwd: dir, env: isolatedEnv(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 ignored/);
    expect(r.stdout).toContain('.env');
    expect(r.stdout).toContain('appsettings.Development.json');
    expect(r.stdout).not.toContain('notes.txt');
    expect(r.stdout).toContain('--no-ignore');
  });
});

describe('a scan that reads nothing says so', () => {
  it('all ignored: a line on stderr, exit 0; exit 2 with --strict', async () => {
    const dir = tmp();
    gitInit(dir);
    await writeTree(dir, { '.gitignore': '*\n', 'a.env': `${secret}\n` });
    const env = isolatedEnv(dir);
    const r = await run(['scan', '.'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^keyguard: nothing scanned: all 2 entries are ignored by ignore rules \(--no-ignore scans them\)$/m);
    const strict = await run(['scan', '.', '--strict'], { cwd: dir, env });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('nothing scanned');
  });

  it('an empty folder', async () => {
    const dir = tmp();
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir, env: isolatedEnv(dir) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('keyguard: nothing scanned: the given paths hold no files\n');
    expect((await run(['scan', '.', '--strict'], { cwd: dir, env: isolatedEnv(dir) })).code).toBe(2);
  });

  it('only skipped entries', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const r = await run(['scan', '.'], { cwd: dir, env: isolatedEnv(dir) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('keyguard: nothing scanned: every entry was skipped (1 listed above)');
  });

  it('says nothing when a file was read', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n' });
    const r = await run(['scan', '.', '--strict'], { cwd: dir, env: isolatedEnv(dir) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('git modes count what .keyguardignore leaves out', () => {
  it('--history and --staged: ignored paths are counted, once each', async () => {
    const dir = tmp();
    gitInit(dir);
    const env = isolatedEnv(dir);
    const gitEnv = { ...process.env, ...env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.test', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.test' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv });
    await writeTree(dir, { '.keyguardignore': 'vendor/\n', 'vendor/a.js': `${secret}\n`, 'app.js': 'ok\n' });
    git('add', '-A');
    git('commit', '-qm', 'one');
    await writeTree(dir, { 'vendor/a.js': `${secret}\n// changed\n` });
    git('commit', '-qam', 'two');
    const history = json((await run(['scan', '--history', '--format', 'json'], { cwd: dir, env })).stdout);
    expect(history.summary).toMatchObject({ findings: 0, ignored: 1 });
    await writeTree(dir, { 'vendor/b.js': `${secret}\n` });
    git('add', '-A');
    const staged = json((await run(['scan', '--staged', '--format', 'json'], { cwd: dir, env })).stdout);
    expect(staged.summary).toMatchObject({ findings: 0, ignored: 1 });
  });
});
