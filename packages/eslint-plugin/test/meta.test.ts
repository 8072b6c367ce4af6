/**
 * The plugin's contract: every rule exported, documented, tested and in `recommended`; meta
 * from package.json; every core detector covered; no key-shaped literal in any file of the
 * package (docs use `<generated key>`, tests generate keys at run time).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as coreRules, scanText } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import keyguard, * as named from '../src/index.js';
import { DOCS_BASE_URL } from '../src/index.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
const read = (path: string) => readFileSync(join(packageDir, path), 'utf8');
const testSources = readdirSync(join(packageDir, 'test'))
  .filter((f) => f.endsWith('.test.ts') && f !== 'meta.test.ts')
  .map((f) => read(`test/${f}`))
  .join('\n');
const ruleNames = Object.keys(keyguard.rules);

describe('plugin object', () => {
  it('has meta from package.json and the keyguard namespace', () => {
    expect(keyguard.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'keyguard' });
    expect(pkg.name).toBe('@keyguard/eslint-plugin');
  });

  it('is the default export, with named exports that are the same objects', () => {
    expect(named.default).toBe(keyguard);
    expect(named.plugin).toBe(keyguard);
    expect(named.rules).toBe(keyguard.rules);
    expect(named.configs).toBe(keyguard.configs);
    expect(named.languages).toBe(keyguard.languages);
    expect(named.meta).toBe(keyguard.meta);
    expect(Object.keys(keyguard.configs).sort()).toEqual(['recommended', 'text']);
    expect(Object.keys(keyguard.languages)).toEqual(['text']);
  });
});

describe('every rule', () => {
  it('there is at least one', () => expect(ruleNames).toEqual(['no-leaked-access-key']));

  for (const name of ruleNames) {
    const rule = keyguard.rules[name as keyof typeof keyguard.rules];
    describe(name, () => {
      it('has complete meta: type, docs with description and url, messages, schema, suggestions, defaults', () => {
        expect(rule.meta?.type).toBe('problem');
        expect(rule.meta?.docs?.description).toMatch(/^Disallow /);
        expect(rule.meta?.docs?.url).toBe(`${DOCS_BASE_URL}/${name}.md`);
        expect(rule.meta?.hasSuggestions).toBe(true);
        expect(rule.meta?.fixable).toBeUndefined();
        expect(Object.keys(rule.meta?.messages ?? {}).length).toBeGreaterThan(0);
        expect(Array.isArray(rule.meta?.schema) && rule.meta.schema.length).toBe(1);
        expect(rule.meta?.defaultOptions).toEqual([{ minConfidence: 'medium', allow: [] }]);
      });

      it('is documented in docs/rules and listed in the README', () => {
        const url = rule.meta?.docs?.url ?? '';
        const docPath = `docs/rules/${name}.md`;
        expect(url.endsWith(`/packages/eslint-plugin/${docPath}`)).toBe(true);
        expect(existsSync(join(packageDir, docPath))).toBe(true);
        const doc = read(docPath);
        expect(doc).toContain(`# keyguard/${name}`);
        expect(doc).toContain(`keyguard/${name}`);
        for (const option of ['minConfidence', 'allow']) expect(doc).toContain(`### \`${option}\``);
        expect(read('README.md')).toContain(`[${name}](${docPath})`);
      });

      it('is tested with a RuleTester', () => {
        expect(testSources).toContain(`.run('${name}'`);
      });

      it('is enabled as an error in configs.recommended', () => {
        expect(keyguard.configs.recommended.rules?.[`keyguard/${name}`]).toBe('error');
      });
    });
  }
});

describe('core detectors', () => {
  for (const detector of coreRules) {
    it(`${detector.id} is documented and tested`, () => {
      expect(read('docs/rules/no-leaked-access-key.md')).toContain(`\`${detector.id}\``);
      expect(testSources).toContain(`(${detector.id}, `);
    });
  }
});

describe('no key-shaped literal in the package', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist' || entry.endsWith('.tsbuildinfo')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(packageDir);

  it('covers docs, README, sources and tests', () => {
    const names = files.map((f) => relative(packageDir, f));
    expect(names).toEqual(expect.arrayContaining(['README.md', 'docs/rules/no-leaked-access-key.md', 'src/index.ts', 'test/helpers.ts']));
  });

  for (const file of files) {
    it(relative(packageDir, file), () => {
      const findings = scanText(readFileSync(file, 'utf8'), { minConfidence: 'low', inlineIgnore: false });
      expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.masked}`)).toEqual([]);
    });
  }
});
