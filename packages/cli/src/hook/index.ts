import { shown } from '../output-escape.js';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, UsageError } from '../exit-codes.js';
import { git } from '../git/exec.js';
import type { CliEnv, CliIO } from '../io.js';

/** The line that marks a hook file as keyguard's own. */
export const HOOK_MARKER = '# keyguard-managed-hook';
/** Where a foreign hook goes: kept and called first (--chain), or only kept (--force). */
export const CHAINED_SUFFIX = '.keyguard-chained';
export const BACKUP_SUFFIX = '.keyguard-backup';
const MADE_DIR_MARKER = '# keyguard-made-hooks-dir';

const USAGE = `Usage: keyguard hook install [--force | --chain]
       keyguard hook uninstall

install    write a pre-commit hook running \`keyguard scan --staged\` into this repository's
           hooks folder (core.hooksPath when it is inside the repository, else .git/hooks)
  --force  replace an existing pre-commit hook (it is kept as pre-commit${BACKUP_SUFFIX})
  --chain  keep an existing pre-commit hook and run it before keyguard
uninstall  remove keyguard's hook and restore the previous one exactly
`;

const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function realish(p: string): string {
  // realpath of the longest existing ancestor, plus the rest: compares paths that do not exist yet.
  let head = resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch {
      const parent = dirname(head);
      if (parent === head) return resolve(p);
      rest.unshift(head.slice(parent.length).replace(/^[\\/]+/, ''));
      head = parent;
    }
  }
}

const isUnder = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** The built CLI entry point this code belongs to: a chunk of the bundle sits beside dist/bin.js. */
function installedBin(): string | undefined {
  for (const candidate of ['./bin.js', '../bin.js']) {
    try {
      return realpathSync(fileURLToPath(new URL(candidate, import.meta.url)));
    } catch {
      // not there: try the next layout
    }
  }
  return undefined;
}

export interface HookLocation {
  dir: string;
  file: string;
  /** How the folder was chosen, for messages. */
  source: 'core.hooksPath' | 'git-dir';
}

async function gitText(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const r = await git(args, cwd);
  return { code: r.code, out: r.stdout.toString('utf8').trim(), err: r.stderr.trim() };
}

/** Finds the folder the pre-commit hook belongs in; refuses a core.hooksPath outside the repository. */
export async function locateHooks(cwd: string): Promise<HookLocation> {
  const top = await gitText(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) {
    if (/not a git repository/i.test(top.err)) throw new UsageError(`not a git repository: ${cwd}`);
    throw new UsageError(`git rev-parse failed: ${top.err.split('\n')[0] || `exit ${top.code}`}`);
  }
  if (top.out === '') throw new UsageError('keyguard hook needs a work tree (this is a bare repository)');
  const toplevel = top.out;
  const common = await gitText(['rev-parse', '--path-format=absolute', '--git-common-dir'], cwd);
  const commonDir = common.code === 0 ? common.out : join(toplevel, '.git');

  const hp = await gitText(['config', '--path', '--get', 'core.hooksPath'], cwd);
  if (hp.code === 0 && hp.out !== '') {
    const dir = isAbsolute(hp.out) ? hp.out : resolve(toplevel, hp.out);
    const real = realish(dir);
    if (!isUnder(real, realish(toplevel)) && !isUnder(real, realish(commonDir))) {
      const origin = await gitText(['config', '--show-origin', '--get', 'core.hooksPath'], cwd);
      const where = origin.code === 0 ? origin.out.split('\t')[0] ?? '' : '';
      throw new UsageError(
        `core.hooksPath is ${hp.out}${where ? ` (set in ${where})` : ''}, outside this repository: ` +
          'keyguard will not write a hook there, because it would run for every repository that uses that folder. ' +
          'Add `keyguard scan --staged` to that folder\'s pre-commit hook yourself, ' +
          'or unset core.hooksPath for this repository (git config --local core.hooksPath .git/hooks) and run keyguard hook install again.',
      );
    }
    return { dir, file: join(dir, 'pre-commit'), source: 'core.hooksPath' };
  }
  const gp = await gitText(['rev-parse', '--git-path', 'hooks'], cwd);
  const dir = gp.code === 0 && gp.out !== '' ? resolve(cwd, gp.out) : join(commonDir, 'hooks');
  return { dir, file: join(dir, 'pre-commit'), source: 'git-dir' };
}

/** The hook script: finds keyguard robustly and honours KEYGUARD_SKIP=1. */
export function hookScript(opts: { node: string; bin: string | undefined; chained: boolean; madeDir: boolean }): string {
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Installed by `keyguard hook install`: blocks commits that add Azure SignalR / Web PubSub keys.',
    '# Skip it once:   git commit --no-verify      (skips every pre-commit hook)',
    '#            or:  KEYGUARD_SKIP=1 git commit  (skips keyguard only)',
    '# Remove it:      keyguard hook uninstall     (restores the previous hook, if any)',
  ];
  if (opts.madeDir) lines.push(MADE_DIR_MARKER);
  if (opts.chained) {
    lines.push(
      '',
      '# The pre-commit hook that was here before keyguard: it runs first.',
      `previous="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"`,
      'if [ -f "$previous" ]; then',
      '  if [ -x "$previous" ]; then "$previous" "$@" || exit $?; else sh "$previous" "$@" || exit $?; fi',
      'fi',
    );
  }
  lines.push(
    '',
    'if [ "${KEYGUARD_SKIP:-}" = "1" ]; then',
    '  echo "keyguard: KEYGUARD_SKIP=1, secret scan skipped" >&2',
    '  exit 0',
    'fi',
    '',
    `KEYGUARD_NODE=${shQuote(opts.node)}`,
    `KEYGUARD_BIN=${shQuote(opts.bin ?? '')}`,
    'if [ -n "$KEYGUARD_BIN" ] && [ -f "$KEYGUARD_BIN" ]; then',
    '  if [ -x "$KEYGUARD_NODE" ]; then exec "$KEYGUARD_NODE" "$KEYGUARD_BIN" scan --staged; fi',
    '  if command -v node >/dev/null 2>&1; then exec node "$KEYGUARD_BIN" scan --staged; fi',
    'fi',
    'if command -v keyguard >/dev/null 2>&1; then exec keyguard scan --staged; fi',
    'if command -v npx >/dev/null 2>&1; then exec npx --no-install keyguard scan --staged; fi',
    'echo "keyguard: cannot find keyguard (installed at $KEYGUARD_BIN); reinstall it, or run: git commit --no-verify" >&2',
    'exit 2',
    '',
  );
  return lines.join('\n');
}

const isOurs = (file: string): boolean => {
  try {
    return readFileSync(file, 'utf8').includes(HOOK_MARKER);
  } catch {
    return false;
  }
};

async function install(cwd: string, flags: { force: boolean; chain: boolean }, io: CliIO): Promise<number> {
  const loc = await locateHooks(cwd);
  const chained = `${loc.file}${CHAINED_SUFFIX}`;
  const backup = `${loc.file}${BACKUP_SUFFIX}`;
  let madeDir = false;
  let keepChain = false;
  let note = '';
  if (existsSync(loc.file) && isOurs(loc.file)) {
    // Reinstall: refresh the script, keep whatever it chained to and the folder it made.
    const old = readFileSync(loc.file, 'utf8');
    madeDir = old.includes(MADE_DIR_MARKER);
    keepChain = existsSync(chained);
    note = ' (updated)';
  } else if (existsSync(loc.file)) {
    if (!flags.force && !flags.chain) {
      io.stderr.write(
        `keyguard: ${shown(loc.file)} already exists and is not keyguard's: ` +
          'rerun with --chain to keep it and run it before keyguard, or --force to replace it (it is kept as pre-commit' +
          `${BACKUP_SUFFIX})\n`,
      );
      return ExitCode.Error;
    }
    if (/husky/i.test(readFileSync(loc.file, 'utf8'))) {
      // husky's hook scripts find their target from their own file name: chaining or replacing breaks them.
      throw new UsageError(
        `${shown(loc.file)} is husky's: add \`keyguard scan --staged\` to .husky/pre-commit instead of installing keyguard's hook (see docs/hooks.md)`,
      );
    }
    const target = flags.chain ? chained : backup;
    if (existsSync(chained) || existsSync(backup)) {
      throw new UsageError(`${target} already exists: move it away first, keyguard will not overwrite it`);
    }
    renameSync(loc.file, target);
    keepChain = flags.chain;
    note = flags.chain ? ` (the previous hook runs first: ${target})` : ` (the previous hook was saved as ${target})`;
  } else if (!existsSync(loc.dir)) {
    mkdirSync(loc.dir, { recursive: true });
    madeDir = true;
  }
  writeFileSync(loc.file, hookScript({ node: process.execPath, bin: installedBin(), chained: keepChain, madeDir }));
  chmodSync(loc.file, 0o755);
  io.stdout.write(`keyguard: installed pre-commit hook at ${shown(loc.file)}${note}\n`);
  io.stdout.write('keyguard: skip it once with `git commit --no-verify` or `KEYGUARD_SKIP=1 git commit`\n');
  return ExitCode.Clean;
}

async function uninstall(cwd: string, io: CliIO): Promise<number> {
  const loc = await locateHooks(cwd);
  if (!existsSync(loc.file) || !isOurs(loc.file)) {
    io.stdout.write(`keyguard: no keyguard hook installed at ${shown(loc.file)}: nothing to do\n`);
    return ExitCode.Clean;
  }
  const madeDir = readFileSync(loc.file, 'utf8').includes(MADE_DIR_MARKER);
  rmSync(loc.file);
  let restored = '';
  for (const saved of [`${loc.file}${CHAINED_SUFFIX}`, `${loc.file}${BACKUP_SUFFIX}`]) {
    if (existsSync(saved) && restored === '') {
      renameSync(saved, loc.file);
      restored = `, restored the previous hook from ${saved}`;
    }
  }
  if (madeDir && restored === '') {
    try {
      if (readdirSync(loc.dir).length === 0) rmdirSync(loc.dir);
    } catch {
      // leave the folder
    }
  }
  io.stdout.write(`keyguard: removed pre-commit hook ${shown(loc.file)}${restored}\n`);
  return ExitCode.Clean;
}

/** `keyguard hook install [--force] [--chain]` and `keyguard hook uninstall`. */
export async function runHookCommand(args: string[], _env: CliEnv, io: CliIO): Promise<number> {
  try {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      (sub === undefined ? io.stderr : io.stdout).write(USAGE);
      return sub === undefined ? ExitCode.Error : ExitCode.Clean;
    }
    const flags = { force: false, chain: false };
    for (const a of rest) {
      if (a === '--force' && sub === 'install') flags.force = true;
      else if (a === '--chain' && sub === 'install') flags.chain = true;
      else if (a === '--help' || a === '-h') {
        io.stdout.write(USAGE);
        return ExitCode.Clean;
      } else throw new UsageError(`keyguard hook ${sub}: unknown argument ${a} (see keyguard hook --help)`);
    }
    if (flags.force && flags.chain) throw new UsageError('keyguard hook install: --force and --chain cannot be combined');
    if (sub === 'install') return await install(io.cwd, flags, io);
    if (sub === 'uninstall') return await uninstall(io.cwd, io);
    throw new UsageError(`keyguard hook: unknown subcommand ${sub} (install or uninstall)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`keyguard: ${shown(error.message.replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
      return ExitCode.Error;
    }
    const e = error as NodeJS.ErrnoException;
    io.stderr.write(`keyguard: hook: ${e.code ? `${e.code} ` : ''}${shown(e.message.split('\n')[0]!)}\n`);
    return ExitCode.Error;
  }
}
