// Partial clones and missing objects: nothing is fetched unasked, nothing is dropped silently.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/types.js';
import { asrsKey, cleanupTemp, codeWithKey, commit, env, git, gitTry, isolateGit, makeRepo, runCli, tempDir, write } from './git-fixtures.js';
import { assertBuilt } from './helpers.js';

beforeAll(() => {
  assertBuilt();
  isolateGit();
});
afterAll(() => cleanupTemp());

const report = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

/** Rewrites the repository's objects as one pack without `oid`: a blob lost from its pack. */
function dropObject(repo: string, oid: string): void {
  git(repo, 'repack', '-a', '-d', '-q');
  const objects = git(repo, 'rev-list', '--objects', '--all')
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter((o) => o !== '' && o !== oid);
  const packDir = join(repo, '.git', 'objects', 'pack');
  const old = readdirSync(packDir);
  const made = spawnSync('git', ['pack-objects', '-q', join(packDir, 'pack')], { cwd: repo, env: env(), input: `${objects.join('\n')}\n`, encoding: 'utf8' });
  expect(made.status).toBe(0);
  const name = made.stdout.trim();
  for (const f of old) if (!f.includes(name)) rmSync(join(packDir, f));
  expect(gitTry(repo, ['cat-file', '-e', oid]).status).not.toBe(0);
}

/**
 * A source repository served over file:// that allows partial clones; every `git upload-pack`
 * a clone of it starts is logged, one line each, so fetches can be counted.
 */
function servedRepo(): { src: string; log: string; wrapper: string } {
  const src = makeRepo();
  git(src, 'config', 'uploadpack.allowFilter', 'true');
  git(src, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const dir = tempDir('kg-upload-');
  const log = join(dir, 'upload-pack.log');
  const wrapper = join(dir, 'upload-pack.sh');
  writeFileSync(log, '');
  writeFileSync(wrapper, `#!/bin/sh\necho "$$" >> '${log}'\nexec git upload-pack "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { src, log, wrapper };
}

const uploads = (log: string): number => readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').length;

describe('a blob missing from a full clone (no promisor remote)', () => {
  it('is listed as missing with its commit, warned about, and --strict exits 2', () => {
    const repo = makeRepo();
    write(repo, 'config.ts', codeWithKey('lost-1'));
    const c1 = commit(repo, 'add a key');
    const lost = git(repo, 'rev-parse', 'HEAD:config.ts').trim();
    write(repo, 'config.ts', 'export {};\n');
    commit(repo, 'remove it');
    dropObject(repo, lost);

    const r = runCli(['scan', '--history', '--format', 'json', '--no-progress'], repo);
    expect(r.stderr).toContain(`keyguard: skipped config.ts (missing in commit ${c1.slice(0, 12)})`);
    expect(r.stderr).toMatch(/warning: 1 blob of the history missing from the repository and not read \(no promisor remote/);
    expect(r.status).toBe(0);
    const out = report(r.stdout);
    expect(out.skipped).toEqual([{ path: 'config.ts', reason: 'missing', commit: c1 }]);
    expect(out.summary.missing).toBe(1);
    expect(out.warnings.join('\n')).toContain('missing from the repository');

    const strict = runCli(['scan', '--history', '--strict', '--no-progress'], repo);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('--strict: some paths could not be read');

    const sarif = runCli(['scan', '--history', '--format', 'sarif', '--no-progress'], repo);
    const run = (JSON.parse(sarif.stdout) as { runs: { properties: { warnings: string[]; summary: { missing: number } } }[] }).runs[0]!;
    expect(run.properties.summary.missing).toBe(1);
    expect(run.properties.warnings.join('\n')).toContain('missing from the repository');
  });

  it('--staged lists a staged entry whose blob is not there as missing, not as binary', () => {
    const repo = makeRepo();
    write(repo, 'a.txt', 'a\n');
    commit(repo, 'first');
    const ghost = 'ab'.repeat(20);
    git(repo, 'update-index', '--add', '--info-only', '--cacheinfo', `100644,${ghost},ghost.ts`);
    const r = runCli(['scan', '--staged', '--format', 'json', '--no-progress'], repo);
    expect(report(r.stdout).skipped).toEqual([{ path: 'ghost.ts', reason: 'missing' }]);
    expect(r.stderr).toContain('keyguard: skipped ghost.ts (missing)');
    expect(runCli(['scan', '--staged', '--strict', '--no-progress'], repo).status).toBe(2);
  });
});

describe('a partial clone (--filter=blob:none) of a file:// remote', () => {
  /** 40 commits, each rewriting one of 10 files (30 old versions only in history); commit 7 held a key that commit 8 removed; the tip holds another. */
  function partialClone(): { clone: string; src: string; log: string; keyCommit: string } {
    const { src, log, wrapper } = servedRepo();
    let keyCommit = '';
    for (let i = 0; i < 40; i++) {
      write(src, `notes/file${i % 10}.txt`, `revision ${i}\n`);
      if (i === 7) write(src, 'settings.ts', codeWithKey('partial-old'));
      if (i === 8) write(src, 'settings.ts', 'export {};\n');
      const sha = commit(src, `commit ${i}`);
      if (i === 7) keyCommit = sha;
    }
    write(src, 'tip.ts', codeWithKey('partial-tip'));
    commit(src, 'tip');
    const clone = join(tempDir('kg-partial-'), 'clone');
    git(src, 'clone', '-q', '--filter=blob:none', `file://${src}`, clone);
    git(clone, 'config', 'remote.origin.uploadpack', wrapper);
    writeFileSync(log, '');
    return { clone, src, log, keyCommit };
  }

  it('fetches nothing unasked: the missing blobs are listed and counted, the local ones scanned', () => {
    const { clone, log, keyCommit } = partialClone();
    const r = runCli(['scan', '--history', '--format', 'json', '--no-progress'], clone);
    expect(uploads(log)).toBe(0);
    expect(r.status).toBe(1); // the tip's key is local
    const out = report(r.stdout);
    expect(out.findings.map((f) => f.path)).toEqual(['tip.ts']);
    const missing = out.skipped.filter((s) => s.reason === 'missing');
    expect(missing.length).toBe(31); // 30 old notes and the old settings.ts
    expect(out.summary.missing).toBe(missing.length);
    expect(missing).toContainEqual({ path: 'settings.ts', reason: 'missing', commit: keyCommit });
    expect(out.warnings.join('\n')).toMatch(/blobs of the history not in this partial clone and not read .*--fetch-missing.*'origin'/);
    expect(r.stderr).toContain('--fetch-missing');
    const strict = runCli(['scan', '--history', '--strict', '--no-progress'], clone);
    expect(strict.status).toBe(2);
    expect(strict.stdout.replace(/\s+/g, ' ')).toMatch(/, 31 skipped \(31 missing\), /);
    expect(uploads(log)).toBe(0);
  });

  it('--fetch-missing fetches them in one batch and finds the key in a missing blob', () => {
    const { clone, log, keyCommit } = partialClone();
    const r = runCli(['scan', '--history', '--fetch-missing', '--format', 'json', '--no-progress'], clone);
    expect(uploads(log)).toBeGreaterThanOrEqual(1);
    expect(uploads(log)).toBeLessThanOrEqual(2);
    expect(r.status).toBe(1);
    const out = report(r.stdout);
    expect(out.findings.map((f) => [f.path, f.commit, f.secret === undefined])).toEqual([
      ['settings.ts', keyCommit, true],
      ['tip.ts', out.findings[1]!.commit, true],
    ]);
    expect(out.skipped).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(r.stdout).not.toContain(asrsKey('partial-old'));
  });

  it('with the remote gone: the scan goes on with what is local, lists the rest and says why', () => {
    const { clone, src, log } = partialClone();
    renameSync(src, `${src}-gone`);
    try {
      const plain = runCli(['scan', '--history', '--format', 'json', '--no-progress'], clone);
      expect(plain.status).toBe(1);
      expect(report(plain.stdout).summary.missing).toBe(31);

      const r = runCli(['scan', '--history', '--fetch-missing', '--format', 'json', '--no-progress'], clone);
      expect(r.status).toBe(1); // by findings: the tip's key
      const out = report(r.stdout);
      expect(out.findings.map((f) => f.path)).toEqual(['tip.ts']);
      expect(out.summary.missing).toBe(31);
      expect(out.warnings.join('\n')).toMatch(/--fetch-missing: could not fetch from 'origin': .+; \d+ blobs of the history not read/);
      expect(uploads(log)).toBeLessThanOrEqual(1); // one attempt, which fails
    } finally {
      renameSync(`${src}-gone`, src);
    }
  });
});

describe('binary files in history', () => {
  it('are counted on one stderr line, listed with --verbose, kept in the report', () => {
    const repo = makeRepo();
    for (let i = 0; i < 6; i++) write(repo, `img/icon${i}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, i, 0, 1, 2]));
    write(repo, 'a.txt', 'text\n');
    commit(repo, 'images');
    const r = runCli(['scan', '--history', '--format', 'json', '--no-progress'], repo);
    expect(r.stderr).toBe('keyguard: skipped 6 binary files; --verbose lists them\n');
    expect(report(r.stdout).skipped).toHaveLength(6);
    const verbose = runCli(['scan', '--history', '--verbose', '--no-progress'], repo);
    expect(verbose.stderr.split('\n').filter((l) => l.includes('(binary)'))).toHaveLength(6);
  });
});
