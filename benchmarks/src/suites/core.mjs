// CORE throughput: @keyguard/core single-threaded over real source text held in memory, next to a
// plain regex and Buffer.indexOf over the same bytes in the same process.
import { fileURLToPath } from 'node:url';
import { lastLine, timed } from '../measure.mjs';
import { mbPerSec, summarize } from '../stats.mjs';
import { sourceRoots } from '../corpora/sources.mjs';
/** @import { SuiteContext } from '../types.mjs' */
/** @import { CoreWorkerOutput } from './core-worker.mjs' */

export const id = 'core';
export const title = 'Core throughput (single thread, in memory)';

/** @param {SuiteContext} context */
export async function runSuite({ quick, log, tools }) {
  const root = sourceRoots()[0];
  const size = quick ? 16 * 2 ** 20 : 256 * 2 ** 20;
  const runs = quick ? 2 : 4;
  const worker = fileURLToPath(new URL('./core-worker.mjs', import.meta.url));
  log(`  ${(size / 2 ** 20).toFixed(0)} MiB of ${root.name} text, ${runs} runs each`);
  const r = await timed(process.execPath, ['--expose-gc', '--max-old-space-size=8192', worker, root.root, String(size), String(runs)], {
    capture: true,
    timeoutMs: quick ? 60_000 : 600_000,
  });
  if (r.code !== 0) return { available: false, reason: `core worker failed: ${r.timedOut ? 'timeout' : lastLine(r.stderr)}` };
  /** @type {CoreWorkerOutput} */
  const data = JSON.parse(r.stdout);
  const against = tools?.['keyguard-base'];
  if (against?.available && against.core !== undefined) {
    // The same sample through the other build's core, in the same run.
    log(`  again with keyguard @ ${against.version}`);
    const b = await timed(process.execPath, ['--expose-gc', '--max-old-space-size=8192', worker, root.root, String(size), String(runs), '65536', against.core], {
      capture: true,
      timeoutMs: quick ? 60_000 : 600_000,
    });
    if (b.code === 0) {
      /** @type {CoreWorkerOutput} */
      const other = JSON.parse(b.stdout);
      for (const [name, value] of Object.entries(other.results)) data.results[`${name} @ ${against.version}`] = value;
    } else log(`  keyguard @ ${against.version}: worker failed (${b.timedOut ? 'timeout' : lastLine(b.stderr)})`);
  }
  const rows = Object.entries(data.results).map(([name, { samples, result }]) => {
    const ms = summarize(samples);
    return {
      tool: name,
      ms,
      // MB/s: best = min time, worst = max time.
      mbps: { median: mbPerSec(data.bytes, ms.median), min: mbPerSec(data.bytes, ms.max), max: mbPerSec(data.bytes, ms.min), n: ms.n },
      result,
      samples,
      /** Throughput over the plain regex's (set below). */
      vsRegex: NaN,
    };
  });
  const regex = rows.find((x) => x.tool.startsWith('regex'));
  if (!regex) throw new Error('the core worker timed no regex');
  for (const row of rows) row.vsRegex = row.mbps.median / regex.mbps.median;
  return {
    available: true,
    corpus: { name: `${root.name} sample`, bytes: data.bytes, files: data.files, chars: data.chars },
    command: `node --expose-gc benchmarks/src/suites/core-worker.mjs <${root.name}> ${size} ${runs}`,
    target: 'keyguard scanText >= 1000 MB/s',
    rows,
    peakRssKB: r.rssKB,
  };
}
