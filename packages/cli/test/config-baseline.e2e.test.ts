import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';
import { asrsLine, connectionString, keys } from './keys.js';

beforeAll(assertBuilt);
const tmp = useTempDirs();

describe('keyguard.config.json', () => {
  it('ignore, allow, minConfidence and rules take effect; found by walking up from the scan root', async () => {
    const dir = tmp();
    const allowed = keys.asrs('cfg-allowed');
    await writeTree(dir, {
      'proj/src/a.ts': `${asrsLine(keys.asrs('cfg-a'))}\n${asrsLine(allowed)}\n`,
      'proj/src/pubsub.ts': asrsLine(keys.awps('cfg-p')),
      'proj/src/medium.yml': `accessKey: "${keys.legacy('cfg-m')}"\n`,
      'proj/generated/x.ts': asrsLine(keys.asrs('cfg-gen')),
    });
    const before = json((await run(['scan', 'proj', '--format', 'json'], { cwd: dir })).stdout);
    expect(before.findings).toHaveLength(5);
    const allowedFp = before.findings.find((f) => f.line === 2 && f.path === 'proj/src/a.ts')!.fingerprint;
    await writeTree(dir, {
      'proj/keyguard.config.json': JSON.stringify({
        ignore: ['generated/'],
        allow: [allowedFp],
        minConfidence: 'high',
        rules: { 'azure-web-pubsub-access-key': false },
      }),
    });
    const r = await run(['scan', 'proj/src', '--format', 'json'], { cwd: dir });
    const after = json(r.stdout);
    expect(after.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['proj/src/a.ts:1']);
    expect(after.summary.suppressed).toBe(1);
    const all = json((await run(['scan', 'proj', '--format', 'json'], { cwd: dir })).stdout);
    expect(all.findings.map((f) => f.path)).toEqual(['proj/src/a.ts']);
    // --min-confidence beats the config.
    const low = json((await run(['scan', 'proj', '--min-confidence', 'medium', '--format', 'json'], { cwd: dir })).stdout);
    expect(low.findings.map((f) => f.path)).toEqual(['proj/src/a.ts', 'proj/src/medium.yml']);
  });

  it('--config FILE is used instead of the nearest one', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'keyguard.config.json': '{"rules":{"azure-signalr-access-key":false}}',
      'strict.json': '{}',
      'a.ts': asrsLine(keys.asrs('cfg-explicit')),
    });
    expect((await run(['scan'], { cwd: dir })).code).toBe(0);
    expect((await run(['scan', '--config', 'strict.json'], { cwd: dir })).code).toBe(1);
  });

  it('unknown keys, wrong types and bad JSON exit 2 with the JSON path named, one line', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': 'x\n' });
    const cases: [string, string][] = [
      ['{"ignores":["x"]}', 'keyguard: config keyguard.config.json: $.ignores: unknown key'],
      ['{"rules":{"azure-signalr-access-key":"yes"}}', 'keyguard: config keyguard.config.json: $.rules["azure-signalr-access-key"]: expected true or false'],
      ['{"ignore":["ok",7]}', 'keyguard: config keyguard.config.json: $.ignore[1]: expected a non-empty string'],
      ['{"minConfidence":"max"}', 'keyguard: config keyguard.config.json: $.minConfidence: expected'],
      ['{ nope', 'keyguard: config keyguard.config.json: not valid JSON'],
    ];
    for (const [text, message] of cases) {
      await fs.writeFile(path.join(dir, 'keyguard.config.json'), text);
      const r = await run(['scan', '--format', 'json'], { cwd: dir });
      expect(r.code, text).toBe(2);
      expect(r.stdout, text).toBe('');
      expect(r.stderr.startsWith(message), `${text}: ${r.stderr}`).toBe(true);
      expect(r.stderr.split('\n'), text).toHaveLength(2);
    }
    expect((await run(['scan', '--config', 'missing.json'], { cwd: dir })).stderr).toBe('keyguard: config missing.json: cannot read (no such file)\n');
  });
});

describe('baseline workflow', () => {
  it('round trip: baseline, then scan --baseline suppresses known findings and reports new ones', async () => {
    const dir = tmp();
    const old1 = keys.asrs('bl-old1');
    const old2 = keys.legacy('bl-old2');
    await writeTree(dir, { 'src/a.ts': `${asrsLine(old1)}\n`, 'config/app.env': `${connectionString(old2)}\n`, 'clean.ts': '1\n' });
    const b = await run(['baseline', '--format', 'json'], { cwd: dir });
    expect(b.code).toBe(0); // whatever it found
    for (const s of [old1, old2]) expect(b.stdout).not.toContain(s);
    const baseline = JSON.parse(b.stdout) as { version: number; entries: { path: string; ruleId: string; fingerprint: string }[] };
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map((e) => e.path)).toEqual(['config/app.env', 'src/a.ts']);
    expect(Object.keys(baseline.entries[0]!).sort()).toEqual(['fingerprint', 'path', 'ruleId']);

    expect((await run(['baseline', '--output', 'kg-baseline.json'], { cwd: dir })).stdout).toBe('');
    expect(await fs.readFile(path.join(dir, 'kg-baseline.json'), 'utf8')).toBe(b.stdout);

    const quiet = await run(['scan', '--baseline', 'kg-baseline.json', '--format', 'json'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(json(quiet.stdout).summary).toMatchObject({ findings: 0, suppressed: 2 });

    // Moving lines around does not matter; a new key does.
    await writeTree(dir, { 'src/a.ts': `\n\n// moved\n${asrsLine(old1)}\n${asrsLine(keys.asrs('bl-new'))}\n` });
    const fresh = await run(['scan', '--baseline', 'kg-baseline.json', '--format', 'json'], { cwd: dir });
    expect(fresh.code).toBe(1);
    const report = json(fresh.stdout);
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/a.ts:5']);
    expect(report.summary.suppressed).toBe(2);
  });

  it('the baseline also applies to stdin', async () => {
    const dir = tmp();
    const input = `${asrsLine(keys.asrs('bl-stdin'))}\n`;
    const b = await run(['baseline', '-', '--stdin-filename', 'piped.ts', '--output', 'b.json'], { cwd: dir, input });
    expect(b.code).toBe(0);
    expect((await run(['scan', '-', '--stdin-filename', 'piped.ts', '--baseline', 'b.json'], { cwd: dir, input })).code).toBe(0);
    expect((await run(['scan', '-', '--stdin-filename', 'other.ts', '--baseline', 'b.json'], { cwd: dir, input })).code).toBe(1);
  });

  it('a missing or malformed baseline is a usage error (exit 2)', async () => {
    const dir = tmp();
    await writeTree(dir, { 'a.ts': asrsLine(keys.asrs('bl-bad')), 'bad.json': '{"version":1,"entries":"no"}', 'notjson.json': '{' });
    const missing = await run(['scan', '--baseline', 'nope.json'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, 'keyguard: baseline nope.json: cannot read (no such file)\n']);
    const bad = await run(['scan', '--baseline', 'bad.json'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, 'keyguard: baseline bad.json: $.entries: expected an array\n']);
    const notJson = await run(['scan', '--baseline', 'notjson.json'], { cwd: dir });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^keyguard: baseline notjson\.json: not valid JSON/);
  });
});
