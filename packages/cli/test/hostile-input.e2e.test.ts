import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, codeWithKey, commit, git, gitIsolation, isolateGit, makeRepo, write } from './git-fixtures.js';
import { assertBuilt, BIN, run, useTempDirs, writeTree } from './helpers.js';
import { asrsLine, connectionString, keys } from './keys.js';

// Hostile and careless inputs, each built in a temporary folder and run through the built
// binary: keyguard answers with one clear line and a documented exit code, never a hang, a stack
// trace, a raw control character or a line a CI runner would take for a workflow command.
const tmp = useTempDirs();
beforeAll(() => assertBuilt());

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const noInjection = (text: string): void => {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const line of text.split('\n')) expect(line.startsWith('::'), line).toBe(false);
};
const mkfifo = (p: string): void => {
  execFileSync('mkfifo', [p]);
};

describe("keyguard's own files", () => {
  it('a config that is a symlink to /dev/zero: exit 2, one line, no endless read', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n' });
    symlinkSync('/dev/zero', path.join(dir, 'keyguard.config.json'));
    const r = await run(['scan', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keyguard: config .*keyguard\.config\.json: not a regular file \(device\)\n$/);
  });

  it('a config, a baseline or a .keyguardignore above the scan root that is a FIFO: exit 2, no hang', async () => {
    const dir = tmp();
    await writeTree(dir, { 'src/a.txt': 'x\n' });
    mkfifo(path.join(dir, 'keyguard.config.json'));
    const config = await run(['scan', 'src'], { cwd: dir, timeoutMs: 20_000 });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('not a regular file (fifo)');

    const other = tmp();
    await writeTree(other, { 'src/a.txt': 'x\n' });
    mkfifo(path.join(other, 'baseline.json'));
    const baseline = await run(['scan', 'src', '--baseline', 'baseline.json'], { cwd: other, timeoutMs: 20_000 });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toBe('keyguard: baseline baseline.json: not a regular file (fifo)\n');

    mkfifo(path.join(other, '.keyguardignore'));
    const ignore = await run(['scan', 'src'], { cwd: other, timeoutMs: 20_000 });
    expect(ignore.code).toBe(2);
    expect(ignore.stderr).toMatch(/^keyguard: ignore file .*\.keyguardignore: not a regular file \(fifo\)\n$/);
  });

  it('an unusable ignore file inside the scanned tree is listed as skipped and the scan goes on', async () => {
    const dir = tmp();
    await writeTree(dir, { 'sub/a.env': `${connectionString(keys.legacy('hostile-fifo-ignore'))}\n` });
    mkfifo(path.join(dir, 'sub', '.keyguardignore'));
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { skipped: { path: string; reason: string }[] };
    expect(report.skipped).toContainEqual({ path: 'sub/.keyguardignore', reason: 'ignore file not applied: fifo' });
  });

  it('an oversized config is refused with its limit', async () => {
    const dir = tmp();
    await writeTree(dir, { 'keyguard.config.json': `{"ignore": [${'"x",'.repeat(300_000)}"y"]}`, 'a.txt': 'x\n' });
    const r = await run(['scan', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/larger than the 1 MiB limit/);
  });

  it('a config or baseline that fails to parse next to a key quotes at most two of its characters', async () => {
    const key = keys.legacy('hostile-parse');
    const dir = tmp();
    await writeTree(dir, { 'keyguard.config.json': `{ "allow": [${key}] }`, 'base.json': `{"version": 1, "entries": [ ${key} ]}`, 'a.txt': 'x\n' });
    const config = await run(['scan', 'a.txt'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^keyguard: config keyguard\.config\.json: not valid JSON: .* at line 1, column \d+/);
    const baseline = await run(['scan', 'a.txt', '--baseline', 'base.json', '--config', 'base.json'], { cwd: dir });
    expect(baseline.code).toBe(2);
    for (const text of [config.stderr, baseline.stderr]) {
      expect(text.split('\n')).toHaveLength(2);
      expect(text).not.toContain(key.slice(0, 3));
      expect(text).not.toContain(key.slice(-6));
    }
  });

  it('a config linked to /proc/self/environ does not echo the environment', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n' });
    symlinkSync('/proc/self/environ', path.join(dir, 'keyguard.config.json'));
    const secret = 'SuperSecretValue42xyz';
    const r = await run(['scan', '.'], { cwd: dir, env: { AAAA_FIRST: secret } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(secret.slice(0, 4));
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('names and text from the input never inject', () => {
  it('a binary file named "bin\\n::error file=README.md::fake": no injected line on stderr', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bin\n::error file=README.md::fake'), Buffer.from([0, 1, 2, 0, 255, 0]));
    writeFileSync(path.join(dir, '::warning::x'), Buffer.from([0, 0, 0, 9]));
    for (const args of [['scan', '.'], ['scan', '.', '--format', 'github'], ['scan', '.', '--quiet']]) {
      const r = await run(args, { cwd: dir });
      expect(r.code).toBe(0);
      noInjection(r.stderr);
      noInjection(r.stdout);
    }
  });

  it('a file name holding ESC[2J and a key: escaped in every format but github, which escapes it its own way', async () => {
    const dir = tmp();
    const name = 'evil\u001b[2J\u001b]0;title\u0007.env';
    await writeTree(dir, { [name]: `${connectionString(keys.legacy('hostile-esc'))}\n` });
    for (const format of ['pretty', 'json', 'sarif', 'markdown', 'github']) {
      const r = await run(['scan', '.', '--format', format], { cwd: dir });
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).not.toContain('\u001b');
      expect(r.stdout, format).not.toContain('\u0007');
      noInjection(r.stderr);
      if (format === 'pretty') expect(r.stdout).toContain('evil\\x1b[2J');
    }
  });

  it('a resource name that is not an Azure name never reaches a printed command', async () => {
    const dir = tmp();
    const key = keys.legacy('hostile-resource');
    await writeTree(dir, { 'a.env': `Endpoint=https://x$(id).service.signalr.net;AccessKey=${key};Version=1.0;\n` });
    for (const format of ['pretty', 'github', 'sarif', 'markdown']) {
      const r = await run(['scan', '.', '--format', format], { cwd: dir });
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).not.toContain('--name x$(id)');
    }
  });

  it('hostile argv (a glob-expanded name) in an error line is escaped', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'd'));
    const r = await run(['scan', 'missing\u001b[2J\n::error::x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    noInjection(r.stderr);
  });
});

describe('no silent misses on encodings', () => {
  it('a UTF-32 file with BOM and a UTF-16 file without one are decoded and scanned', async () => {
    const dir = tmp();
    const text = `${connectionString(keys.legacy('hostile-utf32'))}\n`;
    const points = ['\uFEFF', ...text].map((c) => c.codePointAt(0)!);
    const utf32 = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => utf32.writeUInt32LE(p, i * 4));
    writeFileSync(path.join(dir, 'le32.env'), utf32);
    writeFileSync(path.join(dir, 'le16.env'), Buffer.from(`${connectionString(keys.legacy('hostile-utf16'))}\n`, 'utf16le'));
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { path: string }[]; skipped: unknown[] };
    expect(report.findings.map((f) => f.path).sort()).toEqual(['le16.env', 'le32.env']);
    expect(report.skipped).toEqual([]);
  });
});

describe('memory bounded whatever the number of findings', () => {
  it('100,000 repeats of one connection string: one aggregated finding, exact counts, bounded RSS, every format', async () => {
    const dir = tmp();
    const key = keys.legacy('hostile-repeats');
    const line = `${connectionString(key)}\n`;
    writeFileSync(path.join(dir, 'many.env'), line.repeat(100_000));
    const json = await run(['scan', '.', '--format', 'json'], { cwd: dir, env: { KEYGUARD_DEBUG: '1' }, timeoutMs: 120_000 });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: { line: number; occurrences: number; lastLine: number; lastColumn: number; column: number }[]; summary: { findings: number } };
    expect(report.summary.findings).toBe(100_000);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 1, occurrences: 100_000, lastLine: 100_000, lastColumn: report.findings[0]!.column });
    const rss = Number(/max RSS (\d+) MiB/.exec(json.stderr)?.[1]);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(300); // about 4 KB per finding before aggregation: 400 MiB here
    for (const format of ['pretty', 'sarif', 'github', 'markdown']) {
      const r = await run(['scan', '.', '--format', format], { cwd: dir, timeoutMs: 120_000 });
      expect(r.code, format).toBe(1);
      expect(r.stdout.length, format).toBeLessThan(20_000);
      expect(r.stdout, format).toContain(format === 'sarif' ? '"occurrences": 100000' : '100000');
    }
  });
});

describe('--output never destroys an input', () => {
  it('scan a.env --output a.env: exit 2, the file untouched (also through another spelling or a link)', async () => {
    const dir = tmp();
    const text = `${connectionString(keys.legacy('hostile-output'))}\n`;
    await writeTree(dir, { 'a.env': text });
    symlinkSync('a.env', path.join(dir, 'link.env'));
    for (const args of [['a.env', '--output', 'a.env'], ['./a.env', '--sarif-output', 'a.env'], ['a.env', '--output', 'link.env']]) {
      const r = await run(['scan', ...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^keyguard: refusing to write the report over .*, which is being scanned/);
      expect(readFileSync(path.join(dir, 'a.env'), 'utf8')).toBe(text);
    }
  });

  it('a report file inside a scanned folder is left out of the scan (listed), then replaced whole', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n', 'report.json': 'old' });
    const r = await run(['scan', '.', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { skipped: unknown[]; summary: { files: number } };
    expect(report.skipped).toEqual([{ path: 'report.json', reason: 'report output' }]);
    expect(report.summary.files).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'report.json']); // no temporary file left behind
  });

  it('writes into a device or a FIFO as a stream, not by replacing it', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n' });
    const r = await run(['scan', '.', '--format', 'json', '--output', '/dev/stdout'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { version: number }).version).toBe(1);
    const fifo = path.join(path.dirname(dir), `${path.basename(dir)}.fifo`);
    mkfifo(fifo);
    const cat = execFileSync('sh', ['-c', `cat "${fifo}" & node "${BIN}" scan . --format json --output "${fifo}"; wait`], { cwd: dir, encoding: 'utf8' });
    expect((JSON.parse(cat) as { version: number }).version).toBe(1);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});

describe('history as the repository has it', () => {
  beforeAll(() => isolateGit());
  afterAll(() => cleanupTemp());

  function repoWithHistory(): string {
    const repo = makeRepo();
    write(repo, 'old.ts', codeWithKey('hostile-history-old'));
    commit(repo, 'old key');
    write(repo, 'old.ts', 'export const x = 1;\n');
    commit(repo, 'remove it');
    write(repo, 'new.ts', codeWithKey('hostile-history-new'));
    commit(repo, 'new key');
    return repo;
  }

  it('--history in a shallow clone warns on stderr and in the report', async () => {
    const repo = repoWithHistory();
    const shallow = `${repo}-shallow`;
    git(path.dirname(repo), 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
    const r = await run(['scan', '--history', '--format', 'json'], { cwd: shallow, env: gitIsolation() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^keyguard: warning: shallow clone: commits before its boundary are not scanned/m);
    const report = JSON.parse(r.stdout) as { warnings: string[]; findings: { path: string }[] };
    expect(report.warnings).toHaveLength(1);
    expect(report.findings.map((f) => f.path)).toEqual(['new.ts']);
    const sarif = await run(['scan', '--history', '--format', 'sarif'], { cwd: shallow, env: gitIsolation() });
    expect(sarif.stdout).toContain('"level": "warning"');
    const full = await run(['scan', '--history', '--format', 'json'], { cwd: repo, env: gitIsolation() });
    expect((JSON.parse(full.stdout) as { warnings: string[] }).warnings).toEqual([]);
  });

  it('--history works in a bare repository', async () => {
    const repo = repoWithHistory();
    const bare = `${repo}.git`;
    git(path.dirname(repo), 'clone', '-q', '--bare', repo, bare);
    const r = await run(['scan', '--history', '--format', 'json'], { cwd: bare, env: gitIsolation() });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort()).toEqual(['new.ts', 'old.ts']);
    expect(r.code).toBe(1);
    const staged = await run(['scan', '--staged'], { cwd: bare, env: gitIsolation() });
    expect(staged.code).toBe(2);
    expect(staged.stderr).toMatch(/^keyguard: not inside a git work tree \(a bare repository\)/);
  });
});

describe('fingerprints that reveal nothing', () => {
  const chosen = ['Summer', String(2000 + 24), '!'].join(''); // a person's choice, built at run time
  const line = `Endpoint=https://chat-prod.service.signalr.net;AuthType=azure.app;ClientId=id;ClientSecret=${chosen};Version=1.0;\n`;

  it('a short chosen client secret is not published as sha256(rule:secret) in SARIF or a baseline', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.env': line });
    const weak = createHash('sha256').update(`azure-signalr-client-secret:${chosen}`).digest('hex');
    for (const args of [['scan', '.', '--format', 'sarif'], ['scan', '.', '--format', 'json'], ['baseline', '.']]) {
      const r = await run(args, { cwd: dir });
      expect(r.stdout, args.join(' ')).toMatch(/[0-9a-f]{64}/);
      expect(r.stdout, args.join(' ')).not.toContain(weak);
    }
  });

  it('a baseline holding the old sha256 fingerprint still suppresses; keyguard baseline rewrites it', async () => {
    const dir = tmp();
    const weak = createHash('sha256').update(`azure-signalr-client-secret:${chosen}`).digest('hex');
    await writeTree(dir, {
      'a.env': line,
      'old.json': JSON.stringify({ version: 1, entries: [{ path: 'a.env', ruleId: 'azure-signalr-client-secret', fingerprint: weak }] }),
    });
    const r = await run(['scan', 'a.env', '--baseline', 'old.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { suppressed: number } }).summary.suppressed).toBe(1);
    const rewritten = await run(['baseline', 'a.env'], { cwd: dir });
    const entry = (JSON.parse(rewritten.stdout) as { entries: { fingerprint: string }[] }).entries[0]!;
    expect(entry.fingerprint).not.toBe(weak);
    expect(entry.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

it('keys for the suite are generated at run time', () => {
  expect(asrsLine(keys.asrs('hostile'))).toMatch(/^const key = /);
});
