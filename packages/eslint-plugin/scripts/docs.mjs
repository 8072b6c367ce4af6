#!/usr/bin/env node
// Regenerates README.md's rules/configs lists and each docs/rules/*.md header with
// eslint-doc-generator (run `pnpm run build` first). `--check` fails, without writing, when
// the committed docs are stale. Also regenerates the rules table of docs/rules/no-leaked-access-key.md
// and the detectors table of README.md (between their `auto-generated ... table` markers) from
// @keyguard/core's `rules`, the one source of each rule's id, page, title, description, confidence
// levels, steps and placeholder. Usage: node scripts/docs.mjs [--check]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
if (run.status !== 0) process.exit(run.status ?? 1);

const { rules, remediationFor } = await import(require.resolve('@keyguard/core'));
const cell = (text) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');
// The rule doc's table: every detector in full. The README's: id, title, confidence.
const tables = [
  {
    path: 'docs/rules/no-leaked-access-key.md',
    name: 'rules table',
    rows: [
      '| Detector (`ruleId` in the message) | What it finds | Confidence | What to do | Placeholder |',
      '| --- | --- | --- | --- | --- |',
      ...rules.map(
        (r) =>
          `| [\`${r.id}\`](${r.docsUrl}) | **${cell(r.title)}**: ${cell(r.description)} | ${r.confidenceLevels.join(', ')} | ${cell(remediationFor({ ruleId: r.id, context: {} }).join(' '))} | \`${r.placeholder}\` |`,
      ),
    ],
  },
  {
    path: 'README.md',
    name: 'detectors table',
    rows: ['| detector | finds | confidence |', '| --- | --- | --- |', ...rules.map((r) => `| [\`${r.id}\`](${r.docsUrl}) | ${cell(r.title)} | ${r.confidenceLevels.join(' / ')} |`)],
  },
];
for (const { path, name, rows } of tables) {
  const BEGIN = `<!-- begin auto-generated ${name} (scripts/docs.mjs, from @keyguard/core) -->`;
  const END = `<!-- end auto-generated ${name} -->`;
  const docPath = join(packageDir, path);
  const doc = readFileSync(docPath, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin === -1 || end < begin) {
    console.error(`${docPath}: the ${name} markers are missing`);
    process.exit(1);
  }
  const next = `${doc.slice(0, begin + BEGIN.length)}\n\n${rows.join('\n')}\n\n${doc.slice(end)}`;
  if (next !== doc) {
    if (process.argv.includes('--check')) {
      console.error(`${docPath}: the ${name} is stale (run \`pnpm --filter @keyguard/eslint-plugin docs\`)`);
      process.exit(1);
    }
    writeFileSync(docPath, next);
  }
}
