import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateIdentifiableKey } from '../packages/core/src/testing/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackage, run } from './helpers.js';

// The ESLint plugin stays light: packed with `pnpm pack` and installed with npm into a plain
// JavaScript project that already has ESLint 10 (`npm init -y`, `npm install eslint@10`), it
// adds at most 3 MB, no TypeScript and no typescript-eslint, and its recommended config reports
// a key planted in a .js file. Installs from the registry into a private npm cache.

/** What installing the plugin may add, at most (du -sk of node_modules, after minus before). */
const MAX_ADDED_KB = 3 * 1024;
/** The plugin and what it may bring: its one dependency, types only, which ESLint 10 already has. */
const MAY_ADD = ['@keyguard/eslint-plugin', '@eslint/core', '@types/json-schema'];
const RULE = 'keyguard/no-leaked-access-key';

/**
 * The environment npm runs in: this one without npm's and pnpm's own settings (`pnpm test`
 * exports npm_config_*, which npm would read as its config; see scripts/test.mjs), with a cache
 * of its own so that the test depends on no cache of the machine.
 */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };
}

/** Every installed package, by its path under the project (`node_modules/a`, `node_modules/a/node_modules/@s/b`). */
function installedPackages(project: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (nodeModules: string): void => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((name) => join(nodeModules, entry, name)) : [join(nodeModules, entry)];
      for (const dir of dirs) {
        const manifest = join(dir, 'package.json');
        if (!existsSync(manifest)) continue;
        const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string };
        found.set(relative(project, dir).split('\\').join('/'), `${name}@${version}`);
        walk(join(dir, 'node_modules'));
      }
    }
  };
  walk(join(project, 'node_modules'));
  return found;
}

describe('@keyguard/eslint-plugin installed next to ESLint 10', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyguard-plugin-install-'));
  const project = join(root, 'project');
  const env = npmEnv(join(root, 'npm-cache'));
  const key = generateIdentifiableKey('eslint-plugin-install', 'ASRS');
  let before: { kb: number; packages: Map<string, string> };
  let after: { kb: number; packages: Map<string, string> };

  const npm = async (...args: string[]) => {
    const result = await run('npm', args, { cwd: project, env, timeout: 200_000 });
    expect(result.code, `npm ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const du = async (): Promise<number> => {
    const result = await run('du', ['-sk', 'node_modules'], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    return Number(/^(\d+)/.exec(result.stdout)?.[1]);
  };

  beforeAll(async () => {
    const tarball = await packPackage('eslint-plugin', join(root, 'tarballs'));
    mkdirSync(project);
    await npm('init', '-y');
    await npm('install', 'eslint@10', '--no-audit', '--no-fund');
    before = { kb: await du(), packages: installedPackages(project) };
    await npm('install', tarball, '--no-audit', '--no-fund');
    after = { kb: await du(), packages: installedPackages(project) };
    const added = [...after.packages].filter(([path, id]) => before.packages.get(path) !== id).map(([, id]) => id);
    console.log(`eslint-plugin install: node_modules ${before.kb} KB with eslint, ${after.kb} KB with the plugin: +${after.kb - before.kb} KB, ${added.length} package(s) added (${added.join(', ')})`);
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the project had ESLint 10 and no plugin before', () => {
    expect(before.packages.get('node_modules/eslint')).toMatch(/^eslint@10\./);
    expect(before.packages.has('node_modules/@keyguard/eslint-plugin')).toBe(false);
  });

  it(`adds at most ${MAX_ADDED_KB / 1024} MB to node_modules (du -sk)`, () => {
    expect(after.kb - before.kb).toBeGreaterThan(0);
    expect(after.kb - before.kb).toBeLessThanOrEqual(MAX_ADDED_KB);
  });

  it('adds the plugin and at most its types-only dependency, and changes no package ESLint brought', () => {
    const added = [...after.packages].filter(([path, id]) => before.packages.get(path) !== id);
    expect(added.map(([path]) => path)).toContain('node_modules/@keyguard/eslint-plugin');
    for (const [path, id] of added) expect(MAY_ADD, `${path} (${id})`).toContain(id.slice(0, id.lastIndexOf('@')));
    for (const [path, id] of before.packages) expect(after.packages.get(path), path).toBe(id);
  });

  it('brings no TypeScript and no typescript-eslint package', () => {
    const names = [...after.packages.values()].map((id) => id.slice(0, id.lastIndexOf('@')));
    expect(names.filter((name) => name === 'typescript' || name.startsWith('@typescript-eslint/') || name === 'typescript-eslint')).toEqual([]);
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@typescript-eslint'))).toBe(false);
  });

  it("`npx eslint` with the plugin's recommended config reports a key planted in a .js file, masked", async () => {
    writeFileSync(join(project, 'eslint.config.mjs'), "import keyguard from '@keyguard/eslint-plugin';\n\nexport default [keyguard.configs.recommended];\n");
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'hub.js'), `export const key = "${key}";\n`);
    writeFileSync(join(project, 'src', 'clean.js'), 'export const answer = 42;\n');
    const result = await run('npx', ['--no-install', 'eslint', '--format', 'json', 'src'], { cwd: project, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; severity: number }[] }[];
    const messages = report.flatMap((file) => file.messages.map((m) => [relative(project, file.filePath).split('\\').join('/'), m.ruleId, m.line, m.severity]));
    expect(messages).toEqual([['src/hub.js', RULE, 1, 2]]);
    // ESLint's json formatter copies a file's `source` into its result (ESLint's doing): the
    // messages, suggestions and fixes must hold no raw key.
    const reported = (JSON.parse(result.stdout) as { source?: string }[]).map(({ source: _source, ...rest }) => rest);
    expect(JSON.stringify(reported)).not.toContain(key);
  });
});
