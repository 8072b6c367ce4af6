import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isInside, toPosix } from './paths.js';

/** Read in every folder walked, in this order (so .keyguardignore can re-include with `!`). */
export const IGNORE_FILES = ['.gitignore', '.keyguardignore'] as const;

/** One level of ignore rules: patterns relative to `base`. */
export interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

/** A layer from a list of gitignore-style patterns (the config file's `ignore`), relative to `base`. */
export function patternLayer(base: string, patterns: readonly string[]): IgnoreLayer {
  return { base, ig: ignore().add([...patterns]) };
}

/**
 * Is `abs` ignored by `layers` (outermost first)? Git's rule: the last layer with an opinion
 * wins, so a deeper `!pattern` re-includes what a shallower one excluded.
 */
export function isIgnoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    if (!isInside(abs, layer.base) || abs === layer.base) continue;
    const rel = toPosix(path.relative(layer.base, abs)) + (isDir ? '/' : '');
    let result: { ignored: boolean; unignored: boolean };
    try {
      result = layer.ig.test(rel);
    } catch {
      continue; // a name `ignore` refuses (e.g. `...`): no rule can be about it
    }
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

export async function readIgnoreLayer(dir: string, names: readonly string[] = IGNORE_FILES): Promise<IgnoreLayer | undefined> {
  let ig: Ignore | undefined;
  for (const name of names) {
    let text: string;
    try {
      text = await fs.readFile(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    ig ??= ignore();
    ig.add(text);
  }
  return ig === undefined ? undefined : { base: dir, ig };
}

/** Ignore files between the enclosing git work tree's root and `dir` (both excluded of `dir`). */
export async function ancestorLayers(dir: string, names: readonly string[] = IGNORE_FILES): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  let cur = path.dirname(dir);
  let found = existsSync(path.join(dir, '.git'));
  while (!found) {
    chain.push(cur);
    if (existsSync(path.join(cur, '.git'))) {
      found = true;
      break;
    }
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  if (!found) return [];
  const layers: IgnoreLayer[] = [];
  for (const d of chain.reverse()) {
    const layer = await readIgnoreLayer(d, names);
    if (layer !== undefined) layers.push(layer);
  }
  return layers;
}

/**
 * The rules for git modes (staged, history): only .keyguardignore files, from the work tree's
 * root down to `cwd` (a file git tracks is scanned whatever .gitignore says).
 */
export async function keyguardIgnoreLayers(cwd: string): Promise<IgnoreLayer[]> {
  const layers = await ancestorLayers(cwd, ['.keyguardignore']);
  const own = await readIgnoreLayer(cwd, ['.keyguardignore']);
  return own === undefined ? layers : [...layers, own];
}
