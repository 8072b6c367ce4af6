import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { JsonReport } from '../src/report/types.js';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
export const BIN = path.join(PACKAGE_DIR, 'dist', 'bin.js');

/**
 * The e2e tests run the shipped bundle (dist/bin.js and its chunks, core inlined): refuse to
 * test one older than any source file of the CLI or of core.
 */
export function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error('packages/cli/dist/bin.js is missing: run `pnpm run build` first');
  const built = statSync(BIN).mtimeMs;
  const check = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) check(file);
      else if (e.name.endsWith('.ts') && statSync(file).mtimeMs > built + 1000) {
        throw new Error(`packages/cli/dist/bin.js is older than ${path.relative(REPO_ROOT, file)}: run \`pnpm run build\` first`);
      }
    }
  };
  check(path.join(PACKAGE_DIR, 'src'));
  check(path.join(REPO_ROOT, 'packages/core/src'));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Environment without colour or CI settings from the test runner's own shell. */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'KEYGUARD_DEBUG', 'GITHUB_ACTIONS']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs `node dist/bin.js ...args` as a user would. */
export function run(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: cleanEnv(options.env), maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`keyguard did not exit normally (${error.signal ?? error.code ?? error.message}); stderr: ${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'keyguard-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (relative path → content), creating folders. */
export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A temp-folder factory whose folders are removed after each test of the calling file. */
export function useTempDirs(): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length > 0) cleanups.pop()!();
  });
  return () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** The JSON report a run printed. */
export const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;
