import { detectors } from './rules/index.js';
import type { Finding, RuleId } from './finding.js';
import { meetsConfidence } from './finding.js';
import { fingerprintOf, legacyFingerprintOf, needsSlowFingerprint } from './fingerprint.js';
import { isAllowedInline, MARKER_REACH } from './inline-ignore.js';
import { maskSecret } from './mask.js';
import { findMatches, MAX_SECRET_SPAN, type RawMatch } from './matcher.js';
import type { ResolvedOptions } from './options.js';
import { PositionTracker } from './position-tracker.js';
import type { TextModel } from './text-model.js';
import { EVIDENCE_WINDOW } from './evidence.js';
import { JOINED_LOOKAHEAD, JOINED_LOOKBEHIND, findJoinedMatches } from './joined-scan.js';
import { MAX_DECODED_PER_SOURCE } from './base64-runs.js';
import { type DecodeBudget, ENCODED_LOOKAHEAD, findEncodedMatches } from './encoded-matches.js';
import { latin1Utf8Model } from './text-model.js';

/**
 * Context a match may need on each side of its anchor: the secret itself, the evidence window,
 * a connection string (1 KiB each way), inline markers and the base64 run that may encode it. Matches are only taken for anchors
 * that have all of it in the buffer, so a chunk boundary never changes a result.
 */
export const LOOKAHEAD = Math.max(2 * 1024 + EVIDENCE_WINDOW + MAX_SECRET_SPAN, JOINED_LOOKAHEAD, ENCODED_LOOKAHEAD);
export const LOOKBEHIND = Math.max(2 * 1024 + EVIDENCE_WINDOW + MAX_SECRET_SPAN, JOINED_LOOKBEHIND) + MARKER_REACH;

/** Each rule's title, as its detector declares it. */
const TITLES = new Map<RuleId, string>(detectors.map((d) => [d.id, d.title]));

export interface ScanCounters {
  /** Findings dropped by an inline marker or the allow list. */
  suppressed: number;
}

export interface WindowResult {
  findings: Finding[];
  /** Absolute index from which the next window must start (the text before it is done with). */
  keepFrom: number;
}

/**
 * Scans a source as a series of overlapping windows; every finding comes out exactly once, in
 * source order. Callers either push text (`push`/`finish`) or hand over whole windows
 * (`scanWindow`), which lets the UTF-8 stream path build each window from bytes in one copy.
 */
export class IncrementalScanner {
  /** The current window (string mode) and the absolute index of its first character. */
  private buf = '';
  private bufStart = 0;
  /** Anchors before this absolute index have been looked at. */
  private scannedTo = 0;
  private readonly tracker: PositionTracker;
  /** Bytes of base64 this source may still have decoded. */
  private readonly decodeBudget: DecodeBudget = { remaining: MAX_DECODED_PER_SOURCE };
  readonly counters: ScanCounters = { suppressed: 0 };

  constructor(
    private readonly options: ResolvedOptions,
    private readonly model: TextModel,
    initialByte = 0,
  ) {
    this.tracker = new PositionTracker(initialByte, model);
  }

  push(text: string): Finding[] {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.buf.length - (this.scannedTo - this.bufStart) < LOOKAHEAD * 2) return [];
    return this.keep(this.scanWindow(this.buf, this.bufStart, false));
  }

  finish(): Finding[] {
    return this.keep(this.scanWindow(this.buf, this.bufStart, true));
  }

  private keep(result: WindowResult): Finding[] {
    this.buf = this.buf.slice(result.keepFrom - this.bufStart);
    this.bufStart = result.keepFrom;
    return result.findings;
  }

  /**
   * Scans `text`, which starts at absolute index `textStart` (the previous `keepFrom`). Unless
   * `final`, anchors in the last LOOKAHEAD characters wait for the next window.
   */
  scanWindow(text: string, textStart: number, final: boolean): WindowResult {
    this.buf = text;
    this.bufStart = textStart;
    const from = this.scannedTo - textStart;
    const limit = final ? text.length : text.length - LOOKAHEAD;
    const findings: Finding[] = [];
    if (limit > from) {
      // Secrets written whole, then those written in pieces (joined-scan.ts), then those inside
      // base64 runs (encoded-matches.ts): each owned by the window its start lies in, one source order.
      let matches: RawMatch[] = findMatches(text, from, limit, this.options.enabled, this.model.decode);
      const joined = findJoinedMatches(text, from, limit, this.options.enabled, this.model.decode);
      if (joined.length > 0) {
        // Where both start at one place: a whole-text match was cut short at a literal's closing
        // quote, but a line's end may also end a whole value (a client secret's has no fixed length).
        const plainStarts = new Set(matches.map((m) => m.start));
        const kept = joined.filter((j) => j.context.joined === 'split-literal' || !plainStarts.has(j.start));
        const joinedStarts = new Set(kept.map((j) => j.start));
        matches = [...matches.filter((m) => !joinedStarts.has(m.start)), ...kept].sort((a, b) => a.start - b.start);
      }
      const encoded = findEncodedMatches(text, from, limit, this.options.enabled, this.decodeBudget, textStart > 0);
      if (encoded.length > 0) {
        matches.push(...encoded);
        matches.sort((a, b) => a.start - b.start);
      }
      for (const match of matches) {
        const finding = this.toFinding(match.start, match.end, match);
        if (finding !== undefined) findings.push(finding);
      }
      this.scannedTo = textStart + limit;
    }
    if (final) return { findings, keepFrom: textStart + text.length }; // no later position to count lines for
    // Keep what later anchors may look back on; count lines over the rest as it leaves.
    const keepFrom = textStart + Math.max(0, Math.max(limit, from) - LOOKBEHIND);
    this.tracker.advance(text, textStart, keepFrom);
    return { findings, keepFrom };
  }

  /** The line and column just past buf[start, end), which starts at `line`, `column`. */
  private endOf(start: number, end: number, line: number, column: number): { endLine: number; endColumn: number } {
    const text = this.buf;
    let endLine = line;
    let lineStart = -1;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        endLine++;
        lineStart = i + 1;
      }
    }
    if (lineStart === -1) return { endLine, endColumn: column + this.model.units(text, start, end) };
    return { endLine, endColumn: 1 + this.model.units(text, lineStart, end) };
  }

  private toFinding(start: number, end: number, match: RawMatch): Finding | undefined {
    const { options } = this;
    if (!meetsConfidence(match.confidence, options.minConfidence)) return undefined;
    // A secret decoded from base64 is bytes held one per character, whatever the source's encoding.
    const decoded = match.context.encoding === 'base64' ? latin1Utf8Model.decode(match.secret) : this.model.decode(match.secret);
    const fingerprint = fingerprintOf(match.ruleId, decoded, match.context);
    // Allow lists written before the slow scheme hold the sha256 fingerprint: still honoured.
    const legacy = needsSlowFingerprint(match.ruleId, match.context) ? legacyFingerprintOf(match.ruleId, decoded) : undefined;
    if (options.allow.has(fingerprint) || options.allow.has(decoded) || (legacy !== undefined && options.allow.has(legacy))) {
      this.counters.suppressed += 1;
      return undefined;
    }
    if (options.inlineIgnore && isAllowedInline(this.buf, start, end)) {
      this.counters.suppressed += 1;
      return undefined;
    }
    const tracker = this.tracker;
    tracker.advance(this.buf, this.bufStart, this.bufStart + start);
    const offset = tracker.byte;
    const line = tracker.line;
    const column = tracker.column;
    const secret = decoded;
    const masked = maskSecret(secret);
    // A secret written in pieces may end lines later; one written whole never spans lines.
    const { endLine, endColumn } = match.context.joined === undefined ? { endLine: line, endColumn: column + this.model.units(this.buf, start, end) } : this.endOf(start, end, line, column);
    return {
      ruleId: match.ruleId,
      message: `${TITLES.get(match.ruleId)}${match.context.service !== undefined ? ` (${match.context.service})` : ''} (${match.confidence} confidence): ${masked}`,
      confidence: match.confidence,
      line,
      column,
      endLine,
      endColumn,
      offset,
      length: this.model.bytes(this.buf, start, end),
      secret,
      masked,
      fingerprint,
      ...(legacy !== undefined ? { legacyFingerprint: legacy } : {}),
      context: match.context,
    };
  }
}
