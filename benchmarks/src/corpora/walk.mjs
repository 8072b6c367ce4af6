// File listing shared by corpus scripts (no symlinks followed), and the cache's "done" markers.
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
/** @import { ListedFile, Marker } from '../types.mjs' */

/**
 * Every regular file under root: [{ path (relative), size }].
 * @param {string} root
 * @returns {ListedFile[]}
 */
export function listFiles(root) {
  /** @type {ListedFile[]} */
  const out = [];
  const stack = [''];
  /** @type {string | undefined} */
  let rel;
  while ((rel = stack.pop()) !== undefined) {
    for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) stack.push(p);
      else if (d.isFile()) out.push({ path: p, size: lstatSync(join(root, p)).size });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** @param {string} root */
export function treeStats(root) {
  const files = listFiles(root);
  return { files: files.length, bytes: files.reduce((s, f) => s + f.size, 0) };
}

/**
 * A prepared corpus writes `<dir>/.keyguard-bench.json`; its presence (and matching version) means "ready".
 * @param {string} dir
 * @param {number | string} version
 * @returns {Marker | undefined}
 */
export function readMarker(dir, version) {
  const p = join(dir, '.keyguard-bench.json');
  if (!existsSync(p)) return undefined;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8'));
    return m.version === version ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @template {Marker} T
 * @param {string} dir
 * @param {T} data
 * @returns {T}
 */
export function writeMarker(dir, data) {
  writeFileSync(join(dir, '.keyguard-bench.json'), JSON.stringify({ ...data, preparedAt: new Date().toISOString() }, null, 2));
  return data;
}

export { relative };
