import { statSync } from 'node:fs';
import { fsAsync as fs } from './fs-async.js';
import path from 'node:path';

let written = 0;
/** Unique enough for a temporary file created with O_EXCL (node:crypto alone costs ~10 ms to load). */
const uniqueSuffix = (): string => `${process.pid.toString(36)}${Date.now().toString(36)}${(written++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
import { UsageError } from './exit-codes.js';

/**
 * Report files (`--output`, `--<format>-output`): never a file the scan reads, and written
 * atomically, so a reader never sees half a report and a failed write leaves the old one.
 */

/** The files reports will be written to (absolute), `-` (stdout) left out. */
export function reportTargets(files: readonly (string | undefined)[], cwd: string): Set<string> {
  return new Set(files.filter((f): f is string => f !== undefined && f !== '-').map((f) => path.resolve(cwd, f)));
}

const identity = (file: string): string | undefined => {
  try {
    const s = statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
};

/**
 * Refuses a report file that is also a path named to scan (`scan a.env --output a.env`): the
 * report would replace the input. Compared by path and by identity (links, `./a` vs `a`).
 * A report file met inside a scanned folder is left out of the scan instead (see the walk).
 */
export function assertNotAnInput(targets: ReadonlySet<string>, operands: readonly string[], cwd: string): void {
  if (targets.size === 0) return;
  const ids = new Map<string, string>();
  for (const t of targets) {
    const id = identity(t);
    if (id !== undefined) ids.set(id, t);
  }
  for (const operand of operands) {
    const abs = path.resolve(cwd, operand);
    const id = identity(abs);
    if (targets.has(abs) || (id !== undefined && ids.has(id))) {
      throw new UsageError(`refusing to write the report over ${operand}, which is being scanned (choose another --output)`);
    }
  }
}

/**
 * Writes `text` to `target` through a temporary file in the same folder and a rename. A target
 * that exists and is not a regular file (/dev/stdout, a FIFO) is written in place: renaming
 * over it would replace the device node, not feed it.
 */
export async function writeReportFile(target: string, text: string): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  let existing: import('node:fs').Stats | undefined;
  try {
    existing = await fs.stat(target);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined && !existing.isFile()) {
    if (existing.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    await fs.writeFile(target, text);
    return;
  }
  const temp = path.join(dir, `.${path.basename(target)}.${uniqueSuffix()}.keyguard-tmp`);
  try {
    await fs.writeFile(temp, text, { flag: 'wx', mode: existing?.mode ?? 0o666 });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
