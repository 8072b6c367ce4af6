import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateLegacyKey } from '../packages/core/src/testing/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_COMPILER_OPTIONS, repoRoot, run } from './helpers.js';

// Packs the published packages (`pnpm run pack:published`) and installs the tarballs into fresh
// projects outside the workspace, then uses them the way users do. This is what catches a
// missing `files` entry or a workspace-only import. It installs eslint and the packages'
// dependencies from the registry.
//
// The ESLint plugin is tested as its READMEs document it: the install commands of its README,
// and every example config (a ```js block with `export default`) of its README and of the
// repository's README, run as written by the real `eslint` binary with the newest ESLint 10 and
// with the oldest ESLint of the plugin's peer range, and type-checked as an `eslint.config.ts`.
describe('pack and install', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyguard-pack-'));
  const project = join(root, 'project');
  const bottomProject = join(root, 'eslint-bottom');
  const tarballs = join(root, 'tarballs');
  const key = generateLegacyKey('pack-install');
  const cs = `Endpoint=https://pack-demo.service.signalr.net;AccessKey=${key};Version=1.0;`;
  const leak = `export const cs = "${cs}";\n`;
  const RULE = 'keyguard/no-leaked-access-key';
  const gitEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };

  const pluginDir = join(repoRoot, 'packages', 'eslint-plugin');
  const pluginManifest = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { peerDependencies: { eslint: string } };
  /** The oldest ESLint the peer range takes: the lower bound of its first alternative. */
  const bottomEslint = /^\s*(?:\^|>=)?(\d+\.\d+\.\d+)/.exec(pluginManifest.peerDependencies.eslint)?.[1] ?? '';
  /** Plugins the README installs that need a newer ESLint than the bottom of the range (README says so). */
  const NEEDS_NEWER_ESLINT: Record<string, string> = { 'eslint-plugin-yml': '9.38' };

  // ---- the READMEs, as users read them -----------------------------------------------------

  interface Example {
    /** `<readme> > <heading>` */
    where: string;
    code: string;
    /** bare package names the example imports */
    imports: string[];
  }

  /** The fenced blocks of a markdown file, each with the heading it sits under. */
  function fencedBlocks(readme: string): { heading: string; lang: string; code: string }[] {
    const blocks: { heading: string; lang: string; code: string }[] = [];
    let heading = '';
    let fence: { lang: string; lines: string[] } | undefined;
    for (const line of readFileSync(join(repoRoot, readme), 'utf8').split('\n')) {
      if (fence !== undefined) {
        if (/^```\s*$/.test(line)) {
          blocks.push({ heading, lang: fence.lang, code: `${fence.lines.join('\n')}\n` });
          fence = undefined;
        } else fence.lines.push(line);
      } else if (line.startsWith('```')) fence = { lang: line.slice(3).trim(), lines: [] };
      else if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '').trim();
    }
    return blocks;
  }

  const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

  const examples: Example[] = ['README.md', 'packages/eslint-plugin/README.md'].flatMap((readme) =>
    fencedBlocks(readme)
      .filter((block) => block.lang === 'js' && /^export default /m.test(block.code))
      .map((block) => ({
        where: `${readme} > ${block.heading}`,
        code: block.code,
        imports: [...block.code.matchAll(/^import .* from '([^'.][^']*)';$/gm)].map((m) => packageOf(m[1]!)),
      })),
  );

  /** What the plugin README's install commands add besides eslint and the plugin itself. */
  const readmeInstalls = fencedBlocks('packages/eslint-plugin/README.md')
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => [...block.code.matchAll(/^npm install --save-dev (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/)))
    .filter((name) => name !== 'eslint' && !name.startsWith('@keyguard/'));

  /** Files that hold the leak, under lint/, and which of them each example must report. */
  const lintFiles: Record<string, string> = {
    'src/app.js': leak,
    'src/app.ts': `export const cs: string = "${cs}";\n`,
    'src/quiet.js': `// eslint-disable-next-line ${RULE}\n${leak}`,
    'src/Hub.cs': `var cs = "${cs}";\n`,
    'config/app.json': `{ "Azure": { "SignalR": { "ConnectionString": "${cs}" } } }\n`,
    'deploy/values.yaml': `signalr:\n  connectionString: "${cs}"\n`,
    'docs/setup.md': `# Setup\n\n\`\`\`sh\nexport Azure__SignalR__ConnectionString="${cs}"\n\`\`\`\n`,
    '.env': `Azure__SignalR__ConnectionString=${cs}\n`,
  };
  const EXPECTED: Record<string, string[]> = {
    'README.md > ESLint': ['.env', 'src/app.js'],
    'packages/eslint-plugin/README.md > JavaScript and TypeScript': ['src/app.js', 'src/app.ts'],
    'packages/eslint-plugin/README.md > JSON, YAML and Markdown': ['config/app.json', 'deploy/values.yaml', 'docs/setup.md'],
    'packages/eslint-plugin/README.md > Plain text: `.env`, `.config`, `.bicep`, ...': ['.env', 'src/Hub.cs'],
  };

  // ---- the projects --------------------------------------------------------------------------

  async function npmInstall(dir: string, name: string, specs: string[]): Promise<void> {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, timeout: 300_000 });
    expect(installed.code, installed.stderr).toBe(0);
    for (const [file, text] of Object.entries(lintFiles)) {
      mkdirSync(dirname(join(dir, 'lint', file)), { recursive: true });
      writeFileSync(join(dir, 'lint', file), text);
    }
  }

  const tarball = (name: string): string => {
    const found = readdirSync(tarballs).filter((file) => file.startsWith(`keyguard-${name}-`));
    expect(found).toHaveLength(1);
    return join(tarballs, found[0]!);
  };

  beforeAll(async () => {
    const packed = await run('pnpm', ['run', 'pack:published', '--pack-destination', tarballs], { timeout: 300_000 });
    expect(packed.code, packed.stderr).toBe(0);
    const bottomInstalls = readmeInstalls.filter((name) => !(name in NEEDS_NEWER_ESLINT));
    await Promise.all([
      // everything published, the newest ESLint 10 and what the README installs
      npmInstall(project, 'consumer', [tarball('core'), tarball('cli'), tarball('eslint-plugin'), 'eslint@^10', ...readmeInstalls]),
      // the plugin with the oldest ESLint of its peer range, exactly
      npmInstall(bottomProject, 'consumer-eslint-bottom', [tarball('core'), tarball('eslint-plugin'), `eslint@${bottomEslint}`, ...bottomInstalls]),
    ]);
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'src', 'app.js'), leak);
    writeFileSync(join(project, 'src', 'clean.js'), 'export const answer = 42;\n');
  }, 600_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Whether every package an example imports is installed in `dir`. */
  const runnableIn = (dir: string, example: Example): boolean =>
    example.imports.every((name) => name === 'eslint' || existsSync(join(dir, 'node_modules', name, 'package.json')));

  /** Lints lint/ with the example as the config, as written; the files reported. */
  async function lintWith(dir: string, example: Example, index: number): Promise<string[]> {
    const config = `eslint.example-${index}.config.js`;
    writeFileSync(join(dir, config), example.code);
    // lint/src/quiet.js (a leak under a disable comment: never reported) only where the example
    // runs the rule on JavaScript: elsewhere ESLint rightly reports the comment's unknown rule.
    const coversJs = EXPECTED[example.where]?.includes('src/app.js') === true;
    const ignore = coversJs ? [] : ['--ignore-pattern', 'lint/src/quiet.js'];
    const result = await run('npx', ['--no-install', 'eslint', '--config', config, ...ignore, '--format', 'json', 'lint'], { cwd: dir });
    expect(result.stderr, example.where).toBe('');
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; message: string; line: number }[] }[];
    const messages = report.flatMap((file) => file.messages.map((m) => ({ file: file.filePath.slice(join(dir, 'lint').length + 1), ...m })));
    // only the rule's reports (no parse error, no "file ignored" warning), never the raw key
    expect(messages.filter((m) => m.ruleId !== RULE).map((m) => `${m.file}: ${m.message}`), example.where).toEqual([]);
    expect(messages.map((m) => m.message).join('\n')).not.toContain(key);
    expect(result.code, example.where).toBe(messages.length > 0 ? 1 : 0);
    return messages.map((m) => m.file).sort();
  }

  /** Type-checks `files` (name -> source) in `dir` as eslint.config.ts files would be; tsc's output. */
  async function typecheck(dir: string, files: Record<string, string>): Promise<{ code: number; output: string }> {
    const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(existsSync(tsc), 'typescript comes with typescript-eslint (its peer dependency)').toBe(true);
    mkdirSync(join(dir, 'typecheck'), { recursive: true });
    for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, 'typecheck', name), source);
    const compilerOptions = { ...CONSUMER_COMPILER_OPTIONS, types: [] };
    writeFileSync(join(dir, 'typecheck', 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    const result = await run(process.execPath, [tsc, '-p', join(dir, 'typecheck')], { cwd: dir, timeout: 300_000 });
    return { code: result.code, output: result.stdout + result.stderr };
  }

  it('the READMEs hold the example configs this test expects, and their install commands', () => {
    expect(examples.map((e) => e.where).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(readmeInstalls).toEqual(expect.arrayContaining(['typescript-eslint', '@eslint/json', '@eslint/markdown', 'eslint-plugin-yml']));
    for (const example of examples) expect(example.imports, example.where).toContain('@keyguard/eslint-plugin');
    // the plugin README says which plugins need a newer ESLint than the bottom of the range
    const readme = readFileSync(join(pluginDir, 'README.md'), 'utf8');
    for (const [name, version] of Object.entries(NEEDS_NEWER_ESLINT)) expect(readme).toMatch(new RegExp(`\`${name}\`[^.]*ESLint ${version.replace('.', '\\.')}\\+`));
    expect(readme).toContain(`Requires ESLint ${bottomEslint.replace(/\.0$/, '')}+ or 10`);
  });

  it('the peer range starts where the README examples work: ESLint 9.22 brought defineConfig (eslint/config)', () => {
    const [major, minor] = bottomEslint.split('.').map(Number) as [number, number];
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(9 * 1000 + 22);
  });

  it('runs `npx keyguard scan` and reports the key, masked', async () => {
    const result = await run('npx', ['--no-install', 'keyguard', 'scan', 'src', '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { path: string; ruleId: string; line: number }[] };
    expect(report.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([['src/app.js', 'azure-signalr-access-key', 1]]);
    expect(result.stdout).not.toContain(key);
  });

  it('with the newest ESLint 10, every README example config reports exactly its files, masked', async () => {
    const version = await run('npx', ['--no-install', 'eslint', '--version'], { cwd: project });
    expect(version.stdout.trim()).toMatch(/^v10\./);
    for (const [index, example] of examples.entries()) {
      expect(runnableIn(project, example), `${example.where} imports ${example.imports.join(', ')}`).toBe(true);
      expect(await lintWith(project, example, index), example.where).toEqual(EXPECTED[example.where]);
    }
  }, 300_000);

  it(`with the oldest ESLint of the peer range, every README example config whose plugins install there reports exactly its files`, async () => {
    const version = await run('npx', ['--no-install', 'eslint', '--version'], { cwd: bottomProject });
    expect(version.stdout.trim()).toBe(`v${bottomEslint}`);
    const skipped: string[] = [];
    for (const [index, example] of examples.entries()) {
      if (!runnableIn(bottomProject, example)) {
        // only for a plugin the README says needs a newer ESLint
        expect(example.imports.filter((name) => !existsSync(join(bottomProject, 'node_modules', name, 'package.json')))).toEqual(
          example.imports.filter((name) => name in NEEDS_NEWER_ESLINT),
        );
        skipped.push(example.where);
        continue;
      }
      // (with the disable comment in lint/src/quiet.js honoured there too: no report for it)
      expect(await lintWith(bottomProject, example, index), example.where).toEqual(EXPECTED[example.where]);
    }
    expect(skipped).toEqual(['packages/eslint-plugin/README.md > JSON, YAML and Markdown']);
  }, 300_000);

  it('with the newest ESLint 10, every README example type-checks as eslint.config.ts and wrong rule options do not', async () => {
    const files: Record<string, string> = Object.fromEntries(examples.map((example, index) => [`example-${index}.ts`, example.code]));
    files['options.ts'] = `import { defineConfig } from 'eslint/config';
import keyguard from '@keyguard/eslint-plugin';

export const right = defineConfig({
  extends: [keyguard.configs.recommended],
  rules: { '${RULE}': ['error', { minConfidence: 'high', allow: ['0'.repeat(64)] }] },
});
export const wrong = defineConfig({
  extends: [keyguard.configs.recommended],
  // @ts-expect-error: 'hgh' is not a confidence
  rules: { '${RULE}': ['error', { minConfidence: 'hgh' }] },
});
`;
    const { code, output } = await typecheck(project, files);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 300_000);

  it('with the oldest ESLint of the peer range, every README example it runs type-checks as eslint.config.ts', async () => {
    const files = Object.fromEntries(
      examples.flatMap((example, index) => (runnableIn(bottomProject, example) ? [[`example-${index}.ts`, example.code]] : [])),
    );
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
    const { code, output } = await typecheck(bottomProject, files);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 300_000);

  it('installs the pre-commit hook, which blocks a commit that adds the key', async () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    expect((await run('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: gitEnv })).code).toBe(0);
    const keyguardBin = join(project, 'node_modules', '.bin', 'keyguard');
    const install = await run(keyguardBin, ['hook', 'install'], { cwd: repo, env: gitEnv });
    expect(install.code, install.stderr).toBe(0);

    writeFileSync(join(repo, 'clean.txt'), 'nothing to see\n');
    await run('git', ['add', 'clean.txt'], { cwd: repo, env: gitEnv });
    const clean = await run('git', ['commit', '-qm', 'clean'], { cwd: repo, env: gitEnv });
    expect(clean.code, clean.stderr).toBe(0);

    writeFileSync(join(repo, 'app.js'), leak);
    await run('git', ['add', 'app.js'], { cwd: repo, env: gitEnv });
    const blocked = await run('git', ['commit', '-qm', 'leak'], { cwd: repo, env: gitEnv });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('app.js');
    expect(blocked.stdout + blocked.stderr).not.toContain(key);
  });
});
