import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, commit, git, gitIsolation, isolateGit, makeRepo, write } from './git-fixtures.js';
import { assertBuilt, run, useTempDirs } from './helpers.js';
import { connectionString, keys } from './keys.js';

// File names are bytes, not text: any byte but '/' and NUL can be in one. keyguard opens every
// such file by its bytes, shows its name escaped, and keeps a lossless form in JSON.
const tmp = useTempDirs();
beforeAll(() => {
  assertBuilt();
  isolateGit();
});
afterAll(() => cleanupTemp());

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
type Report = { findings: { path: string; pathBytes?: string }[]; skipped: { path: string; reason: string }[] };

/** No raw control character; no line starts with `::` but keyguard's own annotations (github). */
function check(stdout: string, stderr: string, annotations = 0): void {
  for (const text of [stdout, stderr]) expect(text).not.toMatch(RAW_CONTROL);
  const commands = stdout.split('\n').filter((line) => line.startsWith('::'));
  expect(commands).toHaveLength(annotations);
  for (const line of commands) expect(line).toMatch(/^::error file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=keyguard%3A [a-z-]+::[^\n]*$/);
  for (const line of stderr.split('\n')) expect(line.startsWith('::'), line).toBe(false);
}

describe('names that are not valid UTF-8', () => {
  it('are opened by their bytes and scanned, shown escaped, lossless in JSON (one thread and workers)', async () => {
    const dir = tmp();
    const names = [Buffer.from([0x61, 0xff, 0x2e, 0x65, 0x6e, 0x76]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80, 0x78])];
    names.forEach((name, i) => writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name]), `${connectionString(keys.legacy(`raw-${i}`))}\n`));
    for (const jobs of ['1', '2']) {
      const r = await run(['scan', '.', '--format', 'json', '--jobs', jobs], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.skipped).toEqual([]);
      expect(report.findings.map((f) => f.path).sort()).toEqual(['(\\xed\\xa0\\x80x'.slice(1), 'a\\xff.env', '\\xc3('].sort());
      expect(report.findings.map((f) => Buffer.from(f.pathBytes!, 'base64')).sort(Buffer.compare)).toEqual([...names].sort(Buffer.compare));
    }
    const pretty = await run(['scan', '.'], { cwd: dir });
    expect(pretty.stdout).toContain('a\\xff.env:1:');
  });

  it('a folder whose name is not valid UTF-8 is listed as skipped, with its bytes', async () => {
    const dir = tmp();
    const name = Buffer.from([0x64, 0xfe]);
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), name]));
    const r = await run(['scan', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { skipped: { path: string; pathBytes: string; reason: string }[] };
    expect(report.skipped).toEqual([{ path: 'd\\xfe', pathBytes: name.toString('base64'), reason: 'folder name not valid UTF-8' }]);
    expect(r.stderr).toContain('keyguard: skipped d\\xfe (folder name not valid UTF-8)');
  });
});

describe('property: random byte names and control characters', () => {
  it('every planted key is found, nothing raw reaches stdout or stderr, pathBytes round-trips', async () => {
    const nameBytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((a) => Buffer.from(a.map((b) => (b === 0 || b === 0x2f ? 0x5f : b))));
    const sample = fc.sample(fc.uniqueArray(nameBytes, { minLength: 12, maxLength: 12, comparator: (a, b) => a.equals(b) }), { numRuns: 1, seed: 20261203 })[0]!;
    const dir = tmp();
    const planted = sample.filter((n) => !['.', '..'].includes(n.toString('latin1')));
    planted.forEach((name, i) => writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name]), `${connectionString(keys.legacy(`prop-${i}`))}\n`));
    for (const format of ['pretty', 'github', 'markdown', 'json']) {
      const r = await run(['scan', '.', '--format', format, '--no-ignore'], { cwd: dir });
      expect(r.code, `${format}: ${r.stderr}`).toBe(1);
      if (format !== 'json') check(r.stdout, r.stderr, format === 'github' ? planted.length : 0);
      else {
        check('', r.stderr);
        const report = JSON.parse(r.stdout) as Report;
        expect(report.findings).toHaveLength(planted.length);
        const back = report.findings.map((f) => (f.pathBytes !== undefined ? Buffer.from(f.pathBytes, 'base64') : Buffer.from(f.path)));
        expect(back.sort(Buffer.compare)).toEqual([...planted].sort(Buffer.compare));
      }
    }
  });

  it('author names and paths with control characters in --history are escaped', async () => {
    const repo = makeRepo();
    write(repo, 'bell\u0007\u001b[2J.env', `${connectionString(keys.legacy('prop-history'))}\n`);
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.name=x', 'commit', '-q', '--no-verify', '-m', 'm', `--author=Eve \u001b]0;pwned\u0007 <eve@example.test>`);
    commit(repo, 'nothing');
    for (const format of ['pretty', 'github', 'markdown']) {
      const r = await run(['scan', '--history', '--format', format], { cwd: repo, env: gitIsolation() });
      expect(r.code, r.stderr).toBe(1);
      check(r.stdout, r.stderr, format === 'github' ? 1 : 0);
    }
    const json = await run(['scan', '--history', '--format', 'json'], { cwd: repo, env: gitIsolation() });
    const finding = (JSON.parse(json.stdout) as { findings: { author: string; path: string }[] }).findings[0]!;
    expect(finding.author).toContain('\u001b]0;pwned'); // JSON keeps the value, escaped by JSON itself
    expect(json.stdout).not.toContain('\u001b');
    expect(path.basename(finding.path)).toBe('bell\u0007\u001b[2J.env');
  });
});
