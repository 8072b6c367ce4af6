// The Linux kernel source from Debian's linux-source-6.1 package, unpacked into the cache.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../measure.mjs';
import { CORPORA_DIR } from '../paths.mjs';
import { readMarker, treeStats, writeMarker } from './walk.mjs';

const TARBALL = '/usr/src/linux-source-6.1.tar.xz';
const DIR = join(CORPORA_DIR, 'kernel');
const VERSION = 1;

export function kernelReady() {
  return readMarker(DIR, VERSION);
}

/**
 * @param {{ log?: import('../types.mjs').Log }} [options]
 * @returns {Promise<import('../types.mjs').Marker>}
 */
export async function ensureKernel({ log = console.log } = {}) {
  const ready = kernelReady();
  if (ready) return ready;
  if (!existsSync(TARBALL)) {
    if (process.getuid?.() !== 0) throw new Error(`${TARBALL} missing: apt-get install linux-source-6.1 (needs root)`);
    log('  apt-get install -y linux-source-6.1 (about 140 MB)');
    await run('apt-get', ['install', '-y', '-q', 'linux-source-6.1'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: 1_200_000,
    });
  }
  // An earlier unpack may have finished without its marker (e.g. done by hand): reuse it.
  const existing = join(DIR, 'linux-source-6.1');
  if (!existsSync(existing)) {
    const tmp = `${DIR}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    log(`  unpacking ${TARBALL} into ${DIR} (a few minutes)`);
    await run('tar', ['-xJf', TARBALL, '-C', tmp], { timeoutMs: 1_800_000 });
    rmSync(DIR, { recursive: true, force: true });
    renameSync(tmp, DIR);
  }
  const unpacked = readdirSync(DIR).find((n) => n.startsWith('linux-source'));
  if (unpacked === undefined) throw new Error(`no linux-source folder in ${DIR}`);
  const root = join(DIR, unpacked);
  log('  counting kernel files');
  return writeMarker(DIR, { version: VERSION, name: 'kernel', root, source: 'Debian linux-source-6.1', ...treeStats(root) });
}
