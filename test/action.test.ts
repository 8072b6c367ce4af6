import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentifiableKey } from '../packages/core/src/testing/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cliBin, repoRoot, run } from './helpers.js';

// The action's scan step is a script fed by INPUT_* variables; run it as the runner would.
describe('GitHub Action scan step', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function runStep(files: Record<string, string>, inputs: Record<string, string>) {
    const workspace = mkdtempSync(join(tmpdir(), 'keyguard-action-'));
    dirs.push(workspace);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(workspace, name), content);
    const githubOutput = join(workspace, 'github-output.txt');
    writeFileSync(githubOutput, '');
    const result = await run('bash', [join(repoRoot, 'action/scan.sh')], {
      cwd: workspace,
      env: { ...process.env, KEYGUARD_BIN: cliBin, GITHUB_OUTPUT: githubOutput, ...inputs },
    });
    const outputs = Object.fromEntries(
      readFileSync(githubOutput, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=') as [string, string]),
    );
    return { result, outputs, workspace };
  }

  it('writes SARIF and asks the job to fail when a key is found', async () => {
    const key = generateIdentifiableKey('action', 'ASRS');
    const { result, outputs, workspace } = await runStep({ 'appsettings.json': `{ "Key": "${key}" }\n` }, { INPUT_PATHS: '.' });
    expect(result.code).toBe(0);
    expect(outputs).toEqual({ 'exit-code': '1', verdict: 'fail' });
    const sarif = JSON.parse(readFileSync(join(workspace, 'keyguard.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect(readFileSync(join(workspace, 'keyguard.sarif'), 'utf8')).not.toContain(key);
  });

  it('passes on a clean tree, and when told not to fail', async () => {
    const clean = await runStep({ 'README.md': '# nothing here\n' }, {});
    expect(clean.outputs).toEqual({ 'exit-code': '0', verdict: 'pass' });
    const key = generateIdentifiableKey('action-2', 'AWPS');
    const lenient = await runStep({ 'a.txt': key }, { INPUT_FAIL_ON_FINDINGS: 'false', INPUT_FORMAT: 'json', INPUT_OUTPUT: 'report.json' });
    expect(lenient.outputs).toEqual({ 'exit-code': '1', verdict: 'pass' });
    expect(JSON.parse(readFileSync(join(lenient.workspace, 'report.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('fails the step itself on a usage error (exit 2)', async () => {
    const { result, outputs } = await runStep({}, { INPUT_BASELINE: 'missing-baseline.json' });
    expect(result.code).toBe(2);
    expect(outputs['exit-code']).toBe('2');
  });

  it('maps every action.yml input to the script', () => {
    const action = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    const script = readFileSync(join(repoRoot, 'action/scan.sh'), 'utf8');
    const inputsSection = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'));
    const inputs = [...inputsSection.matchAll(/^ {2}([a-z-]+):\n {4}description:/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(['paths', 'history', 'baseline', 'config', 'format', 'output', 'upload-sarif', 'fail-on-findings']);
    for (const input of inputs.filter((name) => name !== 'upload-sarif')) {
      const variable = `INPUT_${input.toUpperCase().replaceAll('-', '_')}`;
      expect(action).toContain(`${variable}: \${{ inputs.${input} }}`);
      expect(script).toContain(variable);
    }
  });
});
