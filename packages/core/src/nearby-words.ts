/**
 * Which words lie near a candidate, answered from an index built once per block of the scanned
 * window instead of re-reading a window of text per candidate. A flood of key shapes (a line of
 * quoted base64 strings) has a candidate every 45 characters; reading 600 characters of
 * evidence and 2 KiB of connection-string region for each of them made the scan 20-100x slower
 * than the text is long. With the index each block is read once, and each candidate asks a few
 * binary searches: "is any word of this kind within this range?".
 *
 * Every question is a necessary condition of the full check it guards: a "no" proves the full
 * check would find nothing, a "yes" only means the full check runs (see matcher.ts). So the
 * index may over-report (a range slightly wider than the check's window, a word hidden inside
 * another) but must never miss a word the full check could see.
 */

import { evidenceWords } from './services.js';

/** Kinds of words, as bits (plain constants: the package is compiled file by file too). */
export const Word = {
  /**
   * Words the evidence window or an assigned name needs: the weak keywords (the generic ones
   * and each rule's `weakKeywords`), one of which every rule's strong keyword contains (a test
   * checks it), and an access-key name matches /access[_-]?key/i.
   */
  Evidence: 1,
  /** `accesskey`: a connection string can only give a key a context if it names AccessKey. */
  AccessKey: 2,
  /** `authtype`: a client secret needs AuthType=azure.app (or aad) in its connection string. */
  AuthType: 4,
  /** `accountkey`: a 64-byte key without a signature needs an AccountKey connection-string property. */
  AccountKey: 16,
  /**
   * An escape that may decode to a letter (`%41`-`%7A`, any `\uXXXX`): connection strings are
   * decoded before they are parsed, so a property name may be written with escapes.
   */
  Escape: 8,
} as const;

/** Characters indexed per block. Blocks are built on first use only. */
export const WORD_BLOCK = 4096;

/**
 * The words, in any ASCII casing, built on first use from the evidence words (services.ts).
 * The checks lower-case with `toLowerCase`, which maps exactly two non-ASCII characters to ASCII
 * letters: KELVIN SIGN to `k`, and `İ` to `i` plus a combining dot (which changes the length,
 * and then evidence.ts lower-cases ASCII only, so `İ` never becomes `i`). Hence the KELVIN SIGN
 * written beside every `k`.
 */
let wordPattern: { words: RegExp; longest: number } | undefined;

function pattern(): { words: RegExp; longest: number } {
  if (wordPattern !== undefined) return wordPattern;
  const words = [...new Set([...evidenceWords(), 'access_key', 'access-key', 'authtype', 'accountkey'])].sort((a, b) => b.length - a.length);
  const source = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/k/g, '[k\u212a]')).join('|');
  wordPattern = { words: new RegExp(source, 'gi'), longest: Math.max(...words.map((w) => w.length)) };
  return wordPattern;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);

interface Block {
  /** Absolute start of every word found, in order, per kind. */
  evidence: number[];
  accessKey: number[];
  authType: number[];
  accountKey: number[];
  escape: number[];
}

/** The first index in sorted `list` whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Blocks kept at once. A query spans two or three blocks, and the matcher's candidates come in
 * order, so a few suffice; the oldest goes first. This bounds the index's memory whatever the
 * window's size (scanText takes a whole ASCII string as one window).
 */
const BLOCKS_KEPT = 8;

export class NearbyWords {
  private readonly blocks = new Map<number, Block>();

  constructor(private readonly text: string) {}

  /** Does a word of one of `kinds` start at an index in [from, to)? */
  has(kinds: number, from: number, to: number): boolean {
    const lo = Math.max(0, from);
    const hi = Math.min(this.text.length, to);
    if (hi <= lo) return false;
    for (let b = Math.floor(lo / WORD_BLOCK), last = Math.floor((hi - 1) / WORD_BLOCK); b <= last; b++) {
      const block = this.block(b);
      if ((kinds & Word.Evidence) !== 0 && within(block.evidence, lo, hi)) return true;
      if ((kinds & Word.AccessKey) !== 0 && within(block.accessKey, lo, hi)) return true;
      if ((kinds & Word.AuthType) !== 0 && within(block.authType, lo, hi)) return true;
      if ((kinds & Word.AccountKey) !== 0 && within(block.accountKey, lo, hi)) return true;
      if ((kinds & Word.Escape) !== 0 && within(block.escape, lo, hi)) return true;
    }
    return false;
  }

  private block(b: number): Block {
    const cached = this.blocks.get(b);
    if (cached !== undefined) return cached;
    const text = this.text;
    const start = b * WORD_BLOCK;
    const end = Math.min(text.length, start + WORD_BLOCK);
    const block: Block = { evidence: [], accessKey: [], authType: [], accountKey: [], escape: [] };
    // Read a little past the block so a word starting near its end is seen whole.
    const { words, longest } = pattern();
    const slice = text.slice(start, Math.min(text.length, end + longest - 1));
    const limit = end - start;
    words.lastIndex = 0;
    for (let m = words.exec(slice); m !== null && m.index < limit; m = words.exec(slice)) {
      const at = start + m.index;
      const word = m[0].toLowerCase();
      if (word === 'authtype') block.authType.push(at);
      else if (word === 'accountkey') block.accountKey.push(at);
      else {
        block.evidence.push(at);
        if (word === 'accesskey') block.accessKey.push(at);
      }
    }
    // An escape is found by its '%' or '\' (neither is common in the text that floods a scanner).
    // A separate pass, so that an escape such as `\u00ac` hides no word (`\u00accesskey`).
    // Searched in the slice: a search of the window would run to its end when there is none.
    for (let i = slice.indexOf('%'); i !== -1 && i < limit; i = slice.indexOf('%', i + 1)) {
      const c = slice.charCodeAt(i + 1);
      if (c >= 52 && c <= 55 /* 4-7 */ && isHex(slice.charCodeAt(i + 2))) block.escape.push(start + i);
    }
    const backslashes: number[] = [];
    for (let i = slice.indexOf('\\'); i !== -1 && i < limit; i = slice.indexOf('\\', i + 1)) {
      if ((slice.charCodeAt(i + 1) | 32) === 117 && isHex(slice.charCodeAt(i + 2)) && isHex(slice.charCodeAt(i + 3)) && isHex(slice.charCodeAt(i + 4)) && isHex(slice.charCodeAt(i + 5))) {
        backslashes.push(start + i);
      }
    }
    if (backslashes.length > 0) block.escape = [...block.escape, ...backslashes].sort((x, y) => x - y);
    if (this.blocks.size >= BLOCKS_KEPT) this.blocks.delete(this.blocks.keys().next().value!);
    this.blocks.set(b, block);
    return block;
  }
}

function within(list: readonly number[], from: number, to: number): boolean {
  if (list.length === 0) return false;
  const i = lowerBound(list, from);
  return i < list.length && list[i]! < to;
}
