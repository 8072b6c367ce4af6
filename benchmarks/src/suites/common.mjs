// Shared by the suites: time one driver over one tree, summarised the same way everywhere.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DRIVERS, driverStatus } from '../tools.mjs';
import { WORK_DIR } from '../paths.mjs';
import { repeat, timed } from '../measure.mjs';
import { mbPerSec, ratio } from '../stats.mjs';

export function reportPath(name) {
  mkdirSync(join(WORK_DIR, 'reports'), { recursive: true });
  return join(WORK_DIR, 'reports', name);
}

/**
 * Times `driverId` over `tree` (bytes for MB/s). Returns a row; with `parse`, the last run's report
 * parsed into [{ file, line }] as row.reported (kept out of the results file by the caller).
 */
export async function measureDriver(driverId, tree, { tools, bytes, runs, warmup = 1, budgetMs, timeoutMs, parse = false, log }) {
  const driver = DRIVERS[driverId];
  const status = driverStatus(driver, tools);
  const base = { tool: driverId, label: driver.label, command: driver.shell(tree) };
  if (!status.available) return { ...base, available: false, reason: status.reason };
  const out = parse ? reportPath(`${driverId}.json`) : undefined;
  let last;
  const make = async () => {
    if (out) rmSync(out, { force: true });
    const c = driver.command(tree, out);
    last = await timed(c.cmd, c.args, { cwd: c.cwd, env: c.env, capture: c.capture, fullStderr: c.fullStderr, timeoutMs });
    return last;
  };
  log?.(`    ${driverId}…`);
  const r = await repeat(make, { runs, warmup, okCodes: driver.okCodes, budgetMs, log });
  const row = {
    ...base,
    available: r.ok,
    ...(r.ok ? {} : { reason: r.error }),
    wall: r.wall,
    rssKB: r.rss,
    runs: r.runs.map((s) => ({ ms: Math.round(s.ms * 10) / 10, rssKB: s.rssKB, exit: s.code, ...(s.warmup ? { warmupOnly: true } : {}) })),
    mbps: { median: mbPerSec(bytes, r.wall.median), min: mbPerSec(bytes, r.wall.max), max: mbPerSec(bytes, r.wall.min) },
  };
  if (r.ok && parse && driver.parse) {
    try {
      row.reported = driver.parse(tree, out, last);
    } catch (e) {
      row.parseError = String(e.message ?? e).slice(0, 200);
    }
  }
  if (out) rmSync(out, { force: true });
  return row;
}

/** Adds ratioToRipgrep (time ratio: tool median / ripgrep median, same tree, same run). */
export function addRatios(rows, baselineId = 'ripgrep') {
  const rg = rows.find((r) => r.tool === baselineId && r.available);
  for (const r of rows) r.timeVsRipgrep = rg && r.available ? ratio(r.wall.median, rg.wall.median) : NaN;
  return rows;
}
