#!/usr/bin/env node
// Runs the whole vitest suite and closes with one line CI can read: "N passed, M failed", where
// M counts failed tests, test files that failed on their own (did not load, a hook threw) and
// unhandled errors. Any failure, or a vitest exit that is not 0, means M > 0 and exit 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The tests run as if started plainly, whatever started them: `pnpm test` exports its own
 * settings (npm_config_user_agent=pnpm/..., npm_config_verify_deps_before_run, ...), which the
 * npm processes the tests start would read as their own config (warnings on stderr, pnpm's
 * user agent taken for npm's).
 */
function withoutPackageManagerEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tallyFile = join(process.cwd(), '.vitest-tally.json');
rmSync(tallyFile, { force: true });
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', `--reporter=${join(root, 'scripts/vitest-tally.mjs')}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...withoutPackageManagerEnv(process.env), KEYGUARD_TALLY_FILE: tallyFile } },
);
let passed = 0;
let failed = 0;
const problems = [];
if (existsSync(tallyFile)) {
  const tally = JSON.parse(readFileSync(tallyFile, 'utf8'));
  ({ passed, failed } = tally);
  problems.push(...tally.problems);
  rmSync(tallyFile, { force: true });
} else {
  problems.push('vitest wrote no tally (it did not finish)');
}
const code = run.status ?? 1;
// A failing vitest exit that nothing above explains still counts as one failure.
if (failed === 0 && (code !== 0 || problems.length > 0)) failed = 1;
if (failed === 0 && passed === 0) {
  problems.push('no test ran');
  failed = 1;
}
for (const p of problems) console.log(`keyguard tests: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
