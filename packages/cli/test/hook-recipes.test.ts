// The docs/hooks.md recipes, run with real git commits. The hook-manager files are the exact
// files those tools write (husky 9.1.7, simple-git-hooks 2.14.0, lint-staged 16.4.0 were also
// run for real by hand, see docs/hooks.md); keyguard is linked into node_modules/.bin the way
// `npm install -D @keyguard/cli` would.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, asrsKey, cleanupTemp, codeWithKey, git, gitTry, isolateGit, makeRepo, runCli, write } from './git-fixtures.js';

beforeAll(() => isolateGit());
afterAll(() => cleanupTemp());

/** A project with keyguard installed as a dev dependency would have. */
function project(): string {
  const repo = makeRepo();
  write(repo, 'package.json', '{ "name": "demo", "private": true }\n');
  write(repo, '.gitignore', 'node_modules/\n');
  write(repo, 'node_modules/.bin/keyguard', `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(repo, 'node_modules', '.bin', 'keyguard'), 0o755);
  return repo;
}

const HUSKY_H = `#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

if [ -f "$HOME/.huskyrc" ]; then
	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
fi
i="\${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
[ -f "$i" ] && . "$i"

[ "\${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
`;

/** What `npx husky init` writes (the .husky/_ folder and core.hooksPath), with our pre-commit. */
function husky(repo: string, preCommit: string): void {
  write(repo, '.husky/_/h', HUSKY_H);
  write(repo, '.husky/_/.gitignore', '*');
  write(repo, '.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"');
  chmodSync(join(repo, '.husky/_/pre-commit'), 0o755);
  write(repo, '.husky/pre-commit', preCommit);
  git(repo, 'config', 'core.hooksPath', '.husky/_');
}

/** The hook `npx simple-git-hooks` writes for `"simple-git-hooks": { "pre-commit": "<command>" }`. */
function simpleGitHooks(repo: string, command: string): void {
  const file = join(repo, '.git', 'hooks', 'pre-commit');
  write(
    repo,
    '.git/hooks/pre-commit',
    `#!/bin/sh\nif [ "$SKIP_SIMPLE_GIT_HOOKS" = "1" ]; then\n    echo "[INFO] SKIP_SIMPLE_GIT_HOOKS is set to 1, skipping hook."\n    exit 0\nfi\nif [ -f "$SIMPLE_GIT_HOOKS_RC" ]; then\n    . "$SIMPLE_GIT_HOOKS_RC"\nfi\n${command}`,
  );
  chmodSync(file, 0o755);
}

const PATH_WITHOUT_KEYGUARD = { PATH: process.env.PATH ?? '' };

function assertBlocksAndPasses(repo: string, seed: string): void {
  git(repo, 'add', '-A');
  expect(gitTry(repo, ['commit', '-q', '-m', 'setup']).status).toBe(0);
  write(repo, 'src/leak.ts', codeWithKey(seed));
  git(repo, 'add', 'src/leak.ts');
  const blocked = gitTry(repo, ['commit', '-m', 'leak'], PATH_WITHOUT_KEYGUARD);
  expect(blocked.status, blocked.stdout + blocked.stderr).not.toBe(0);
  expect(blocked.stdout + blocked.stderr).toContain('src/leak.ts');
  expect(blocked.stdout + blocked.stderr).toContain(`${asrsKey(seed).slice(0, 4)}…`); // a finding, not an error
  expect(blocked.stdout + blocked.stderr).not.toContain(asrsKey(seed));
  const skipped = gitTry(repo, ['commit', '-q', '--no-verify', '-m', 'escape hatch']);
  expect(skipped.status).toBe(0);
  write(repo, 'src/ok.ts', 'export const ok = 1;\n');
  git(repo, 'add', 'src/ok.ts');
  const clean = gitTry(repo, ['commit', '-m', 'clean'], PATH_WITHOUT_KEYGUARD);
  expect(clean.status, clean.stdout + clean.stderr).toBe(0);
}

describe('docs/hooks.md recipes', () => {
  it('husky v9: .husky/pre-commit runs keyguard scan --staged', () => {
    const repo = project();
    husky(repo, 'keyguard scan --staged\n');
    assertBlocksAndPasses(repo, 'husky');
  });

  it('lint-staged: keyguard receives the staged files as absolute paths', () => {
    const repo = project();
    // lint-staged runs `<command> <absolute paths of the staged files>`; simulated by the hook.
    husky(repo, 'git diff --cached --name-only --diff-filter=ACMR -z | (cd "$(git rev-parse --show-toplevel)" && xargs -0 sh -c \'for f; do set -- "$@" "$PWD/$f"; shift; done; exec keyguard scan --staged "$@"\' keyguard)\n');
    assertBlocksAndPasses(repo, 'lint-staged');
  });

  it('simple-git-hooks: npx --no-install keyguard scan --staged', () => {
    const repo = project();
    simpleGitHooks(repo, 'npx --no-install keyguard scan --staged');
    assertBlocksAndPasses(repo, 'simple-git-hooks');
  });

  it('KEYGUARD_SKIP=1 skips the installed hook with a one-line note; --no-verify skips every hook', () => {
    const repo = project();
    expect(runCli(['hook', 'install'], repo).status).toBe(0);
    write(repo, 'k.ts', codeWithKey('skip'));
    git(repo, 'add', '-A');
    const skip = gitTry(repo, ['commit', '-m', 'skip'], { KEYGUARD_SKIP: '1' });
    expect(skip.status).toBe(0);
    expect(skip.stderr.trim().split('\n').filter((l) => l.includes('keyguard'))).toHaveLength(1);
  });

  it('docs/hooks.md shows each recipe this suite runs', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'hooks.md'), 'utf8');
    for (const needle of [
      'keyguard hook install',
      'keyguard scan --staged',
      '.husky/pre-commit',
      '"lint-staged"',
      '"simple-git-hooks"',
      'npx --no-install keyguard scan --staged',
      '.pre-commit-config.yaml',
      'id: keyguard',
      '--no-verify',
      'KEYGUARD_SKIP=1',
    ]) {
      expect(doc, needle).toContain(needle);
    }
  });
});
