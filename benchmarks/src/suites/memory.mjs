// Constant memory: peak RSS of `keyguard scan` on a 2 GiB generated file next to a 1 MiB file.
import { ensureBigFiles } from '../corpora/bigfile.mjs';
import { repeat, timed } from '../measure.mjs';
import { CLI_BIN } from '../paths.mjs';
import { mbPerSec } from '../stats.mjs';
import { fileURLToPath } from 'node:url';
/** @import { SuiteContext } from '../types.mjs' */

export const id = 'memory';
export const title = 'Constant memory (one big file)';

const CORE_SCAN = fileURLToPath(new URL('../core-scan.mjs', import.meta.url));

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  const size = quick ? 'quick' : 'full';
  const { big, small } = ensureBigFiles(size, { log });
  const cli = tools['keyguard-cli'].available;
  const tool = cli ? 'keyguard CLI' : 'keyguard core API (CLI unavailable): scanStream over fs.createReadStream';
  /** @type {(file: string) => string[]} */
  const command = cli
    ? (file) => [CLI_BIN, 'scan', file, '--format', 'json', '--output', '/dev/null']
    : (file) => [CORE_SCAN, file, '/dev/null'];
  const rows = [];
  /** @type {[name: string, file: { path: string, bytes: number }, runs: number][]} */
  const inputs = [
    ['1 MiB file', small, quick ? 1 : 3],
    [big.bytes >= 2 ** 30 ? `${(big.bytes / 2 ** 30).toFixed(0)} GiB file` : `${(big.bytes / 2 ** 20).toFixed(0)} MiB file`, big, 1],
  ];
  for (const [name, f, runs] of inputs) {
    log(`    ${name}…`);
    const r = await repeat(() => timed(process.execPath, command(f.path), { timeoutMs: quick ? 60_000 : 300_000 }), {
      runs,
      warmup: f === small && !quick ? 1 : 0,
      okCodes: [0, 1],
      budgetMs: quick ? 20_000 : 120_000,
    });
    rows.push({
      file: name,
      bytes: f.bytes,
      available: r.ok,
      ...(r.ok ? {} : { reason: r.error }),
      wall: r.wall,
      rssKB: r.rss,
      mbps: mbPerSec(f.bytes, r.wall.median),
      runs: r.runs.map((s) => ({ ms: Math.round(s.ms), rssKB: s.rssKB })),
    });
  }
  return {
    available: true,
    tool,
    command: cli ? 'node packages/cli/dist/bin.js scan <file> --format json --output /dev/null' : 'node benchmarks/src/core-scan.mjs <file> /dev/null',
    rows,
    rssGrowthKB: rows[1]?.rssKB.median - rows[0]?.rssKB.median,
  };
}
