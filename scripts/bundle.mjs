#!/usr/bin/env node
// Bundles what ships to users, after `tsc -b` has type-checked everything and built core's dist:
//   packages/cli/dist: bin.js (tiny: compile cache, then loads the rest), index.js (main() for
//   programmatic use), scan-worker.js (worker threads), and chunks loaded on demand (history,
//   staged, SARIF and the other report formats, the hook installer, the tree walk). Core and the
//   small runtime dependencies are inlined: the published CLI has no dependencies.
//   packages/eslint-plugin/dist: index.js, one file with core, @eslint/plugin-kit and
//   typescript-eslint's RuleCreator inlined: the plugin's only runtime requirement is its eslint peer.
// Usage: node scripts/bundle.mjs [--metafile] [--only=<package name>]
//   (--metafile: print what each output holds; --only: bundle that package alone)
import { build } from 'esbuild';
import { toCommonJs } from './commonjs-output.mjs';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const showMeta = process.argv.includes('--metafile');

/**
 * Every bundle: the package folder, its entry points (relative to src/) and options of its own
 * (banner, external; splitting and minify default to true).
 */
export const BUNDLES = [
  {
    name: '@keyguard/cli',
    dir: 'packages/cli',
    entries: ['bin.ts', 'index.ts', 'scan-worker.ts'],
    // Built as ESM (to get chunks), then rewritten as CommonJS chunks: see commonjs-output.mjs.
    commonjs: true,
  },
  {
    name: '@keyguard/eslint-plugin',
    dir: 'packages/eslint-plugin',
    entries: ['index.ts'],
    // One entry and nothing loaded on demand: no chunks.
    splitting: false,
    // Readable: the stack of a rule that throws is what ESLint prints and users paste into issues
    // (the bundle is small either way).
    minify: false,
    // Only types come from eslint (the peer); nothing inlined calls require(): no shim.
    external: ['eslint'],
  },
];

/** Removes the JavaScript a previous bundle left (chunk names change with their content); keeps .d.ts. */
function cleanJs(outdir) {
  let names;
  try {
    names = readdirSync(outdir);
  } catch {
    return; // first build
  }
  for (const name of names) if (/\.js(\.map|\.LEGAL\.txt)?$/.test(name)) rmSync(join(outdir, name));
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && !BUNDLES.some((b) => b.name === only)) throw new Error(`--only=${only}: no such bundle (${BUNDLES.map((b) => b.name).join(', ')})`);

for (const b of BUNDLES.filter((b) => only === undefined || b.name === only)) {
  const outdir = join(root, b.dir, 'dist');
  cleanJs(outdir);
  const result = await build({
    absWorkingDir: root,
    entryPoints: b.entries.map((e) => join(b.dir, 'src', e)),
    outdir,
    outbase: join(b.dir, 'src'),
    bundle: true,
    splitting: b.splitting ?? true,
    format: 'esm',
    platform: 'node',
    // ESM builds first (jsonc-parser's `module`): smaller, and no UMD wrapper to evaluate.
    mainFields: ['module', 'main'],
    target: 'node20.19',
    minify: b.minify ?? true,
    external: b.external,
    legalComments: 'linked',
    chunkNames: 'chunk-[hash]',
    banner: b.banner,
    metafile: true,
    logLevel: 'warning',
  });
  if (b.commonjs) await toCommonJs(outdir, { minify: b.minify ?? true });
  if (showMeta) {
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      const inputs = Object.keys(out.inputs).map((i) => i.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''));
      console.log(`${file} ${(out.bytes / 1024).toFixed(1)} KiB: ${inputs.join(', ')}`);
    }
  }
}
