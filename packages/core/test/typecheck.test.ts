/** The core tests type-check against the sources (test/tsconfig.json, strict). */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testDir = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('type-check', () => {
  it('tsc -p packages/core/test exits 0', () => {
    const run = spawnSync(process.execPath, [tsc, '-p', join(testDir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toBe('');
    expect(run.status).toBe(0);
  });
});
