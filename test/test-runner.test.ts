import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, run } from './helpers.js';

// `pnpm test` ends with the line CI reads. It must count every kind of failure, so it is run
// here on small throw-away suites (globals on: the temporary folder cannot import vitest).
describe('the closing line of scripts/test.mjs', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function suite(files: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-tally-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { globals: true, include: ['*.test.mjs'] } };\n");
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = await run(process.execPath, [join(repoRoot, 'scripts/test.mjs')], { cwd: dir, env: { ...process.env, CI: 'true' } });
    return { ...r, last: r.stdout.trimEnd().split('\n').at(-1) };
  }

  const passing = "test('one', () => expect(1).toBe(1));\ntest('two', () => expect(2).toBe(2));\n";

  it('all green: N passed, 0 failed, exit 0', async () => {
    const r = await suite({ 'a.test.mjs': passing });
    expect(r.last).toBe('2 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('counts a failed test', async () => {
    const r = await suite({ 'a.test.mjs': passing, 'b.test.mjs': "test('bad', () => expect(1).toBe(2));\n" });
    expect(r.last).toBe('2 passed, 1 failed');
    expect(r.code).toBe(1);
  });

  it('counts each test file that fails to load, which has no failed test of its own', async () => {
    const broken = "throw new Error('cannot read a schema');\n";
    const r = await suite({ 'a.test.mjs': passing, 'b.test.mjs': broken, 'c.test.mjs': broken, 'd.test.mjs': "test('bad', () => expect(1).toBe(2));\n" });
    expect(r.last).toBe('2 passed, 3 failed');
    expect(r.stdout).toContain('test file failed:');
    expect(r.code).toBe(1);
  });

  it('counts a failing beforeAll hook', async () => {
    const r = await suite({ 'a.test.mjs': passing, 'b.test.mjs': "beforeAll(() => { throw new Error('no fixture'); });\ntest('x', () => {});\n" });
    expect(r.last).toMatch(/^2 passed, [1-9]\d* failed$/);
    expect(r.code).toBe(1);
  });

  it('counts each unhandled error', async () => {
    const late = "test('leaks', () => { setTimeout(() => { throw new Error('late'); }, 0); setTimeout(() => { throw new Error('later'); }, 1); });\ntest('waits', () => new Promise((r) => setTimeout(r, 50)));\n";
    const r = await suite({ 'a.test.mjs': late });
    expect(r.last).toBe('2 passed, 2 failed');
    expect(r.stdout).toContain('unhandled error: late');
    expect(r.code).toBe(1);
  });

  it('a run where no test ran is a failure', async () => {
    const r = await suite({ 'a.test.mjs': '// nothing\n' });
    expect(r.last).toMatch(/^0 passed, [1-9]\d* failed$/);
    expect(r.code).toBe(1);
  });
});
