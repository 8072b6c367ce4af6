import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, repoRoot, run } from './helpers.js';

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
