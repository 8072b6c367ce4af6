import { execFile } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin (which is closed either way). */
  input?: string | Uint8Array;
  timeoutMs?: number;
}

/**
 * Runs a command and resolves with its exit code and output, whatever the code. A child that
 * did not exit (killed by the timeout or a signal) rejects, with its stderr.
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      [...args],
      { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`${command} did not exit normally (${error.signal ?? error.code ?? error.message}); stderr: ${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    child.stdin?.end(options.input);
  });
}
