import { existsSync } from 'node:fs';
import path from 'node:path';

/** `\` to `/`, for output that must be `/`-separated whatever the platform. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Does a `path.relative` result leave its base? (`..x` is a name, not a way up.) */
function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/**
 * How a path is shown in every report: relative to `cwd` when under it, else absolute;
 * always `/`-separated.
 */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  if (rel === '') return '.';
  if (isOutside(rel)) return toPosix(absolute);
  return toPosix(rel);
}

/** Is `child` the same as or inside `parent` (both absolute)? */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || !isOutside(rel);
}

/**
 * The git work tree `dir` is in (the nearest folder holding `.git`, a folder or a worktree's
 * file), or undefined outside one. No git process: this runs on every scan.
 */
export function findWorkTreeRoot(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(cur, '.git'))) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/**
 * Where SARIF and `github` annotations locate a reported path (`/`-separated, relative to `cwd`
 * or absolute): relative to the work tree's root when it lies inside one, so code scanning maps
 * it whatever folder the scan ran from; else relative to `cwd` when under it; else absolute.
 */
export function rootRelative(reported: string, cwd: string, workTreeRoot: string | undefined): { base: 'root' | 'cwd' | 'none'; path: string } {
  const abs = path.resolve(cwd, reported);
  if (workTreeRoot !== undefined && isInside(abs, workTreeRoot)) return { base: 'root', path: toPosix(path.relative(workTreeRoot, abs)) };
  if (isInside(abs, cwd)) return { base: 'cwd', path: toPosix(path.relative(cwd, abs)) };
  return { base: 'none', path: toPosix(abs) };
}
