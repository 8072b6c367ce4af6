// Generated single files for the constant-memory figure: real source text repeated to 2 GiB (quick:
// 128 MiB) with a key planted every ~64 MiB, plus a 1 MiB file from the same text.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CORPORA_DIR } from '../paths.mjs';
import { FORMS, wrap } from './keys.mjs';
import { pickSources, prng, readText } from './sources.mjs';

export const BIG_SIZES = { quick: 64 * 2 ** 20, full: 2 * 2 ** 30 };
const SMALL = 2 ** 20;

/**
 * @param {string} path
 * @param {number} bytes
 * @param {import('../types.mjs').Log} [log]
 * @returns {{ path: string, bytes: number }}
 */
function write(path, bytes, log) {
  if (existsSync(path) && statSync(path).size >= bytes) return { path, bytes: statSync(path).size };
  mkdirSync(CORPORA_DIR, { recursive: true });
  log?.(`  writing ${(bytes / 2 ** 20).toFixed(0)} MiB to ${path}`);
  const { files } = pickSources(400, 3);
  const block = Buffer.from(
    files
      .map((f) => readText(f.abs))
      .filter(Boolean)
      .join('\n')
      .slice(0, 8 * 2 ** 20),
  );
  const legacy = FORMS.find((f) => f.id === 'cs-legacy');
  if (!legacy) throw new Error('keys.mjs has no cs-legacy form');
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const take = Math.min(block.length, bytes - written);
    writeSync(fd, block, 0, take);
    written += take;
    if (written % (64 * 2 ** 20) < block.length && written < bytes) {
      const line = Buffer.from(`\n${wrap('c', legacy.make(`big-${n}`, `kgbig${n}`, prng(n)), `big${n}`)}\n`);
      writeSync(fd, line);
      written += line.length;
      n++;
    }
  }
  closeSync(fd);
  renameSync(tmp, path);
  return { path, bytes: written };
}

/** @param {'quick' | 'full'} size */
export function bigFilesReady(size) {
  const p = join(CORPORA_DIR, `big-${size}.c`);
  return existsSync(p) && statSync(p).size >= BIG_SIZES[size] && existsSync(join(CORPORA_DIR, 'small-1mib.c')) ? { path: p } : undefined;
}

/**
 * @param {'quick' | 'full'} size
 * @param {{ log?: import('../types.mjs').Log }} [options]
 */
export function ensureBigFiles(size, { log = console.log } = {}) {
  return {
    big: write(join(CORPORA_DIR, `big-${size}.c`), BIG_SIZES[size], log),
    small: write(join(CORPORA_DIR, 'small-1mib.c'), SMALL, log),
  };
}
