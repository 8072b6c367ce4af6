// Real source files to build derived corpora from: the kernel and node_modules corpora when they are
// prepared, else (quick runs on a fresh machine) the workspace's own node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from '../paths.mjs';
import { kernelReady } from './kernel.mjs';
import { nodeModulesReady } from './node-modules.mjs';
import { listFiles } from './walk.mjs';
/** @import { ListedFile, SourceFile } from '../types.mjs' */

const TEXT_EXT = /\.(c|h|S|rs|py|sh|pl|js|mjs|cjs|ts|mts|cts|jsx|tsx|json|md|rst|txt|ya?ml|toml|dts|dtsi)$/;

/**
 * Deterministic PRNG (mulberry32).
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sourceRoots() {
  /** @type {{ name: string, root: string }[]} */
  const roots = [];
  const k = kernelReady();
  if (k) roots.push({ name: 'kernel', root: k.root });
  const n = nodeModulesReady();
  if (n) roots.push({ name: 'node-modules', root: join(n.root, 'node_modules') });
  if (roots.length === 0 && existsSync(join(REPO_DIR, 'node_modules/.pnpm'))) {
    roots.push({ name: 'workspace-node_modules', root: join(REPO_DIR, 'node_modules/.pnpm') });
  }
  return roots;
}

/** @type {Map<string, ListedFile[]>} */
const listCache = new Map();
/** @param {string} root */
function textFiles(root) {
  let files = listCache.get(root);
  if (!files) {
    files = listFiles(root).filter((f) => TEXT_EXT.test(f.path) && f.size >= 512 && f.size <= 256 * 1024);
    listCache.set(root, files);
  }
  return files;
}

/**
 * `count` distinct text files spread over the available roots: [{ origin, abs, path, size }].
 * @param {number} count
 * @param {number} [seed]
 */
export function pickSources(count, seed = 1) {
  const roots = sourceRoots();
  if (roots.length === 0) throw new Error('no source corpus available (prepare kernel or node-modules)');
  const rand = prng(seed);
  /** @type {SourceFile[]} */
  const out = [];
  roots.forEach((r, i) => {
    const want = Math.ceil(count / roots.length) - (i === roots.length - 1 ? roots.length * Math.ceil(count / roots.length) - count : 0);
    const files = textFiles(r.root);
    /** @type {Set<number>} */
    const chosen = new Set();
    while (chosen.size < Math.min(want, files.length)) chosen.add(Math.floor(rand() * files.length));
    for (const idx of [...chosen].sort((a, b) => a - b)) {
      const f = files[idx];
      out.push({ origin: r.name, abs: join(r.root, f.path), path: `${r.name}/${f.path}`, size: f.size });
    }
  });
  return { roots: roots.map((r) => r.name), files: out };
}

/**
 * The file's text, or undefined when it looks binary.
 * @param {string} abs
 */
export function readText(abs) {
  const buf = readFileSync(abs);
  if (buf.subarray(0, 8000).includes(0)) return undefined;
  return buf.toString('utf8');
}
