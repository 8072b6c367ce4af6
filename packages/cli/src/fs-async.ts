import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The few promise-returning fs calls the CLI's start-up path makes. Not `node:fs/promises`:
 * loading it loads readline and file handles too, a millisecond a pre-commit hook pays on every
 * commit. Commands that walk trees may import `node:fs/promises` lazily.
 */
export const fsAsync = {
  mkdir: promisify(mkdir),
  readdir: promisify(readdir),
  rename: promisify(rename),
  rm: promisify(rm),
  stat: promisify(stat),
  writeFile: promisify(writeFile),
};
