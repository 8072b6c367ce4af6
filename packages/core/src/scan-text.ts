import type { Finding, ScanOptions } from './finding.js';
import { resolveOptions } from './options.js';
import { IncrementalScanner } from './scanner.js';
import { latin1Utf8Model } from './text-model.js';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Scans a whole string. The text is scanned as its UTF-8 bytes, exactly as a UTF-8 stream is,
 * so the ESLint rule (text) and the CLI (files) measure every window alike and never disagree;
 * byte offsets are those of the UTF-8 encoding.
 */
export function scanText(text: string, options?: ScanOptions): Finding[] {
  // Pure ASCII text is its own UTF-8 encoding, one character per byte.
  const bytes = NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
  const scanner = new IncrementalScanner(resolveOptions(options), latin1Utf8Model);
  return [...scanner.push(bytes), ...scanner.finish()];
}
