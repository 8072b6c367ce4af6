// The one list of `scan`/`baseline` flags (ripgrep-style). It drives the parser (args.ts), the
// `--help` text (help.ts) and the flag table in packages/cli/README.md (scripts/docs-flags.mjs
// writes it; `--check` and a test fail when it is stale). This module imports nothing, so that
// script can bundle it alone.

export const FORMATS = ['pretty', 'json', 'sarif', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export type FlagCommand = 'scan' | 'baseline';

export interface FlagSpec {
  /** Long name, without `--`. */
  readonly name: string;
  /** One-letter alias, without `-`. */
  readonly short?: string;
  readonly type: 'boolean' | 'string';
  /** The value's name in help and docs (string flags). */
  readonly value?: string;
  /** The value may be left out (`--history[=RANGE]`): args.ts takes it out before parseArgs. */
  readonly optionalValue?: boolean;
  /** `--help` text: one sentence, wrapped to the help's width. */
  readonly help: string;
  /** README text (Markdown), when it says more than `help`. */
  readonly doc?: string;
  /** The commands it applies to; giving it to another one is a usage error. */
  readonly commands: readonly FlagCommand[];
  /** Shown in the help's Usage section with this synopsis instead of under Options. */
  readonly usage?: string;
  /** Flags with the same group are listed together in `--help`, under one text. */
  readonly group?: string;
}

const BOTH = ['scan', 'baseline'] as const;
const SCAN = ['scan'] as const;

export const FLAGS = [
  {
    name: 'format',
    short: 'f',
    type: 'string',
    value: 'FORMAT',
    help: 'pretty (default), json, sarif, github or markdown',
    doc: '`pretty` (default), `json`, `sarif`, `github` or `markdown`',
    commands: BOTH,
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    value: 'FILE',
    help: 'write the report (or baseline) to FILE instead of stdout',
    doc: 'write the report (or the baseline) to FILE instead of stdout; works with every format',
    commands: BOTH,
  },
  ...FORMATS.map((format) => ({
    name: `${format}-output` as const,
    type: 'string' as const,
    value: 'FILE',
    help: 'also write that format to FILE (- for stdout), in the same run',
    doc: `also write the \`${format}\` report to FILE (\`-\` for stdout), besides the main one, in the same run`,
    commands: SCAN,
    group: 'extra-reports',
  })),
  {
    name: 'show-secrets',
    type: 'boolean',
    help: 'print raw secret values (every format); masked otherwise',
    doc: 'print raw secret values, in every format. The only way to see them',
    commands: BOTH,
  },
  {
    name: 'baseline',
    type: 'string',
    value: 'FILE',
    help: 'suppress findings listed in a baseline file (scan only; default: the config\'s "baseline")',
    doc: "drop findings listed in a baseline file; they count as `suppressed` (default: the config's `baseline`)",
    commands: SCAN,
  },
  {
    name: 'config',
    short: 'c',
    type: 'string',
    value: 'FILE',
    help: 'use this config file instead of the nearest keyguard.config.json',
    doc: 'use this config file instead of the nearest `keyguard.config.json`',
    commands: BOTH,
  },
  {
    name: 'min-confidence',
    type: 'string',
    value: 'LVL',
    help: 'low, medium (default) or high',
    doc: '`low`, `medium` (default) or `high`; overrides the config file',
    commands: BOTH,
  },
  {
    name: 'no-ignore',
    type: 'boolean',
    help: 'do not honour ignore files (.keyguardignore; and inside a git work tree .gitignore, .git/info/exclude, global excludes)',
    doc: "do not honour ignore files (`.keyguardignore`; inside a git work tree also `.gitignore`, `.git/info/exclude` and the global excludes); the config's `ignore` still applies",
    commands: BOTH,
  },
  {
    name: 'no-inline-ignore',
    type: 'boolean',
    help: 'report secrets even on lines marked keyguard:allow',
    doc: 'report secrets even on lines with `keyguard:allow` and the other inline markers',
    commands: BOTH,
  },
  {
    name: 'no-archives',
    type: 'boolean',
    help: 'do not read inside archives (zip, jar, nupkg, docx..., tar, tar.gz, gz)',
    doc: "do not read inside archives: by default the zip family (`.zip`, `.jar`, `.nupkg`, `.vsix`, `.whl`, `.docx`, `.apk`...), `.tar`, `.tar.gz` and `.gz`, recognised by their content and nested to any mix, are read as streams, with limits against bombs (config `archives`)",
    commands: BOTH,
  },
  {
    name: 'follow-symlinks',
    type: 'boolean',
    help: 'follow symbolic links (not followed by default)',
    doc: 'follow symbolic links while walking folders (they are not followed by default)',
    commands: BOTH,
  },
  {
    name: 'stdin-filename',
    type: 'string',
    value: 'NAME',
    help: "the path reported for '-' (default <stdin>)",
    doc: 'the path reported for `-` (default `<stdin>`)',
    commands: BOTH,
  },
  {
    name: 'jobs',
    short: 'j',
    type: 'string',
    value: 'N',
    help: 'worker threads (default: automatic, up to the available CPUs for large trees)',
    doc: 'worker threads. Default: automatic, as many as `os.availableParallelism()` once the walk has found 20,000 files (or 256 MiB of big files named on the command line); smaller trees are faster on one thread (a worker costs ~50 ms to start, and most files are ruled out at memory speed). An explicit `--jobs N` uses N workers (no more than files)',
    commands: BOTH,
  },
  {
    name: 'no-progress',
    type: 'boolean',
    help: 'no progress line on stderr (it only shows on a TTY anyway)',
    doc: 'no progress line (it only ever shows when stderr is a TTY, and never when `CI` is set)',
    commands: BOTH,
  },
  {
    name: 'quiet',
    short: 'q',
    type: 'boolean',
    help: 'count skipped entries instead of listing them',
    doc: 'print a count of skipped entries instead of one line each',
    commands: BOTH,
  },
  {
    name: 'verbose',
    short: 'v',
    type: 'boolean',
    help: 'list binary files and symbolic links skipped too (counted on one line otherwise)',
    doc: 'list every skipped entry, binary files and symbolic links included (counted on one line otherwise)',
    commands: BOTH,
  },
  {
    name: 'staged',
    type: 'boolean',
    usage: 'keyguard scan --staged [paths]',
    help: 'scan what is staged for commit',
    doc: 'scan the git index instead of the work tree (paths, if given, restrict it)',
    commands: BOTH,
  },
  {
    name: 'history',
    type: 'string',
    value: 'RANGE',
    optionalValue: true,
    usage: 'keyguard scan --history[=RANGE]',
    help: 'scan git history (every ref, or a rev-list range)',
    doc: 'scan git history: every ref, or RANGE (any range `git rev-list` accepts); takes no paths',
    commands: BOTH,
  },
  {
    name: 'image',
    type: 'string',
    value: 'FILE',
    usage: 'keyguard scan --image FILE',
    help: 'scan a saved container image (docker/podman save tarball, OCI layout folder or tar): every layer, and the config Env, Labels and history',
    doc: 'scan a saved container image: a `docker save`/`podman save` tarball or an OCI image layout (folder or tar). Every layer\'s files are read (a file a later layer deletes is still reported, with `deletedBy`), and the config\'s `Env`, `Labels` and history `created_by` lines; findings are named `image.tar!/<layer digest>/app/appsettings.json` and `image.tar!/config:Env`. No container daemon is needed or contacted. Each layer is an archive under the archive limits',
    commands: BOTH,
  },
  {
    name: 'fetch-missing',
    type: 'boolean',
    help: '--history/--staged in a partial clone: fetch the blobs it lacks (one git fetch per 5,000, never one per blob) and scan them (default: nothing is fetched; they are listed as skipped, reason missing)',
    doc: 'with `--history`/`--staged` in a partial clone: fetch the blobs it lacks from the promisor remote (one `git fetch` per 5,000 blobs, never one per blob), then scan them (default: nothing is fetched; they are listed as skipped, reason `missing`)',
    commands: BOTH,
  },
  {
    name: 'strict',
    type: 'boolean',
    help: 'exit 2 if any path could not be read (FIFO, socket, device, unreadable file, symlink loop, missing git blob) or nothing was scanned; binary files do not count',
    doc: 'exit 2 when any path could not be read (FIFO, socket, device, unreadable file or folder, symlink loop, a git blob missing from the repository) or nothing was scanned; binary files do not count',
    commands: BOTH,
  },
  { name: 'help', short: 'h', type: 'boolean', help: 'this help', doc: 'print the help and exit', commands: BOTH },
  { name: 'version', short: 'V', type: 'boolean', help: 'print the version', doc: 'print the version and exit', commands: BOTH },
] as const satisfies readonly FlagSpec[];

export type Flag = (typeof FLAGS)[number];

/** `node:util` parseArgs options for every flag but the optional-value ones, typed from FLAGS. */
export type ParseArgsOptions = {
  [F in Flag as F extends { optionalValue: true } ? never : F['name']]: F extends { short: infer S } ? { type: F['type']; short: S } : { type: F['type'] };
};

export function parseArgsOptions(): ParseArgsOptions {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const flag of FLAGS as readonly FlagSpec[]) {
    if (flag.optionalValue === true) continue;
    options[flag.name] = flag.short !== undefined ? { type: flag.type, short: flag.short } : { type: flag.type };
  }
  return options as ParseArgsOptions;
}

/** `-f, --format FORMAT`, `--history[=RANGE]`: how help and docs name a flag. */
export function flagLabel(flag: FlagSpec): string {
  const long = `--${flag.name}${flag.value === undefined ? '' : flag.optionalValue === true ? `[=${flag.value}]` : ` ${flag.value}`}`;
  return flag.short !== undefined ? `-${flag.short}, ${long}` : long;
}

export const README_BEGIN = '<!-- flags:begin (generated by scripts/docs-flags.mjs from packages/cli/src/flags.ts; do not edit) -->';
export const README_END = '<!-- flags:end -->';

/** The README's flag table (Markdown), from FLAGS. */
export function flagsMarkdownTable(): string {
  const rows = ['| flag | meaning |', '| --- | --- |'];
  for (const flag of FLAGS as readonly FlagSpec[]) {
    const only = flag.commands.length === 1 ? `(\`${flag.commands[0]}\` only) ` : '';
    const text = (flag.doc ?? flag.help).replaceAll('|', '\\|');
    rows.push(`| \`${flagLabel(flag)}\` | ${only}${text} |`);
  }
  return rows.join('\n');
}

/** `text` with the part between the README markers replaced by the current table. */
export function withFlagsTable(text: string): string {
  const begin = text.indexOf(README_BEGIN);
  const end = text.indexOf(README_END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`the flag table markers are missing: ${README_BEGIN} ... ${README_END}`);
  return `${text.slice(0, begin + README_BEGIN.length)}\n\n${flagsMarkdownTable()}\n\n${text.slice(end)}`;
}
