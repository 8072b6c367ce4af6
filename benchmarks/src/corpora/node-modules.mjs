// A node_modules tree installed (npm ci --ignore-scripts) from the lockfile kept in benchmarks/corpora/node-modules.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../measure.mjs';
import { CORPORA_DIR, NODE_MODULES_LOCK_DIR } from '../paths.mjs';
import { readMarker, treeStats, writeMarker } from './walk.mjs';

const DIR = join(CORPORA_DIR, 'node-modules');

function lockHash() {
  return createHash('sha256').update(readFileSync(join(NODE_MODULES_LOCK_DIR, 'package-lock.json'))).digest('hex').slice(0, 16);
}

export function nodeModulesReady() {
  return readMarker(DIR, lockHash());
}

/**
 * @param {{ log?: import('../types.mjs').Log }} [options]
 * @returns {Promise<import('../types.mjs').Marker>}
 */
export async function ensureNodeModules({ log = console.log } = {}) {
  const version = lockHash();
  const ready = readMarker(DIR, version);
  if (ready) return ready;
  const tmp = `${DIR}.tmp`;
  if (!existsSync(join(tmp, 'node_modules/.package-lock.json'))) {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(NODE_MODULES_LOCK_DIR, f), join(tmp, f));
    log(`  npm ci --ignore-scripts in ${tmp}`);
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: tmp, timeoutMs: 900_000 });
  }
  rmSync(DIR, { recursive: true, force: true });
  renameSync(tmp, DIR);
  return writeMarker(DIR, { version, name: 'node-modules', root: DIR, source: 'npm ci of benchmarks/corpora/node-modules/package-lock.json', ...treeStats(DIR) });
}
