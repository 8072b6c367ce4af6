import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is test/kit/{src,dist}/paths.*). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI_DIR = join(REPO_ROOT, 'packages', 'cli');
/** The shipped CLI: the bundle `pnpm run build` writes. */
export const CLI_BIN = join(CLI_DIR, 'dist', 'bin.js');
