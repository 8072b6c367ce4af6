import { access } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './exit-codes.js';

/**
 * Expands glob arguments (`keyguard scan 'src/**\/*.ts'`, quoted so the shell leaves them) with
 * fast-glob, as secretlint users expect. A glob selects entries that are not folders; its
 * matches are then scanned as if named (like a shell's expansion). An argument that exists as
 * written is a path, never a pattern; a pattern matching nothing is a usage error.
 */
export async function expandGlobArgs(paths: readonly string[], cwd: string, followSymlinks: boolean): Promise<string[]> {
  // fast-glob and its dependencies take ~30 ms to load: only for arguments that may be patterns.
  if (!paths.some((arg) => MAYBE_GLOB.test(arg))) return [...paths];
  const { default: fg } = await import('fast-glob');
  const expanded: string[] = [];
  for (const arg of paths) {
    if (!fg.isDynamicPattern(arg) || (await exists(path.resolve(cwd, arg)))) {
      expanded.push(arg);
      continue;
    }
    const entries = await fg(arg.replaceAll('\\', '/'), {
      cwd,
      dot: true,
      onlyFiles: false,
      objectMode: true,
      followSymbolicLinks: followSymlinks,
      ignore: ['**/.git/**'],
    });
    const matches = entries.filter((entry) => !entry.dirent.isDirectory()).map((entry) => entry.path);
    if (matches.length === 0) throw new UsageError(`no files match ${arg}`);
    expanded.push(...matches.sort());
  }
  return expanded;
}

/** Every pattern fast-glob calls dynamic has one of these (extglobs too: `@(`, `+(`). */
const MAYBE_GLOB = /[*?[\]{}()!]/;

async function exists(abs: string): Promise<boolean> {
  try {
    await access(abs);
    return true;
  } catch {
    return false;
  }
}
