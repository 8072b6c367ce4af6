import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { chartData, renderMarkdown, renderSvg } from '../src/report.mjs';

const w = (median: number) => ({ median, min: median * 0.9, max: median * 1.1, n: 3 });
const results = {
  mode: 'full',
  date: '2026-01-01T00:00:00.000Z',
  machine: { cores: 2, memoryGiB: 8, cpuModel: 'Test CPU', os: 'Test OS', node: 'v20.19.0', loadAverageAtStart: [0, 0, 0] },
  machineLabel: '2 cores, 8 GiB RAM, Test CPU',
  tools: {
    ripgrep: { available: true, version: '13.0.0', source: 'apt ripgrep' },
    gitleaks: { available: false, reason: 'not installed' },
  },
  prep: {},
  timing: { totalMs: 1000, prepMs: 10, suitesMs: 990 },
  suites: {
    core: {
      available: true,
      title: 'Core',
      target: 'x',
      corpus: { name: 'kernel sample', bytes: 1e6, files: 3 },
      rows: [
        { tool: 'regex /x/g', mbps: w(100), ms: w(10), vsRegex: 1, result: 0 },
        { tool: 'keyguard scanText', mbps: w(900), ms: w(1.1), vsRegex: 9, result: 0 },
      ],
    },
    accuracy: {
      available: true,
      title: 'Accuracy',
      corpora: [
        {
          corpus: 'planted-full',
          description: 'd',
          files: 2,
          bytes: 100,
          positives: 2,
          decoys: 1,
          rows: [
            {
              tool: 'keyguard',
              label: 'keyguard CLI',
              available: true,
              wall: w(10),
              mbps: w(5),
              timeVsRipgrep: 2,
              accuracy: { findings: 2, truePositives: 2, falsePositives: 0, recall: 1, precision: 1, decoysReported: 0, byForm: { a: { planted: 2, found: 2 } } },
            },
            { tool: 'secretlint', label: 'secretlint', available: false, reason: 'missing' },
          ],
        },
      ],
    },
    eslint: { available: false, title: 'ESLint', reason: 'plugin not built' },
  },
};

describe('report rendering', () => {
  it('labels the machine and renders a table per suite, unavailable ones with their reason', () => {
    const md = renderMarkdown(results);
    expect(md).toContain('2 cores, 8 GiB RAM, Test CPU');
    expect(md).toContain('| keyguard scanText | 900 (810–990) |');
    expect(md).toContain('**unavailable**: not installed');
    expect(md).toContain('unavailable: missing');
    expect(md).toContain('**Unavailable:** plugin not built');
    expect(md).toContain('| a | 2/2 |');
  });
  it('draws throughput and accuracy bars in a standalone SVG', () => {
    const data = chartData(results);
    expect(data.speed.map((s: { label: string }) => s.label)).toEqual(['core: regex /x/g', 'core: keyguard scanText']);
    expect(data.acc).toHaveLength(1);
    const svg = renderSvg(results);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('recall 100.0%');
    expect(svg).not.toContain('NaN');
  });
  it('prints the start-up deltas over node -e 0 against their budgets, over-budget ones marked', () => {
    const staged = {
      available: true,
      title: 'Staged',
      target: 't',
      repoFiles: 10,
      scenarios: [],
      startup: {
        available: true,
        node: 'v20.19.0',
        runs: 21,
        wall: { node: w(50), version: w(52), one: w(95), many: w(200) },
        staged: { one: 1, many: 1000 },
        deltas: { version: { ms: 2, budgetMs: 15, within: true }, one: { ms: 45, budgetMs: 30, within: false }, many: { ms: 150, budgetMs: 250, within: true } },
      },
    };
    const md = renderMarkdown({ ...results, suites: { staged } });
    expect(md).toContain('| `keyguard --version` | 52 ms (47 ms–57 ms, n=3) | +2.0 ms | 15 ms | within |');
    expect(md).toContain('| `keyguard scan --staged`, 1 staged file | 95 ms (86 ms–105 ms, n=3) | +45.0 ms | 30 ms | **over** |');
    expect(md).toContain('`keyguard scan --staged`, 1000 staged files');
  });
  it('renders a table per archive format, with what each row found', () => {
    const archives = {
      available: true,
      title: 'Archive throughput',
      runsPerTool: 2,
      content: { files: 329, bytes: 4e6, source: 'real text' },
      archives: [
        {
          format: 'zip',
          file: 'content.zip',
          archiveBytes: 1.1e6,
          rows: [
            { available: true, tool: 'ripgrep', label: 'unzip -p | rg (baseline)', command: "unzip -p content.zip | rg -c 'x'", wall: w(50), rssKB: w(6144), mbps: w(80), timeVsRipgrep: 1, matchingLines: 0 },
            { available: true, tool: 'keyguard', label: 'keyguard scan', command: 'keyguard scan content.zip', wall: w(500), rssKB: w(98304), mbps: w(8), timeVsRipgrep: 10, scanned: { files: 330, bytes: 4e6, findings: 0, complete: true } },
          ],
        },
        { format: 'tar.gz', file: 'content.tar.gz', archiveBytes: 1e6, rows: [{ available: false, tool: 'ripgrep', label: 'tar -xOzf | rg (baseline)', reason: 'rg missing' }] },
      ],
    };
    const md = renderMarkdown({ ...results, suites: { archives } });
    expect(md).toContain('## Archive throughput');
    expect(md).toContain('### zip (1.1 MB archive)');
    expect(md).toContain('| keyguard scan | `keyguard scan content.zip` | 500 ms (450 ms–550 ms, n=3) | 8.0 (7.2–8.8) | 96 MiB | 10× | 330 files, 4.0 MB read; 0 findings |');
    expect(md).toContain('| 1.00× | 0 matching lines |');
    const short = { ...archives.archives[0].rows[1], scanned: { files: 300, bytes: 3e6, findings: 0, complete: false } };
    const md2 = renderMarkdown({ ...results, suites: { archives: { ...archives, archives: [{ ...archives.archives[0], rows: [short] }] } } });
    expect(md2).toContain('300 files, 3.0 MB read (**incomplete**: an archive limit stopped it; MB/s overstated); 0 findings');
    expect(md).toContain('| tar -xOzf \\| rg (baseline) | unavailable: rg missing |');
  });
});
