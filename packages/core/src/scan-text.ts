import type { Finding, ScanOptions } from './finding.js';
import { resolveOptions } from './options.js';
import { Utf8Windows, WINDOW_BYTES } from './scan-stream.js';
import { IncrementalScanner } from './scanner.js';
import { latin1Utf8Model, NON_ASCII } from './text-model.js';

/**
 * Scans a whole string. The text is scanned as its UTF-8 bytes, exactly as a UTF-8 stream is,
 * so the ESLint rule (text) and the CLI (files) measure every window alike and never disagree;
 * byte offsets are those of the UTF-8 encoding.
 */
export function scanText(text: string, options?: ScanOptions): Finding[] {
  const scanner = new IncrementalScanner(resolveOptions(options), latin1Utf8Model);
  // Pure ASCII text is its own UTF-8 encoding, one character per byte.
  if (!NON_ASCII.test(text)) return [...scanner.push(text), ...scanner.finish()];
  // Otherwise encode a slice at a time into the stream's 1 MiB windows: one huge latin1 string
  // costs more than the scan (and twice the memory).
  const windows = new Utf8Windows(scanner);
  const findings: Finding[] = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + WINDOW_BYTES);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to -= 1; // keep surrogate pairs whole
    findings.push(...windows.add(Buffer.from(text.slice(from, to), 'utf8')));
    from = to;
  }
  findings.push(...windows.flush(true));
  return findings;
}
