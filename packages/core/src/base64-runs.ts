/**
 * Base64-encoded text (Kubernetes Secret `data:`, `.dockerconfigjson`, base64 values in env and
 * JSON files) is decoded and scanned again. Only runs that hold the base64 form of a
 * connection-string property (`…ccessKey=`, `…ccountKey=`, `…lientSecret=`, at any of the three
 * byte alignments, standard or URL-safe, encoded once or twice) are decoded, so a bare key, an
 * image or a hash (random bytes, no such form) is never decoded at all.
 */

/**
 * The property names a connection-string finding needs (SharedAccessKey holds AccessKey). The
 * first letter is left out so `accessKey=` counts as `AccessKey=` does.
 */
const ENCODED_WORDS = ['ccessKey=', 'ccountKey=', 'lientSecret='];

/** Shortest run decoded: a connection string's key alone is longer once encoded. */
export const MIN_ENCODED_RUN = 40;
/** Runs up to this many characters are decoded whole; longer ones around each word only. */
export const WHOLE_RUN_CHARS = 2048;
/** Characters decoded on each side of a word inside a longer run (a multiple of 4). */
export const REACH_CHARS = 1536;
/** Decoded bytes per source, at most: a file of base64 text costs a bounded amount. */
export const MAX_DECODED_PER_SOURCE = 16 * 1024 * 1024;
/** Decoded text is scanned again once for base64 inside it (a secret encoded twice), no deeper. */
export const MAX_DEPTH = 2;

/** The characters of `base64(x + word + y)` that do not depend on x (0-2 bytes) or y, per alignment. */
export function base64FormsOf(word: string): string[] {
  const forms: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(word, 'latin1')]);
    const encoded = bytes.toString('base64');
    const firstStable = [0, 2, 3][lead]!; // characters holding bits of the lead bytes
    const lastStable = Math.floor((bytes.length * 8) / 6); // characters wholly inside the bytes
    forms.push(encoded.slice(firstStable, lastStable));
  }
  return forms;
}

const urlSafe = (form: string): string => form.replaceAll('+', '-').replaceAll('/', '_');

function withUrlSafe(forms: readonly string[]): string[] {
  return [...new Set(forms.flatMap((f) => [f, urlSafe(f)]))];
}

/** Every needle: the words encoded once, and encoded twice (base64 inside base64). */
export const ENCODED_NEEDLES: readonly string[] = (() => {
  const once = withUrlSafe(ENCODED_WORDS.flatMap(base64FormsOf));
  const twice = withUrlSafe(once.flatMap(base64FormsOf));
  return [...new Set([...once, ...twice])];
})();

/** Base64 characters, both alphabets: `+` `/` and `-` `_`. */
const RUN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') RUN_CHAR[c.charCodeAt(0)] = 1;
const isRunChar = (c: number): boolean => c < 128 && RUN_CHAR[c] === 1;
const NOT_RUN_CHAR = /[^A-Za-z0-9+/_-]/g;

/**
 * The needles are searched all at once (Wu-Manber): the last 3 characters of a window as long as
 * the shortest needle say how far it may jump (most 3-character blocks are in no needle: it jumps
 * its whole length), and only windows that may start a needle are compared. One indexOf per
 * needle cost more than the whole matcher.
 */
export const NEEDLE_WINDOW = Math.min(...ENCODED_NEEDLES.map((n) => n.length));
const HASH_BITS = 15;
/** The hash of a 3-character (or 3-byte) block. */
export const blockHash = (a: number, b: number, c: number): number => ((a << 10) ^ (b << 5) ^ c) & ((1 << HASH_BITS) - 1);
/** How far a window may move when its last block hashes to this slot. */
export const NEEDLE_SHIFT: Uint8Array = (() => {
  const shift = new Uint8Array(1 << HASH_BITS).fill(NEEDLE_WINDOW - 2);
  for (const n of ENCODED_NEEDLES) {
    for (let j = 2; j < NEEDLE_WINDOW; j++) {
      const h = blockHash(n.charCodeAt(j - 2), n.charCodeAt(j - 1), n.charCodeAt(j));
      shift[h] = Math.min(shift[h]!, NEEDLE_WINDOW - 1 - j);
    }
  }
  return shift;
})();

/** Start indexes of every needle in text[from, to), ascending. */
export function needleHits(text: string, from: number, to: number): number[] {
  const hits: number[] = [];
  const end = Math.min(text.length, to + NEEDLE_WINDOW - 1);
  for (let last = from + NEEDLE_WINDOW - 1; last < end; ) {
    const shift = NEEDLE_SHIFT[blockHash(text.charCodeAt(last - 2), text.charCodeAt(last - 1), text.charCodeAt(last))]!;
    if (shift > 0) {
      last += shift;
      continue;
    }
    const start = last - NEEDLE_WINDOW + 1;
    for (const n of ENCODED_NEEDLES) {
      if (text.startsWith(n, start)) {
        hits.push(start);
        break;
      }
    }
    last += 1;
  }
  return hits;
}

export interface Base64Run {
  start: number;
  end: number;
}

/** The run of base64 characters around index `at` (padding not included). */
export function runAround(text: string, at: number): Base64Run {
  let start = at;
  while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
  NOT_RUN_CHAR.lastIndex = at;
  const end = NOT_RUN_CHAR.exec(text)?.index ?? text.length;
  return { start, end };
}

/**
 * The bytes that base64 `encoded` stands for, as a latin1 string (one character per byte, as
 * the scanner reads UTF-8), when they are text: at least 90% printable ASCII or whitespace.
 * Undefined for binary (a key, an image, compressed data).
 */
export function decodeBase64Text(encoded: string): string | undefined {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length === 0) return undefined;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) printable++;
  if (printable < 0.9 * bytes.length) return undefined;
  return bytes.toString('latin1');
}
