#!/usr/bin/env node
// Makes a release tag whose tree carries the built CLI, for the consumers that run keyguard
// straight from a checkout of this repository at a tag, with nothing installed:
//   - the GitHub Action (action.yml runs packages/cli/dist/bin.js from github.action_path),
//   - the pre-commit framework (.pre-commit-hooks.yaml: `language: script`, entry
//     packages/cli/dist/bin.js).
// main never holds the bundle (dist/ is ignored); only the tagged commit does.
//
// Usage: node scripts/release-commit.mjs <tag> [--allow-dirty]   (pnpm run release:tag <tag>)
//   1. builds (`pnpm run build`: needs `pnpm install` done),
//   2. writes a commit whose parent is HEAD and whose tree is HEAD's plus the runtime files of
//      packages/cli/dist (the JavaScript, THIRD-PARTY-LICENSES.txt and any package.json there), force-added despite .gitignore, dist/bin.js executable,
//   3. tags it: `git tag <tag> <commit>` (push the tag yourself: git push origin <tag>).
// The current branch, the index and the working tree are left alone: the commit is assembled
// in a temporary index (GIT_INDEX_FILE) from HEAD's tree. A dirty working tree is refused
// (the bundle would not be built from HEAD) unless --allow-dirty.
// Prints the commit and the tag on stdout; everything else (the build's output) goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = 'packages/cli/dist';
const BIN = `${DIST}/bin.js`;

const fail = (message) => {
  process.stderr.write(`release-commit: ${message}\n`);
  process.exit(1);
};

/** Runs a command at the root; returns its trimmed stdout, or fails with its stderr. */
function run(command, args, { env = process.env, input, inherit = false } = {}) {
  const r = spawnSync(command, args, {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: inherit ? ['ignore', 2, 2] : ['pipe', 'pipe', 'pipe'],
  });
  if (r.error) fail(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${r.status})${inherit ? '' : `:\n${r.stderr}`}`);
  return inherit ? '' : r.stdout.trim();
}
const git = (args, options) => run('git', args, options);

/**
 * The files of dist/ a checkout needs at run time: the JavaScript, any package.json, and the
 * licenses of the packages the bundle inlines. Not declarations, maps or build info.
 */
function runtimeFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...runtimeFiles(path));
    else if (/\.(?:[cm]?js|json)$/.test(entry.name)) out.push(path);
    else if (entry.name === 'THIRD-PARTY-LICENSES.txt') out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const allowDirty = args.includes('--allow-dirty');
const positional = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--allow-dirty');
if (positional.length !== 1 || unknown.length > 0) fail('usage: node scripts/release-commit.mjs <tag> [--allow-dirty]');
const tag = positional[0];

// Git's own variables would point these commands at another repository or index.
const baseEnv = { ...process.env };
for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_PREFIX']) delete baseEnv[k];
const gitEnv = { env: baseEnv };

if (spawnSync('git', ['check-ref-format', `refs/tags/${tag}`], { env: baseEnv }).status !== 0) fail(`${tag} is not a valid tag name`);
if (spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { cwd: root, env: baseEnv }).status === 0) fail(`tag ${tag} exists already`);
const head = git(['rev-parse', '--verify', 'HEAD^{commit}'], gitEnv);
const dirty = git(['status', '--porcelain', '--untracked-files=no'], gitEnv);
if (dirty !== '' && !allowDirty) fail(`the working tree has uncommitted changes (the bundle would not be HEAD's):\n${dirty}\ncommit them, or pass --allow-dirty`);

// 1. build
process.stderr.write(`release-commit: building ${head.slice(0, 12)} (pnpm run build)\n`);
run(process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm', ['run', 'build'], { env: baseEnv, inherit: true });
if (!existsSync(join(root, BIN))) fail(`${BIN} was not built`);
if (!readFileSync(join(root, BIN), 'utf8').startsWith('#!')) fail(`${BIN} has no #! line: it could not run as a script`);

// 2. the commit, assembled in a temporary index from HEAD's tree
const files = runtimeFiles(join(root, DIST))
  .map((file) => relative(root, file).split(sep).join('/'))
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'keyguard-release-'));
let commit;
try {
  const env = { ...baseEnv, GIT_INDEX_FILE: join(scratch, 'index') };
  git(['read-tree', head], { env }); // by id: a concurrent checkout cannot change what is read
  const blobs = git(['hash-object', '-w', '--stdin-paths', '--no-filters'], { env, input: `${files.join('\n')}\n` }).split('\n');
  if (blobs.length !== files.length) fail(`git hash-object wrote ${blobs.length} blobs for ${files.length} files`);
  const entries = files.map((file, i) => `${file === BIN ? '100755' : '100644'} ${blobs[i]}\t${file}\n`).join('');
  git(['update-index', '--add', '--index-info'], { env, input: entries });
  const tree = git(['write-tree'], { env });
  const message = `release ${tag}: the built CLI (${DIST}) on top of ${head.slice(0, 12)}\n\n` +
    `Made by scripts/release-commit.mjs: ${files.length} files of ${DIST} added to ${head}'s tree,\n` +
    'for the GitHub Action and the pre-commit hook, which run the CLI from a checkout of this tag.\n';
  commit = git(['commit-tree', tree, '-p', head], { env, input: message });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// 3. the tag
git(['tag', tag, commit], gitEnv);
process.stdout.write(`commit ${commit}\ntag ${tag}\n`);
process.stderr.write(`release-commit: ${files.length} files of ${DIST} in ${commit.slice(0, 12)} (parent ${head.slice(0, 12)}), tagged ${tag}; push it with: git push origin ${tag}\n`);
