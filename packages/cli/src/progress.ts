import type { OutputStream } from './io.js';

export interface ProgressCounts {
  files: number;
  bytes: number;
  findings: number;
}

/**
 * A one-line progress meter on stderr: files, MB, findings, rate. Only on a TTY (never in pipes
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
    const seconds = Math.max((t - this.started) / 1000, 0.001);
    const mb = counts.bytes / (1024 * 1024);
    const line = `keyguard: ${counts.files} files, ${mb.toFixed(1)} MB, ${counts.findings} findings, ${(mb / seconds).toFixed(1)} MB/s`;
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Clears the line so the report starts on a clean one. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
