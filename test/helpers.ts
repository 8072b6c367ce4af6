import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cliBin = resolve(repoRoot, 'packages/cli/dist/bin.js');
export const publishedPackages = ['core', 'cli', 'eslint-plugin'] as const;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command and resolves with its exit code and output, whatever the code. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, timeout: options.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 99;
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
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
