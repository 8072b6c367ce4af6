import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { remediationFor, rules } from '@keyguard/core';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/types.js';
import { assertBuilt, cleanupTemp, PACKAGE_DIR, run, tempDir, writeTree } from './helpers.js';
import { asrsLine, connectionString, keys } from './keys.js';

/** The official schema, kept in the repository (origin and licence in schemas/README.md). */
const SARIF_SCHEMA = path.join(PACKAGE_DIR, 'test', 'schemas', 'sarif-schema-2.1.0.json');
const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
const ANSI = /\x1b\[[0-9;]*m/;

let dir: string;
const secrets = {
  cs: keys.legacy('fmt-cs'),
  asrs: keys.asrs('fmt-asrs'),
  awps: keys.awps('fmt-awps'),
};

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('keyguard-cli-');
  await writeTree(dir, {
    'config/app settings.env': `# app\n${connectionString(secrets.cs, 'chat-prod')}\n`,
    'src/a,b:c.ts': `\n${asrsLine(secrets.asrs)}\n`,
    'src/pubsub.ts': `${asrsLine(secrets.awps)}\n`,
    'src/clean.ts': 'export const nothing = 1;\n',
  });
});
afterAll(() => cleanupTemp());

describe('json', () => {
  it('has exactly the documented shape, version 1, tool version from package.json, no secret', async () => {
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(Object.keys(report).sort()).toEqual(['findings', 'skipped', 'summary', 'tool', 'version', 'warnings']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'keyguard', version: VERSION });
    expect(Object.keys(report.summary).sort()).toEqual(['bytes', 'durationMs', 'files', 'findings', 'ignored', 'missing', 'skipped', 'suppressed']);
    expect(report.summary).toMatchObject({ files: 4, findings: 3, suppressed: 0, skipped: 0 });
    expect(report.summary.bytes).toBeGreaterThan(100);
    for (const f of report.findings) {
      expect(Object.keys(f).sort()).toEqual(
        ['column', 'confidence', 'context', 'endColumn', 'endLine', 'fingerprint', 'line', 'masked', 'path', 'ruleId'],
      );
      expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(report.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      ['config/app settings.env', 2, 'azure-signalr-access-key'],
      ['src/a,b:c.ts', 2, 'azure-signalr-access-key'],
      ['src/pubsub.ts', 1, 'azure-web-pubsub-access-key'],
    ]);
    const cs = report.findings[0]!;
    const line = connectionString(secrets.cs, 'chat-prod');
    expect(cs.column).toBe(line.indexOf(secrets.cs) + 1);
    expect(cs.endColumn).toBe(line.indexOf(secrets.cs) + 1 + secrets.cs.length);
    expect(cs.masked).toBe(`${secrets.cs.slice(0, 4)}…`);
    expect(cs.context.resourceName).toBe('chat-prod');
  });

  it('--show-secrets adds the raw value', async () => {
    const r = await run(['scan', '--format', 'json', '--show-secrets'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => f.secret)).toEqual([secrets.cs, secrets.asrs, secrets.awps]);
  });
});

describe('sarif', () => {
  const validate = (() => {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      formats: {
        uri: (s: string) => URL.canParse(s),
        'uri-reference': (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'),
        'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
      },
    });
    return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
  })();

  it('validates against the official SARIF 2.1.0 schema, with and without --show-secrets, with and without findings', async () => {
    for (const args of [[], ['--show-secrets'], ['src/clean.ts']]) {
      const r = await run(['scan', '--format', 'sarif', ...args], { cwd: dir });
      const log = JSON.parse(r.stdout) as unknown;
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the validator does reject a broken log (the schema check can fail)', async () => {
    const r = await run(['scan', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it('carries rules with help from core, partial fingerprints, relative SRCROOT uris, tool version, no raw secret', async () => {
    const r = await run(['scan', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    for (const s of Object.values(secrets)) expect(r.stdout).not.toContain(s);
    const fingerprints = (JSON.parse((await run(['scan', '--format', 'json'], { cwd: dir })).stdout) as JsonReport).findings.map((f) => f.fingerprint);
    const log = JSON.parse(r.stdout);
    const run0 = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run0.tool.driver.version).toBe(VERSION);
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(rules.map((x) => x.id));
    for (const [i, rule] of rules.entries()) {
      expect(run0.tool.driver.rules[i].help.text).toContain(rule.remediation);
      expect(run0.tool.driver.rules[i].shortDescription.text).toBe(rule.title);
    }
    expect(run0.originalUriBaseIds.SRCROOT.uri).toBe(`${new URL(`file://${dir}/`).href}`);
    expect(run0.results.map((x: { partialFingerprints: Record<string, string> }) => Object.values(x.partialFingerprints)[0])).toEqual(fingerprints);
    expect(run0.results.map((x: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => x.locations[0]!.physicalLocation.artifactLocation)).toEqual([
      { uri: 'config/app%20settings.env', uriBaseId: 'SRCROOT' },
      { uri: 'src/a%2Cb%3Ac.ts', uriBaseId: 'SRCROOT' },
      { uri: 'src/pubsub.ts', uriBaseId: 'SRCROOT' },
    ]);
    for (const res of run0.results) expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });
});

describe('github', () => {
  it('prints one ::error workflow command per finding, properties escaped', async () => {
    const r = await run(['scan', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(/^::error file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=keyguard%3A [a-z-]+::\S.*$/);
    }
    expect(lines[1]).toContain('file=src/a%2Cb%3Ac.ts,line=2,col=14,');
    for (const s of Object.values(secrets)) expect(r.stdout).not.toContain(s);
  });
});

describe('pretty', () => {
  it('one line per finding (location, rule, masked secret, confidence), each rule remediation once, a summary line', async () => {
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(ANSI);
    for (const s of Object.values(secrets)) expect(r.stdout).not.toContain(s);
    const out = r.stdout;
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      `config/app settings.env:2:${connectionString(secrets.cs).indexOf(secrets.cs) + 1}  azure-signalr-access-key  ${secrets.cs.slice(0, 4)}…  (high)`,
    );
    expect(lines[1]).toMatch(/^src\/a,b:c\.ts:2:14 {2}azure-signalr-access-key {2}\S{4}… {2}\((high|medium|low)\)$/);
    expect(lines[2]).toMatch(/^src\/pubsub\.ts:1:\d+ {2}azure-web-pubsub-access-key {2}\S{4}… {2}\((high|medium|low)\)$/);
    expect(lines[3]).toBe('');
    // The steps are wrapped to 80 columns: joined back, each rule's first step appears once.
    const unwrapped = out.replace(/\n {5}(?=\S)/g, ' ');
    for (const step of [
      remediationFor({ ruleId: 'azure-signalr-access-key', context: { resourceName: 'chat-prod' } })[0]!,
      remediationFor({ ruleId: 'azure-web-pubsub-access-key', context: {} })[0]!,
    ]) {
      expect(unwrapped.split(step)).toHaveLength(2);
    }
    expect(unwrapped.indexOf(rules.find((x) => x.id === 'azure-signalr-access-key')!.title)).toBeGreaterThan(out.indexOf('src/pubsub.ts:'));
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^4 files \(\d+(\.\d)? (B|KiB)\) in \d+ ms: 3 findings, 0 suppressed, 0 skipped, 0 ignored$/);
  });

  it('colours: FORCE_COLOR=1 forces them, NO_COLOR and FORCE_COLOR=0 turn them off, pipes get none', async () => {
    expect((await run(['scan'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await run(['scan'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await run(['scan'], { cwd: dir, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI);
    expect((await run(['scan', '--format', 'json'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });
});

describe('every format', () => {
  it('masks secrets by default and shows them only with --show-secrets', async () => {
    for (const format of FORMATS) {
      const masked = await run(['scan', '--format', format], { cwd: dir });
      const shown = await run(['scan', '--format', format, '--show-secrets'], { cwd: dir });
      for (const s of Object.values(secrets)) {
        expect(masked.stdout, format).not.toContain(s);
        expect(masked.stderr, format).not.toContain(s);
        expect(shown.stdout, format).toContain(s);
      }
    }
  });

  it('--output writes the report to a file, same exit code, nothing on stdout', async () => {
    for (const format of FORMATS) {
      const out = path.join(dir, `..`, `${path.basename(dir)}-report.${format}`);
      const direct = await run(['scan', '--format', format], { cwd: dir });
      const r = await run(['scan', '--format', format, '--output', out], { cwd: dir });
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toBe('');
      const written = await fs.readFile(out, 'utf8');
      await fs.rm(out);
      const normalise = (s: string): string => s.replace(/"durationMs": \d+/, '').replace(/in \d+ ms/, '');
      expect(normalise(written), format).toBe(normalise(direct.stdout));
    }
  });

  it('exit codes: 0 clean and 1 with findings whatever the format; 2 for an unknown format', async () => {
    for (const format of FORMATS) {
      expect((await run(['scan', 'src/clean.ts', '--format', format], { cwd: dir })).code, format).toBe(0);
      expect((await run(['scan', 'src/pubsub.ts', '--format', format], { cwd: dir })).code, format).toBe(1);
    }
    const bad = await run(['scan', '--format', 'xml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('keyguard: unknown format \'xml\': use one of pretty, json, sarif, github, markdown\n');
  });
});
