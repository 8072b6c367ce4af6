import type { Finding, ScanOptions } from './finding.js';
import { resolveOptions } from './options.js';
import { stringUtf8Model } from './text-model.js';
import { IncrementalScanner } from './scanner.js';

/** Scans a whole string; byte offsets are those of its UTF-8 encoding. */
export function scanText(text: string, options?: ScanOptions): Finding[] {
  const scanner = new IncrementalScanner(resolveOptions(options), stringUtf8Model);
  return [...scanner.push(text), ...scanner.finish()];
}
