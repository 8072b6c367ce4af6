/**
 * How scanned text maps back to the source. UTF-8 streams are scanned as latin1 strings (one
 * character per byte: decoding is a copy, and an index is a byte offset), and UTF-16 columns
 * are counted from the bytes of the current line only. scanText encodes its string to UTF-8
 * first and takes the same path. Decoded UTF-16 sources are scanned as strings, and bytes are
 * counted instead (two per code unit).
 */
import { countLineFeedsJs, countLineFeedsLatin1 } from './line-feeds.js';

export interface TextModel {
  /** Number of '\n' in text[from, to). */
  lineFeeds(text: string, from: number, to: number): number;
  /** UTF-16 code units that text[from, to) stands for in the source. */
  units(text: string, from: number, to: number): number;
  /** Source bytes that text[from, to) stands for. */
  bytes(text: string, from: number, to: number): number;
  /** A value read from the text, as the source's characters. */
  decode(value: string): string;
}

/** Any character outside ASCII (UTF-8 bytes >= 0x80 in the latin1 view). */
export const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 bytes held one per character: units = non-continuation bytes + one more per 4-byte lead. */
export const latin1Utf8Model: TextModel = {
  units(text, from, to) {
    if (to - from <= 0) return 0;
    const slice = text.slice(from, to);
    if (!NON_ASCII.test(slice)) return to - from;
    let units = 0;
    for (let i = 0; i < slice.length; i++) {
      const b = slice.charCodeAt(i);
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    return units;
  },
  bytes: (_text, from, to) => to - from,
  lineFeeds: countLineFeedsLatin1,
  decode: (value) => (NON_ASCII.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value),
};


/** Decoded UTF-32: a code point is 4 source bytes, whether it takes one or two UTF-16 units. */
export const stringUtf32Model: TextModel = {
  units: (_text, from, to) => to - from,
  bytes: (text, from, to) => {
    let points = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) points++; // a low surrogate belongs to the point before it
    }
    return 4 * points;
  },
  lineFeeds: countLineFeedsJs,
  decode: (value) => value,
};

export const stringUtf16Model: TextModel = {
  units: (_text, from, to) => to - from,
  bytes: (_text, from, to) => 2 * (to - from),
  lineFeeds: countLineFeedsJs,
  decode: (value) => value,
};
