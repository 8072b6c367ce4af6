import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gitEnv } from './git.js';
import { CLI_BIN, CLI_DIR, REPO_ROOT } from './paths.js';
import { type RunResult, run } from './process.js';

/**
 * The e2e tests run the shipped bundle (dist/bin.js and its chunks, core inlined): refuse to
 * test one older than any source file of the CLI or of core.
 */
export function assertBuilt(): void {
  if (!existsSync(CLI_BIN)) throw new Error('packages/cli/dist/bin.js is missing: run `pnpm run build` first');
  const built = statSync(CLI_BIN).mtimeMs;
  const check = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, e.name);
      if (e.isDirectory()) check(file);
      else if (e.name.endsWith('.ts') && statSync(file).mtimeMs > built + 1000) {
        throw new Error(`packages/cli/dist/bin.js is older than ${relative(REPO_ROOT, file)}: run \`pnpm run build\` first`);
      }
    }
  };
  check(join(CLI_DIR, 'src'));
  check(join(REPO_ROOT, 'packages/core/src'));
}

/** The environment of a user's shell, without colour, CI or debug settings from the test runner's own. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'KEYGUARD_DEBUG', 'GITHUB_ACTIONS']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface CliRunOptions {
  cwd: string;
  input?: string | Uint8Array;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Runs `node packages/cli/dist/bin.js ...args` as a user would. */
export function runCli(args: readonly string[], options: CliRunOptions): Promise<RunResult> {
  const opts: Parameters<typeof run>[2] = { cwd: options.cwd, env: cliEnv(options.env), timeoutMs: options.timeoutMs ?? 30_000 };
  if (options.input !== undefined) opts.input = options.input;
  return run(process.execPath, [CLI_BIN, ...args], opts);
}

/** The CLI run synchronously in a git fixture's environment (git-isolated, see gitEnv). */
export function runCliInRepo(args: string[], cwd: string, extraEnv: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_BIN, ...args], { cwd, env: gitEnv(extraEnv), encoding: 'utf8', timeout: 60_000 });
}
