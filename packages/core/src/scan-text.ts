import type { Finding, ScanOptions } from './finding.js';
import { resolveOptions } from './options.js';
import { IncrementalScanner } from './scanner.js';
import { latin1Utf8Model, stringUtf8Model } from './text-model.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** Scans a whole string; byte offsets are those of its UTF-8 encoding. */
export function scanText(text: string, options?: ScanOptions): Finding[] {
  // Pure ASCII text is its own UTF-8 encoding: the byte model applies as is, and is faster.
  const model = NON_ASCII.test(text) ? stringUtf8Model : latin1Utf8Model;
  const scanner = new IncrementalScanner(resolveOptions(options), model);
  return [...scanner.push(text), ...scanner.finish()];
}
