import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A new temporary folder (its real path: macOS's /var is a link), removed by cleanupTemp. */
export function tempDir(prefix = 'kg-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far. */
export function cleanupTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temp-folder factory whose folders are removed after each test of the calling file. */
export function useTempDirs(prefix?: string): () => string {
  const mine: string[] = [];
  afterEach(() => {
    for (const dir of mine.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix ?? 'kg-test-')));
    mine.push(dir);
    return dir;
  };
}

/** Writes one file under `root` (relative path), creating its folders. */
export function writeFile(root: string, rel: string, content: string | Uint8Array): void {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Writes files (relative path → content) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) writeFile(root, rel, content);
}
