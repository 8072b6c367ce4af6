// Imports a TypeScript module of the workspace straight from its sources: bundled in memory by
// esbuild (no build of the workspace needed first), then loaded as a data: URL.
import { build } from 'esbuild';

/** The module `entry` (an absolute path to a .ts file) exports. */
export async function importSource(entry) {
  const bundled = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
}
