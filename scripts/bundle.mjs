#!/usr/bin/env node
// Bundles what ships to users, after `tsc -b` has type-checked everything and built core's dist:
//   packages/cli/dist: bin.js (tiny: compile cache, then loads the rest), index.js (main() for
//   programmatic use), scan-worker.js (worker threads), and chunks loaded on demand (history,
//   staged, SARIF and the other report formats, the hook installer, the tree walk). Core and the
//   small runtime dependencies are inlined: the published CLI has no dependencies.
// Usage: node scripts/bundle.mjs [--metafile]   (--metafile: print what each output holds)
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const showMeta = process.argv.includes('--metafile');

/** Node's own `require` for the CommonJS dependencies inlined into ESM output (fast-glob, picocolors, ...). */
const requireShim = "import { createRequire as __keyguardRequire } from 'node:module';\nconst require = __keyguardRequire(import.meta.url);";

/** Every bundle: the package folder, its entry points (relative to src/) and options of its own. */
export const BUNDLES = [
  {
    name: '@keyguard/cli',
    dir: 'packages/cli',
    entries: ['bin.ts', 'index.ts', 'scan-worker.ts'],
    banner: { js: requireShim },
  },
];

/** Removes the JavaScript a previous bundle left (chunk names change with their content); keeps .d.ts. */
function cleanJs(outdir) {
  let names = [];
  try {
    names = readdirSync(outdir);
  } catch {
    return;
  }
  for (const name of names) if (/\.js(\.map)?$/.test(name)) rmSync(join(outdir, name));
}

for (const b of BUNDLES) {
  const outdir = join(root, b.dir, 'dist');
  cleanJs(outdir);
  const result = await build({
    absWorkingDir: root,
    entryPoints: b.entries.map((e) => join(b.dir, 'src', e)),
    outdir,
    outbase: join(b.dir, 'src'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    minify: true,
    legalComments: 'linked',
    chunkNames: 'chunk-[hash]',
    banner: b.banner,
    metafile: true,
    logLevel: 'warning',
  });
  if (showMeta) {
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      const inputs = Object.keys(out.inputs).map((i) => i.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''));
      console.log(`${file} ${(out.bytes / 1024).toFixed(1)} KiB: ${inputs.join(', ')}`);
    }
  }
}
