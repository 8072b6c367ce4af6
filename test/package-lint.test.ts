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
    const result = await run(`${repoRoot}/node_modules/.bin/attw`, ['--pack', dir, '--profile', 'esm-only', '--format', 'json'], {
      timeout: 120_000,
    });
    const report = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
    const counted = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(counted).toEqual([]);
    expect(result.code).toBe(0);
  });
});
