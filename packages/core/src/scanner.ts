import type { Finding, RuleId } from './finding.js';
import { meetsConfidence } from './finding.js';
import { fingerprintOf } from './fingerprint.js';
import { isAllowedInline, MARKER_REACH } from './inline-ignore.js';
import { maskSecret } from './mask.js';
import { findMatches, MAX_SECRET_SPAN } from './matcher.js';
import type { ResolvedOptions } from './options.js';
import { type ByteCounter, PositionTracker } from './position-tracker.js';
import { EVIDENCE_WINDOW } from './evidence.js';

/**
 * Context a match may need on each side of its anchor: the secret itself, the evidence window,
 * a connection string (1 KiB each way) and inline markers. Matches are only taken for anchors
 * that have all of it in the buffer, so a chunk boundary never changes a result.
 */
export const LOOKAHEAD = 2 * 1024 + EVIDENCE_WINDOW + MAX_SECRET_SPAN;
export const LOOKBEHIND = 2 * 1024 + EVIDENCE_WINDOW + MAX_SECRET_SPAN + MARKER_REACH;

const TITLES: Record<RuleId, string> = {
  'azure-signalr-access-key': 'Azure SignalR access key',
  'azure-web-pubsub-access-key': 'Azure Web PubSub access key',
  'azure-signalr-client-secret': 'Microsoft Entra client secret in a SignalR connection string',
};

export interface ScanCounters {
  /** Findings dropped by an inline marker or the allow list. */
  suppressed: number;
}

/** Scans text pushed in pieces; every finding comes out exactly once, in source order. */
export class IncrementalScanner {
  private buf = '';
  /** Absolute index of buf[0]. */
  private bufStart = 0;
  /** Anchors before this absolute index have been looked at. */
  private scannedTo = 0;
  private readonly tracker: PositionTracker;
  readonly counters: ScanCounters = { suppressed: 0 };

  constructor(
    private readonly options: ResolvedOptions,
    private readonly countBytes: ByteCounter,
    initialByte = 0,
  ) {
    this.tracker = new PositionTracker(initialByte, countBytes);
  }

  push(text: string): Finding[] {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.buf.length - (this.scannedTo - this.bufStart) < LOOKAHEAD * 2) return [];
    return this.process(false);
  }

  finish(): Finding[] {
    return this.process(true);
  }

  private process(final: boolean): Finding[] {
    const from = this.scannedTo - this.bufStart;
    const limit = final ? this.buf.length : this.buf.length - LOOKAHEAD;
    const findings: Finding[] = [];
    if (limit > from) {
      for (const match of findMatches(this.buf, from, limit, this.options.enabled)) {
        const finding = this.toFinding(match.start, match.end, match);
        if (finding !== undefined) findings.push(finding);
      }
      this.scannedTo = this.bufStart + limit;
    }
    // Keep what later anchors may look back on; count lines over the rest as it leaves.
    const keepFrom = final ? this.buf.length : Math.max(0, limit - LOOKBEHIND);
    if (keepFrom > 0) {
      this.tracker.advance(this.buf, this.bufStart, this.bufStart + keepFrom);
      this.buf = this.buf.slice(keepFrom);
      this.bufStart += keepFrom;
    }
    return findings;
  }

  private toFinding(start: number, end: number, match: ReturnType<typeof findMatches>[number]): Finding | undefined {
    const { options } = this;
    if (!meetsConfidence(match.confidence, options.minConfidence)) return undefined;
    const fingerprint = fingerprintOf(match.ruleId, match.secret);
    if (options.allow.has(fingerprint) || options.allow.has(match.secret)) {
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
    const masked = maskSecret(match.secret);
    return {
      ruleId: match.ruleId,
      message: `${TITLES[match.ruleId]} (${match.confidence} confidence): ${masked}`,
      confidence: match.confidence,
      line,
      column,
      endLine: line, // secrets never span lines
      endColumn: column + (end - start),
      offset,
      length: this.countBytes(this.buf, start, end),
      secret: match.secret,
      masked,
      fingerprint,
      context: match.context,
    };
  }
}
