import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '../exit-codes.js';

/** Config that must not change what plumbing prints, whatever the user's settings. */
const SAFE_CONFIG = ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/** Turns a spawn error (git missing, cwd missing) into a one-line usage error. */
export function spawnFailure(err: NodeJS.ErrnoException, cwd: string): UsageError {
  if (err.code === 'ENOENT') {
    return new UsageError('git was not found on PATH: install git to use --staged, --history or hook');
  }
  return new UsageError(`could not run git in ${cwd}: ${err.message}`);
}

/** Runs git to completion and returns its output; never throws on a non-zero exit. */
export function git(args: string[], cwd: string, input?: string, env?: Readonly<Record<string, string>>): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      // No stdin pipe unless there is input: every pipe costs the spawn a little.
      child = spawn('git', [...SAFE_CONFIG, ...args], { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: env === undefined ? undefined : { ...process.env, ...env } });
    } catch (err) {
      reject(spawnFailure(err as NodeJS.ErrnoException, cwd));
      return;
    }
    const out: Buffer[] = [];
    const errs: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => errs.push(c));
    child.stdin?.on('error', () => {});
    child.on('error', (err) => reject(spawnFailure(err, cwd)));
    child.on('close', (code) => {
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(errs).toString('utf8'), code: code ?? 1 });
    });
    child.stdin?.end(input);
  });
}

/** Runs git and returns stdout, or throws a one-line UsageError naming the failed command. */
export async function gitOk(args: string[], cwd: string, what: string): Promise<Buffer> {
  const r = await git(args, cwd);
  if (r.code !== 0) {
    const detail = firstLine(r.stderr).replace(/^(fatal|error): /, '');
    throw new UsageError(`${what} failed${detail ? `: ${detail}` : ` (git exit ${r.code})`}`);
  }
  return r.stdout;
}

export interface RepoInfo {
  /** The work tree's top level, as git prints it (a bare repository: its git folder). */
  toplevel: string;
  /** cwd relative to the top level, `/`-separated, '' at the top, else ending in '/'. */
  prefix: string;
  /** The object id length (40 for SHA-1, 64 for SHA-256). */
  hexLength: number;
  /** HEAD's commit id, or undefined before the first commit. */
  head: string | undefined;
  /** A bare repository (only --history can work there). */
  bare: boolean;
  /** A shallow clone: history stops at its grafted boundary commits. */
  shallow: boolean;
  /** The folder holding objects and config, shared by every worktree (absolute). */
  commonDir: string;
}

/**
 * Describes the repository cwd is in; one-line error when there is none. A bare repository is
 * accepted only when `allowBare` (history needs no work tree; --staged does). One git process in
 * the common case (a work tree with commits): every process costs a pre-commit hook milliseconds.
 */
export async function repoInfo(cwd: string, { allowBare = false }: { allowBare?: boolean } = {}): Promise<RepoInfo> {
  const flags = ['rev-parse', '--is-bare-repository', '--is-inside-work-tree', '--is-shallow-repository', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir'];
  let withTop = true; // a bare repository refuses --show-toplevel
  let withHead = true; // an unborn HEAD makes the whole command fail
  let r: GitResult;
  for (;;) {
    r = await git([...flags, ...(withTop ? ['--show-toplevel', '--show-prefix'] : []), ...(withHead ? ['HEAD^{commit}'] : [])], cwd);
    if (r.code === 0) break;
    if (withTop && /must be run in a work tree/i.test(r.stderr)) withTop = false;
    else if (withHead && /HEAD\^\{commit\}|unknown revision|ambiguous argument/i.test(r.stderr)) withHead = false;
    else break;
  }
  if (r.code !== 0) {
    if (/not a git repository/i.test(r.stderr)) throw new UsageError(`not a git repository: ${cwd}`);
    throw new UsageError(`git rev-parse failed: ${firstLine(r.stderr) || `exit ${r.code}`}`);
  }
  const lines = r.stdout.toString('utf8').split('\n');
  const [bareFlag, insideFlag, shallowFlag, gitDir, commonDir] = lines;
  const top = withTop ? lines[5] : undefined;
  const prefixLine = withTop ? lines[6] : undefined;
  const head = withHead ? lines[withTop ? 7 : 5]?.trim() || undefined : undefined;
  const bare = bareFlag === 'true';
  if (bare && !allowBare) throw new UsageError(`not inside a git work tree (a bare repository): ${cwd}`);
  if (!bare && insideFlag !== 'true') throw new UsageError(`not inside a git work tree: ${cwd}`);
  const toplevel = (bare ? gitDir : top) ?? cwd;
  const prefix = bare ? '' : (prefixLine ?? '');
  let hexLength = head?.length ?? 0;
  if (hexLength === 0) {
    const e = await git(['hash-object', '-t', 'tree', '--stdin'], cwd, '');
    hexLength = e.stdout.toString('utf8').trim().length || 40;
  }
  return { toplevel, prefix, hexLength, head, bare, shallow: shallowFlag === 'true', commonDir: resolve(cwd, commonDir ?? gitDir ?? '.git') };
}

/** The id of the empty tree in this repository's hash algorithm. */
export async function emptyTree(cwd: string): Promise<string> {
  const out = await gitOk(['hash-object', '-t', 'tree', '--stdin'], cwd, 'git hash-object');
  return out.toString('utf8').trim();
}

/** Starts git with the same safe config as `git()`, for output read as a stream. */
export function gitSpawn(args: string[], cwd: string, env?: Readonly<Record<string, string>>): ChildProcessWithoutNullStreams {
  try {
    return spawn('git', [...SAFE_CONFIG, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: env === undefined ? undefined : { ...process.env, ...env } });
  } catch (err) {
    throw spawnFailure(err as NodeJS.ErrnoException, cwd);
  }
}
