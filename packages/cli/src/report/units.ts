// Units and words, shared by the pretty summary and the progress line (progress.ts), so both
// say the same thing the same way: `120 files (3.4 MiB)`, `2 findings`, `45.1 MiB/s`.

/** Bytes in binary units: `512 B`, `1.5 KiB`, `3.4 MiB`, `1.25 GiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** A throughput in the same units: `45.1 MiB/s`. */
export function formatRate(bytes: number, seconds: number): string {
  return `${formatBytes(bytes / Math.max(seconds, 0.001))}/s`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `120 files (3.4 MiB)`: how much was read, in the summary and the progress line alike. */
export function filesAndBytes(files: number, bytes: number): string {
  return `${plural(files, 'file')} (${formatBytes(bytes)})`;
}
