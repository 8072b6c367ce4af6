// Archive throughput: `keyguard scan <archive>` (MB/s of uncompressed content, peak RSS) on a .zip
// and a .tar.gz of real source text, next to `unzip -p | rg` and `tar -xOzf | rg` in the same run.
// The archives are built at run time in WORK_DIR (200 MB in the full run, 4 MB with --quick) from
// real text files; nothing is planted in them. 200 MB stays under keyguard's per-archive limit of
// 256 MiB decompressed (packages/cli/src/archive/limits.ts, maxBytes; tar headers count too): past
// it keyguard stops reading the archive, and MB/s over the whole content would be overstated. The
// row's `scanned` says what keyguard read; the report marks a read short of the content.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pickSources } from '../corpora/sources.mjs';
import { repeat, run, timed, timedShell } from '../measure.mjs';
import { CLI_BIN, WORK_DIR } from '../paths.mjs';
import { mbPerSec } from '../stats.mjs';
import { RG_SHAPE } from '../tools.mjs';
import { addRatios, measuredFields, reportPath } from './common.mjs';
/** @import { Log, Row, Summary, SuiteContext, TimedResult } from '../types.mjs' */

export const id = 'archives';
export const title = 'Archive throughput';

/**
 * A measured (or unavailable) row of an archive's table.
 * @typedef {Row & { command: string, rssKB?: Summary, mbps?: { median: number, min: number, max: number }, runs?: { ms: number, rssKB: number }[], matchingLines?: number, scanned?: { files: number, bytes: number, findings: number, complete: boolean } }} ArchiveRow
 */

/**
 * Copies real text files into `content/` until `target` bytes, then zips and tars it.
 * @param {number} target bytes of uncompressed content
 * @param {Log} log
 */
async function buildArchives(target, log) {
  const dir = join(WORK_DIR, 'archives');
  rmSync(dir, { recursive: true, force: true });
  const content = join(dir, 'content');
  mkdirSync(content, { recursive: true });
  // Source files average ~10-20 kB: ask for more than enough and stop at the target.
  const { files } = pickSources(Math.ceil(target / 4000), 31);
  let bytes = 0;
  let count = 0;
  for (const f of files) {
    if (bytes >= target) break;
    const dest = join(content, f.path);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(f.abs, dest);
    bytes += f.size;
    count++;
  }
  const s = Date.now();
  const zip = join(dir, 'content.zip');
  const tgz = join(dir, 'content.tar.gz');
  await run('zip', ['-q', '-r', '-X', zip, 'content'], { cwd: dir, timeoutMs: 900_000 });
  await run('tar', ['-czf', tgz, 'content'], { cwd: dir, timeoutMs: 900_000 });
  log(`  ${count} files, ${(bytes / 1e6).toFixed(1)} MB of text; zip ${(statSync(zip).size / 1e6).toFixed(1)} MB, tar.gz ${(statSync(tgz).size / 1e6).toFixed(1)} MB (built in ${((Date.now() - s) / 1000).toFixed(1)} s)`);
  rmSync(content, { recursive: true, force: true });
  return { files: count, bytes, zip, tgz };
}

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  for (const cmd of ['zip', 'unzip', 'tar']) {
    if (!['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(join(d, cmd)))) return { available: false, reason: `${cmd} is not installed` };
  }
  const target = quick ? 4e6 : 200e6;
  const { files, bytes, zip, tgz } = await buildArchives(target, log);
  const runs = quick ? 2 : 3;
  const timeoutMs = quick ? 60_000 : 600_000;
  const budgetMs = quick ? 10_000 : 120_000;
  const cli = tools['keyguard-cli'];
  const rg = tools.ripgrep;

  /**
   * @param {string} tool
   * @param {string} label
   * @param {string} command as the report shows it
   * @param {() => Promise<TimedResult>} make
   * @returns {Promise<ArchiveRow>}
   */
  const measure = async (tool, label, command, make) => {
    log(`    ${label}…`);
    const r = await repeat(make, { runs, warmup: 1, okCodes: [0, 1], budgetMs, log });
    /** @type {ArchiveRow} */
    const row = {
      tool,
      label,
      command,
      ...measuredFields(r),
      mbps: { median: mbPerSec(bytes, r.wall.median), min: mbPerSec(bytes, r.wall.max), max: mbPerSec(bytes, r.wall.min) },
      runs: r.runs.map((s) => ({ ms: Math.round(s.ms * 10) / 10, rssKB: s.rssKB })),
    };
    if (r.ok && tool === 'ripgrep') row.matchingLines = Number((r.lastStdout ?? '').trim() || 0);
    return row;
  };

  /** @type {{ format: string, file: string, archiveBytes: number, rows: ArchiveRow[] }[]} */
  const archives = [];
  /** @type {[format: string, file: string, pipe: (file: string) => string][]} */
  const formats = [
    ['zip', zip, (f) => `unzip -p ${f}`],
    ['tar.gz', tgz, (f) => `tar -xOzf ${f}`],
  ];
  for (const [format, file, pipe] of formats) {
    log(`  ${format}:`);
    /** @type {ArchiveRow[]} */
    const rows = [];
    const shown = `content.${format}`;
    const rgCommand = `${pipe(shown)} | rg -c '${RG_SHAPE}'`;
    rows.push(
      rg.available
        ? await measure('ripgrep', `${pipe('').trim()} | rg (baseline)`, rgCommand, () => timedShell(`${pipe(file)} | rg -c '${RG_SHAPE}'`, { capture: true, timeoutMs }))
        : { tool: 'ripgrep', label: `${pipe('').trim()} | rg (baseline)`, command: rgCommand, available: false, reason: rg.reason },
    );
    const kgCommand = `node packages/cli/dist/bin.js scan ${shown} --format json --output /dev/null --no-progress`;
    rows.push(
      cli.available
        ? await measure('keyguard', 'keyguard scan', kgCommand, () =>
            timed(process.execPath, [CLI_BIN, 'scan', file, '--format', 'json', '--output', '/dev/null', '--no-progress'], { timeoutMs }),
          )
        : { tool: 'keyguard', label: 'keyguard scan', command: kgCommand, available: false, reason: cli.reason },
    );
    const kg = rows[1];
    if (kg.available) {
      // One more run writing its report: what keyguard read inside the archive (all of the content?).
      const out = reportPath('archives-keyguard.json');
      const r = await timed(process.execPath, [CLI_BIN, 'scan', file, '--format', 'json', '--output', out, '--no-progress'], { timeoutMs });
      if (r.code === 0 || r.code === 1) {
        /** @type {{ summary: { files: number, bytes: number, findings: number } }} */
        const report = JSON.parse(readFileSync(out, 'utf8'));
        kg.scanned = { files: report.summary.files, bytes: report.summary.bytes, findings: report.summary.findings, complete: report.summary.bytes >= bytes };
        log(`    keyguard read ${kg.scanned.files} files, ${(kg.scanned.bytes / 1e6).toFixed(1)} MB; ${kg.scanned.findings} findings`);
      }
      rmSync(out, { force: true });
    }
    archives.push({ format, file: shown, archiveBytes: statSync(file).size, rows: addRatios(rows) });
  }
  rmSync(join(WORK_DIR, 'archives'), { recursive: true, force: true });
  return { available: true, runsPerTool: runs, content: { files, bytes, source: 'real text files (pickSources: the kernel and node_modules corpora when prepared), nothing planted' }, archives };
}
