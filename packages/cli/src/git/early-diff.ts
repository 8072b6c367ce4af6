import { gitOk } from './exec.js';

/** The staged scan's diff of the index against `base` (HEAD, or the empty tree before the first commit). */
export const diffIndex = (cwd: string, base: string): Promise<Buffer> =>
  gitOk(['diff-index', '--cached', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', base, '--'], cwd, 'git diff-index --cached');

let started: { cwd: string; diff: Promise<Buffer> } | undefined;

/**
 * Starts the diff against HEAD of a coming `scan --staged` in `cwd`. bin.js calls it before the
 * rest of the CLI loads, so git works while Node compiles: on a pre-commit hook that is most of
 * keyguard's start-up. Nothing is lost when the command turns out to be something else.
 */
export function startStagedDiff(cwd: string): void {
  const diff = diffIndex(cwd, 'HEAD');
  diff.catch(() => {}); // awaited (or dropped) later: never an unhandled rejection
  started = { cwd, diff };
}

/** The diff startStagedDiff began for `cwd`, handed out once; undefined when there is none. */
export function takeStagedDiff(cwd: string): Promise<Buffer> | undefined {
  const early = started;
  started = undefined;
  return early !== undefined && early.cwd === cwd ? early.diff : undefined;
}
