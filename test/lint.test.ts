import { describe, expect, it } from 'vitest';
import { repoRoot, run } from './helpers.js';

// The repository passes its own lint: @eslint/js and typescript-eslint recommended, plus
// keyguard's own ESLint rule (eslint.config.js loads it from the built plugin).
describe('lint', () => {
  it('eslint . reports no problem', async () => {
    const eslint = `${repoRoot}/node_modules/eslint/bin/eslint.js`;
    const result = await run(process.execPath, [eslint, '.', '--format', 'json'], { cwd: repoRoot });
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const problems = report.flatMap((file) => file.messages.map((m) => `${file.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
    expect(report.length).toBeGreaterThan(100); // it did look at the sources
    expect(result.code).toBe(0);
  });
});
