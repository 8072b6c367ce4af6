// The git-*.test.ts and hook-*.test.ts suites take the repository's test kit (@keyguard/test-kit)
// under the names they use; the keys they plant come from @keyguard/core/testing.
import { generateIdentifiableKey, generateLegacyKey } from '@keyguard/core/testing';

export {
  CLI_BIN as BIN,
  cleanupTemp,
  commit,
  git,
  gitEnv as env,
  gitIsolation,
  gitTry,
  isolateGit,
  makeRepo,
  REPO_ROOT,
  runCliInRepo as runCli,
  tempDir,
  writeFile as write,
} from '@keyguard/test-kit';

/** A checksum-valid SignalR key generated at test time (never committed anywhere). */
export const asrsKey = (seed: string): string => generateIdentifiableKey(seed, 'ASRS');
export const legacyKey = (seed: string): string => generateLegacyKey(seed);
/** Source text holding a key. */
export const codeWithKey = (seed: string): string => `export const signalr = "${asrsKey(seed)}";\n`;
