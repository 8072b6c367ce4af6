import type { OutputStream } from './io.js';
import { filesAndBytes, formatRate, plural } from './report/units.js';

export interface ProgressCounts {
  files: number;
  bytes: number;
  findings: number;
}

/**
 * The progress line, in the summary's units and words (helpers shared with report/pretty.ts):
 * `keyguard: 120 files (3.4 MiB), 2 findings, 45.1 MiB/s`.
 */
export function progressLine(counts: ProgressCounts, seconds: number): string {
  return `keyguard: ${filesAndBytes(counts.files, counts.bytes)}, ${plural(counts.findings, 'finding')}, ${formatRate(counts.bytes, seconds)}`;
}

/**
 * A one-line progress meter on stderr: files, bytes, findings, rate. Only on a TTY (never in pipes
 * or CI logs) and never with --no-progress; redrawn at most every `intervalMs`.
 */
export class Progress {
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: OutputStream,
    readonly enabled: boolean,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {
    this.started = now();
    // No flash for short scans: the first line appears one interval in.
    this.lastDraw = this.started;
  }

  /** Is progress wanted? stderr must be a TTY, --no-progress absent, and not CI. */
  static wanted(stream: OutputStream, flag: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
    return flag && stream.isTTY === true && (env.CI === undefined || env.CI === '' || env.CI === 'false');
  }

  update(counts: ProgressCounts, force = false): void {
    if (!this.enabled) return;
    const t = this.now();
    if (!force && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    let line = progressLine(counts, (t - this.started) / 1000);
    // A line wider than the terminal wraps, and `\r\x1b[2K` would then clear only its last row.
    const width = this.stream.columns;
    if (width !== undefined && width > 1 && line.length >= width) line = line.slice(0, width - 1);
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Clears the line so the report starts on a clean one. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
