// Imports a TypeScript module of the workspace straight from its sources: bundled in memory by
// rolldown (no build of the workspace needed first), then loaded as a data: URL.
import { rolldown } from 'rolldown';

/** The module `entry` (an absolute path to a .ts file) exports. */
export async function importSource(entry) {
  const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
    return import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`);
  } finally {
    await bundle.close();
  }
}
