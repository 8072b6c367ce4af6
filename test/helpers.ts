import { REPO_ROOT, type RunResult, run as runProcess, tempDir } from '@keyguard/test-kit';
import { resolve } from 'node:path';

export { CLI_BIN as cliBin, REPO_ROOT as repoRoot, type RunResult } from '@keyguard/test-kit';
const repoRoot = REPO_ROOT;
export const publishedPackages = ['core', 'cli', 'eslint-plugin'] as const;

/**
 * Runs a command (in the repository by default) and resolves with its exit code and output,
 * whatever the code: a child that did not exit (timeout, signal) resolves with code 99.
 */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<RunResult> {
  const opts: Parameters<typeof runProcess>[2] = { cwd: options.cwd ?? repoRoot, timeoutMs: options.timeout ?? 120_000 };
  if (options.env !== undefined) opts.env = options.env;
  return runProcess(command, args, opts).catch((error: unknown) => ({ code: 99, stdout: '', stderr: String((error as Error).message) }));
}

// Packing helpers (imports are hoisted: this one sits with the code that uses it).
import { mkdirSync, readdirSync } from 'node:fs';

/**
 * Packs one published package with `pnpm pack` into `destination` (created if missing) and
 * returns the tarball's path: what `npm publish` would upload.
 */
export async function packPackage(name: (typeof publishedPackages)[number], destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  const before = new Set(readdirSync(destination));
  const packed = await run('pnpm', ['pack', '--pack-destination', destination], { cwd: resolve(repoRoot, 'packages', name) });
  if (packed.code !== 0) throw new Error(`pnpm pack failed in packages/${name}:\n${packed.stderr}`);
  const made = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
  if (made.length !== 1) throw new Error(`pnpm pack in packages/${name} made ${made.length} tarballs`);
  return resolve(destination, made[0]!);
}

/** Unpacks a package tarball into `dir` (created if missing), without its `package/` prefix. */
export async function unpackTarball(tarball: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const unpacked = await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  if (unpacked.code !== 0) throw new Error(`tar failed on ${tarball}:\n${unpacked.stderr}`);
}

/** How a strict TypeScript consumer compiles against the packed packages (declarations included). */
export const CONSUMER_COMPILER_OPTIONS = {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
} as const;

// Clones and releases (imports are hoisted: these sit with the code that uses them).
import { existsSync, writeFileSync } from 'node:fs';

/** A new temporary folder (the kit's: its real path). */
export const tempFolder = (prefix: string): string => tempDir(prefix);

/**
 * An environment for git and pnpm in a clone of this repository made under `parent`: without
 * git's own variables (GIT_DIR and friends, set when the tests run inside a git hook), without the
 * user's and the system's git config (commit signing, hooks, templates: an empty global config in
 * `parent`, not /dev/null, which a careless write could replace), with a fixed identity for commits.
 */
export function cloneEnv(parent: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^GIT_/.test(k)) delete env[k];
  const gitConfig = resolve(parent, 'empty.gitconfig');
  if (!existsSync(gitConfig)) writeFileSync(gitConfig, '');
  return {
    ...env,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'keyguard release test',
    GIT_AUTHOR_EMAIL: 'release@example.test',
    GIT_COMMITTER_NAME: 'keyguard release test',
    GIT_COMMITTER_EMAIL: 'release@example.test',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

async function mustRun(parent: string, command: string, args: string[], cwd: string, timeout = 300_000): Promise<RunResult> {
  const result = await run(command, args, { cwd, env: cloneEnv(parent), timeout });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * Clones this checkout's HEAD into `<parent>/keyguard` (`git clone --local`: the committed state,
 * whatever the working tree holds besides) and installs its dependencies from the pnpm store:
 * offline, or from the registry when the store lacks something. Returns the clone's path.
 */
export async function cloneAndInstall(parent: string): Promise<string> {
  const dir = resolve(parent, 'keyguard');
  await mustRun(parent, 'git', ['clone', '-q', '--local', repoRoot, dir], parent);
  const offline = await run('pnpm', ['install', '--frozen-lockfile', '--offline'], { cwd: dir, env: cloneEnv(parent), timeout: 300_000 });
  if (offline.code !== 0) await mustRun(parent, 'pnpm', ['install', '--frozen-lockfile'], dir);
  return dir;
}

/**
 * A release as the maintainers make one, in a clone of this checkout (see cloneAndInstall):
 * `node scripts/release-commit.mjs <tag>` builds and tags a commit holding the bundle. The clone
 * then serves as the repository users fetch the tag from. Returns its path and the tag's commit.
 */
export async function makeRelease(parent: string, tag: string): Promise<{ mirror: string; commit: string; head: string; stdout: string }> {
  const mirror = await cloneAndInstall(parent);
  const released = await mustRun(parent, process.execPath, ['scripts/release-commit.mjs', tag], mirror);
  const commit = (await mustRun(parent, 'git', ['rev-parse', `${tag}^{commit}`], mirror)).stdout.trim();
  const head = (await mustRun(parent, 'git', ['rev-parse', 'HEAD'], mirror)).stdout.trim();
  return { mirror, commit, head, stdout: released.stdout };
}
