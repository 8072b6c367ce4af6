import path from 'node:path';
import type { Ignore } from 'ignore';
import type { IgnoreLayer } from './ignore-rules.js';
import { isInside, toPosix } from './paths.js';

/**
 * `isIgnoredBy(layers, path.join(dir, name), isDir)` for the entries of one folder, with each
 * layer's `path.relative` to `dir` worked out once instead of once per entry (the per-entry
 * `path.relative` was most of the walk's time). Undefined when no layer applies to `dir`.
 */
export function folderMatcher(layers: readonly IgnoreLayer[], dir: string): ((name: string, isDir: boolean) => boolean) | undefined {
  const applicable: { prefix: string; ig: Ignore }[] = [];
  for (const layer of layers) {
    // A layer based below `dir` has nothing to say about `dir`'s entries (isIgnoredBy skips
    // a path outside its base and the base itself).
    if (!isInside(dir, layer.base)) continue;
    const rel = toPosix(path.relative(layer.base, dir));
    applicable.push({ prefix: rel === '' ? '' : `${rel}/`, ig: layer.ig });
  }
  if (applicable.length === 0) return undefined;
  return (name, isDir) => {
    // Git's rule, as in isIgnoredBy: the last layer with an opinion wins.
    let ignored = false;
    for (const { prefix, ig } of applicable) {
      let result: { ignored: boolean; unignored: boolean };
      try {
        result = ig.test(prefix + name + (isDir ? '/' : ''));
      } catch {
        continue; // a name `ignore` refuses (e.g. `...`): no rule can be about it
      }
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  };
}
