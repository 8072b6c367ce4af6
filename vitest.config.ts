import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One project per workspace package that has a test/ folder: packages/* and benchmarks.
const roots = [...readdirSync('packages').map((name) => join('packages', name)), 'benchmarks'];
// Plus the repository-level tests in test/ (self-scan, packaging, the GitHub Action).
const projects = [...roots, '.']
  .filter((root) => existsSync(join(root, 'test')))
  .map((root) => ({
    test: {
      name: root === '.' ? 'repo' : root.replace(/^packages\//, ''),
      root,
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // Transformed like the bundle sees it (its ESM build, named exports), not loaded by Node
      // (its UMD build, whose exports Node cannot name).
      server: { deps: { inline: ['jsonc-parser'] } },
    },
  }));

export default defineConfig({
  test: {
    projects,
  },
});
