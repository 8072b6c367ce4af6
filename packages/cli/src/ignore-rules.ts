import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { UsageError } from './exit-codes.js';
import { OWN_FILE_LIMITS, OwnFileError, readOwnFile } from './own-files.js';
import { isInside, toPosix } from './paths.js';

/** Read in every folder walked, in this order (so .keyguardignore can re-include with `!`). */
export const IGNORE_FILES = ['.gitignore', '.keyguardignore'] as const;

/** One level of ignore rules: patterns relative to `base`. */
export interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

/** A layer from a list of gitignore-style patterns (the config file's `ignore`), relative to `base`. */
let makeIgnore: (() => Ignore) | undefined;
/** A new matcher; the `ignore` library is loaded the first time one is needed (not on every run). */
async function newIgnore(): Promise<Ignore> {
  makeIgnore ??= (await import('ignore')).default;
  return makeIgnore();
}

export async function patternLayer(base: string, patterns: readonly string[]): Promise<IgnoreLayer> {
  return { base, ig: (await newIgnore()).add([...patterns]) };
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

/**
 * What to do with an ignore file that exists but cannot be used (a FIFO, a device, too large):
 * the walk lists one inside the scanned tree as skipped; anywhere else it is a usage error.
 */
export type BadIgnoreFile = (error: OwnFileError) => void;

const refuse: BadIgnoreFile = (error) => {
  throw new UsageError(`ignore file ${error.file}: ${error.reason}`);
};

export async function readIgnoreLayer(dir: string, names: readonly string[] = IGNORE_FILES, onBad: BadIgnoreFile = refuse): Promise<IgnoreLayer | undefined> {
  return readLayerFiles(dir, names.map((name) => path.join(dir, name)), onBad);
}

/** One layer based at `base` from the files that exist among `files` (in order: later ones win). */
async function readLayerFiles(base: string, files: readonly string[], onBad: BadIgnoreFile): Promise<IgnoreLayer | undefined> {
  let ig: Ignore | undefined;
  for (const file of files) {
    let text: string | undefined;
    try {
      text = readOwnFile(file, OWN_FILE_LIMITS.ignore);
    } catch (error) {
      if (!(error instanceof OwnFileError)) throw error;
      onBad(error);
      continue;
    }
    if (text === undefined) continue;
    ig ??= await newIgnore();
    ig.add(text);
  }
  return ig === undefined ? undefined : { base, ig };
}

/** The ignore files a folder holds that apply: `.gitignore` only inside a git work tree (as ripgrep). */
export function ignoreFilesFor(inWorkTree: boolean): readonly string[] {
  return inWorkTree ? IGNORE_FILES : ['.keyguardignore'];
}

/** Where git's global excludes live: `core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore`. */
export type GlobalExcludes = () => string | undefined;

/**
 * The layers a work tree's root adds before its own `.gitignore`: git's global excludes, then
 * `.git/info/exclude` (git's precedence: each later source wins).
 */
export async function repositoryLayers(root: string, globalExcludes: GlobalExcludes, onBad: BadIgnoreFile = refuse): Promise<IgnoreLayer[]> {
  const global = globalExcludes();
  // Global patterns first: the later layer (.git/info/exclude) has the last word, as in git.
  return [
    global === undefined ? undefined : await readLayerFiles(root, [global], refuse), // never inside the scanned tree
    await readLayerFiles(root, [path.join(root, '.git', 'info', 'exclude')], onBad),
  ].filter((l): l is IgnoreLayer => l !== undefined);
}

/**
 * The layers above `dir` (excluded): `.keyguardignore` files from the file system's root down,
 * and inside a git work tree its global and repository excludes and `.gitignore` files from the
 * work tree's root down. `inWorkTree`: whether `dir` is in one.
 */
export async function ancestorLayers(
  dir: string,
  globalExcludes: GlobalExcludes,
  names: readonly string[] = IGNORE_FILES,
): Promise<{ layers: IgnoreLayer[]; inWorkTree: boolean }> {
  const chain: string[] = [];
  for (let cur = path.dirname(dir); ; ) {
    chain.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  chain.reverse();
  const gitRoot = [dir, ...[...chain].reverse()].find((d) => existsSync(path.join(d, '.git')));
  const layers: IgnoreLayer[] = [];
  for (const d of chain) {
    const inWorkTree = gitRoot !== undefined && isInside(d, gitRoot);
    if (d === gitRoot && names.includes('.gitignore')) layers.push(...(await repositoryLayers(d, globalExcludes)));
    const layer = await readIgnoreLayer(d, names.filter((n) => inWorkTree || n !== '.gitignore'));
    if (layer !== undefined) layers.push(layer);
  }
  return { layers, inWorkTree: gitRoot !== undefined };
}

/**
 * The rules for git modes (staged, history): only .keyguardignore files, from the work tree's
 * root down to `cwd` (a file git tracks is scanned whatever .gitignore says).
 */
export async function keyguardIgnoreLayers(cwd: string): Promise<IgnoreLayer[]> {
  const { layers } = await ancestorLayers(cwd, () => undefined, ['.keyguardignore']);
  const own = await readIgnoreLayer(cwd, ['.keyguardignore']);
  return own === undefined ? layers : [...layers, own];
}
