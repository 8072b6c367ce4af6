#!/usr/bin/env node
// Writes the flag table of packages/cli/README.md (between its flags:begin/flags:end markers)
// from the one flag table, packages/cli/src/flags.ts, which also drives the parser and --help.
// Usage: node scripts/docs-flags.mjs [--check]
//   (--check: write nothing; exit 1 and say so when the README's table is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSource } from './import-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = join(root, 'packages/cli/README.md');

// flags.ts, from its sources: no build of the workspace needed first.
const { withFlagsTable } = await importSource(join(root, 'packages/cli/src/flags.ts'));

const current = readFileSync(readme, 'utf8');
const wanted = withFlagsTable(current);
if (process.argv.includes('--check')) {
  if (current !== wanted) {
    console.error('packages/cli/README.md: the flag table is stale; run node scripts/docs-flags.mjs');
    process.exit(1);
  }
  console.log('packages/cli/README.md: the flag table is up to date');
} else if (current !== wanted) {
  writeFileSync(readme, wanted);
  console.log('packages/cli/README.md: flag table written');
} else {
  console.log('packages/cli/README.md: the flag table is up to date');
}
