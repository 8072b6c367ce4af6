import { main } from './main.js';
import { shown } from './output-escape.js';

/** The process around `main`: stream errors, last-resort handlers, the exit code. */
export function runCli(): void {
  // A closed pipe (`keyguard scan | head`) is not an error worth a stack trace. The standard
  // streams are made on first use (stdin's alone loads a dozen Node modules), so a pre-commit
  // check that writes only to stderr never pays for stdout and stdin.
  const guarded = new WeakSet<NodeJS.EventEmitter>();
  const quietOnClose = <T extends NodeJS.EventEmitter>(stream: T): T => {
    if (!guarded.has(stream)) {
      guarded.add(stream);
      stream.on('error', (error: NodeJS.ErrnoException) => {
        process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
      });
    }
    return stream;
  };

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
    get stdout() {
      return quietOnClose(process.stdout);
    },
    get stderr() {
      return quietOnClose(process.stderr);
    },
    get stdin() {
      return process.stdin;
    },
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
