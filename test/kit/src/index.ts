/**
 * keyguard's test kit, for every package's tests: temporary folders, processes, the CLI runner
 * and git fixtures. Keys of every rule and their connection strings come from
 * `@keyguard/core/testing` (published with core); this kit spawns processes and touches the
 * disk, so it stays private to the repository.
 */
export { CLI_BIN, CLI_DIR, REPO_ROOT } from './paths.js';
export { cleanupTemp, tempDir, useTempDirs, writeFile, writeTree } from './temp.js';
export { type RunOptions, type RunResult, run } from './process.js';
export { type CliRunOptions, assertBuilt, cliEnv, runCli, runCliInRepo } from './cli.js';
export { commit, git, gitEnv, gitIsolation, gitTry, isolateGit, makeRepo } from './git.js';
export { type FixtureCase, fixtureCases } from './fixtures.js';
