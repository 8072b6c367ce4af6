#!/usr/bin/env node
// Regenerates README.md's rules/configs lists and each docs/rules/*.md header with
// eslint-doc-generator (run `pnpm run build` first). `--check` fails, without writing, when
// the committed docs are stale. Usage: node scripts/docs.mjs [--check]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));
const generator = join(dirname(require.resolve('eslint-doc-generator/package.json')), 'dist/bin/eslint-doc-generator.js');

const args = [
  generator,
  'scripts/doc-plugin',
  '--path-rule-doc',
  '../../docs/rules/{name}.md',
  '--path-rule-list',
  '../../README.md',
  '--config-emoji',
  'text,📄',
  '--rule-doc-section-include',
  'Options',
  '--rule-doc-section-include',
  'Examples',
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { cwd: packageDir, stdio: 'inherit' });
process.exit(run.status ?? 1);
