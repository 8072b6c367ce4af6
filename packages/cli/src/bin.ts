#!/usr/bin/env node
// The `keyguard` command. This file stays tiny: it turns on Node's compile cache (22.1+; absent
// on Node 20, where this is a no-op) BEFORE the rest of the CLI is loaded, so later runs (a hook
// on every commit) reuse the compiled code instead of parsing the bundle again.
import module from 'node:module';
import { writeSync } from 'node:fs';
import { toolInfo } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version')) {
  // Asked by every tool that checks for keyguard: answered without loading the CLI, and written
  // straight to fd 1 (creating process.stdout costs more than the rest).
  writeSync(1, `${toolInfo().version}\n`);
} else {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // The pre-commit hook's command starts its git diff first: git then runs while the CLI loads.
  const early =
    argv[0] === 'scan' && argv.includes('--staged') && process.env.KEYGUARD_SKIP !== '1'
      ? import('./git/early-diff.js').then(({ startStagedDiff }) => startStagedDiff(process.cwd()), () => {})
      : undefined;
  void Promise.resolve(early)
    .then(() => import('./run-cli.js'))
    .then(({ runCli }) => runCli());
}
