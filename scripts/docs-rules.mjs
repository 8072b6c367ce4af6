#!/usr/bin/env node
// Writes docs/rules/<id>.md and docs/rules/README.md from the rule folders in packages/core/src/rules/.
// Usage: node scripts/docs-rules.mjs [--check]
//   (--check: write nothing; exit 1 and say which page is stale)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSource } from './import-source.mjs';
import { ruleDocument, rulesIndex } from './rule-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs/rules');

// The registry, from its sources: no build of the workspace needed first.
const { detectors } = await importSource(join(root, 'packages/core/src/rules/index.ts'));

const wanted = new Map(detectors.map((d) => [`${d.id}.md`, ruleDocument(d)]));
wanted.set('README.md', rulesIndex(detectors));
const check = process.argv.includes('--check');
const stale = [];
for (const [name, text] of wanted) {
  const path = join(docs, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  stale.push(name);
  if (!check) writeFileSync(path, text);
}
const extra = readdirSync(docs).filter((name) => !wanted.has(name));
if (check && (stale.length > 0 || extra.length > 0)) {
  console.error(`docs/rules: stale ${[...stale, ...extra.map((n) => `${n} (no such rule)`)].join(', ')}; run node scripts/docs-rules.mjs`);
  process.exit(1);
}
console.log(check || stale.length === 0 ? 'docs/rules: up to date' : `docs/rules: wrote ${stale.join(', ')}`);
