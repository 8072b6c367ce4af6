import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Index modes of a regular file (the only kind whose work-tree copy can be the blob's bytes). */
const REGULAR_MODES = new Set(['100644', '100755']);

/**
 * The staged blob `oid`, read from the work tree when the file there is byte-identical to it
 * (the common case of a commit: `git add` then `git commit`), else undefined. Checked by hashing
 * the bytes read as git would (`blob <size>\0<bytes>`), so a partly staged file, a clean or
 * smudge filter, line-ending conversion or a file swapped for a link, FIFO or device after
 * `git add` all fall back to git. It saves a pre-commit hook a `git cat-file` process.
 * Never follows a final symbolic link, never blocks on a FIFO, never reads more than `maxBytes`.
 */
export function readBlobFromWorktree(abs: string, oid: string, mode: string, maxBytes: number): Buffer | undefined {
  if (!REGULAR_MODES.has(mode)) return undefined;
  const algorithm = oid.length === 40 ? 'sha1' : oid.length === 64 ? 'sha256' : undefined;
  if (algorithm === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) return undefined; // shrank while read: let git answer
      at += n;
    }
    const hash = createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    return hash === oid ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
