#!/usr/bin/env node
// npm `prepack` / `postpack` of the repository ROOT, for the pre-commit framework.
//
// pre-commit installs a `language: node` hook by running, at the root of its clone of this
// repository: `npm install`, `npm pack`, then `npm install -g <tarball>`. The root is a private
// pnpm workspace whose dist/ folders are not committed and whose packages depend on each other
// with `workspace:*`, which npm cannot install. So `npm pack` runs this script first, which:
//   1. makes @keyguard/core and the CLI's third-party dependencies resolvable for the compiler
//      (symlinks; anything missing is fetched with npm into .keyguard-pack-deps/),
//   2. builds packages/core and packages/cli with the root's TypeScript (`tsc -b`),
//   3. points the CLI's imports of @keyguard/core at ../../core/dist (relative: the tarball holds both),
//   4. swaps in a package.json for the tarball: bin `keyguard`, files = the two dist folders,
//      dependencies = the CLI's third-party dependencies (npm installs those from the registry).
// `postpack` (this script with --restore) puts the committed package.json back.
// Plain JavaScript on purpose: it runs before anything is built. Written only to stderr, because
// pre-commit reads the tarball's name from `npm pack`'s stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const cliDir = join(root, 'packages', 'cli');
const coreDir = join(root, 'packages', 'core');
const manifestPath = join(root, 'package.json');
const savedManifest = join(root, '.package.json.keyguard-prepack');
const stageDir = join(root, '.keyguard-pack-deps');

const log = (msg) => process.stderr.write(`keyguard pack: ${msg}\n`);
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const fail = (msg) => {
  log(msg);
  process.exit(1);
};

function restore() {
  if (existsSync(savedManifest)) {
    renameSync(savedManifest, manifestPath);
    log('restored package.json');
  }
}

function linkDir(target, linkPath) {
  mkdirSync(dirname(linkPath), { recursive: true });
  try {
    lstatSync(linkPath);
    return; // something is there already (pnpm's link in a dev checkout)
  } catch {
    // absent: link it
  }
  symlinkSync(relative(dirname(linkPath), target), linkPath, 'junction');
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2], env: process.env });
  if (r.error) fail(`${what} failed: ${r.error.message}`);
  if (r.status !== 0) fail(`${what} failed (exit ${r.status})`);
}

function npm(args, what) {
  // Inside an npm script npm_execpath is npm's own CLI; else use npm from PATH.
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath)) run(process.execPath, [execPath, ...args], what);
  else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, what);
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** `@keyguard/core[/sub]` -> a relative path to the built file its exports map names. */
function rewriteCoreImports(coreExports) {
  const target = (sub) => {
    const key = sub ? `.${sub}` : '.';
    const entry = coreExports[key];
    const file = typeof entry === 'string' ? entry : entry?.default;
    if (!file) fail(`@keyguard/core has no export ${key}`);
    return join(coreDir, file);
  };
  let count = 0;
  for (const file of walk(join(cliDir, 'dist'))) {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])@keyguard\/core(\/[A-Za-z0-9_./-]+)?\2/g, (_m, lead, quote, sub) => {
      let rel = relative(dirname(file), target(sub)).split(sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      count++;
      return `${lead}${quote}${rel}${quote}`;
    });
    if (next !== text) writeFileSync(file, next);
  }
  return count;
}

function prepack() {
  restore(); // a previous pack that died half-way
  const cli = readJson(join(cliDir, 'package.json'));
  const core = readJson(join(coreDir, 'package.json'));
  const rootPkg = readJson(manifestPath);

  // 1. dependencies the compiler (and later the runtime) needs
  linkDir(coreDir, join(cliDir, 'node_modules', '@keyguard', 'core'));
  const deps = {};
  for (const pkg of [core, cli]) {
    for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
      if (!String(range).startsWith('workspace:')) deps[name] = range;
    }
  }
  const missing = Object.keys(deps).filter((name) => !existsSync(join(cliDir, 'node_modules', name, 'package.json')));
  if (missing.length > 0) {
    log(`fetching ${missing.join(', ')} for the build`);
    mkdirSync(stageDir, { recursive: true });
    npm(
      ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', stageDir, ...missing.map((n) => `${n}@${deps[n]}`)],
      'npm install of the build dependencies',
    );
    for (const name of missing) linkDir(join(stageDir, 'node_modules', name), join(cliDir, 'node_modules', name));
  }

  // 2. build with the root's TypeScript (fetched too if npm left the root's devDependencies out)
  const resolveTsc = () => {
    for (const from of [manifestPath, join(stageDir, 'package.json')]) {
      try {
        return createRequire(from).resolve('typescript/bin/tsc');
      } catch {
        // try the next place
      }
    }
    return undefined;
  };
  let tsc = resolveTsc();
  if (tsc === undefined) {
    const dev = rootPkg.devDependencies ?? {};
    log('fetching typescript and @types/node for the build');
    mkdirSync(stageDir, { recursive: true });
    npm(
      ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', stageDir,
        `typescript@${dev.typescript ?? 'latest'}`, `@types/node@${dev['@types/node'] ?? 'latest'}`],
      'npm install of typescript',
    );
    for (const pkgDir of [cliDir, coreDir]) linkDir(join(stageDir, 'node_modules', '@types', 'node'), join(pkgDir, 'node_modules', '@types', 'node'));
    tsc = resolveTsc();
    if (tsc === undefined) fail('TypeScript could not be installed for the build');
  }
  log('building packages/core and packages/cli');
  run(process.execPath, [tsc, '-b', join('packages', 'cli')], 'tsc -b packages/cli');
  if (!existsSync(join(cliDir, 'dist', 'bin.js'))) fail('packages/cli/dist/bin.js was not built');

  // 3. the tarball carries core next to the CLI: import it by relative path
  const rewritten = rewriteCoreImports(core.exports ?? { '.': core.main });
  log(`pointed ${rewritten} import(s) of @keyguard/core at packages/core/dist`);

  // 4. the tarball's manifest
  const manifest = {
    name: rootPkg.name,
    version: rootPkg.version,
    private: true,
    description: rootPkg.description ?? cli.description,
    type: 'module',
    license: cli.license,
    engines: cli.engines ?? rootPkg.engines,
    bin: { keyguard: 'packages/cli/dist/bin.js' },
    files: ['packages/cli/dist/**/*.js', 'packages/core/dist/**/*.js', 'packages/core/package.json', 'packages/cli/package.json'],
    dependencies: deps,
    scripts: { postpack: rootPkg.scripts?.postpack },
  };
  renameSync(manifestPath, savedManifest);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log('package.json swapped for the tarball (postpack restores it)');
}

const mode = process.argv[2];
if (mode === '--restore') {
  restore();
} else {
  try {
    prepack();
  } catch (error) {
    restore();
    fail(error instanceof Error ? error.message : String(error));
  }
}
