// The CLI's tests take the repository's test kit (@keyguard/test-kit) under the names they use;
// what only the CLI's tests need is written here.
import type { JsonReport } from '../src/report/types.js';

export {
  assertBuilt,
  CLI_BIN as BIN,
  CLI_DIR as PACKAGE_DIR,
  cleanupTemp,
  REPO_ROOT,
  type RunResult,
  runCli as run,
  tempDir,
  useTempDirs,
  writeTree,
} from '@keyguard/test-kit';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The JSON report a run printed. */
export const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;
