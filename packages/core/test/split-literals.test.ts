/**
 * Point 4 of issue 15: a secret split across string literals joined in one expression, or
 * wrapped at a fixed column in console output, is reassembled and reported once, at its first
 * piece, whatever the chunking (scanEveryWay checks scanText, scanBytes and the stream agree).
 */
import { describe, expect, it } from 'vitest';
import { type Finding, scanText } from '../src/index.js';
import { connectionStrings, expandTokens, generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { encodeText, positionAfter, randomSizes, scanBytes, scanEveryWay, where } from './helpers.js';

const key = generateLegacyKey('split-literal');
const whole = connectionStrings.signalr(key);
/** The connection string cut inside its key: 20 characters of the key before the cut. */
const cut = whole.indexOf(key) + 20;
const [head, tail] = [whole.slice(0, cut), whole.slice(cut)];

/** One per language the issue names: source text and where the key starts in it. */
const LANGUAGES: Record<string, string> = {
  'C#': `var cs = "${head}" + "${tail}";\n`,
  'C# verbatim': `var cs = @"${head}" +\n    @"${tail}";\n`,
  Java: `String cs = "${head}"\n    + "${tail}";\n`,
  'JavaScript template literals': `const cs = \`${head}\` + \`${tail}\`;\n`,
  TypeScript: `const cs: string = '${head}' +\n  '${tail}';\n`,
  'Python adjacency': `CS = ("${head}"\n      "${tail}")\n`,
  'Python continuation': `CS = "${head}" \\\n    "${tail}"\n`,
  Go: `cs := "${head}" +\n\t"${tail}"\n`,
  PowerShell: `$cs = "${head}" + \`\n  "${tail}"\n`,
  VB: `Dim cs As String = "${head}" & _\n    "${tail}"\n`,
  Lua: `local cs = "${head}" .. "${tail}"\n`,
};

const positionOf = (text: string, index: number) => positionAfter(text.slice(0, index));

describe('split literals', () => {
  it.each(Object.entries(LANGUAGES))('%s: the key is reported once, at its first piece', async (_language, text) => {
    const findings = await scanEveryWay(text);
    expect(findings.map((f) => [f.ruleId, f.confidence, f.secret, f.context.joined])).toEqual([['azure-signalr-access-key', 'high', key, 'split-literal']]);
    const [finding] = findings as [Finding];
    const start = text.indexOf(head) + head.length - 20;
    const end = text.indexOf(tail) + key.length - 20;
    expect(positionOf(text, start)).toEqual({ line: finding.line, column: finding.column });
    expect(positionOf(text, end)).toEqual({ line: finding.endLine, column: finding.endColumn });
    expect([finding.offset, finding.length]).toEqual([Buffer.byteLength(text.slice(0, start)), Buffer.byteLength(text.slice(start, end))]);
    // The same key written whole has the same fingerprint (baselines and allow lists hold for both).
    expect(finding.fingerprint).toBe(scanText(`var cs = "${whole}";`)[0]!.fingerprint);
    expect(finding.context.endpoint).toBe('https://chat-prod.service.signalr.net');
  });

  it('a key split into many literals, with the connection string around it in others', async () => {
    const pieces = [whole.slice(0, 30), whole.slice(30, cut - 7), whole.slice(cut - 7, cut), whole.slice(cut, cut + 11), whole.slice(cut + 11)];
    const text = `conn = ${pieces.map((p) => `"${p}"`).join(' +\n  ')};\n`;
    expect((await scanEveryWay(text)).map((f) => [f.secret, f.confidence, f.line])).toEqual([[key, 'high', 2]]);
  });

  it('wherever the cut falls in the key, its padding alone in the last literal included', async () => {
    const at = whole.indexOf(key);
    for (let keyCut = 1; keyCut <= 43; keyCut += 3) {
      const text = `cs = '${whole.slice(0, at + keyCut)}' +\n  '${whole.slice(at + keyCut)}';\n`;
      expect((await scanEveryWay(text)).map((f) => [f.secret, f.context.joined]), `cut ${keyCut}`).toEqual([[key, 'split-literal']]);
    }
  });

  it('a 64-byte key split anywhere, between its two paddings included', async () => {
    const accountKey = expandTokens('{{KG:storage:split-64}}');
    const storage = connectionStrings.storage(accountKey);
    const at = storage.indexOf(accountKey);
    for (const keyCut of [1, 40, 86, 87]) {
      const text = `cs = "${storage.slice(0, at + keyCut)}" +\n  "${storage.slice(at + keyCut)}";\n`;
      expect((await scanEveryWay(text)).map((f) => [f.ruleId, f.secret, f.context.joined]), `cut ${keyCut}`).toEqual([['azure-storage-account-key', accountKey, 'split-literal']]);
    }
  });

  it('a key whole in one literal joined to others is reported once, as before', async () => {
    const text = `var cs = "Endpoint=https://chat-prod.service.signalr.net;" + "AccessKey=${key};" + "Version=1.0;";\n`;
    const findings = await scanEveryWay(text);
    expect(findings.map((f) => [f.secret, f.context.joined])).toEqual([[key, undefined]]);
  });

  it('identifiable keys and client secrets split across literals', async () => {
    const ident = generateIdentifiableKey('split-ident', 'ASRS');
    const secret = generateEntraClientSecret('split-secret');
    const identCs = connectionStrings.signalr(ident);
    const appCs = connectionStrings.signalrApp(secret);
    const identCut = identCs.indexOf(ident) + 50;
    const secretCut = appCs.indexOf(secret) + 10;
    const text = [
      `a = "${identCs.slice(0, identCut)}" + "${identCs.slice(identCut)}";`,
      `b = "${appCs.slice(0, secretCut)}" + "${appCs.slice(secretCut)}";`,
      '',
    ].join('\n');
    expect((await scanEveryWay(text)).map((f) => [f.ruleId, f.secret, f.line])).toEqual([
      ['azure-signalr-access-key', ident, 1],
      ['azure-signalr-client-secret', secret, 2],
    ]);
  });

  it('an identifiable key cut inside its signature (which the pre-filter looks for)', async () => {
    const ident = generateIdentifiableKey('split-signature', 'ASRS');
    const signature = ident.indexOf('JQQJ9');
    for (let cutAt = signature; cutAt <= signature + 5; cutAt++) {
      const text = `const key = "${ident.slice(0, cutAt)}" +\n  "${ident.slice(cutAt)}";\n`;
      expect((await scanEveryWay(text)).map((f) => f.secret), `cut at ${cutAt - signature}`).toEqual([ident]);
    }
  });

  it('literals that are not joined in one expression are not reassembled', async () => {
    const texts = [
      `call("${head}", "${tail}");\n`, // arguments
      `a = "${head}" + b + "${tail}";\n`, // a variable between them
      `a = "${head}";\nb = "${tail}";\n`, // two statements
      `a = "${head}" // "${tail}"\n`, // a comment
    ];
    for (const text of texts) expect(await scanEveryWay(text)).toEqual([]);
  });

  it('a documented sample split across literals is no finding', async () => {
    const sample = 'abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE='; // Purview's example
    const cs = connectionStrings.signalr(sample);
    const at = cs.indexOf(sample) + 22;
    expect(await scanEveryWay(`var cs = "${cs.slice(0, at)}" + "${cs.slice(at)}";\n`)).toEqual([]);
  });

  it('an inline allow marker on the first piece or the last suppresses it', () => {
    expect(scanText(`var cs = "${head}" + // keyguard:allow\n  "${tail}";\n`)).toEqual([]);
    expect(scanText(`var cs = "${head}" +\n  "${tail}"; // keyguard:allow\n`)).toEqual([]);
    expect(scanText(`// keyguard:allow-next-line\nvar cs = "${head}" +\n  "${tail}";\n`)).toEqual([]);
  });

  it('the same finding wherever the scanner windows fall (UTF-16 is scanned a few KiB at a time)', async () => {
    const statement = `var cs = "${head}" +\n  "${tail}";\n`;
    const after = '// filler line\n'.repeat(600);
    for (let filler = 0; filler < 6_000; filler += 13) {
      const text = `${'// filler line\n'.repeat(filler >> 4)}${'x'.repeat(filler & 15)}\n${statement}${after}`;
      const expected = scanText(text).map(where);
      expect(expected.map((f) => f.secret), `filler ${filler}`).toEqual([key]);
      const bytes = encodeText(text, 'utf16le');
      const streamed = (await scanBytes(bytes, randomSizes(filler, 1, 700))).map(where);
      expect(streamed.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.secret]), `filler ${filler}`).toEqual(expected.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.secret]));
    }
  });
});

describe('wrapped console output', () => {
  const width = 80;
  const wrap = (line: string): string => line.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
  /** `Get-AzSignalRKey` output, its label padded so that the console cuts the key after `keyCut` characters. */
  const output = (cs: string, secret: string, keyCut = 20): string => {
    const label = 'PrimaryConnectionString';
    const pad = width - ((label.length + 3 + cs.indexOf(secret) + keyCut) % width);
    return `\nPrimaryKey : ${'*'.repeat(8)}\n${label}${' '.repeat(pad + 1)}: ${cs}\n\n`;
  };

  it('a connection string wrapped at the console width is reported once, at its first line', async () => {
    const text = wrap(output(whole, key));
    const keyLine = text.split('\n').findIndex((l) => l.includes(key.slice(0, 10)));
    expect(text.split('\n')[keyLine]!.includes(key)).toBe(false);
    const findings = await scanEveryWay(text);
    expect(findings.map((f) => [f.ruleId, f.confidence, f.secret, f.context.joined, f.line, f.endLine])).toEqual([
      ['azure-signalr-access-key', 'high', key, 'wrapped-line', keyLine + 1, keyLine + 2],
    ]);
    expect(findings[0]!.context.endpoint).toBe('https://chat-prod.service.signalr.net');
  });

  it('with CRLF line endings', async () => {
    const text = wrap(output(whole, key, 43)).replaceAll('\n', '\r\n');
    expect((await scanEveryWay(text)).map((f) => f.secret)).toEqual([key]);
  });

  it('a whole secret ending a long line is not run on into the next line', async () => {
    const secret = generateEntraClientSecret('wrap-whole');
    const app = connectionStrings.signalrApp(secret);
    const line = app.slice(0, app.indexOf(secret) + secret.length);
    for (const next of ['// another', 'another line', 'x']) {
      const findings = await scanEveryWay(`// a line\n${line}\n${next}\n`);
      expect(findings.map((f) => [f.secret, f.context.joined]), next).toEqual([[secret, undefined]]);
    }
  });

  it('lines shorter than a console or of unequal lengths are not joined', async () => {
    const at = whole.indexOf(key) + 20;
    // 40 columns: no console is that narrow.
    expect(await scanEveryWay(`${whole.slice(0, 40)}\n${whole.slice(40, at)}\n${whole.slice(at)}\n`)).toEqual([]);
    // The line after is longer than the one before: no wrap.
    const long = `PrimaryConnectionString   : ${whole.slice(0, at)}`;
    expect(await scanEveryWay(`${long}\n${whole.slice(at)}${'x'.repeat(long.length)}\n`)).toEqual([]);
  });
});
