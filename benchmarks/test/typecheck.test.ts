import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The benchmark scripts are plain JavaScript with JSDoc types: benchmarks/tsconfig.json checks
// them (checkJs, strict) against @keyguard/core's declarations, which `pnpm build` writes.
describe('benchmark scripts', () => {
  it('type-check: tsc -p benchmarks reports nothing', () => {
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'benchmarks'], { cwd: repoRoot, encoding: 'utf8' });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  });
});
