/** Secrets inside base64 text: Kubernetes Secret data, .dockerconfigjson, env and JSON values. */
import { describe, expect, it } from 'vitest';
import { type Finding, scanBytes, scanText } from '../src/index.js';
import { ENCODED_NEEDLES, base64FormsOf, decodeBase64Text } from '../src/base64-runs.js';
import { findEncodedMatches } from '../src/encoded-matches.js';
import { detectors } from '../src/rules/index.js';
import { connectionStrings, generateEntraClientSecret, generateLegacyKey } from '../src/testing/index.js';
import { encodeText, positionAfter, scanEveryWay } from './helpers.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');


/** The finding lies on the base64 characters that hold the key's bytes, inside `run`. */
function expectOnRun(f: Finding, text: string, run: string, decoded: string, key: string): void {
  const runAt = text.indexOf(run);
  const keyAt = decoded.indexOf(key);
  expect(runAt).toBeGreaterThanOrEqual(0);
  const start = runAt + Math.floor(keyAt / 3) * 4;
  const end = runAt + Math.ceil((keyAt + key.length) / 3) * 4;
  expect({ line: f.line, column: f.column }).toEqual(positionAfter(text.slice(0, start)));
  expect(f.endColumn - f.column).toBe(end - start);
  expect(f.offset).toBe(Buffer.byteLength(text.slice(0, start), 'utf8'));
  expect(f.length).toBe(end - start);
  // Those characters decode (on a 4-character boundary of the run) to bytes that hold the key.
  expect(Buffer.from(text.slice(start, end), 'base64').toString('latin1')).toContain(key);
}

describe('base64 needles', () => {
  it('find a word at each of the three alignments', () => {
    for (const lead of ['', 'x', 'xy']) {
      const encoded = b64(`${lead}Endpoint=https://a.service.signalr.net;AccessKey=`);
      expect(ENCODED_NEEDLES.some((n) => encoded.includes(n))).toBe(true);
    }
    expect(base64FormsOf('Key=')).toEqual(['S2V5P', 'tleT', 'LZXk9']);
  });

  it('keep only decodings that are text', () => {
    expect(decodeBase64Text(b64('AccessKey=abc;'))).toBe('AccessKey=abc;');
    expect(decodeBase64Text(generateLegacyKey('binary'))).toBeUndefined();
  });
});

describe('secrets in base64', () => {
  const key = generateLegacyKey('b64');
  const cs = connectionStrings.signalr(key);

  it('reports a Kubernetes Secret data value on its run, with the key decoded and masked', async () => {
    const run = b64(cs);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\ntype: Opaque\ndata:\n  Azure__SignalR__ConnectionString: ${run}\n`;
    const findings = await scanEveryWay(text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('azure-signalr-access-key');
    expect(f.confidence).toBe('high');
    expect(f.secret).toBe(key);
    expect(f.masked).toBe(`${key.slice(0, 4)}…`);
    expect(f.message).not.toContain(key);
    expect(f.context).toMatchObject({ encoding: 'base64', keyword: 'AccessKey', resourceName: 'chat-prod' });
    expectOnRun(f, text, run, cs, key);
  });

  it('gives the key the fingerprint it has written plainly', () => {
    const plain = scanText(`ConnectionString=${cs}\n`)[0]!;
    const encoded = scanText(`ConnectionString: ${b64(cs)}\n`)[0]!;
    expect(encoded.fingerprint).toBe(plain.fingerprint);
    expect(plain.context.encoding).toBeUndefined();
  });

  it.each([
    // '~~~?' encodes to 'fn5+Pw' ('fn5-Pw' URL-safe): both alphabets are exercised.
    ['standard, with + and /', (t: string) => b64(`~~~?${t}~~~?`), /\+/],
    ['URL-safe, no padding', (t: string) => b64url(`~~~?${t}~~~?`), /-/],
    ['standard, one leading byte', (t: string) => b64(`;${t}`), /=$/],
    ['standard, two leading bytes', (t: string) => b64(`[;${t}`), /./],
  ])('reads %s', (_name, encode, shape) => {
    const run = encode(cs);
    expect(run).toMatch(shape);
    const text = `SIGNALR_B64=${run}\n`;
    const findings = scanText(text);
    expect(findings.map((f) => f.secret)).toEqual([key]);
    expect(findings[0]!.context.encoding).toBe('base64');
  });

  it('reads a base64 value in JSON and in a .dockerconfigjson (base64 inside base64)', () => {
    const json = `{\n  "settings": "${b64(JSON.stringify({ signalr: cs }))}"\n}\n`;
    expect(scanText(json).map((f) => [f.secret, f.context.encoding, f.line])).toEqual([[key, 'base64', 2]]);
    const inner = b64(`user:${cs}`);
    const dockerConfig = JSON.stringify({ auths: { 'registry.example.com': { auth: inner } } });
    const secretYaml = `kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(dockerConfig)}\n`;
    const findings = scanText(secretYaml);
    expect(findings.map((f) => [f.secret, f.context.encoding, f.line])).toEqual([[key, 'base64', 4]]);
    expect(findings[0]!.column).toBeGreaterThan('  .dockerconfigjson: '.length);
  });

  it('reads no deeper than base64 inside base64 (three levels: no needle matches)', () => {
    const thrice = b64(b64(b64(cs)));
    expect(scanText(`value: ${thrice}\n`)).toEqual([]);
  });

  it('reports an Entra client secret of an azure.app connection string', () => {
    const secret = generateEntraClientSecret('b64-entra');
    const findings = scanText(`app: ${b64(connectionStrings.signalrApp(secret))}\n`);
    expect(findings.map((f) => [f.ruleId, f.secret, f.context.encoding])).toEqual([['azure-signalr-client-secret', secret, 'base64']]);
  });

  it('counts lines and bytes right in UTF-16 and BOM sources', () => {
    const run = b64(cs);
    const text = `# é\r\nkey: ${run}\r\n`;
    for (const encoding of ['utf8bom', 'utf16le', 'utf16be'] as const) {
      const { findings } = scanBytes(encodeText(text, encoding));
      expect(findings.map((f) => [f.secret, f.line, f.context.encoding])).toEqual([[key, 2, 'base64']]);
    }
  });

  it('finds a run in the middle of a long base64 text, and a key past a stream window', async () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(400);
    const run = b64(`${filler}${cs}${filler}`);
    const text = `${'# padding\n'.repeat(150_000)}blob: ${run}\n`;
    const findings = await scanEveryWay(text);
    expect(findings.map((f) => f.secret)).toEqual([key]);
    expectOnRun(findings[0]!, text, run, `${filler}${cs}${filler}`, key);
  });

  it('finds each key once, wherever windows cut the text (UTF-16 sources are scanned in small windows)', async () => {
    const lines: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 60; i++) {
      const k = generateLegacyKey(`windows-${i}`);
      keys.push(k);
      const filler = 'x'.repeat((i * 397) % 3000);
      // Short runs, and long runs whose key lies far from the run's start (decoded around it only).
      const decoded = i % 3 === 0 ? `${'Lorem ipsum. '.repeat(200 + i)}${connectionStrings.signalr(k)}` : connectionStrings.signalr(k);
      lines.push(`# ${filler}`, `k${i}: ${b64(decoded)}`);
    }
    const text = `${lines.join('\n')}\n`;
    const viaText = scanText(text).map((f) => [f.secret, f.line, f.column, f.endColumn]);
    expect(viaText.map((f) => f[0])).toEqual(keys);
    const viaUtf16 = scanBytes(encodeText(text, 'utf16le')).findings.map((f) => [f.secret, f.line, f.column, f.endColumn]);
    expect(viaUtf16).toEqual(viaText);
    expect((await scanEveryWay(text)).map((f) => [f.secret, f.line, f.column, f.endColumn])).toEqual(viaText);
  });

  it('honours an inline allow marker on the run', () => {
    expect(scanText(`key: ${b64(cs)} # keyguard:allow\n`)).toEqual([]);
  });
});

describe('base64 that must stay silent', () => {
  it.each([
    ['a placeholder connection string', connectionStrings.signalr('<your-access-key>')],
    ['a documentation key', connectionStrings.signalr('x'.repeat(43) + '=')],
    ['a connection string without a key', 'Endpoint=https://chat.service.signalr.net;AuthType=azure.msi;Version=1.0;'],
  ])('%s encoded', (_name, decoded) => {
    expect(scanText(`data:\n  cs: ${b64(decoded)}\n`)).toEqual([]);
  });

  it('a bare key (a base64 run of random bytes) is reported once, plainly', () => {
    const key = generateLegacyKey('bare');
    const findings = scanText(`AccessKey=${key}\n`);
    expect(findings.map((f) => f.context.encoding)).toEqual([undefined]);
  });

  it('decodes a bounded amount: a long run of needles between binary bytes is decoded about once', () => {
    // 'AccessKey=' then binary bytes, in whole 4-character groups: every group of 16 holds a needle.
    const needle = Buffer.concat([Buffer.from('AccessKey='), Buffer.from([0xf1, 0xf1])]).toString('base64');
    const binary = Buffer.alloc(30, 0xf1).toString('base64');
    const text = `x: ${(needle + binary).repeat(20_000)}\n`;
    expect(ENCODED_NEEDLES.some((n) => needle.includes(n))).toBe(true);
    const budget = { remaining: 1e12 };
    const enabled = new Set(detectors.map((d) => d.id));
    expect(findEncodedMatches(text, 0, text.length, enabled, budget)).toEqual([]);
    const decodedBytes = 1e12 - budget.remaining;
    expect(decodedBytes).toBeGreaterThan(0);
    expect(decodedBytes).toBeLessThanOrEqual(1.5 * text.length);
  });

  it('binary base64 (an image) holding a word by chance', () => {
    const noise = Buffer.alloc(3000, 0x81).toString('base64');
    const needle = b64('AccessKey=');
    expect(scanText(`img: ${noise}${needle}${noise}\n`)).toEqual([]);
  });
});
