import type { TextModel } from './text-model.js';

/**
 * Turns absolute character indexes into 1-based lines, UTF-16 columns and byte offsets while
 * the text streams past. It only ever moves forward and never holds text: CRLF, LF and a lone
 * CR each end a line, also when a CRLF pair is split between two chunks.
 */

/** A cached "next occurrence" of one character, in absolute indexes. */
class NextChar {
  /** Absolute index of the next occurrence at or after `from`, or -1 if none before `searchedTo`. */
  private at = -1;
  private from = 0;
  private searchedTo = 0;
  constructor(private readonly char: string) {}

  find(text: string, textStart: number, fromAbs: number): number {
    if (this.at >= fromAbs && fromAbs >= this.from) return this.at;
    let searchFrom = fromAbs;
    if (this.at === -1 && this.from <= fromAbs && this.searchedTo > fromAbs) searchFrom = this.searchedTo;
    const rel = text.indexOf(this.char, searchFrom - textStart);
    this.from = fromAbs;
    this.at = rel === -1 ? -1 : textStart + rel;
    this.searchedTo = textStart + text.length;
    return this.at;
  }
}

export class PositionTracker {
  /** Absolute character index the tracker stands at. */
  pos = 0;
  line = 1;
  /** Absolute character index where the current line starts. */
  lineStart = 0;
  /** Source bytes before `pos`. */
  byte: number;
  /** UTF-16 units between the line start and `pos`. */
  private lineUnits = 0;
  /** The last character consumed was a CR whose partner LF may open the next text. */
  private pendingCR = false;
  private readonly nextLF = new NextChar('\n');
  private readonly nextCR = new NextChar('\r');

  constructor(
    initialByte: number,
    private readonly model: TextModel,
  ) {
    this.byte = initialByte;
  }

  /** Moves to absolute index `to`; `text` starts at absolute `textStart` and covers [pos, to). */
  advance(text: string, textStart: number, to: number): void {
    if (to <= this.pos) return;
    const a = this.pos - textStart;
    const b = to - textStart;
    this.byte += this.model.bytes(text, a, b);
    const lineStartBefore = this.lineStart;
    let from = this.pos;
    if (this.pendingCR && text.charCodeAt(a) === 10) {
      from += 1; // the LF that completes a CRLF already counted
      this.lineStart = from;
    }
    this.pendingCR = false;

    const nextCR = this.nextCR.find(text, textStart, from);
    if (nextCR === -1 || nextCR >= to) {
      // No CR in range (the common case): count LFs in bulk, then find the last one.
      const lineFeeds = this.model.lineFeeds(text, from - textStart, b);
      if (lineFeeds > 0) {
        this.line += lineFeeds;
        this.lineStart = textStart + text.lastIndexOf('\n', b - 1) + 1;
      }
    } else {
      this.countBreaksSlowly(text, textStart, from, to);
    }
    this.lineUnits =
      this.lineStart !== lineStartBefore
        ? this.model.units(text, this.lineStart - textStart, b)
        : this.lineUnits + this.model.units(text, a, b);
    this.pos = to;
  }

  /** LF and CR one by one: CRLF counts once, a lone CR counts, a CR ending the text may pair later. */
  private countBreaksSlowly(text: string, textStart: number, from: number, to: number): void {
    for (let lf = this.nextLF.find(text, textStart, from); lf !== -1 && lf < to; lf = this.nextLF.find(text, textStart, lf + 1)) {
      this.line += 1;
      if (lf + 1 > this.lineStart) this.lineStart = lf + 1;
    }
    for (let cr = this.nextCR.find(text, textStart, from); cr !== -1 && cr < to; cr = this.nextCR.find(text, textStart, cr + 1)) {
      const next = cr + 1 - textStart;
      if (next < text.length) {
        if (text.charCodeAt(next) === 10) continue; // CRLF: counted by its LF
      } else {
        this.pendingCR = true; // the text ends on CR: a following LF belongs to it
      }
      this.line += 1;
      if (cr + 1 > this.lineStart) this.lineStart = cr + 1;
    }
  }

  /** 1-based column of the tracker's position, in UTF-16 code units. */
  get column(): number {
    return this.lineUnits + 1;
  }
}
