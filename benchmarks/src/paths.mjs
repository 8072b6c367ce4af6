// Where everything lives: the repo, the bench package, and the cache outside the repo.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(BENCH_DIR, '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** `$KEYGUARD_BENCH_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/keyguard-bench`. Never inside the repo. */
export const CACHE_DIR =
  process.env.KEYGUARD_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'keyguard-bench');
export const CORPORA_DIR = join(CACHE_DIR, 'corpora');
export const PEERS_DIR = join(CACHE_DIR, 'peers');
export const WORK_DIR = join(CACHE_DIR, 'work');

// Overridable to compare another build (or to check the suite without one).
export const CLI_BIN = process.env.KEYGUARD_BENCH_CLI ?? join(REPO_DIR, 'packages/cli/dist/bin.js');
export const CORE_ENTRY = join(REPO_DIR, 'packages/core/dist/index.js');
export const CORE_TESTING_ENTRY = join(REPO_DIR, 'packages/core/dist/testing/index.js');
export const ESLINT_PLUGIN_ENTRY = process.env.KEYGUARD_BENCH_ESLINT_PLUGIN ?? join(REPO_DIR, 'packages/eslint-plugin/dist/index.js');
export const NODE_MODULES_LOCK_DIR = join(BENCH_DIR, 'corpora/node-modules');

/** @param {string} name an npm peer's bin */
export const peerBin = (name) => join(PEERS_DIR, 'node_modules/.bin', name);
