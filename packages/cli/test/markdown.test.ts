import { remediationFor, rules } from '@keyguard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColors } from '../src/colors.js';
import { escapeMarkdown, MARKDOWN_MAX_ROWS, markdownCode, renderMarkdown } from '../src/report/markdown.js';
import type { ReportContext } from '../src/report/types.js';
import { asrsLine, connectionString, keys } from './keys.js';
import { findingsIn, outcomeOf } from './report-fixtures.js';

const ctx: ReportContext = {
  tool: { name: 'keyguard', version: '9.8.7' },
  cwd: '/work',
  workTreeRoot: '/work',
  showSecrets: false,
  colors: createColors(false),
  columns: 80,
};

/** The rows of the first table after `heading`, split into cells on unescaped pipes. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  let i = start + 1;
  while (lines[i] === '') i++;
  const rows: string[][] = [];
  for (; i < lines.length && lines[i]!.startsWith('|'); i++) {
    // GFM: a cell ends at a pipe not preceded by a backslash (escaped backslashes first).
    const line = lines[i]!.replace(/\\\\/g, '\0\0');
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replaceAll('\0\0', '\\\\'));
    rows.push(cells);
  }
  return rows;
}

/**
 * Reads escaped text back, token by token, and fails on anything that is not one of the
 * tokens escapeMarkdown writes: so the output holds no live Markdown or HTML syntax.
 */
function unescapeStrict(text: string): string {
  const token = /\\u\\\{([0-9A-F]{4,6})\\\}|\\([!-/:-@[-`{-~])|&(amp|lt|gt);|([^!-/:-@[-`{-~])/suy;
  let out = '';
  while (token.lastIndex < text.length) {
    const at = token.lastIndex;
    const m = token.exec(text);
    if (m === null) throw new Error(`live syntax at ${at}: ${JSON.stringify(text.slice(at, at + 10))}`);
    if (m[1] !== undefined) out += String.fromCodePoint(parseInt(m[1], 16));
    else if (m[2] !== undefined) out += m[2];
    else if (m[3] !== undefined) out += { amp: '&', lt: '<', gt: '>' }[m[3]];
    else {
      if (/\p{Cc}|[\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u.test(m[4]!)) throw new Error(`raw control or invisible character at ${at}`);
      out += m[4];
    }
  }
  return out;
}

describe('escapeMarkdown', () => {
  it('turns table breakers, code spans, HTML and line breaks into inert text', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('`x`')).toBe('\\`x\\`');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(escapeMarkdown('a\nb\r\tc\u001b[31m')).toBe('a\\u\\{000A\\}b\\u\\{000D\\}\\u\\{0009\\}c\\u\\{001B\\}\\[31m');
    expect(escapeMarkdown('evil\u202Etxt.exe')).toBe('evil\\u\\{202E\\}txt\\.exe');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt\\;');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(escapeMarkdown('C:\\dir\\*')).toBe('C\\:\\\\dir\\\\\\*');
    expect(escapeMarkdown('café/日本語 ok')).toBe('café\\/日本語 ok');
  });

  it('is inert and faithful for any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary' }), (ascii, any) => {
        for (const s of [ascii, any, `${ascii}${any}`]) expect(unescapeStrict(escapeMarkdown(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('puts only code-safe values in code spans', () => {
    expect(markdownCode('0123456789ab')).toBe('`0123456789ab`');
    expect(markdownCode('AbC+/…')).toBe('`AbC+/…`');
    expect(markdownCode('a`b|c')).toBe('a\\`b\\|c');
  });
});

describe('renderMarkdown', () => {
  it('a clean scan: the counts, no findings table', () => {
    const md = renderMarkdown(outcomeOf([], { files: 3, bytes: 100, suppressed: 2, ignored: 5, skipped: [{ path: 'x.bin', reason: 'binary' }] }), ctx);
    expect(md).toContain('## keyguard: no leaked credentials\n');
    expect(tableAfter(md, '## keyguard: no leaked credentials')).toEqual([
      ['Files scanned', 'Findings', 'Suppressed', 'Skipped', 'Ignored'],
      ['---:', '---:', '---:', '---:', '---:'],
      ['3 (100 B)', '0', '2', '1', '5'],
    ]);
    expect(md).not.toContain('### Findings');
    expect(md).not.toContain('### What to do');
    expect(md).toContain('keyguard 9\\.8\\.7');
  });

  it('one row per finding (path:line, rule, masked value, confidence), masked, and each rule\'s steps once', () => {
    const legacy = keys.legacy('md-cs');
    const asrs = keys.asrs('md-asrs');
    const asrs2 = keys.asrs('md-asrs-2');
    const findings = [
      ...findingsIn(`# settings\n${connectionString(legacy, 'chat-prod')}\n`, 'config/app.env'),
      ...findingsIn(`\n\n${asrsLine(asrs)}\n`, 'src/a.ts'),
      ...findingsIn(asrsLine(asrs2), 'src/b.ts'),
    ];
    expect(findings.map((f) => f.ruleId)).toEqual(['azure-signalr-access-key', 'azure-signalr-access-key', 'azure-signalr-access-key']);
    const md = renderMarkdown(outcomeOf(findings, { suppressed: 1, ignored: 2 }), ctx);
    expect(md.startsWith('## keyguard: 3 leaked credentials found\n')).toBe(true);
    expect(tableAfter(md, '## keyguard: 3 leaked credentials found')[2]).toEqual(['7 (2.0 KiB)', '3', '1', '0', '2']);
    const rows = tableAfter(md, '### Findings');
    expect(rows[0]).toEqual(['Location', 'Rule', 'Value', 'Confidence']);
    expect(rows.slice(2)).toEqual([
      ['config\\/app\\.env:2', '`azure-signalr-access-key`', `\`${findings[0]!.masked}\``, 'high'],
      ['src\\/a\\.ts:3', '`azure-signalr-access-key`', `\`${findings[1]!.masked}\``, findings[1]!.confidence],
      ['src\\/b\\.ts:1', '`azure-signalr-access-key`', `\`${findings[2]!.masked}\``, findings[2]!.confidence],
    ]);
    for (const key of [legacy, asrs, asrs2]) expect(md).not.toContain(key);
    // The rule's steps once, with the resource name when every finding of the rule names the same one.
    const rule = rules.find((r) => r.id === 'azure-signalr-access-key')!;
    expect(md.split(`#### ${escapeMarkdown(rule.title)}`)).toHaveLength(2);
    const steps = remediationFor({ ruleId: rule.id, context: { resourceName: 'chat-prod' } });
    steps.forEach((step, i) => expect(md).toContain(`\n${i + 1}. ${escapeMarkdown(step)}\n`));
    expect(md).toContain(`[1](${rule.references[0]})`);
  });

  it('a rule whose findings name several resources lists them and keeps the placeholder', () => {
    const findings = [
      ...findingsIn(connectionString(keys.legacy('md-r1'), 'alpha'), 'a.env'),
      ...findingsIn(connectionString(keys.legacy('md-r2'), 'beta'), 'b.env'),
    ];
    const md = renderMarkdown(outcomeOf(findings), ctx);
    expect(md).toContain('Resources: alpha, beta');
    expect(md).toContain(escapeMarkdown(remediationFor({ ruleId: 'azure-signalr-access-key', context: {} })[0]!));
  });

  it('history findings get a commit column: short id, author, date, all escaped', () => {
    const key = keys.awps('md-history');
    const findings = findingsIn(asrsLine(key), 'app.ts', {
      commit: '0123456789abcdef0123456789abcdef01234567',
      author: 'Mallory `|` <b>x</b>',
      date: '2026-01-02T03:04:05Z',
    });
    const md = renderMarkdown(outcomeOf(findings), ctx);
    const rows = tableAfter(md, '### Findings');
    expect(rows[0]).toEqual(['Location', 'Rule', 'Value', 'Confidence', 'Commit']);
    expect(rows[2]).toHaveLength(5);
    expect(rows[2]![4]).toBe('`0123456789ab` by Mallory \\`\\|\\` &lt;b&gt;x&lt;\\/b&gt; on 2026\\-01\\-02');
    expect(md).toContain('removing a key from the latest commit leaves it in history');
    expect(md).not.toContain(key);
  });

  it('a hostile file name cannot break the table, open a code span or inject HTML', () => {
    const hostile = 'x|y`z`\n| injected | row |\n<img src=x onerror=alert(1)>\u202E.ts';
    const findings = findingsIn(asrsLine(keys.asrs('md-hostile')), hostile);
    const md = renderMarkdown(outcomeOf(findings, { ignoredNotable: ['.env|<script>'] }), ctx);
    expect(md).not.toMatch(/<img|<script|\u202E/);
    expect(md.split('\n').filter((l) => l.startsWith('| injected'))).toEqual([]);
    const rows = tableAfter(md, '### Findings');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveLength(4);
    const [where] = rows[2]!;
    expect(unescapeStrict(where!.replace(/:1$/, ''))).toBe(hostile);
    expect(md).toContain('\\.env\\|&lt;script&gt;');
  });

  it('the raw secret only with showSecrets', () => {
    const key = keys.asrs('md-shown');
    const findings = findingsIn(asrsLine(key), 'a.ts');
    expect(renderMarkdown(outcomeOf(findings), ctx)).not.toContain(key);
    const shown = renderMarkdown(outcomeOf(findings), { ...ctx, showSecrets: true });
    expect(tableAfter(shown, '### Findings')[2]![2]).toBe(`\`${key}\``);
  });

  it(`at most ${MARKDOWN_MAX_ROWS} rows, then a line saying how many more`, () => {
    const one = findingsIn(asrsLine(keys.asrs('md-many')), 'a.ts')[0]!;
    const findings = Array.from({ length: MARKDOWN_MAX_ROWS + 5 }, (_, i) => ({ ...one, path: `f${i}.ts` }));
    const md = renderMarkdown(outcomeOf(findings), ctx);
    expect(tableAfter(md, '### Findings')).toHaveLength(MARKDOWN_MAX_ROWS + 2);
    expect(md).toContain('… and 5 more: the report file lists every finding.');
    expect(md.split('#### ')).toHaveLength(2);
  });
});
