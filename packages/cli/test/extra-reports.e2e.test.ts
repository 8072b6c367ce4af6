import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, run, useTempDirs, writeTree } from './helpers.js';
import { connectionString, keys } from './keys.js';

// One scan, several reports (as semgrep's --sarif-output): CI shows the readable report and the
// annotations in the log while the SARIF file goes to code scanning.
const tmp = useTempDirs();
beforeAll(() => assertBuilt());

const key = keys.legacy('extra-reports');

describe('--<format>-output', () => {
  it('writes each report from one run; - is stdout, after the main report', async () => {
    const dir = tmp();
    await writeTree(dir, { 'app.env': `${connectionString(key)}\n` });
    const r = await run(['scan', '.', '--sarif-output', 'out/r.sarif', '--json-output', 'r.json', '--github-output', '-'], { cwd: dir });
    expect(r.code).toBe(1);
    const annotation = r.stdout.indexOf('::error file=app.env,line=1,');
    expect(annotation).toBeGreaterThan(0);
    expect(r.stdout.slice(0, annotation)).toMatch(/app\.env:1:\d+/); // the pretty report comes first
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/r.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as { findings: unknown[] };
    expect(report.findings).toHaveLength(1);
    for (const text of [r.stdout, r.stderr, readFileSync(path.join(dir, 'out/r.sarif'), 'utf8'), readFileSync(path.join(dir, 'r.json'), 'utf8')]) {
      expect(text).not.toContain(key);
    }
  });

  it('markdown for a job summary', async () => {
    const dir = tmp();
    await writeTree(dir, { 'app.env': `${connectionString(key)}\n` });
    const r = await run(['scan', '.', '--format', 'json', '--markdown-output', 'summary.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const md = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(md).toMatch(/app\\?\.env/); // Markdown may escape the dot
    expect(md).not.toContain(key);
  });

  it('two reports into one file, an empty name, or extra reports on baseline: exit 2', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.txt': 'x\n' });
    const same = await run(['scan', '.', '--output', 'r.txt', '--json-output', 'r.txt'], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toBe('keyguard: --json-output r.txt: another report is already written to that file\n');
    expect((await run(['scan', '.', '--sarif-output='], { cwd: dir })).code).toBe(2);
    expect((await run(['baseline', '.', '--sarif-output', 'x.sarif'], { cwd: dir })).code).toBe(2);
  });
});
