#!/usr/bin/env node
// Bundles what ships to users, after `tsc -b` has type-checked everything and built core's dist:
//   packages/cli/dist: bin.js (tiny: answers --version, turns the compile cache on, then loads the
//   rest), and chunks loaded on demand (staged, history, the scanner, each report format, the hook
//   installer, the tree walk); index.js (main() for programmatic use) and scan-worker.js (worker
//   threads) are bundles of their own. CommonJS: on Node 20 a CommonJS file loads synchronously,
//   while the ESM loader costs ~10 ms to start plus an asynchronous read/resolve/link per module.
//   Core and the small runtime dependencies are inlined: the published CLI has no dependencies.
//   packages/eslint-plugin/dist: index.js, one file with core, @eslint/plugin-kit and
//   typescript-eslint's RuleCreator inlined: the plugin's only runtime requirement is its eslint peer.
//   Each dist also gets THIRD-PARTY-LICENSES.txt: the license of every package inlined.
// Usage: node scripts/bundle.mjs [--metafile] [--only=<package name>]
//   (--metafile: print what each output holds; --only: bundle that package alone)
import { rolldown } from 'rolldown';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thirdPartyLicenses } from './third-party-licenses.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const showMeta = process.argv.includes('--metafile');

/**
 * Every package's bundles: its folder, then one build per group of entry points (relative to
 * src/). Each build gets its own chunks, named with `prefix`: the CLI's one entry (bin.ts) lets
 * the bundler fold every module already loaded by an importing chunk into it, so `scan --staged`
 * reads a handful of files (each costs Node a resolve, a read and a compile); the library API and
 * the worker would otherwise split those chunks again by which entry reaches which module.
 */
export const BUNDLES = [
  {
    name: '@keyguard/cli',
    dir: 'packages/cli',
    format: 'cjs',
    builds: [
      { entries: ['bin.ts'], prefix: '' },
      { entries: ['index.ts'], prefix: 'lib-' },
      { entries: ['scan-worker.ts'], prefix: 'worker-' },
    ],
  },
  {
    name: '@keyguard/eslint-plugin',
    dir: 'packages/eslint-plugin',
    format: 'esm',
    // One entry and nothing loaded on demand: one file. Readable: the stack of a rule that
    // throws is what ESLint prints and users paste into issues (the bundle is small either way).
    builds: [{ entries: ['index.ts'], prefix: '', oneFile: true }],
    minify: false,
    // Only types come from eslint (the peer).
    external: ['eslint'],
  },
];

/** Removes what a previous bundle left (chunk names change with their content); keeps .d.ts. */
function cleanOutput(outdir) {
  let names;
  try {
    names = readdirSync(outdir);
  } catch {
    return; // first build
  }
  for (const name of names) if (/\.(?:c?js(\.map)?|LEGAL\.txt)$|^THIRD-PARTY-LICENSES\.txt$/.test(name)) rmSync(join(outdir, name));
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && !BUNDLES.some((b) => b.name === only)) throw new Error(`--only=${only}: no such bundle (${BUNDLES.map((b) => b.name).join(', ')})`);

for (const b of BUNDLES.filter((b) => only === undefined || b.name === only)) {
  const outdir = join(root, b.dir, 'dist');
  cleanOutput(outdir);
  const modules = new Set();
  for (const build of b.builds) {
    const bundle = await rolldown({
      cwd: root,
      input: Object.fromEntries(build.entries.map((e) => [e.replace(/\.ts$/, ''), join(b.dir, 'src', e)])),
      platform: 'node',
      resolve: { mainFields: ['module', 'main'] },
      transform: { target: 'node20.19' },
      external: b.external,
      logLevel: 'warn',
    });
    const { output } = await bundle.write({
      dir: outdir,
      format: b.format,
      minify: b.minify ?? true,
      entryFileNames: '[name].js',
      chunkFileNames: `${build.prefix}[name]-[hash].js`,
      codeSplitting: build.oneFile !== true,
      comments: { legal: false, jsdoc: false },
    });
    await bundle.close();
    for (const chunk of output) {
      if (chunk.type !== 'chunk') continue;
      for (const id of chunk.moduleIds) modules.add(id);
      if (showMeta) console.log(`${b.dir}/dist/${chunk.fileName} ${(chunk.code.length / 1024).toFixed(1)} KiB: ${chunk.moduleIds.map((i) => i.replace(/^.*node_modules\//, '').replace(`${root}/`, '')).join(', ')}`);
    }
  }
  // The CLI's files are CommonJS although its package.json says "module" (for its sources and types).
  if (b.format === 'cjs') writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(modules, b.name));
}
