import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface FixtureCase {
  /** The case's folder name (unique across both places). */
  name: string;
  dir: string;
  /** The rule whose folder holds the case; undefined for the repository's input-format cases. */
  rule?: string;
}

/**
 * Every fixture case, sorted by name: the input-format cases of `fixtures/` (formats, encodings,
 * line endings: they cross rules) and the cases of one rule, in its folder
 * (`packages/core/src/rules/<id>/fixtures/<case>/`).
 */
export function fixtureCases(): FixtureCase[] {
  const folders = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  const cases: FixtureCase[] = folders(join(REPO_ROOT, 'fixtures')).map((name) => ({ name, dir: join(REPO_ROOT, 'fixtures', name) }));
  const rulesDir = join(REPO_ROOT, 'packages/core/src/rules');
  for (const rule of folders(rulesDir)) {
    const own = join(rulesDir, rule, 'fixtures');
    for (const name of folders(own)) cases.push({ name, dir: join(own, name), rule });
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`two fixture cases are named ${c.name}`);
    seen.add(c.name);
  }
  return cases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
