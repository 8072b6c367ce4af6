import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateIdentifiableKey } from '../packages/core/src/testing/index.js';
import { cloneAndInstall, cloneEnv, publishedPackages, repoRoot, run, tempFolder, unpackTarball } from './helpers.js';

// Every published package passes publint and "are the types wrong" (ESM-only profile).
describe.each(publishedPackages)('@keyguard/%s', (name) => {
  const dir = `${repoRoot}/packages/${name}`;

  it('passes publint', async () => {
    const { publint } = await import('publint');
    const { messages } = await publint({ pkgDir: dir, level: 'warning', pack: 'pnpm' });
    expect(messages.map((m) => `${m.type}: ${m.code} ${JSON.stringify(m.args)}`)).toEqual([]);
  });

  it('passes attw', async () => {
    // Pack into a private folder: `attw --pack` would write into the package folder, which
    // other tests pack concurrently.
    const out = mkdtempSync(join(tmpdir(), 'keyguard-attw-'));
    try {
      const packed = await run('pnpm', ['pack', '--pack-destination', out], { cwd: dir });
      expect(packed.code, packed.stderr).toBe(0);
      const tarball = join(out, readdirSync(out)[0]!);
      const result = await run(`${repoRoot}/node_modules/.bin/attw`, [tarball, '--profile', 'esm-only', '--format', 'json'], {
        timeout: 120_000,
      });
      expect(result.stdout, result.stderr).not.toBe('');
      const report = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
      const counted = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
      expect(counted).toEqual([]);
      expect(result.code).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  repository?: unknown;
  homepage?: unknown;
  bugs?: unknown;
  files?: string[];
  publishConfig?: { access?: string };
  scripts?: Record<string, string>;
}
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

// What npm shows and links for each published package: the repository (with the package's
// folder), its README on GitHub, and where to report bugs.
describe.each(publishedPackages)('@keyguard/%s metadata', (name) => {
  const manifest = readManifest(join(repoRoot, 'packages', name));

  it('has repository, homepage and bugs, and is public', () => {
    expect(manifest.name).toBe(`@keyguard/${name}`);
    expect(manifest.private).toBeUndefined();
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/keyguard/keyguard.git', directory: `packages/${name}` });
    expect(manifest.homepage).toBe(`https://github.com/keyguard/keyguard/tree/main/packages/${name}#readme`);
    const bugs = typeof manifest.bugs === 'string' ? manifest.bugs : (manifest.bugs as { url?: string } | undefined)?.url;
    expect(bugs).toBe('https://github.com/keyguard/keyguard/issues');
  });
});

// Packing as a release does it, in a fresh clone of this repository's HEAD (`git clone --local`,
// `pnpm install --frozen-lockfile --offline`, `pnpm run build`): `pnpm run pack:published` packs
// exactly the published packages, changes nothing in the tree (dist/ included), and every
// tarball stands on its own: no import of a path outside the package, no `workspace:` spec, no
// @keyguard/core at run time in the CLI (the bundle inlines it), source maps only with their sources.
describe('packed packages', () => {
  const root = tempFolder('keyguard-packed-');
  const tarballs = join(root, 'tarballs');
  let clone = '';
  let packOutput = '';
  let before = new Map<string, string>();
  let after = new Map<string, string>();
  const unpackedDir = (name: string) => join(root, 'unpacked', name);

  beforeAll(async () => {
    clone = await cloneAndInstall(root);
    const built = await run('pnpm', ['run', 'build'], { cwd: clone, env: cloneEnv(root), timeout: 300_000 });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    before = treeSnapshot(clone);
    const packed = await run('pnpm', ['run', 'pack:published', '--pack-destination', tarballs], { cwd: clone, env: cloneEnv(root), timeout: 300_000 });
    packOutput = packed.stdout + packed.stderr;
    expect(packed.code, packOutput).toBe(0);
    after = treeSnapshot(clone);
    for (const name of publishedPackages) {
      const version = readManifest(join(clone, 'packages', name)).version;
      await unpackTarball(join(tarballs, `keyguard-${name}-${version}.tgz`), unpackedDir(name));
    }
  }, 600_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('packing changes nothing in the tree: every file, tracked or not, dist/ included, is byte-identical', () => {
    // the snapshot holds what was built (else comparing it proves nothing)
    for (const file of ['packages/cli/dist/bin.js', 'packages/cli/dist/index.d.ts', 'packages/core/dist/index.js', 'packages/eslint-plugin/dist/index.js', 'package.json']) {
      expect(before.has(file), file).toBe(true);
    }
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
    expect(changed).toEqual([]);
    // nothing of the old pack-time machinery is left to run
    expect(readManifest(clone).scripts ?? {}).not.toHaveProperty('prepack');
    expect(readManifest(clone).scripts ?? {}).not.toHaveProperty('postpack');
    expect(existsSync(join(clone, 'packages/cli/src/hook/pre-commit-pack.mjs'))).toBe(false);
  });

  it('`pnpm run pack:published` packs exactly the published packages, never a private one', () => {
    const expected = publishedPackages.map((name) => `keyguard-${name}-${readManifest(join(clone, 'packages', name)).version}.tgz`);
    expect(readdirSync(tarballs).sort()).toEqual(expected.sort());
    expect(readManifest(clone)).toMatchObject({ name: 'keyguard-workspace', private: true });
    expect(readManifest(join(clone, 'benchmarks'))).toMatchObject({ name: '@keyguard/benchmarks', private: true });
    // what pnpm says it packed (one "📦  name@version" header per package)
    const packedNames = [...packOutput.matchAll(/^\u{1F4E6}\s+(\S+)@\d/gmu)].map((m) => m[1]);
    expect(packedNames.sort()).toEqual(publishedPackages.map((name) => `@keyguard/${name}`).sort());
  });

  it.each(publishedPackages)('@keyguard/%s: nothing in the tarball reaches outside it (relative imports, workspace: specs)', (name) => {
    const dir = unpackedDir(name);
    const problems: string[] = [];
    for (const file of walk(dir).map((f) => relative(dir, f).split('\\').join('/'))) {
      if (!/\.(?:[cm]?js|d\.[cm]?ts|json)$/.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      if (/\bworkspace:/.test(text)) problems.push(`${file}: workspace: spec`);
      for (const specifier of importSpecifiers(text)) {
        if (/(?:^|\/)(?:\.\.\/)+core(?:\/|$)|\/core\/dist(?:\/|$)/.test(specifier)) problems.push(`${file}: imports ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        if (target.startsWith('../') || target === '..') problems.push(`${file}: imports ${specifier}, outside the package`);
        else if (/\.[cm]?js$/.test(file) && /\.(?:[cm]?js|json)$/.test(target) && !existsSync(join(dir, target))) problems.push(`${file}: imports ${specifier}, not in the tarball`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('@keyguard/cli: no @keyguard/core (or any other package) at run time: no dependencies, no import of one, runs with no node_modules', async () => {
    const dir = unpackedDir('cli');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    const bare = walk(dir)
      .filter((file) => /\.[cm]?js$/.test(file))
      .flatMap((file) => importSpecifiers(readFileSync(file, 'utf8')).map((s) => [relative(dir, file), s] as const))
      .filter(([, s]) => !s.startsWith('.') && !isBuiltin(s));
    expect(bare).toEqual([]);
    // as the brief for the bundle says: dist + package.json alone, a key planted at run time
    const workspace = tempFolder('keyguard-packed-scan-');
    try {
      writeFileSync(join(workspace, 'settings.ts'), `export const key = "${generateIdentifiableKey('packed-cli', 'ASRS')}";\n`);
      const scanned = await run(process.execPath, [join(dir, 'dist/bin.js'), 'scan', '.', '--format', 'json', '--no-progress'], { cwd: workspace, env: cloneEnv(root) });
      expect(scanned.code, scanned.stderr).toBe(1);
      expect((JSON.parse(scanned.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['azure-signalr-access-key']);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it.each(['cli', 'eslint-plugin'])('@keyguard/%s: the bundle ships the license of every package it inlines', (name) => {
    const notices = readFileSync(join(unpackedDir(name), 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
    const listed = [...notices.matchAll(/^(@?[^\s@]+)@\d[^\s]* \(/gm)].map((m) => m[1]!);
    // what the bundle inlines instead of depending on it
    const inlined = name === 'cli' ? ['fast-glob', 'ignore', 'jsonc-parser', 'picocolors', 'picomatch'] : ['@typescript-eslint/utils', '@eslint/plugin-kit'];
    for (const pkg of inlined) expect(listed, pkg).toContain(pkg);
    expect(notices).toMatch(/Permission is hereby granted/); // the texts, not only the names
  });

  it.each(publishedPackages)('@keyguard/%s: every source map ships with its sources, every sourceMappingURL with its map', (name) => {
    const dir = unpackedDir(name);
    const files = new Set(walk(dir).map((file) => relative(dir, file).split('\\').join('/')));
    const maps = [...files].filter((file) => file.endsWith('.map'));
    // core ships tsc's JavaScript with its maps and its sources. The CLI ships no maps: its bundle
    // has none, and tsc's declaration maps would point at src/, which it does not ship.
    if (name === 'core') expect(maps.length).toBeGreaterThan(0);
    if (name === 'cli') expect(maps, 'the CLI ships no source maps: "declarationMap": false in packages/cli/tsconfig.json').toEqual([]);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources, sourceRoot } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[]; sourceRoot?: string };
      expect(sources.length, map).toBeGreaterThan(0);
      for (const source of sources) {
        const path = posix.normalize(posix.join(posix.dirname(map), sourceRoot ?? '', source));
        if (!files.has(path)) missing.push(`${map} -> ${path}`);
      }
    }
    for (const file of [...files].filter((f) => /\.(?:[cm]?js|d\.[cm]?ts)$/.test(f))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
      if (url === undefined) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), url));
      if (!files.has(path)) missing.push(`${file} -> ${path}`);
    }
    expect(missing).toEqual([]);
  });
});

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/**
 * What every file under `dir` is (content hash, executable bit; a link's target), by path:
 * tracked or not, built output included, node_modules folders and .git left out.
 */
function treeSnapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.name === 'node_modules' || rel === '.git') continue;
      const path = join(dir, rel);
      if (entry.isSymbolicLink()) out.set(rel, `link ${readlinkSync(path)}`);
      else if (entry.isDirectory()) visit(rel);
      else out.set(rel, `${(statSync(path).mode & 0o111) !== 0 ? 'x' : '-'} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  visit('');
  return out;
}

/** The module specifiers of `import … from`, `export … from`, `import()`, `require()` and bare `import '…'`. */
function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\1/g)) found.push(m[2]!);
  return found;
}

// The workspace's private packages (the root and the benchmarks) are never packed for release.
describe('private packages', () => {
  const workspace = parseYaml(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
  const dirs = workspace.packages.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(repoRoot, pattern.slice(0, -2)))
          .map((entry) => `${pattern.slice(0, -2)}/${entry}`)
          .filter((dir) => existsSync(join(repoRoot, dir, 'package.json')))
      : [pattern],
  );

  it('every workspace package is either published or private, and only the three are published', () => {
    const manifests = dirs.map((dir) => ({ dir, manifest: readManifest(join(repoRoot, dir)) }));
    const published = manifests.filter((m) => m.manifest.private !== true).map((m) => m.dir);
    expect(published.sort()).toEqual(publishedPackages.map((name) => `packages/${name}`).sort());
    expect(manifests.filter((m) => m.manifest.private === true).map((m) => m.manifest.name)).toEqual(['@keyguard/benchmarks', '@keyguard/test-kit']);
    expect(readManifest(repoRoot)).toMatchObject({ name: 'keyguard-workspace', private: true });
    // pack:published takes the folders under packages/: none of them may be private
    expect(readManifest(repoRoot).scripts?.['pack:published']).toBe('pnpm --recursive --filter "./packages/*" pack');
    // releases go through changesets, which never publishes a private package
    expect(readManifest(repoRoot).scripts?.release).toMatch(/changeset publish$/);
    // the release tag for the Action and the pre-commit hook (see scripts/release-commit.mjs)
    expect(readManifest(repoRoot).scripts?.['release:tag']).toBe('node scripts/release-commit.mjs');
  });

  it('packing runs no script of the root: no prepack or postpack (packing never edits the tree)', () => {
    const scripts = readManifest(repoRoot).scripts ?? {};
    expect(Object.keys(scripts).filter((name) => /^(?:pre|post)?pack$|^prepare$|^prepublish/.test(name))).toEqual([]);
  });
});
