import { main } from './main.js';
import { shown } from './output-escape.js';

/** The process around `main`: stream errors, last-resort handlers, the exit code. */
export function runCli(): void {
  // A closed pipe (`keyguard scan | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
    });
  }

  // Last resort: whatever escapes main (an error inside a dependency's own callbacks) is still
  // one line and exit 2, never a stack trace.
  const lastResort = (error: unknown): string => `keyguard: internal error: ${shown(String((error as Error)?.message ?? error).split('\n')[0]!)}\n`;
  const die = (error: unknown): void => {
    process.stderr.write(lastResort(error));
    process.exit(2);
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);

  main(process.argv.slice(2), process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(lastResort(error));
      process.exitCode = 2;
    },
  );
}
