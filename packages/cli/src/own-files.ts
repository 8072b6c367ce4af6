import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { entryKind } from './entry-kind.js';
import type { OwnFileProblem } from './outcome.js';

/**
 * keyguard's own inputs (config, ignore files, baselines) are read through here: opened without
 * blocking (a FIFO would hang a plain open), refused unless a regular file after links are
 * followed (a symlink to /dev/zero would read forever), and capped in size.
 */

/** Documented limits (README, "Reliability"). */
export const OWN_FILE_LIMITS = {
  config: 1024 * 1024,
  ignore: 1024 * 1024,
  baseline: 64 * 1024 * 1024,
} as const;

/** Why a file of keyguard's own could not be used (not "missing": that is `undefined`). */
export class OwnFileError extends Error {
  constructor(
    readonly file: string,
    /** A sentence for the one-line error. */
    readonly reason: string,
    /** The token a `skipped` entry uses: fifo, device, directory, too-large, unreadable, ... */
    readonly kind: OwnFileProblem,
  ) {
    super(reason);
  }
}

const describeSize = (n: number): string => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`);

/**
 * The file's text, or undefined when it does not exist. Throws OwnFileError when it exists but
 * is not a readable regular file within `maxBytes`.
 */
export function readOwnFile(file: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') throw new OwnFileError(file, 'symlink loop', 'symlink-loop');
    if (code === 'EISDIR') throw new OwnFileError(file, 'a directory, not a file', 'directory');
    throw new OwnFileError(file, `cannot read (${code ?? 'error'})`, 'unreadable');
  }
  try {
    const stats = fstatSync(fd);
    const kind = entryKind(stats);
    if (kind !== 'file') throw new OwnFileError(file, `not a regular file (${kind})`, kind);
    if (stats.size > maxBytes) throw new OwnFileError(file, `larger than the ${describeSize(maxBytes)} limit`, 'too-large');
    // The size a file reports can lie (/proc files say 0): read until EOF, never past the cap.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    let chunks: Buffer[] | undefined;
    for (;;) {
      if (length === buffer.length) {
        chunks ??= [];
        chunks.push(Buffer.from(buffer));
        length = 0;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new OwnFileError(file, `cannot read (${code ?? 'error'})`, 'unreadable');
      }
      if (n === 0) break;
      length += n;
      const total = (chunks?.reduce((sum, c) => sum + c.length, 0) ?? 0) + length;
      if (total > maxBytes) throw new OwnFileError(file, `larger than the ${describeSize(maxBytes)} limit`, 'too-large');
    }
    const bytes = chunks === undefined ? buffer.subarray(0, length) : Buffer.concat([...chunks, buffer.subarray(0, length)]);
    return bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Runs of characters a secret is made of: an excerpt shows only their first two. */
const SECRETISH = /[A-Za-z0-9+/=_-]{5,}/g;

/**
 * A short, masked excerpt of `text` around `offset`, safe to print: at most 24 characters of one
 * line, long runs cut to their first two characters (a key next to a typo stays unprinted).
 */
export function maskedExcerpt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const from = Math.max(lineStart, offset - 12);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, offset + 12);
  return text.slice(from, to).replace(SECRETISH, (run) => `${run.slice(0, 2)}…`);
}

/** Where `offset` is, 1-based, as editors count. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse, with an error that says where and what without quoting the input: Node's own
 * messages may quote it whole (`Unexpected token 'x', "<the file>" is not valid JSON`).
 * json-error.ts locates the first error.
 */
export async function parseOwnJson(text: string): Promise<{ value: unknown } | { error: string }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    const { firstJsonError } = await import('./json-error.js');
    const first = firstJsonError(body);
    if (first === undefined) return { error: 'not valid JSON' };
    const { line, column } = lineColumn(body, first.offset);
    return { error: `not valid JSON: ${first.what} at line ${line}, column ${column} (near "${maskedExcerpt(body, first.offset)}")` };
  }
}
