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
