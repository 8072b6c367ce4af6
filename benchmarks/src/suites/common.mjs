// Shared by the suites: time one driver over one tree, summarised the same way everywhere.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DRIVERS, driverStatus } from '../tools.mjs';
import { WORK_DIR } from '../paths.mjs';
import { errorMessage, repeat, timed } from '../measure.mjs';
/** @import { Log, RepeatResult, Reported, Row, Summary, TimedResult, Tools } from '../types.mjs' */

/**
 * A driver's row: measured (wall, rssKB, runs, mbps; `available` false when a run failed), or
 * unavailable with the reason.
 * @typedef {object} DriverRow
 * @property {string} tool
 * @property {string} label
 * @property {string} command
 * @property {boolean} available
 * @property {string} [reason]
 * @property {Summary} [wall]
 * @property {Summary} [rssKB]
 * @property {{ ms: number, rssKB: number, exit: number | null, warmupOnly?: boolean }[]} [runs]
 * @property {{ median: number, min: number, max: number }} [mbps]
 * @property {Reported[]} [reported] the last run's report, with `parse`
 * @property {string} [parseError]
 * @property {number} [timeVsRipgrep]
 */
import { mbPerSec, ratio } from '../stats.mjs';

/**
 * What every measured row says of its repeated runs: whether they all succeeded (else why not),
 * the wall-time and peak-RSS summaries. Each suite adds its own figures and per-run detail.
 * @param {RepeatResult} r
 */
export function measuredFields(r) {
  return { available: r.ok, ...(r.ok ? {} : { reason: r.error }), wall: r.wall, rssKB: r.rss };
}

/** @param {string} name */
export function reportPath(name) {
  mkdirSync(join(WORK_DIR, 'reports'), { recursive: true });
  return join(WORK_DIR, 'reports', name);
}

/**
 * Times `driverId` over `tree` (bytes for MB/s). Returns a row; with `parse`, the last run's report
 * parsed into [{ file, line }] as row.reported (kept out of the results file by the caller).
 * @param {string} driverId
 * @param {string} tree
 * @param {{ tools: Tools, bytes: number, runs: number, warmup?: number, budgetMs?: number, timeoutMs?: number, parse?: boolean, log?: Log }} options
 * @returns {Promise<DriverRow>}
 */
export async function measureDriver(driverId, tree, { tools, bytes, runs, warmup = 1, budgetMs, timeoutMs, parse = false, log }) {
  const driver = DRIVERS[driverId];
  const status = driverStatus(driver, tools);
  const base = { tool: driverId, label: driver.label, command: driver.shell(tree) };
  if (!status.available) return { ...base, available: false, reason: status.reason };
  const out = parse ? reportPath(`${driverId}.json`) : undefined;
  /** @type {TimedResult | undefined} */
  let last;
  const make = async () => {
    if (out) rmSync(out, { force: true });
    const c = driver.command(tree, out);
    last = await timed(c.cmd, c.args, { cwd: c.cwd, env: c.env, capture: c.capture, fullStderr: c.fullStderr, timeoutMs });
    return last;
  };
  log?.(`    ${driverId}…`);
  const r = await repeat(make, { runs, warmup, okCodes: driver.okCodes, budgetMs, log });
  /** @type {DriverRow} */
  const row = {
    ...base,
    ...measuredFields(r),
    runs: r.runs.map((s) => ({ ms: Math.round(s.ms * 10) / 10, rssKB: s.rssKB, exit: s.code, ...(s.warmup ? { warmupOnly: true } : {}) })),
    mbps: { median: mbPerSec(bytes, r.wall.median), min: mbPerSec(bytes, r.wall.max), max: mbPerSec(bytes, r.wall.min) },
  };
  if (r.ok && parse && driver.parse && out !== undefined && last !== undefined) {
    try {
      row.reported = driver.parse(tree, out, last);
    } catch (e) {
      row.parseError = errorMessage(e).slice(0, 200);
    }
  }
  if (out) rmSync(out, { force: true });
  return row;
}

/**
 * Adds ratioToRipgrep (time ratio: tool median / ripgrep median, same tree, same run).
 * @template {Row} T
 * @param {T[]} rows
 * @param {string} [baselineId]
 */
export function addRatios(rows, baselineId = 'ripgrep') {
  const rg = rows.find((r) => r.tool === baselineId && r.available);
  // An available row is a measured one: it has its wall times.
  for (const r of rows) r.timeVsRipgrep = rg?.wall && r.available && r.wall ? ratio(r.wall.median, rg.wall.median) : NaN;
  return rows;
}
