import { describe, expect, it } from 'vitest';
import { cliBin, repoRoot, run } from './helpers.js';

// keyguard guards its own repository: the built CLI over the checkout, with the repository's
// keyguard.config.json (which excludes the fixture folders by path), must find nothing.
describe('self-scan', () => {
  it('finds no credential in this repository', async () => {
    const result = await run(process.execPath, [cliBin, 'scan', '.', '--format', 'json', '--min-confidence', 'low'], { cwd: repoRoot });
    const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { files: number } };
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBeGreaterThan(50);
    expect(result.code).toBe(0);
  });

  it('uses the repository config, which excludes fixtures by path', async () => {
    const result = await run(process.execPath, [cliBin, 'scan', '.', '--format', 'json'], { cwd: repoRoot });
    const report = JSON.parse(result.stdout) as { findings: { path: string }[] };
    expect(report.findings.filter((f) => f.path.startsWith('fixtures/'))).toEqual([]);
    const config = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${repoRoot}/keyguard.config.json`, 'utf8'))) as { ignore: string[] };
    expect(config.ignore).toContain('fixtures/**');
  });
});
