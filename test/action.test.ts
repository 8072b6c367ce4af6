import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { generateIdentifiableKey, generateLegacyKey } from '../packages/core/src/testing/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, evaluateCondition, type ExpressionScope, hostEnv, interpolate, parseAnnotation, parseEnvFile, runAction } from './action-runner.js';
import { cliBin, makeRelease, repoRoot, run, tempFolder } from './helpers.js';

// The GitHub Action as a user sees it: action.yml run step by step by test/action-runner.ts, as
// GitHub runs a composite action, on temporary git repositories holding keys generated at run time.
//
// The action has no build or install step: a release tag's tree holds the bundled CLI
// (scripts/release-commit.mjs). Most tests run the action from this checkout, built by
// `pnpm run build` (which `pnpm test` runs first): the scan step runs packages/cli/dist/bin.js
// through github.action_path as on GitHub. One suite makes a real release tag in a clone of this
// repository and runs the action from that tag's tree with nothing installed and no registry.
// `uses:` steps (the SARIF upload) are recorded with their resolved `with:` rather than run.

const dirs: string[] = [];
let gitConfigDir: string;
let gitEnv: Record<string, string>;

beforeAll(() => {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: run pnpm run build first`);
  gitConfigDir = mkdtempSync(join(tmpdir(), 'keyguard-action-gitconfig-'));
  writeFileSync(join(gitConfigDir, 'config'), '');
  gitEnv = {
    GIT_CONFIG_GLOBAL: join(gitConfigDir, 'config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Author',
    GIT_AUTHOR_EMAIL: 'ada@example.test',
    GIT_COMMITTER_NAME: 'Carl Committer',
    GIT_COMMITTER_EMAIL: 'carl@example.test',
    GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z',
    GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z',
    GIT_TERMINAL_PROMPT: '0',
  };
});
afterAll(() => rmSync(gitConfigDir, { recursive: true, force: true }));
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  const env = { ...hostEnv(), ...gitEnv };
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) delete env[k];
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A git repository (the workspace actions/checkout would leave) holding these files, committed. */
function repository(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'keyguard-action-ws-')));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'initial');
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

/** Runs the action in `workspace`, from `actionDir` (default: this checkout, built). */
async function runKeyguardAction(workspace: string, inputs: Record<string, string> = {}, options: { actionDir?: string; env?: Record<string, string> } = {}): Promise<ActionRun> {
  const baseEnv = { ...hostEnv(), ...gitEnv, ...options.env };
  // GitHub's runner sets neither: the readable report in the log is plain text.
  delete baseEnv.FORCE_COLOR;
  delete baseEnv.NO_COLOR;
  const result = await runAction({ actionDir: options.actionDir ?? repoRoot, workspace, inputs, baseEnv });
  dirs.push(result.runnerDir);
  return result;
}

/** 1-based line and column of `needle` in `text`. */
function position(text: string, needle: string): { line: number; col: number } {
  const before = text.slice(0, text.indexOf(needle));
  expect(before.length).toBeLessThan(text.length);
  const lines = before.split('\n');
  return { line: lines.length, col: lines.at(-1)!.length + 1 };
}

/** Every file under `dir` (except .git and `exclude`), as paths relative to it. */
function filesUnder(dir: string, exclude: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      const rel = relative(dir, full);
      if (entry.name === '.git' || exclude.includes(rel)) continue;
      if (entry.isDirectory()) walk(full);
      else out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/** No raw key in the log, the summary, the outputs, any step's record, or any file written. */
function expectNoRawKey(result: ActionRun, workspace: string, planted: string[], keys: string[]): void {
  const written = [...filesUnder(workspace, planted).map((f) => join(workspace, f)), ...filesUnder(result.runnerDir).map((f) => join(result.runnerDir, f))];
  expect(written.length).toBeGreaterThan(0);
  const texts: [string, string][] = [
    ['log', result.log],
    ['summary', result.summary],
    ['outputs', JSON.stringify(result.outputs)],
    ['steps', JSON.stringify(result.steps)],
    ['annotations', JSON.stringify(result.annotations)],
    ...written.map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
  ];
  for (const key of keys) for (const [where, text] of texts) expect(text.includes(key), `raw key in ${where}`).toBe(false);
}

const step = (result: ActionRun, name: string) => {
  const found = result.steps.find((s) => s.name === name);
  expect(found, name).toBeDefined();
  return found!;
};
const scanAnnotations = (result: ActionRun) => result.annotations.filter((a) => a.step === 'Scan' && a.stream === 'stdout' && a.properties.title?.startsWith('keyguard: '));
const maskedOf = (key: string): string => `${key.slice(0, 4)}…`;

/** The action run from a tree without packages/cli/dist: one clear error, the job fails at the scan step. */
function expectNotBuiltFailure(result: ActionRun): void {
  const scan = step(result, 'Scan');
  expect(scan.exitCode).toBe(1);
  expect(scan.conclusion).toBe('failure');
  expect(result.annotations.map((a) => [a.step, a.level, a.properties.title])).toEqual([['Scan', 'error', 'keyguard is not built']]);
  expect(result.annotations[0]!.message).toMatch(/packages\/cli\/dist\/bin\.js is missing/);
  expect(result.annotations[0]!.message).toMatch(/use the action at a release tag \(uses: keyguard\/keyguard@v\d+\.\d+\.\d+\), not a branch such as @main/);
  expect(scan.output.trim().split('\n')).toHaveLength(1);
  expect(result.log).toContain('##[error]Process completed with exit code 1.');
  expect(step(result, 'Upload SARIF').ran).toBe(false);
  expect(step(result, 'Fail on findings').ran).toBe(false);
  expect(result.conclusion).toBe('failure');
  expect(result.outputs).toEqual({ findings: '', 'exit-code': '', report: '' });
}

/**
 * The readable (pretty) report is in a step's stdout, besides the annotations: every piece of
 * `expected` and the finding count appear outside the `::` workflow command lines. (Loose on
 * purpose: the pretty layout is the CLI's business, tested in packages/cli.)
 */
function expectReadableReport(stdout: string, expected: string[], findings: number): void {
  const readable = stdout
    .split('\n')
    .filter((line) => !line.startsWith('::'))
    .join('\n');
  for (const piece of expected) expect(readable, piece).toContain(piece);
  expect(readable).toMatch(new RegExp(`\\b${findings} findings?\\b`));
}

describe('the GitHub Action, run step by step', () => {
  const legacy = () => generateLegacyKey('action-legacy');
  const awps = () => generateIdentifiableKey('action-awps', 'AWPS');
  /** Where the legacy key sits in config/app settings.json. */
  const at = () => position(plantedFiles()['config/app settings.json'], legacy());
  function plantedFiles() {
    const settings = `{\n  "Azure": {\n    "SignalR": "Endpoint=https://chat-prod.service.signalr.net;AccessKey=${legacy()};Version=1.0;"\n  }\n}\n`;
    const client = `// the client\nexport const key = "${awps()}";\n`;
    return { 'config/app settings.json': settings, 'src/client.ts': client, 'README.md': '# app\n' };
  }

  it('default inputs (SARIF): the readable report and annotations in the log, a job summary, outputs, the job fails after the scan', async () => {
    const files = plantedFiles();
    const workspace = repository(files);
    const result = await runKeyguardAction(workspace);

    expect(result.steps.map((s) => [s.name, s.kind, s.ran, s.conclusion])).toEqual([
      ['Scan', 'run', true, 'success'],
      ['Upload SARIF', 'uses', false, 'skipped'],
      ['Fail on findings', 'run', true, 'failure'],
    ]);
    expect(result.conclusion).toBe('failure');
    expect(result.outputs).toEqual({ findings: '2', 'exit-code': '1', report: 'keyguard.sarif' });

    // The log: keyguard's readable report, masked, whatever the report file's format.
    const scan = step(result, 'Scan');
    expectReadableReport(scan.stdout, ['config/app settings.json', 'src/client.ts', maskedOf(legacy()), maskedOf(awps()), 'azure-signalr-access-key', 'chat-prod'], 2);
    expect(result.log).toContain(scan.stdout);

    // One annotation per finding, on stdout, at the key.
    const annotations = scanAnnotations(result);
    expect(annotations.map((a) => [a.level, a.properties.file, a.properties.line, a.properties.col, a.properties.title])).toEqual([
      ['error', 'config/app settings.json', '3', String(at().col), 'keyguard: azure-signalr-access-key'],
      ['error', 'src/client.ts', '2', String(position(files['src/client.ts'], awps()).col), 'keyguard: azure-web-pubsub-access-key'],
    ]);
    expect(at().line).toBe(3);
    expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(2);

    // The job summary: counts, the findings table, the steps to take.
    expect(result.summary).toContain('## keyguard: 2 leaked credentials found');
    expect(result.summary).toContain('| 3 (');
    expect(result.summary).toContain(`| config\\/app settings\\.json:3 | \`azure-signalr-access-key\` | \`${maskedOf(legacy())}\` | high |`);
    expect(result.summary).toContain('| src\\/client\\.ts:2 | `azure-web-pubsub-access-key`');
    expect(result.summary).toContain('#### Azure SignalR access key');
    expect(result.summary).toContain('az signalr key renew \\-\\-name chat\\-prod');

    // The report file, and the failing step's message.
    const sarif = JSON.parse(readFileSync(join(workspace, 'keyguard.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(2);
    const fail = step(result, 'Fail on findings');
    expect(fail.exitCode).toBe(1);
    expect(fail.stderr).toContain("keyguard found 2 leaked credential(s): see the report in the Scan step's log above");

    expectNoRawKey(result, workspace, Object.keys(files), [legacy(), awps()]);
  });

  it('upload-sarif: the upload step gets the report and the category, before the job fails', async () => {
    const files = plantedFiles();
    const workspace = repository(files);
    const result = await runKeyguardAction(workspace, { 'upload-sarif': 'true', category: 'keyguard-ci' });
    const upload = step(result, 'Upload SARIF');
    expect(upload.ran).toBe(true);
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
    expect(upload.with).toEqual({ sarif_file: 'keyguard.sarif', category: 'keyguard-ci' });
    expect(result.steps.map((s) => s.name).filter((name) => step(result, name).ran)).toEqual(['Scan', 'Upload SARIF', 'Fail on findings']);
    expect(result.conclusion).toBe('failure');
    // The default category.
    const byDefault = await runKeyguardAction(workspace, { 'upload-sarif': 'true' });
    expect(step(byDefault, 'Upload SARIF').with).toEqual({ sarif_file: 'keyguard.sarif', category: 'keyguard' });
    expectNoRawKey(result, workspace, Object.keys(files), [legacy(), awps()]);
  });

  it('format github: annotations in the file and in the log, the readable report still in the log, SARIF uploaded from a copy', async () => {
    const files = plantedFiles();
    const workspace = repository(files);
    const result = await runKeyguardAction(workspace, { format: 'github', output: 'keyguard.txt', 'upload-sarif': 'true' });
    expect(result.outputs).toEqual({ findings: '2', 'exit-code': '1', report: 'keyguard.txt' });
    const report = readFileSync(join(workspace, 'keyguard.txt'), 'utf8');
    expect(report.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
    expectReadableReport(step(result, 'Scan').stdout, ['config/app settings.json', 'src/client.ts', maskedOf(legacy()), maskedOf(awps())], 2);
    expect(scanAnnotations(result).map((a) => [a.properties.file, a.properties.line])).toEqual([
      ['config/app settings.json', '3'],
      ['src/client.ts', '2'],
    ]);
    expect(result.summary).toContain('## keyguard: 2 leaked credentials found');
    const upload = step(result, 'Upload SARIF');
    expect(upload.ran).toBe(true);
    expect(upload.with.category).toBe('keyguard');
    expect(upload.with.sarif_file!.startsWith(`${result.runnerTemp}/`)).toBe(true);
    const sarif = JSON.parse(readFileSync(upload.with.sarif_file!, 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(2);
    expect(result.conclusion).toBe('failure');
    expectNoRawKey(result, workspace, Object.keys(files), [legacy(), awps()]);

    // Without upload-sarif, no upload and no copy.
    const plain = await runKeyguardAction(workspace, { format: 'github', output: 'keyguard.txt' });
    expect(step(plain, 'Upload SARIF').ran).toBe(false);
    expect(filesUnder(plain.runnerTemp).filter((f) => f.endsWith('.sarif'))).toEqual([]);
    expect(scanAnnotations(plain)).toHaveLength(2);
  });

  it('history: a key removed from the tree is found in its commit; fail-on-findings false lets the job pass', async () => {
    const key = generateIdentifiableKey('action-history', 'ASRS');
    const workspace = repository({ 'README.md': '# app\n' });
    write(workspace, { 'src/old.ts': `// v1\nconst key = "${key}";\n` });
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'add a key');
    const commit = git(workspace, 'rev-parse', 'HEAD');
    rmSync(join(workspace, 'src/old.ts'));
    git(workspace, 'commit', '-q', '-am', 'remove it');

    // The tree is clean: a tree scan passes.
    const tree = await runKeyguardAction(workspace);
    expect(tree.outputs).toMatchObject({ findings: '0', 'exit-code': '0' });
    expect(tree.conclusion).toBe('success');
    expect(tree.summary).toContain('## keyguard: no leaked credentials');
    expect(scanAnnotations(tree)).toEqual([]);

    const result = await runKeyguardAction(workspace, { history: 'all', 'fail-on-findings': 'false', 'upload-sarif': 'true', category: 'keyguard-history' });
    expect(result.outputs).toEqual({ findings: '1', 'exit-code': '1', report: 'keyguard.sarif' });
    expect(result.conclusion).toBe('success');
    expect(step(result, 'Fail on findings').ran).toBe(false);
    expect(step(result, 'Upload SARIF').with).toEqual({ sarif_file: 'keyguard.sarif', category: 'keyguard-history' });
    expectReadableReport(step(result, 'Scan').stdout, ['src/old.ts', maskedOf(key), commit.slice(0, 7)], 1);
    const annotations = scanAnnotations(result);
    expect(annotations.map((a) => [a.properties.file, a.properties.line])).toEqual([['src/old.ts', '2']]);
    expect(annotations[0]!.message).toContain(`in commit ${commit.slice(0, 12)}`);
    expect(result.summary).toContain('| Location | Rule | Value | Confidence | Commit |');
    expect(result.summary).toContain(`| src\\/old\\.ts:2 | \`azure-signalr-access-key\` | \`${maskedOf(key)}\` | high | \`${commit.slice(0, 12)}\` by Ada Author &lt;ada\\@example\\.test&gt; on 2026\\-01\\-02 |`);
    expectNoRawKey(result, workspace, [], [key]);
  });

  it('history in a partial clone: the job summary warns about the unread blobs; fetch-missing reads them', async () => {
    const key = generateIdentifiableKey('action-partial', 'ASRS');
    const origin = repository({ 'README.md': '# app\n' });
    git(origin, 'config', 'uploadpack.allowFilter', 'true');
    git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    write(origin, { 'src/old.ts': `const key = "${key}";\n` });
    git(origin, 'add', '-A');
    git(origin, 'commit', '-q', '-m', 'add a key');
    rmSync(join(origin, 'src/old.ts'));
    git(origin, 'commit', '-q', '-am', 'remove it');
    // What actions/checkout does with `filter: blob:none`.
    const workspace = join(mkdtempSync(join(tmpdir(), 'kg-action-partial-')), 'ws');
    dirs.push(dirname(workspace));
    git(dirname(workspace), 'clone', '-q', '--filter=blob:none', `file://${origin}`, workspace);

    const partial = await runKeyguardAction(workspace, { history: 'all', 'fail-on-findings': 'false' });
    expect(partial.outputs).toMatchObject({ findings: '0', 'exit-code': '0' });
    expect(partial.summary).toMatch(/\*\*Warning:\*\* 1 blob of the history not in this partial clone and not read/);
    expect(step(partial, 'Scan').stderr).toContain('keyguard: skipped src/old.ts (missing in commit');

    const fetched = await runKeyguardAction(workspace, { history: 'all', 'fetch-missing': 'true', 'fail-on-findings': 'false' });
    expect(fetched.outputs).toMatchObject({ findings: '1', 'exit-code': '1' });
    expect(fetched.summary).not.toContain('**Warning:**');
    expectNoRawKey(fetched, workspace, [], [key]);
  });

  it('exit 2 fails the job at the scan step with keyguard\'s error line, no upload, no findings step', async () => {
    const workspace = repository({ 'README.md': '# app\n' });
    const result = await runKeyguardAction(workspace, { baseline: 'missing-baseline.json', 'upload-sarif': 'true' });
    const scan = step(result, 'Scan');
    expect(scan.exitCode).toBe(2);
    expect(scan.conclusion).toBe('failure');
    expect(scan.stderr).toMatch(/^keyguard: .*missing-baseline\.json.*\n$/m);
    expect(result.log).toContain(scan.stderr.split('\n').find((l) => l.startsWith('keyguard: ')));
    expect(result.log).toContain('##[error]Process completed with exit code 2.');
    expect(result.annotations.map((a) => [a.step, a.properties.title])).toEqual([['Scan', 'keyguard failed']]);
    expect(result.annotations[0]!.message).toMatch(/^keyguard: .*missing-baseline\.json/);
    expect(step(result, 'Upload SARIF').ran).toBe(false);
    expect(step(result, 'Fail on findings').ran).toBe(false);
    expect(result.conclusion).toBe('failure');
    expect(result.outputs).toEqual({ findings: '', 'exit-code': '2', report: '' });
    expect(result.summary).toMatch(/^## keyguard failed \(exit code 2\)\n\n {4}keyguard: .*missing-baseline\.json/);
  });

  it('from a checkout without the built CLI (a branch, not a release tag): one ::error saying to use a release tag, the job fails at the scan step', async () => {
    // What GitHub downloads for `uses: keyguard/keyguard@main`: the tree without packages/cli/dist.
    const checkout = realpathSync(mkdtempSync(join(tmpdir(), 'keyguard-action-branch-')));
    dirs.push(checkout);
    cpSync(join(repoRoot, 'action.yml'), join(checkout, 'action.yml'));
    cpSync(join(repoRoot, 'action'), join(checkout, 'action'), { recursive: true });
    const workspace = repository({ 'README.md': '# app\n' });
    const result = await runKeyguardAction(workspace, { 'upload-sarif': 'true' }, { actionDir: checkout });
    expectNotBuiltFailure(result);
  });

  it('paths: one per line (spaces kept), a single existing path, or space-separated', async () => {
    const keys = ['a', 'b', 'c'].map((seed) => generateIdentifiableKey(`action-paths-${seed}`, 'ASRS'));
    const files = { 'my dir/a.ts': `const a = "${keys[0]}";\n`, 'other/b.ts': `const b = "${keys[1]}";\n`, 'unscanned/c.ts': `const c = "${keys[2]}";\n` };
    const workspace = repository(files);
    const found = async (paths: string) => {
      const result = await runKeyguardAction(workspace, { paths, 'fail-on-findings': 'false' });
      expect(result.conclusion).toBe('success');
      return scanAnnotations(result).map((a) => a.properties.file);
    };
    expect(await found('my dir\nother\n')).toEqual(['my dir/a.ts', 'other/b.ts']);
    expect(await found('  my dir  \r\n\n  other/b.ts\r\n')).toEqual(['my dir/a.ts', 'other/b.ts']);
    expect(await found('my dir')).toEqual(['my dir/a.ts']);
    expect(await found('other unscanned')).toEqual(['other/b.ts', 'unscanned/c.ts']);
    expect(await found('.')).toHaveLength(3);
  });

  it('maps every action.yml input, pins the upload action by commit, outputs come from the scan step', () => {
    const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    const action = parseYaml(text) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { value: string }>;
      runs: { steps: { id?: string; name: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] };
    };
    const script = readFileSync(join(repoRoot, 'action/scan.sh'), 'utf8');
    const inputs = Object.keys(action.inputs);
    expect(inputs).toEqual(['paths', 'history', 'fetch-missing', 'baseline', 'config', 'format', 'output', 'upload-sarif', 'category', 'fail-on-findings']);
    const scan = action.runs.steps.find((s) => s.id === 'scan')!;
    const upload = action.runs.steps.find((s) => s.uses !== undefined)!;
    for (const input of inputs) {
      if (input === 'category') {
        expect(upload.with!.category).toBe('${{ inputs.category }}');
        continue;
      }
      const variable = `INPUT_${input.toUpperCase().replaceAll('-', '_')}`;
      expect(scan.env![variable], input).toBe(`\${{ inputs.${input} }}`);
      expect(script, input).toContain(variable);
    }
    // nothing is built or installed: the scan step comes first, no step calls a package manager
    expect(action.runs.steps[0]!.id).toBe('scan');
    expect(text).not.toMatch(/\b(?:npm|npx|pnpm|yarn|corepack)\b|build\.sh|setup-node/);
    expect(existsSync(join(repoRoot, 'action/build.sh'))).toBe(false);
    expect(scan.env!.KEYGUARD_BIN).toBe('${{ github.action_path }}/packages/cli/dist/bin.js');
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
    expect(text).toMatch(/uses: github\/codeql-action\/upload-sarif@[0-9a-f]{40} # v4\.\d+\.\d+\n/);
    expect(action.outputs).toEqual({
      findings: expect.objectContaining({ value: '${{ steps.scan.outputs.findings }}' }),
      'exit-code': expect.objectContaining({ value: '${{ steps.scan.outputs.exit-code }}' }),
      report: expect.objectContaining({ value: '${{ steps.scan.outputs.report }}' }),
    });
  });
});

// What users get: the action at a release tag made by scripts/release-commit.mjs, in a clone of
// this repository. GitHub downloads the tag's tree for `uses: keyguard/keyguard@<tag>` (the
// tarball of the tag: `git archive` here) and runs action.yml from it, with no node_modules
// anywhere, the npm registry unreachable, empty npm and pnpm caches, and npm, npx, pnpm, yarn and
// corepack replaced by stand-ins that fail and record any call.
describe('the action at a release tag, nothing installed', () => {
  const TAG = 'v0.0.0-test';
  let parent = '';
  let atTag = '';
  let atBranch = '';
  let calls = '';
  let offline: Record<string, string> = {};

  /** The tree of `ref` in `repo`, as GitHub downloads it for an action, extracted into `dir`. */
  function downloadAction(repo: string, ref: string, dir: string): void {
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: repo, maxBuffer: 1024 * 1024 * 1024 });
    expect(archive.status, String(archive.stderr)).toBe(0);
    const extracted = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    expect(extracted.status, String(extracted.stderr)).toBe(0);
  }

  beforeAll(async () => {
    parent = tempFolder('keyguard-action-release-');
    const { mirror } = await makeRelease(parent, TAG);
    atTag = join(parent, 'action-at-tag');
    atBranch = join(parent, 'action-at-main');
    downloadAction(mirror, TAG, atTag);
    downloadAction(mirror, 'HEAD', atBranch);
    const fakeBin = join(parent, 'bin');
    mkdirSync(fakeBin);
    calls = join(parent, 'package-manager-calls.log');
    for (const tool of ['npm', 'npx', 'pnpm', 'yarn', 'corepack']) {
      writeFileSync(join(fakeBin, tool), `#!/bin/sh\necho "${tool} $*" >> "${calls}"\necho "${tool} must not run" >&2\nexit 1\n`, { mode: 0o755 });
    }
    const empty = (name: string) => {
      const dir = join(parent, name);
      mkdirSync(dir);
      return dir;
    };
    offline = {
      PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
      npm_config_registry: 'http://127.0.0.1:9',
      npm_config_cache: empty('npm-cache'),
      npm_config_store_dir: empty('pnpm-store'),
      PNPM_HOME: empty('pnpm-home'),
      COREPACK_HOME: empty('corepack-home'),
    };
  }, 600_000);
  afterAll(() => {
    if (parent !== '') rmSync(parent, { recursive: true, force: true });
  });

  it('the tag tree holds the bundled CLI and no node_modules (nor does any folder above it)', () => {
    const bin = join(atTag, 'packages/cli/dist/bin.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const all = filesUnder(atTag);
    expect(all.filter((f) => f.split('/').includes('node_modules'))).toEqual([]);
    expect(all.filter((f) => f.startsWith('packages/cli/dist/') && /\.d\.[cm]?ts$|\.map$|tsbuildinfo$/.test(f))).toEqual([]);
    for (let dir = atTag; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
    expect(existsSync(join(atBranch, 'packages/cli/dist'))).toBe(false);
  });

  it('reports a planted key (output findings 1, its annotation); nothing runs before the scan step (< 2 s), no package manager, no registry', async () => {
    const key = generateIdentifiableKey('action-release-tag', 'ASRS');
    const workspace = repository({ 'README.md': '# app\n', 'src/settings.ts': `// settings\nexport const key = "${key}";\n` });
    const result = await runKeyguardAction(workspace, {}, { actionDir: atTag, env: offline });

    expect(result.outputs).toEqual({ findings: '1', 'exit-code': '1', report: 'keyguard.sarif' });
    expect(scanAnnotations(result).map((a) => [a.level, a.properties.file, a.properties.line, a.properties.title])).toEqual([
      ['error', 'src/settings.ts', '2', 'keyguard: azure-signalr-access-key'],
    ]);
    expectReadableReport(step(result, 'Scan').stdout, ['src/settings.ts', maskedOf(key)], 1);
    expect(result.conclusion).toBe('failure');
    expect(step(result, 'Fail on findings').exitCode).toBe(1);
    expectNoRawKey(result, workspace, ['src/settings.ts'], [key]);

    // the setup cost: every step before the scan, and the runner's own start, under 2 s
    const scanAt = result.steps.findIndex((s) => s.id === 'scan');
    const setupMs = result.steps.slice(0, scanAt).reduce((sum, s) => sum + s.durationMs, 0);
    const timing = `steps before the scan: ${setupMs.toFixed(0)} ms; scan step started at ${result.steps[scanAt]!.startedMs.toFixed(0)} ms and took ${result.steps[scanAt]!.durationMs.toFixed(0)} ms`;
    expect(setupMs, timing).toBeLessThan(2000);
    expect(result.steps[scanAt]!.startedMs, timing).toBeLessThan(2000);

    expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('');
    expect(readdirSync(offline.npm_config_cache!)).toEqual([]);
    expect(readdirSync(offline.npm_config_store_dir!)).toEqual([]);
    expect(filesUnder(atTag).filter((f) => f.split('/').includes('node_modules'))).toEqual([]);
  });

  it('at a branch (the tree without the bundle): the scan step fails with one ::error saying to use a release tag', async () => {
    const workspace = repository({ 'README.md': '# app\n' });
    expectNotBuiltFailure(await runKeyguardAction(workspace, {}, { actionDir: atBranch, env: offline }));
    expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('');
  });
});

describe('the scan step script on its own', () => {
  it('appends to the step summary, never overwrites it', async () => {
    const workspace = repository({ 'a.ts': `const a = "${generateIdentifiableKey('action-append', 'ASRS')}";\n` });
    const summary = join(workspace, '..', `${workspace.split('/').at(-1)}-summary.md`);
    dirs.push(summary);
    writeFileSync(summary, 'written before\n');
    const result = await run('bash', [join(repoRoot, 'action/scan.sh')], {
      cwd: workspace,
      env: { ...hostEnv(), ...gitEnv, KEYGUARD_BIN: cliBin, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: '/dev/null' },
    });
    expect(result.code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('written before\n## keyguard: 1 leaked credential found\n')).toBe(true);
  });
});

describe('the action runner itself', () => {
  const scope = (jobFailed = false): ExpressionScope => ({
    contexts: {
      inputs: { 'upload-sarif': 'TRUE', format: 'sarif', empty: '' },
      steps: { scan: { outputs: { verdict: 'fail', 'exit-code': '2' }, outcome: 'failure', conclusion: 'failure' } },
      github: { action_path: '/a' },
      runner: { temp: '/t' },
      env: { NAME: 'x' },
    },
    strict: new Set(['inputs', 'github', 'runner', 'steps']),
    stepIds: new Set(['scan', 'later']),
    jobFailed,
  });

  it('evaluates expressions as GitHub does', () => {
    expect(interpolate("a ${{ inputs.format }} b ${{ 'it''s }}' }}", scope())).toBe("a sarif b it's }}");
    expect(interpolate('${{ github.action_path }}/x ${{ env.NAME }} ${{ env.MISSING }}.', scope())).toBe('/a/x x .');
    expect(interpolate("${{ inputs.upload-sarif == 'true' }} ${{ steps.scan.outputs.exit-code != '2' }} ${{ steps.scan.outputs.exit-code == 2 }}", scope())).toBe('true false true');
    expect(interpolate("${{ inputs.empty || 'fallback' }} ${{ inputs.format && 'yes' }} ${{ !inputs.empty }}", scope())).toBe('fallback yes true');
    expect(interpolate('${{ steps.later.outputs.x }}|${{ steps.later.outputs.x == \'\' }}', scope())).toBe('|true');
    expect(() => interpolate('${{ inputs.typo }}', scope())).toThrow(/inputs\.typo/);
    expect(() => interpolate('${{ steps.nope.outputs.x }}', scope())).toThrow(/steps\.nope/);
    expect(() => interpolate('${{ secrets.X }}', scope())).toThrow(/unknown context/);
    expect(() => interpolate('${{ hashFiles(\'x\') }}', scope())).toThrow(/not supported/);
  });

  it('an if without a status function means success() && (...)', () => {
    expect(evaluateCondition("steps.scan.outputs.verdict == 'fail'", scope())).toBe(true);
    expect(evaluateCondition("${{ steps.scan.outputs.verdict == 'fail' }}", scope(true))).toBe(false);
    expect(evaluateCondition("${{ always() && steps.scan.outputs.verdict == 'fail' }}", scope(true))).toBe(true);
    expect(evaluateCondition('${{ !cancelled() }}', scope(true))).toBe(true);
    expect(evaluateCondition('failure()', scope(true))).toBe(true);
    expect(evaluateCondition('failure()', scope(false))).toBe(false);
    expect(evaluateCondition(undefined, scope(true))).toBe(false);
  });

  it('reads GITHUB_OUTPUT files, heredocs included, and workflow commands', () => {
    expect(parseEnvFile('a=1\nb=x=y\n\nc<<EOF_1\nline 1\n\nline=3\nEOF_1\nd=\n')).toEqual({ a: '1', b: 'x=y', c: 'line 1\n\nline=3', d: '' });
    expect(() => parseEnvFile('c<<EOF\nno end\n')).toThrow(/delimiter/);
    expect(() => parseEnvFile('garbage\n')).toThrow(/invalid line/);
    expect(parseAnnotation('::error file=a%2Cb%3Ac.ts,line=3,col=5,title=keyguard%3A x::two%0Alines 100%25')).toEqual({
      level: 'error',
      properties: { file: 'a,b:c.ts', line: '3', col: '5', title: 'keyguard: x' },
      message: 'two\nlines 100%',
    });
    expect(parseAnnotation('plain text')).toBeUndefined();
  });
});
