import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 14: a rule's id, title, remediation and samples live in its own folder,
// packages/core/src/rules/<rule-id>/, and everything else reads them from the registry
// (`rules`, `ruleOf`, `RuleId`, `ALL_RULE_IDS`). This test fails when a rule id is written as a
// literal anywhere else in non-test source, which is how the words used to drift (two titles
// for one rule, one rotation command printed for every rule).
const root = fileURLToPath(new URL('..', import.meta.url));
const RULES_DIR = join(root, 'packages', 'core', 'src', 'rules');

/** The rule ids: the names of the rule folders (each holds meta.ts with its id). */
const ruleIds = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/**
 * Files allowed to spell rule ids, and why. Keep this list short: each entry is a place the
 * registry cannot reach.
 */
const EXCEPTIONS: Record<string, string> = {
  // The plugin's published declarations cannot import core's types (core is bundled into the
  // plugin, not installed next to it), so `RuleId` is spelled out there; a compile-time check in
  // the same file (`_ruleIdIsCore`) fails the build when it drifts from core's.
  'packages/eslint-plugin/src/rules/no-leaked-access-key.ts': 'published RuleId type, checked against core at build time',
  // `keyguard --help` shows an example keyguard.config.json that turns a rule off: help text,
  // loaded before anything else, with no core import (start-up budget).
  'packages/cli/src/help.ts': 'example config in --help text',
};

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(e.name) && !/\.test\.[cm]?[jt]s$/.test(e.name) && !e.name.endsWith('.d.ts')) yield path;
  }
}

const roots = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'src')),
  join(root, 'benchmarks', 'src'),
].filter((dir) => existsSync(dir));

const posix = (path: string): string => relative(root, path).split(sep).join('/');

describe('rule ids are written only in their rule folder', () => {
  it('finds the rule folders', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
    for (const id of ruleIds) expect(readFileSync(join(RULES_DIR, id, 'meta.ts'), 'utf8')).toContain(`id: '${id}'`);
  });

  it('no other non-test source spells a rule id', () => {
    const offenders: string[] = [];
    for (const dir of roots) {
      for (const file of sourceFiles(dir)) {
        const path = posix(file);
        if (path in EXCEPTIONS) continue;
        const text = readFileSync(file, 'utf8');
        for (const id of ruleIds) {
          if (path.startsWith(`packages/core/src/rules/${id}/`)) continue;
          // The registry (packages/core/src/rules/*.ts) imports each folder by its path, which is
          // the id: a module path there is no id written.
          const registry = /^packages\/core\/src\/rules\/[^/]+$/.test(path);
          const rest = registry ? text.replaceAll(`./${id}/`, '') : text;
          if (rest.includes(id)) offenders.push(`${path}: ${id}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every exception still needs its exemption', () => {
    for (const path of Object.keys(EXCEPTIONS)) {
      const text = readFileSync(join(root, path), 'utf8');
      expect(ruleIds.some((id) => text.includes(id)), `${path} no longer spells a rule id: drop it from EXCEPTIONS`).toBe(true);
    }
  });
});
