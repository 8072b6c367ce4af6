import { realpathSync } from 'node:fs';
import { isAbsolute, relative as nativeRelative, posix, sep } from 'node:path';
import { UsageError } from '../exit-codes.js';
import type { RepoInfo } from './exec.js';

/** A repository path (relative to the top level) as the user sees it: relative to cwd when under it, else absolute. */
export function reportedPath(repoPath: string, info: Pick<RepoInfo, 'toplevel' | 'prefix'>): string {
  const rel = posix.relative(`/${info.prefix}`, `/${repoPath}`);
  if (rel === '..' || rel.startsWith('../')) return `${info.toplevel.replace(/\/+$/, '')}/${repoPath}`;
  return rel;
}

/** A user-given path (relative to cwd or absolute) as a path relative to the repository's top level. */
export function repoPathOf(userPath: string, info: Pick<RepoInfo, 'toplevel' | 'prefix'>, cwd: string): string {
  const toPosix = (p: string): string => p.split(sep).join('/');
  const climbs = (p: string): boolean => p === '..' || p.startsWith(`..${sep}`) || isAbsolute(p);
  let rel: string | undefined;
  if (!isAbsolute(userPath)) {
    rel = posix.join(info.prefix, toPosix(userPath));
  } else {
    const fromTop = nativeRelative(info.toplevel, userPath);
    const fromCwd = nativeRelative(cwd, userPath);
    if (!climbs(fromTop)) rel = toPosix(fromTop);
    else if (!climbs(fromCwd)) rel = posix.join(info.prefix, toPosix(fromCwd));
    else {
      // Symlinked directories (macOS /tmp): compare real paths.
      try {
        const real = nativeRelative(realpathSync(info.toplevel), realpathSync(userPath));
        if (!climbs(real)) rel = toPosix(real);
      } catch {
        // a path that does not exist on disk: fall through
      }
    }
  }
  if (rel === undefined) throw new UsageError(`path is outside the repository: ${userPath}`);
  rel = posix.normalize(rel).replace(/\/+$/, '');
  if (rel === '.') rel = '';
  if (rel === '..' || rel.startsWith('../')) throw new UsageError(`path is outside the repository: ${userPath}`);
  return rel;
}

/**
 * A matcher for a set of path filters (repository-relative, '' = everything): returns the filters
 * `repoPath` equals or lies under, in time proportional to its depth, however many filters.
 */
export function filterMatcher(filters: readonly string[]): (repoPath: string) => string[] {
  const set = new Set(filters);
  return (repoPath) => {
    const hits: string[] = [];
    if (set.has('')) hits.push('');
    let at = repoPath.indexOf('/');
    while (at !== -1) {
      const dir = repoPath.slice(0, at);
      if (set.has(dir)) hits.push(dir);
      at = repoPath.indexOf('/', at + 1);
    }
    if (set.has(repoPath)) hits.push(repoPath);
    return hits;
  };
}

/** Does `repoPath` equal one of the `filters` or lie under one of them ('' = everything)? */
export function matchesFilter(repoPath: string, filters: readonly string[]): boolean {
  return filters.some((f) => f === '' || repoPath === f || repoPath.startsWith(`${f}/`));
}

/** A raw diff record from `git diff-index`/`git log --raw` with -z. */
export interface RawEntry {
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  /** A, M, D, T, U, R (with score), C. */
  status: string;
  path: string;
  /** Renames and copies: the source path. */
  srcPath?: string;
}

/** Parses a `:meta` token and the path tokens after it; returns the entry and how many tokens it used. */
export function parseRaw(tokens: readonly string[], at: number): { entry: RawEntry; used: number } | undefined {
  const meta = tokens[at];
  if (meta === undefined || !meta.startsWith(':')) return undefined;
  const [oldMode, newMode, oldOid, newOid, status] = meta.slice(1).split(' ');
  if (oldMode === undefined || newMode === undefined || oldOid === undefined || newOid === undefined || status === undefined) {
    return undefined;
  }
  const two = status.startsWith('R') || status.startsWith('C');
  const first = tokens[at + 1] ?? '';
  if (two) {
    const second = tokens[at + 2] ?? '';
    return { entry: { oldMode, newMode, oldOid, newOid, status, path: second, srcPath: first }, used: 3 };
  }
  return { entry: { oldMode, newMode, oldOid, newOid, status, path: first }, used: 2 };
}

export const GITLINK_MODE = '160000';

export const isNullOid = (oid: string): boolean => /^0+$/.test(oid);

/** Blobs up to this size are read whole and scanned in one synchronous call (most files of a commit). */
export const IN_MEMORY_LIMIT = 8 * 1024 * 1024;
