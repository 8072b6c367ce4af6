import { remediationFor, rules } from '@keyguard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColors } from '../src/colors.js';
import type { ReportedFinding } from '../src/outcome.js';
import { shown } from '../src/output-escape.js';
import { Progress, progressLine } from '../src/progress.js';
import { formatBytes, renderPretty, summaryLine, visibleWidth } from '../src/report/pretty.js';
import type { ReportContext } from '../src/report/types.js';
import { asrsLine, connectionString, keys } from './keys.js';
import { findingsIn, outcomeOf } from './report-fixtures.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const strip = (s: string): string => s.replace(ANSI, '');

function ctxOf(over: Partial<ReportContext> = {}): ReportContext {
  return {
    tool: { name: 'keyguard', version: '9.8.7' },
    cwd: '/work',
    workTreeRoot: '/work',
    showSecrets: false,
    colors: createColors(false),
    columns: 80,
    ...over,
  };
}

const csFinding = (seed: string, resource: string, path = 'config/app.env', extra: Partial<ReportedFinding> = {}): ReportedFinding =>
  findingsIn(`# config\n${connectionString(keys.legacy(seed), resource)}\n`, path, extra)[0]!;
const awpsFinding = (seed: string, path = 'src/pubsub.ts'): ReportedFinding => findingsIn(`${asrsLine(keys.awps(seed))}\n`, path)[0]!;

/** The lines before the first blank one: the findings. */
const findingBlock = (out: string): string[] => out.split('\n').slice(0, out.split('\n').indexOf(''));

/** Joins wrapped lines back (a continuation starts with spaces) so a step reads as one line. */
const unwrap = (out: string): string => out.replace(/\n {4,}(?=\S)/g, ' ');

/** Each piece of text in order, whatever the line breaks and gaps. */
const tokens = (out: string): string[] => strip(out).split(/\s+/).filter((t) => t !== '');

describe('pretty: one line per finding', () => {
  it('path:line:col  rule-id  masked-value  (confidence), nothing else, never the secret', () => {
    const a = csFinding('one', 'chat-prod');
    const b = awpsFinding('two');
    const out = renderPretty(outcomeOf([a, b]), ctxOf());
    expect(findingBlock(out)).toEqual([
      `config/app.env:${a.line}:${a.column}  azure-signalr-access-key  ${a.masked}  (high)`,
      `src/pubsub.ts:${b.line}:${b.column}  azure-web-pubsub-access-key  ${b.masked}  (${b.confidence})`,
    ]);
    expect(a.masked).toBe(`${a.secret.slice(0, 4)}…`);
    expect(out).not.toContain(a.secret);
    expect(out).not.toContain(b.secret);
    expect(out).not.toContain(a.fingerprint);
  });

  it('--show-secrets: the raw secret replaces the masked value', () => {
    const a = csFinding('shown', 'chat-prod');
    const out = renderPretty(outcomeOf([a]), ctxOf({ showSecrets: true, columns: 200 }));
    expect(findingBlock(out)).toEqual([`config/app.env:${a.line}:${a.column}  azure-signalr-access-key  ${a.secret}  (high)`]);
    expect(out).not.toContain(a.masked);
  });

  it('history findings carry the short commit (12 hex digits), not the whole id nor author or date', () => {
    const commit = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
    const a = csFinding('hist', 'chat-prod', 'app.env', { commit, author: 'Ann Author', date: '2024-05-06T07:08:09Z' });
    const out = renderPretty(outcomeOf([a]), ctxOf({ columns: 200 }));
    expect(findingBlock(out)).toEqual([`app.env:${a.line}:${a.column}  azure-signalr-access-key  ${a.masked}  (high)  @ 1a2b3c4d5e6f`]);
    expect(out).not.toContain(commit);
    expect(out).not.toContain('Ann Author');
  });

  it('no finding: the summary line alone', () => {
    expect(renderPretty(outcomeOf([]), ctxOf())).toBe('7 files (2.0 KiB) in 12 ms: 0 findings, 0 suppressed, 0 skipped, 0 ignored\n');
  });
});

describe('pretty: each rule remediation once, after the findings', () => {
  it('a heading with the title per rule present, in rule order, its steps once however many findings', () => {
    const findings = [csFinding('r1', 'chat-prod', 'a.env'), csFinding('r2', 'chat-prod', 'b.env'), csFinding('r3', 'chat-prod', 'c.env'), awpsFinding('r4')];
    const out = unwrap(renderPretty(outcomeOf(findings), ctxOf()));
    const lines = out.split('\n');
    const signalr = rules.find((r) => r.id === 'azure-signalr-access-key')!;
    const pubsub = rules.find((r) => r.id === 'azure-web-pubsub-access-key')!;
    const h1 = lines.indexOf(`${signalr.title} (azure-signalr-access-key), 3 findings:`);
    const h2 = lines.indexOf(`${pubsub.title} (azure-web-pubsub-access-key), 1 finding:`);
    expect(h1).toBeGreaterThan(findings.length); // after every finding line and a blank one
    expect(h2).toBeGreaterThan(h1);
    expect(lines.slice(0, findings.length).every((l) => /:\d+:\d+ {2}azure-/.test(l))).toBe(true);
    const steps = remediationFor({ ruleId: 'azure-signalr-access-key', context: { resourceName: 'chat-prod' } });
    expect(lines.slice(h1 + 1, h1 + 1 + steps.length)).toEqual(steps.map((s, i) => `  ${i + 1}. ${s}`));
    for (const step of steps) expect(out.split(step).length - 1).toBe(1);
    const pubsubSteps = remediationFor({ ruleId: 'azure-web-pubsub-access-key', context: {} });
    expect(lines.slice(h2 + 1, h2 + 1 + pubsubSteps.length)).toEqual(pubsubSteps.map((s, i) => `  ${i + 1}. ${s}`));
    expect(out.match(/^\S.*\(azure-[a-z-]+\), \d+ findings?:$/gm)).toHaveLength(2);
  });

  it('resources: one name fills the command; several keep <resource> and list the names', () => {
    const one = unwrap(renderPretty(outcomeOf([csFinding('s1', 'chat-prod', 'a.env'), findingsIn(`${asrsLine(keys.asrs('bare'))}\n`, 'b.ts')[0]!]), ctxOf()));
    expect(one).toContain(`  1. ${remediationFor({ ruleId: 'azure-signalr-access-key', context: { resourceName: 'chat-prod' } })[0]}`);
    expect(one).not.toContain('<resource>');
    expect(one).not.toContain('Resources:');

    const several = unwrap(renderPretty(outcomeOf([csFinding('m1', 'chat-prod', 'a.env'), csFinding('m2', 'chat-dev', 'b.env'), csFinding('m3', 'chat-prod', 'c.env')]), ctxOf()));
    expect(several).toContain('\n  Resources: chat-prod, chat-dev\n');
    expect(several).toContain(`  1. ${remediationFor({ ruleId: 'azure-signalr-access-key', context: {} })[0]}`);
    expect(several).toContain('--name <resource>');
    expect(several).not.toContain('--name chat-');
  });
});

describe('pretty: wrapped to the terminal width', () => {
  const findings = (): ReportedFinding[] => [
    csFinding('w1', 'chat-prod', 'config/app settings.env'),
    csFinding('w2', 'chat-dev', 'src/a/rather/long/path/to/a/module/that/holds/the/connection/string/settings.ts', { commit: 'f'.repeat(40) }),
    awpsFinding('w3'),
  ];

  it('at 50 columns: steps wrap at words with a hanging indent, a finding continues indented', () => {
    const out = renderPretty(outcomeOf(findings(), { ignored: 4, ignoredNotable: ['.env', 'config/appsettings.json'] }), ctxOf({ columns: 50 }));
    const lines = out.split('\n');
    const [f, long] = findings() as [ReportedFinding, ReportedFinding];
    // Only the long path's location overflows: alone on its line, whole.
    const longAt = `${long.path}:${long.line}:${long.column}`;
    expect(lines).toContain(longAt);
    for (const line of lines) if (line !== longAt) expect(visibleWidth(line), line).toBeLessThanOrEqual(50);
    // The first finding: its location then the rest, indented by four.
    const at = lines.indexOf(`config/app settings.env:${f.line}:${f.column}`);
    expect(at).toBe(0);
    expect(lines[1]).toBe(`    azure-signalr-access-key  ${f.masked}  (high)`);
    // A step: numbered, continued under its text (five spaces), broken between words only.
    const step = lines.findIndex((l) => l.startsWith('  1. Rotate the key'));
    expect(lines[step + 1]).toMatch(/^ {5}\S/);
    // The summary keeps each number with its word.
    const summary = lines.findIndex((l) => l.startsWith('7 files'));
    expect(lines.slice(summary, summary + 2)).toEqual(['7 files (2.0 KiB) in 12 ms: 3 findings,', '  0 suppressed, 0 skipped, 4 ignored']);
    // The notable files: each path whole.
    expect(lines.slice(summary + 2).join('\n')).toBe('Ignored files that may hold secrets: .env,\n  config/appsettings.json (scan them with\n  --no-ignore)\n');
  });

  it('a path wider than the terminal overflows, whole, rather than break', () => {
    const long = `deep/${'folder-name/'.repeat(8)}settings.env`;
    const f = csFinding('over', 'chat-prod', long);
    const lines = renderPretty(outcomeOf([f]), ctxOf({ columns: 40 })).split('\n');
    expect(lines[0]).toBe(`${long}:${f.line}:${f.column}`);
    expect(lines.slice(1, 3)).toEqual([`    azure-signalr-access-key  ${f.masked}`, '    (high)']);
  });

  it('any width: no line over it but a single unbreakable piece, nothing lost, colours do not count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 160 }), fc.boolean(), fc.boolean(), (columns, showSecrets, colour) => {
        const fs = findings();
        const outcome = outcomeOf(fs, { ignored: 2, ignoredNotable: ['.env', 'app/local.settings.json'], suppressed: 1 });
        const out = renderPretty(outcome, ctxOf({ columns, showSecrets, colors: createColors(colour) }));
        const wide = renderPretty(outcome, ctxOf({ columns: 100_000, showSecrets }));
        expect(tokens(out)).toEqual(tokens(wide));
        if (colour) expect(out).toMatch(ANSI);
        else expect(out).not.toMatch(ANSI);
        // The pieces that hold a space: the locations, the commit, a number with its word.
        const unbreakable = new Set([...fs.map((f) => `${f.path}:${f.line}:${f.column}`), `@ ${'f'.repeat(12)}`]);
        for (const line of strip(out).split('\n')) {
          if (visibleWidth(line) <= columns) continue;
          const piece = line.trim();
          expect(unbreakable.has(piece) || !/(?<!\d) /.test(piece), `${columns}: ${line}`).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('coloured output is the plain output plus colour codes only', () => {
    for (const columns of [30, 80, 120]) {
      const outcome = outcomeOf(findings(), { ignoredNotable: ['.env'] });
      const plain = renderPretty(outcome, ctxOf({ columns }));
      const coloured = renderPretty(outcome, ctxOf({ columns, colors: createColors(true) }));
      expect(coloured).not.toBe(plain);
      expect(strip(coloured)).toBe(plain);
    }
  });
});

describe('pretty: scanned data printed inert', () => {
  it('control and bidi characters in paths and resource names are shown escaped (as on stderr), never raw', () => {
    const evilPath = 'src/x\x1b[2J\ry\u202Ez.env';
    const evilName = 'res\x1b]0;pwned\x07';
    const f = csFinding('ctl', 'chat-prod', evilPath);
    f.context = { ...f.context, resourceName: evilName };
    const out = renderPretty(outcomeOf([f], { ignoredNotable: ['a\nb/.env'] }), ctxOf({ columns: 200 }));
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202E]/);
    expect(shown(evilPath)).not.toBe(evilPath);
    expect(out.startsWith(`${shown(evilPath)}:${f.line}:${f.column}  `)).toBe(true);
    // Not a valid Azure name: core keeps it out of the command; it is listed, escaped.
    expect(out).toContain('--name <resource> ');
    expect(out).toContain(`\n  Resources: ${shown(evilName)}\n`);
    expect(out).toContain(`: ${shown('a\nb/.env')} (scan them with`);
  });
});

describe('summary and progress: the same units and words', () => {
  it('summary: files, bytes, duration, findings, suppressed, skipped, ignored', () => {
    expect(summaryLine(outcomeOf([], { files: 1, bytes: 2048, suppressed: 3, skipped: [{ path: 'p', reason: 'fifo' }], ignored: 5, durationMs: 12.4 }))).toBe(
      '1 file (2.0 KiB) in 12 ms: 0 findings, 3 suppressed, 1 skipped, 5 ignored',
    );
    const two = [csFinding('s1', 'a'), csFinding('s2', 'b')];
    expect(summaryLine(outcomeOf(two, { files: 120, bytes: 3.4 * 1024 ** 2, durationMs: 1534 }))).toBe(
      '120 files (3.4 MiB) in 1.53 s: 2 findings, 0 suppressed, 0 skipped, 0 ignored',
    );
  });

  it('the ignored files that may hold secrets are named with --no-ignore, only when there are some', () => {
    const out = renderPretty(outcomeOf([], { ignored: 9, ignoredNotable: ['.env', 'config/appsettings.json', 'local.settings.json'] }), ctxOf({ columns: 200 }));
    expect(out).toBe(
      '7 files (2.0 KiB) in 12 ms: 0 findings, 0 suppressed, 0 skipped, 9 ignored\n' +
        'Ignored files that may hold secrets: .env, config/appsettings.json, local.settings.json (scan them with --no-ignore)\n',
    );
    expect(renderPretty(outcomeOf([], { ignored: 9 }), ctxOf())).not.toContain('--no-ignore');
  });

  it('bytes in binary units', () => {
    expect([0, 1023, 1024, 1536, 1024 ** 2 * 3.45, 1024 ** 3 * 1.5, 100.4].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '3.5 MiB', '1.50 GiB', '100 B']);
  });

  it('the progress line says files (bytes) and findings exactly as the summary does', () => {
    const counts = { files: 120, bytes: 3.4 * 1024 ** 2, findings: 2 };
    expect(progressLine(counts, 2)).toBe('keyguard: 120 files (3.4 MiB), 2 findings, 1.7 MiB/s');
    expect(progressLine({ files: 1, bytes: 512, findings: 1 }, 1)).toBe('keyguard: 1 file (512 B), 1 finding, 512 B/s');
    const summary = summaryLine(outcomeOf([csFinding('p1', 'a'), csFinding('p2', 'b')], { files: 120, bytes: counts.bytes }));
    const [, filesPart, findingsPart] = /^keyguard: (.*?), (\d+ findings?), /.exec(progressLine(counts, 2))!;
    expect(summary.startsWith(`${filesPart} in `)).toBe(true);
    expect(summary).toContain(`: ${findingsPart}, `);
  });

  it('the progress line never wraps on a narrow terminal (the clear would miss a row)', () => {
    let text = '';
    let t = 0;
    const p = new Progress({ write: (s: string) => (text += s), isTTY: true, columns: 20 }, true, () => t, 100);
    t = 500;
    p.update({ files: 120, bytes: 3 * 1024 ** 2, findings: 2 });
    expect(text).toBe('\r\x1b[2Kkeyguard: 120 files');
  });
});
