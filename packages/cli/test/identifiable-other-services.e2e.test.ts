import { generateIdentifiableKey } from '@keyguard/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';

beforeAll(assertBuilt);

const tmp = useTempDirs();
const key = (seed: string, provider: string): string => generateIdentifiableKey(`cli-test:other:${seed}`, provider);

// Issue 14, point 3: other Azure services' identifiable keys, through the bundle.
describe('keyguard scan: azure-identifiable-key', () => {
  it('reports other services\' identifiable keys (files, stdin, SARIF) and the config turns the rule off', async () => {
    const dir = tmp();
    const openAi = key('a', 'ACOG');
    const eventGrid = key('b', 'AZEG');
    const signalr = key('c', 'ASRS');
    await writeTree(dir, {
      'openai.env': `AZURE_OPENAI_API_KEY=${openAi}\n`,
      'grid.json': `{ "topicKey": "${eventGrid}" }\n`,
      'signalr.ts': `const k = "${signalr}";\n`,
      'utf16.txt': Buffer.from(`\uFEFFkey=${openAi}\r\n`, 'utf16le'),
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = json(r.stdout).findings.map((f) => [f.path, f.ruleId, f.confidence]).sort();
    expect(findings).toEqual([
      ['grid.json', 'azure-identifiable-key', 'high'],
      ['openai.env', 'azure-identifiable-key', 'high'],
      ['signalr.ts', 'azure-signalr-access-key', 'high'],
      ['utf16.txt', 'azure-identifiable-key', 'high'],
    ]);

    const stdin = await run(['scan', '-', '--format', 'json'], { cwd: dir, input: `x=${eventGrid}\n` });
    expect(json(stdin.stdout).findings.map((f) => f.ruleId)).toEqual(['azure-identifiable-key']);

    const sarif = await run(['scan', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
    expect(log.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toContain('azure-identifiable-key');

    await writeTree(dir, { 'keyguard.config.json': JSON.stringify({ rules: { 'azure-identifiable-key': false } }) });
    const off = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(json(off.stdout).findings.map((f) => [f.path, f.ruleId])).toEqual([['signalr.ts', 'azure-signalr-access-key']]);
  });

  it('a broken checksum is not reported', async () => {
    const dir = tmp();
    const good = key('d', 'AZSB');
    const broken = good.slice(0, 83) + (good.endsWith('A') ? 'B' : 'A');
    await writeTree(dir, { 'a.env': `SERVICEBUS_KEY=${broken}\n` });
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(json(r.stdout).findings).toEqual([]);
  });
});
