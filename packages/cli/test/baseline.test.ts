import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, formatBaseline, parseBaseline } from '../src/baseline.js';
import { UsageError } from '../src/exit-codes.js';
import type { ReportedFinding, ScanOutcome } from '../src/outcome.js';

const fp = (c: string): string => c.repeat(64);

function finding(path: string, ruleId: ReportedFinding['ruleId'], fingerprint: string, line = 1): ReportedFinding {
  return {
    path,
    ruleId,
    fingerprint,
    line,
    column: 1,
    endLine: line,
    endColumn: 10,
    offset: 0,
    length: 9,
    secret: 'not-a-real-secret',
    masked: 'not-…',
    message: 'm',
    confidence: 'high',
    context: {},
  };
}

describe('baseline', () => {
  it('is sorted and deduplicated, without lines, timestamps or secrets', async () => {
    const b = createBaseline([
      finding('b.ts', 'azure-signalr-access-key', fp('2'), 9),
      finding('a.ts', 'azure-web-pubsub-access-key', fp('1')),
      finding('a.ts', 'azure-signalr-access-key', fp('3')),
      finding('a.ts', 'azure-signalr-access-key', fp('3'), 40),
    ]);
    expect(b).toEqual({
      version: 1,
      entries: [
        { path: 'a.ts', ruleId: 'azure-signalr-access-key', fingerprint: fp('3') },
        { path: 'a.ts', ruleId: 'azure-web-pubsub-access-key', fingerprint: fp('1') },
        { path: 'b.ts', ruleId: 'azure-signalr-access-key', fingerprint: fp('2') },
      ],
    });
    const text = formatBaseline(b);
    expect(text).not.toContain('not-a-real-secret');
    expect(text).not.toMatch(/line|time|date/i);
    expect(await parseBaseline(text, 'b.json')).toEqual(b);
  });

  it('applies by (path, ruleId, fingerprint) and counts what it suppresses', () => {
    const outcome: ScanOutcome = {
      findings: [
        finding('a.ts', 'azure-signalr-access-key', fp('a')),
        finding('moved.ts', 'azure-signalr-access-key', fp('a')),
        finding('a.ts', 'azure-web-pubsub-access-key', fp('a')),
        finding('c.ts', 'azure-signalr-access-key', fp('c')),
      ],
      skipped: [],
      files: 3,
      bytes: 10,
      suppressed: 2,
      durationMs: 1,
    };
    const baseline = createBaseline([finding('a.ts', 'azure-signalr-access-key', fp('a')), finding('c.ts', 'azure-signalr-access-key', fp('c'))]);
    const after = applyBaseline(outcome, baseline);
    expect(after.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['moved.ts azure-signalr-access-key', 'a.ts azure-web-pubsub-access-key']);
    expect(after.suppressed).toBe(4);
    expect(applyBaseline(outcome, undefined)).toBe(outcome);
  });

  it('rejects malformed files with a usage error naming the problem', async () => {
    const bad: [string, RegExp][] = [
      ['not json', /not valid JSON/],
      ['[]', /expected an object/],
      ['{"version":2,"entries":[]}', /\$\.version: expected 1/],
      ['{"version":1}', /\$\.entries: expected an array/],
      ['{"version":1,"entries":[{"path":"a","ruleId":"nope","fingerprint":"' + fp('a') + '"}]}', /\$\.entries\[0\]\.ruleId: unknown rule id/],
      ['{"version":1,"entries":[{"path":"a","ruleId":"azure-signalr-access-key","fingerprint":"abc"}]}', /\$\.entries\[0\]\.fingerprint/],
      ['{"version":1,"entries":[{"ruleId":"azure-signalr-access-key","fingerprint":"' + fp('a') + '"}]}', /\$\.entries\[0\]\.path/],
    ];
    for (const [text, message] of bad) {
      let caught: unknown;
      try {
        await parseBaseline(text, 'b.json');
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(UsageError);
      expect((caught as Error).message, text).toMatch(message);
    }
  });

  it('accepts a JSON report as a baseline', async () => {
    const report = { version: 1, tool: {}, findings: [{ path: 'x', ruleId: 'azure-signalr-access-key', fingerprint: fp('e'), line: 3 }] };
    expect((await parseBaseline(JSON.stringify(report), 'r.json')).entries).toEqual([{ path: 'x', ruleId: 'azure-signalr-access-key', fingerprint: fp('e') }]);
  });
});
