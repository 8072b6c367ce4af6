import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RepoInfo } from './exec.js';
import { readOwnFile } from '../own-files.js';

/** What a scan of the index needs to know of the repository: where it is and where cwd is in it. */
export type WorkTreeInfo = Pick<RepoInfo, 'toplevel' | 'prefix' | 'commonDir' | 'bare'>;

/**
 * Variables that move git's repository, work tree or configuration away from what the folders
 * say (`git -c` passes its settings down as GIT_CONFIG_PARAMETERS): with any of them set, only
 * git can tell.
 */
const RELOCATING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
] as const;

/**
 * Settings that make the work tree something else than the folder holding `.git`, or the
 * repository something this reading does not know (another hash, the reftable, includes).
 */
const RELOCATING_KEYS = new Set(['worktree', 'objectformat', 'refstorage', 'worktreeconfig']);

/** A small file's text, or undefined (absent, unreadable, not a regular file, too big; a FIFO never blocks). */
function smallText(file: string, max = 64 * 1024): string | undefined {
  try {
    return readOwnFile(file, max);
  } catch {
    return undefined;
  }
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** True when the repository's config holds nothing that moves the work tree or changes the format. */
function plainConfig(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      if (/^\[\s*include/i.test(line)) return false;
      continue;
    }
    const eq = line.indexOf('=');
    const key = (eq === -1 ? line : line.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? 'true' : line.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (RELOCATING_KEYS.has(key)) return false;
    if (key === 'bare' && !/^(?:false|no|off|0)$/i.test(value)) return false;
  }
  return true;
}

/**
 * The work tree `cwd` is in, found the way git finds it (the nearest `.git` folder or
 * `gitdir:` file above cwd, on the same file system), without starting git: a pre-commit hook
 * pays for every process. Undefined whenever git could see it differently (a relocating
 * variable or setting, a bare repository, cwd inside the git folder, a `.git` that is a link or
 * does not hold a repository, a file-system boundary, no `.git` at all): the caller then asks
 * `git rev-parse`, which also words the errors.
 */
export function findWorkTree(cwd: string, env: Readonly<Record<string, string | undefined>>): WorkTreeInfo | undefined {
  if (RELOCATING_VARIABLES.some((name) => (env[name] ?? '') !== '')) return undefined;
  let dir: string;
  let device: number;
  try {
    dir = realpathSync(cwd);
    device = statSync(dir).dev;
  } catch {
    return undefined;
  }
  const start = dir;
  let gitDir: string | undefined;
  for (;;) {
    const dotGit = join(dir, '.git');
    let stat;
    try {
      stat = lstatSync(dotGit);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) gitDir = dotGit;
    else if (stat?.isFile()) {
      const m = /^gitdir: (.+?)\r?\n?$/.exec(smallText(dotGit, 4096) ?? '');
      if (m === null) return undefined;
      gitDir = resolve(dir, m[1]!);
    } else if (stat !== undefined) return undefined; // a link or something stranger
    if (gitDir !== undefined) break;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    try {
      if (statSync(parent).dev !== device) return undefined;
    } catch {
      return undefined;
    }
    dir = parent;
  }
  if (start === gitDir || start.startsWith(gitDir + sep)) return undefined;
  const commonText = smallText(join(gitDir, 'commondir'), 4096);
  const commonDir = commonText === undefined ? gitDir : resolve(gitDir, commonText.trim());
  // What git checks before it accepts a folder as a repository.
  if (!isDir(join(commonDir, 'objects')) || !isDir(join(commonDir, 'refs'))) return undefined;
  const head = smallText(join(gitDir, 'HEAD'), 4096);
  if (head === undefined || !/^(?:ref: refs\/\S+|[0-9a-f]{40})\r?\n?$/.test(head)) return undefined;
  const config = smallText(join(commonDir, 'config'));
  if (config === undefined || !plainConfig(config)) return undefined;
  if (gitDir !== commonDir && smallText(join(gitDir, 'config.worktree')) !== undefined) return undefined;
  const rel = relative(dir, start);
  return { toplevel: dir, prefix: rel === '' ? '' : `${rel.split(sep).join('/')}/`, commonDir, bare: false };
}
