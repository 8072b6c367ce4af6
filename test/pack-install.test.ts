import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLegacyKey } from '../packages/core/src/testing/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, repoRoot, run } from './helpers.js';

// Packs every published package and installs the tarballs into a fresh project outside the
// workspace, then uses them the way users do. This is what catches a missing `files` entry or
// a workspace-only import. It installs eslint and the packages' dependencies from the registry.
describe('pack and install', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyguard-pack-'));
  const project = join(root, 'project');
  const tarballs = join(root, 'tarballs');
  const key = generateLegacyKey('pack-install');
  const leak = `export const cs = "Endpoint=https://pack-demo.service.signalr.net;AccessKey=${key};Version=1.0;";\n`;
  const gitEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };

  beforeAll(async () => {
    mkdirSync(tarballs);
    for (const name of publishedPackages) {
      const packed = await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(repoRoot, 'packages', name) });
      expect(packed.code, packed.stderr).toBe(0);
    }
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, 'eslint@^10'], {
      cwd: project,
      timeout: 300_000,
    });
    expect(installed.code, installed.stderr).toBe(0);
    writeFileSync(join(project, 'src', 'app.js'), leak);
    writeFileSync(join(project, 'src', 'clean.js'), 'export const answer = 42;\n');
  }, 400_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs `npx keyguard scan` and reports the key, masked', async () => {
    const result = await run('npx', ['--no-install', 'keyguard', 'scan', 'src', '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { path: string; ruleId: string; line: number }[] };
    expect(report.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([['src/app.js', 'azure-signalr-access-key', 1]]);
    expect(result.stdout).not.toContain(key);
  });

  it('loads the ESLint plugin through eslint.config.js', async () => {
    writeFileSync(
      join(project, 'eslint.config.js'),
      "import keyguard from '@keyguard/eslint-plugin';\nexport default [keyguard.configs.recommended];\n",
    );
    const result = await run('npx', ['--no-install', 'eslint', 'src', '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const messages = report.flatMap((file) => file.messages.map((m) => [file.filePath.endsWith('app.js'), m.ruleId, m.line]));
    expect(messages).toEqual([[true, 'keyguard/no-leaked-access-key', 1]]);
    // ESLint's JSON formatter echoes the file's source; our messages must never hold the key.
    const texts = report.flatMap((file) => file.messages.map((m) => JSON.stringify({ ...m, source: undefined })));
    expect(texts.join('\n')).not.toContain(key);
    expect(texts.join('\n')).toContain(key.slice(0, 4));
  });

  it('works with the oldest ESLint in its peer range (9.15): report, masked message, disable comment', async () => {
    const old = join(root, 'eslint-9');
    mkdirSync(join(old, 'src'), { recursive: true });
    writeFileSync(join(old, 'package.json'), JSON.stringify({ name: 'consumer-eslint-9', private: true, type: 'module' }));
    const plugin = readdirSync(tarballs).filter((file) => /keyguard-(core|eslint-plugin)-/.test(file)).map((file) => join(tarballs, file));
    expect(plugin).toHaveLength(2);
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...plugin, 'eslint@9.15.0'], {
      cwd: old,
      timeout: 300_000,
    });
    expect(installed.code, installed.stderr).toBe(0);
    writeFileSync(join(old, 'eslint.config.js'), "import keyguard from '@keyguard/eslint-plugin';\nexport default [keyguard.configs.recommended];\n");
    writeFileSync(join(old, 'src', 'app.js'), leak);
    writeFileSync(join(old, 'src', 'quiet.js'), `// eslint-disable-next-line keyguard/no-leaked-access-key\n${leak}`);
    const version = await run('npx', ['--no-install', 'eslint', '--version'], { cwd: old });
    expect(version.stdout.trim()).toBe('v9.15.0');
    const result = await run('npx', ['--no-install', 'eslint', 'src', '--format', 'json'], { cwd: old });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const messages = report.flatMap((file) => file.messages.map((m) => [file.filePath.endsWith('app.js'), m.ruleId, m.line]));
    expect(messages).toEqual([[true, 'keyguard/no-leaked-access-key', 1]]);
    const texts = report.flatMap((file) => file.messages.map((m) => m.message));
    expect(texts.join('\n')).not.toContain(key);
  }, 400_000);

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
