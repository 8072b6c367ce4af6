import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { publishedPackages, repoRoot, run, unpackTarball } from './helpers.js';

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

// The tarballs `pnpm run pack:published` makes (the command the repository documents for packing
// what it publishes): exactly the published packages, and in each, source maps only with the
// sources they point to.
describe('packed packages', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyguard-packed-'));
  const tarballs = join(root, 'tarballs');
  const rootManifest = join(repoRoot, 'package.json');
  const rootManifestBefore = readFileSync(rootManifest, 'utf8');
  let packOutput = '';

  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });

  beforeAll(async () => {
    const packed = await run('pnpm', ['run', 'pack:published', '--pack-destination', tarballs], { timeout: 300_000 });
    packOutput = packed.stdout + packed.stderr;
    expect(packed.code, packOutput).toBe(0);
    for (const file of readdirSync(tarballs)) await unpackTarball(join(tarballs, file), join(root, 'unpacked', file));
  }, 400_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('`pnpm run pack:published` packs exactly the published packages, never a private one', () => {
    const expected = publishedPackages.map((name) => `keyguard-${name}-${readManifest(join(repoRoot, 'packages', name)).version}.tgz`);
    expect(readdirSync(tarballs).sort()).toEqual(expected.sort());
    // the private root was not packed: its prepack (which swaps its package.json) never ran
    expect(packOutput).not.toMatch(/keyguard-workspace@\S+ prepack/);
    expect(readFileSync(rootManifest, 'utf8')).toBe(rootManifestBefore);
    expect(existsSync(join(repoRoot, '.package.json.keyguard-prepack'))).toBe(false);
  });

  it.each(publishedPackages)('@keyguard/%s: every source map ships with its sources, every sourceMappingURL with its map', (name) => {
    const version = readManifest(join(repoRoot, 'packages', name)).version;
    const dir = join(root, 'unpacked', `keyguard-${name}-${version}.tgz`);
    const files = new Set(walk(dir).map((file) => relative(dir, file).split('\\').join('/')));
    const maps = [...files].filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
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
    expect(manifests.filter((m) => m.manifest.private === true).map((m) => m.manifest.name)).toEqual(['@keyguard/benchmarks']);
    expect(readManifest(repoRoot)).toMatchObject({ name: 'keyguard-workspace', private: true });
    // pack:published takes the folders under packages/: none of them may be private
    expect(readManifest(repoRoot).scripts?.['pack:published']).toBe('pnpm --recursive --filter "./packages/*" pack');
    // releases go through changesets, which never publishes a private package
    expect(readManifest(repoRoot).scripts?.release).toMatch(/changeset publish$/);
  });

  it('the root refuses `pnpm pack` (and so `pnpm -r pack`); npm still packs it for the pre-commit framework', async () => {
    // A copy of the root manifest over a stand-in for the pre-commit pack script, which records
    // each run: the real script builds and swaps the root package.json.
    const scratch = mkdtempSync(join(tmpdir(), 'keyguard-root-pack-'));
    try {
      copyFileSync(join(repoRoot, 'package.json'), join(scratch, 'package.json'));
      const script = join(scratch, 'packages/cli/src/hook/pre-commit-pack.mjs');
      mkdirSync(dirname(script), { recursive: true });
      writeFileSync(script, "import { appendFileSync } from 'node:fs';\nappendFileSync('ran.txt', `${process.argv[2] ?? 'prepack'}\\n`);\n");
      const ran = () => (existsSync(join(scratch, 'ran.txt')) ? readFileSync(join(scratch, 'ran.txt'), 'utf8') : '');
      const tgz = () => readdirSync(scratch).filter((file) => file.endsWith('.tgz'));

      const pnpmPack = await run('pnpm', ['pack'], { cwd: scratch });
      expect(pnpmPack.code).not.toBe(0);
      expect(pnpmPack.stdout + pnpmPack.stderr).toContain('pnpm run pack:published');
      expect(ran()).toBe('');
      expect(tgz()).toEqual([]);

      const npmPack = await run('npm', ['pack', '--loglevel=error'], { cwd: scratch });
      expect(npmPack.code, npmPack.stderr).toBe(0);
      expect(ran()).toBe('prepack\n--restore\n');
      expect(tgz()).toEqual(['keyguard-workspace-0.0.0.tgz']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
