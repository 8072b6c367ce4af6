/**
 * End to end: the real `eslint` binary, the BUILT plugin (dist/index.js, by absolute file URL)
 * and its shipped configs, over a temporary project holding JS, TS, JSON, YAML, Markdown and
 * .env files. Then ESLint's bulk suppressions (`--suppress-all`, eslint-suppressions.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASRS, ENTRA, LEGACY, LEGACY2, appCs, cs, locate, masked } from './helpers.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const eslintBin = join(packageDir, 'node_modules/eslint/bin/eslint.js');
const builtPlugin = join(packageDir, 'dist/index.js');
const RULE = 'keyguard/no-leaked-access-key';

const files: Record<string, string> = {
  'src/hub.js': `export const cs = "${cs(LEGACY)}";\n`,
  'src/client.ts': `// keyguard:allow-next-line\nconst ok: string = "${cs(LEGACY2)}";\nexport const key: string = \`${ASRS}\`;\n`,
  'appsettings.json': `{\n  "Azure": {\n    "SignalR": {\n      "ConnectionString": "${cs(LEGACY2)}"\n    }\n  }\n}\n`,
  'deploy/values.yaml': `signalr:\n  connectionString: "${appCs(ENTRA)}"\n`,
  'docs/setup.md': `# Setup\n\n\`\`\`sh\nexport Azure__SignalR__ConnectionString="${cs(LEGACY)}"\n\`\`\`\n`,
  '.env': `# local\nAzure__SignalR__ConnectionString=${cs(LEGACY)}\n`,
  'clean.js': 'export const cs = process.env.Azure__SignalR__ConnectionString;\n',
};

const expected = [
  { file: '.env', secret: LEGACY, ruleId: 'azure-signalr-access-key' },
  { file: 'appsettings.json', secret: LEGACY2, ruleId: 'azure-signalr-access-key' },
  { file: 'deploy/values.yaml', secret: ENTRA, ruleId: 'azure-signalr-client-secret' },
  { file: 'docs/setup.md', secret: LEGACY, ruleId: 'azure-signalr-access-key' },
  { file: 'src/client.ts', secret: ASRS, ruleId: 'azure-signalr-access-key' },
  { file: 'src/hub.js', secret: LEGACY, ruleId: 'azure-signalr-access-key' },
];

const configSource = `
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import yml from 'eslint-plugin-yml';
import tsParser from '@typescript-eslint/parser';
import { defineConfig } from 'eslint/config';
import keyguard from ${JSON.stringify(pathToFileURL(builtPlugin).href)};

export default defineConfig(
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  { files: ['**/*.json'], plugins: { json }, language: 'json/json' },
  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
  { files: ['**/*.yaml'], plugins: { yml }, language: 'yml/yaml' },
  { files: ['**/*.{js,ts,json,md,yaml}'], extends: [keyguard.configs.recommended] },
  keyguard.configs.text,
);
`;

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number; column: number; endLine?: number; endColumn?: number; severity: number; suggestions?: unknown[] }[];
}

let project: string;

const SECRETS = [LEGACY, LEGACY2, ASRS, ENTRA];

function expectNoRawKey(text: string, where: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `raw key in ${where}`).toBe(false);
}

function eslint(...args: string[]) {
  const run = spawnSync(process.execPath, [eslintBin, ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  expectNoRawKey(run.stderr, 'stderr');
  if (args.includes('json')) {
    // ESLint's json formatter copies each file's `source` into its result (ESLint's doing, not
    // the plugin's): everything else — messages, suggestions, fixes — must hold no raw key.
    const results = JSON.parse(run.stdout) as { source?: string }[];
    for (const result of results) delete result.source;
    expectNoRawKey(JSON.stringify(results), 'the JSON report (source removed)');
  } else {
    expectNoRawKey(run.stdout, 'stdout');
  }
  return run;
}

function report(run: ReturnType<typeof eslint>) {
  const results = JSON.parse(run.stdout) as LintResult[];
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(project.length + 1).replaceAll('\\', '/'), ...m })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

beforeAll(() => {
  // Build the plugin (and core) so dist/ is what the source says.
  const build = spawnSync(process.execPath, [join(packageDir, 'node_modules/typescript/bin/tsc'), '-b', packageDir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`tsc -b failed:\n${build.stdout}${build.stderr}`);
  expect(existsSync(builtPlugin)).toBe(true);

  project = mkdtempSync(join(tmpdir(), 'keyguard-eslint-e2e-'));
  // bare imports in eslint.config.js (@eslint/json, ...) resolve through the package's node_modules
  symlinkSync(join(packageDir, 'node_modules'), join(project, 'node_modules'), 'dir');
  writeFileSync(join(project, 'eslint.config.js'), configSource);
  writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const [name, text] of Object.entries(files)) {
    spawnSync('mkdir', ['-p', dirname(join(project, name))]);
    writeFileSync(join(project, name), text);
  }
});

afterAll(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

describe('eslint binary with the built plugin', () => {
  it('reports every leak with rule id, exact location and masked value, never the raw key', () => {
    const run = eslint('--format', 'json', '.');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const messages = report(run);
    expect(messages.map((m) => [m.file, m.ruleId, m.severity])).toEqual(expected.map((e) => [e.file, RULE, 2]));
    for (const [i, e] of expected.entries()) {
      const m = messages[i]!;
      expect({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }).toEqual(locate(files[e.file]!, e.secret));
      expect(m.message).toContain(masked(e.secret));
      expect(m.message).toContain(`(${e.ruleId}, high confidence)`);
      expect(m.suggestions?.length).toBeGreaterThan(0);
    }
  });

  it('prints no raw key with the default formatter', () => {
    const run = eslint('.');
    expect(run.status).toBe(1);
    for (const e of expected) expect(run.stdout).toContain(masked(e.secret));
    expect(run.stdout).toContain(`${expected.length} problems (${expected.length} errors, 0 warnings)`);
  });

  it('honours bulk suppressions (eslint --suppress-all / eslint-suppressions.json)', () => {
    const suppress = eslint('--suppress-all', '.');
    expect(suppress.status, suppress.stdout + suppress.stderr).toBe(0);
    const suppressions = JSON.parse(readFileSync(join(project, 'eslint-suppressions.json'), 'utf8')) as Record<string, Record<string, { count: number }>>;
    expect(Object.keys(suppressions).sort()).toEqual(expected.map((e) => e.file).sort());
    for (const entry of Object.values(suppressions)) expect(entry[RULE]).toEqual({ count: 1 });

    // the same leaks are now suppressed
    const again = eslint('--format', 'json', '.');
    expect(again.status).toBe(0);
    expect(report(again)).toEqual([]);

    // a new leak is not
    writeFileSync(join(project, 'src/new.js'), `export const cs = "${cs(LEGACY2)}";\n`);
    const fresh = eslint('--format', 'json', '.');
    expect(fresh.status).toBe(1);
    expect(report(fresh).map((m) => [m.file, m.ruleId, m.line])).toEqual([['src/new.js', RULE, 1]]);
  });
});
