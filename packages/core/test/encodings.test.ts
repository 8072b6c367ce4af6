/** Keys as files write them: JSON-escaped, URL-encoded, quoted, CRLF; and the connection-string parser. */
import { describe, expect, it } from 'vitest';
import { type Finding, fingerprintOf, parseConnectionString, scanText } from '../src/index.js';
import { generateEntraClientSecret, generateLegacyKey } from '../src/testing/index.js';
import { positionAfter } from './helpers.js';

/** A legacy key holding both '+' and '/' (so every escape is exercised). */
function keyWithPlusAndSlash(tag: string): string {
  for (let i = 0; ; i++) {
    const key = generateLegacyKey(`${tag}-${i}`);
    if (key.includes('+') && key.includes('/')) return key;
  }
}

const hex = (c: string, lower: boolean): string => {
  const h = c.charCodeAt(0).toString(16).padStart(2, '0');
  return lower ? h : h.toUpperCase();
};

/** Checks the finding sits exactly on `written` (the secret's source form) inside `text`. */
function expectSpan(f: Finding, text: string, written: string, secret: string): void {
  const index = text.indexOf(written);
  expect(index).toBeGreaterThanOrEqual(0);
  expect(f.secret).toBe(secret);
  expect({ line: f.line, column: f.column }).toEqual(positionAfter(text.slice(0, index)));
  expect(f.endColumn - f.column).toBe(written.length);
  expect(f.offset).toBe(Buffer.byteLength(text.slice(0, index), 'utf8'));
  expect(f.length).toBe(Buffer.byteLength(written, 'utf8'));
}

describe('JSON-escaped keys', () => {
  const key = keyWithPlusAndSlash('json');
  const plainFingerprint = fingerprintOf('azure-signalr-access-key', key);

  it.each([
    ['\\/ and \\u002B', key.replaceAll('/', '\\/').replaceAll('+', '\\u002B')],
    ['lower-case \\u002b and \\u002f', key.replaceAll('/', '\\u002f').replaceAll('+', '\\u002b')],
    ['padding as \\u003D', `${key.slice(0, 43).replaceAll('/', '\\/')}\\u003D`],
    ['padding as \\u003d, + as \\u002B', `${key.slice(0, 43).replaceAll('+', '\\u002B')}\\u003d`],
    // System.Text.Json's default encoder: '+' and '=' escaped, '/' left alone
    ['System.Text.Json default', `${key.slice(0, 43).replaceAll('+', '\\u002B')}\\u003D`],
    // every '+', '/' and '=' as \u00XX (the 43rd character is never one of them)
    ['all three escaped', [...key].map((c) => ('+/='.includes(c) ? `\\u00${hex(c, false)}` : c)).join('')],
  ])('%s', (_name, written) => {
    const text = `{\n  "Azure": { "SignalR": { "ConnectionString": "Endpoint=https:\\/\\/j.service.signalr.net;AccessKey=${written};Version=1.0;" } }\n}`;
    expect(written).not.toBe(key);
    const findings = scanText(text);
    expect(findings).toHaveLength(1);
    expectSpan(findings[0]!, text, written, key);
    expect(findings[0]!.confidence).toBe('high');
    expect(findings[0]!.context.encoding).toBe('json-escaped');
    expect(findings[0]!.context.endpoint).toBe('https://j.service.signalr.net');
    expect(findings[0]!.fingerprint).toBe(plainFingerprint);
  });

  it('a key followed by an escaped non-base64 character (\\u0022, \\n) is found', () => {
    for (const after of ['\\u0022', '\\n', '\\"', '\\u003B']) {
      expect(scanText(`"Endpoint=https://j.service.signalr.net;AccessKey=${key}${after}"`).map((f) => f.secret), after).toEqual([key]);
    }
  });

  it('an escaped base64 character just before or after the key means the run is longer: not a key', () => {
    for (const text of [
      `AccessKey=\\/${key}`,
      `AccessKey=\\u002B${key}`,
      `AccessKey=${key}\\/`,
      `AccessKey=${key}\\u003D`,
      `AccessKey=${key}\\u002b`,
      `AccessKey=${key}\\u0041`,
    ]) {
      expect(scanText(`Endpoint=https://j.service.signalr.net;${text}`, { minConfidence: 'low' }), text.slice(0, 16)).toEqual([]);
    }
  });
});

describe('URL-encoded keys and connection strings', () => {
  const key = keyWithPlusAndSlash('url');

  it.each([
    ['upper-case hex', false],
    ['lower-case hex', true],
  ])('%s', (_name, lower) => {
    const enc = (s: string): string => s.replace(/[+/=:;]/g, (c) => `%${hex(c, lower)}`);
    const written = enc(key);
    const text = `https://deploy.example.test/?cs=${enc('Endpoint=https://u.service.signalr.net;AccessKey=')}${written}${enc(';Version=1.0;')}&x=1`;
    const findings = scanText(text);
    expect(findings).toHaveLength(1);
    expectSpan(findings[0]!, text, written, key);
    expect(findings[0]!.confidence).toBe('high');
    expect(findings[0]!.context.encoding).toBe('url-encoded');
    expect(findings[0]!.context.resourceName).toBe('u');
    expect(findings[0]!.fingerprint).toBe(fingerprintOf('azure-signalr-access-key', key));
  });

  it('a plain key in an otherwise URL-encoded connection string', () => {
    const plain = generateLegacyKey('url-plain-no-escape');
    const text = `cs=Endpoint%3Dhttps%3A%2F%2Fu.service.signalr.net%3BAccessKey%3D${plain.replaceAll('+', '%2B').replaceAll('/', '%2F')}%3BVersion%3D1.0`;
    const findings = scanText(text);
    expect(findings.map((f) => [f.confidence, f.secret])).toEqual([['high', plain]]);
  });

  it('a URL-encoded Entra client secret is reported decoded', () => {
    const secret = generateEntraClientSecret('url-entra');
    const written = secret.replaceAll('~', '%7E');
    const text = `x=Endpoint%3Dhttps%3A%2F%2Fu.service.signalr.net%3BAuthType%3Dazure.app%3BClientId%3Dabc%3BClientSecret%3D${written}%3BVersion%3D1.0`;
    const findings = scanText(text);
    expect(findings).toHaveLength(1);
    expectSpan(findings[0]!, text, written, secret);
    expect(findings[0]!.ruleId).toBe('azure-signalr-client-secret');
    expect(findings[0]!.context.encoding).toBe('url-encoded');
  });
});

describe('quotes and line endings', () => {
  const key = generateLegacyKey('quotes');
  const cs = `Endpoint=https://q.service.signalr.net;AccessKey=${key};Version=1.0;`;

  it.each([
    ['double quotes', `"${cs}"`],
    ['single quotes', `'${cs}'`],
    ['backticks', `\`${cs}\``],
    ['XML attribute', `<add name="Azure:SignalR:ConnectionString" connectionString="${cs}" />`],
    ['XML element', `<ConnectionString>${cs}</ConnectionString>`],
    ['YAML plain scalar', `cs: ${cs}`],
    ['no trailing semicolon', `"${cs.slice(0, -13)}"`],
  ])('connection string in %s: high confidence', (_name, text) => {
    const findings = scanText(text);
    expect(findings.map((f) => [f.confidence, f.secret])).toEqual([['high', key]]);
    expectSpan(findings[0]!, text, key, key);
  });

  it.each([
    ['double', `"${key}"`],
    ['single', `'${key}'`],
  ])('%s quotes around the key inside the connection string: still found', (_name, quoted) => {
    const text = `Endpoint=https://q.service.signalr.net;AccessKey=${quoted};Version=1.0;`;
    const findings = scanText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.secret).toBe(key);
    expect(['high', 'medium']).toContain(findings[0]!.confidence);
    expectSpan(findings[0]!, text, key, key);
  });

  it('CRLF files: a CRLF is one line break and two bytes', () => {
    const text = `first\r\nsecond\r\n\r\n  "${cs}"\r\nlast\r\n`;
    const findings = scanText(text);
    expect(findings.map((f) => [f.line, f.column, f.offset])).toEqual([[4, 4 + 'Endpoint=https://q.service.signalr.net;AccessKey='.length, 7 + 8 + 2 + 3 + 'Endpoint=https://q.service.signalr.net;AccessKey='.length]]);
  });
});

describe('parseConnectionString', () => {
  it('keys are case-insensitive and keep their written name; values are trimmed', () => {
    const parsed = parseConnectionString(' ENDPOINT = https://a.service.signalr.net ; accessKEY=abc ;Version=1.0');
    expect([...parsed.properties.keys()]).toEqual(['endpoint', 'accesskey', 'version']);
    expect(parsed.properties.get('endpoint')).toEqual({ name: 'ENDPOINT', value: 'https://a.service.signalr.net' });
    expect(parsed.properties.get('accesskey')).toEqual({ name: 'accessKEY', value: 'abc' });
    expect(parsed.problems).toEqual([]);
  });

  it('the first "=" splits: values keep their own "=" (base64 padding)', () => {
    const key = generateLegacyKey('first-eq');
    const parsed = parseConnectionString(`Endpoint=https://a.service.signalr.net?x=1;AccessKey=${key};ClientSecret=a=b==`);
    expect(parsed.properties.get('accesskey')!.value).toBe(key);
    expect(parsed.properties.get('endpoint')!.value).toBe('https://a.service.signalr.net?x=1');
    expect(parsed.properties.get('clientsecret')!.value).toBe('a=b==');
  });

  it('empty segments are ignored', () => {
    const parsed = parseConnectionString(';;Endpoint=https://a.service.signalr.net;; ;AccessKey=k;;');
    expect(parsed.properties.size).toBe(2);
    expect(parsed.problems).toEqual([]);
  });

  it('duplicates are recorded (first wins) and make the string invalid', () => {
    const parsed = parseConnectionString('Endpoint=https://a.service.signalr.net;AccessKey=one;accesskey=two;ENDPOINT=https://b');
    expect(parsed.properties.get('accesskey')!.value).toBe('one');
    expect(parsed.properties.get('endpoint')!.value).toBe('https://a.service.signalr.net');
    expect(parsed.duplicates).toEqual(['accesskey', 'endpoint']);
    expect(parsed.problems.some((p) => p.includes('duplicate'))).toBe(true);
  });

  it('malformed strings are recognised', () => {
    expect(parseConnectionString('Endpoint=https://a.service.signalr.net;garbage;AccessKey=k').problems.some((p) => p.includes("without '='"))).toBe(true);
    expect(parseConnectionString('AccessKey=k;Version=1.0').problems).toContain('no Endpoint');
    expect(parseConnectionString('Endpoint=a.service.signalr.net;AccessKey=k').problems).toContain('Endpoint is not an absolute http(s) or sb URL');
    expect(parseConnectionString('Endpoint=ftp://a;AccessKey=k').problems).toContain('Endpoint is not an absolute http(s) or sb URL');
    expect(parseConnectionString('Endpoint=HTTP://A.service.signalr.net;AccessKey=k').problems).toEqual([]);
  });

  it('fewer than two properties is invalid', () => {
    expect(parseConnectionString('Endpoint=https://a.service.signalr.net').problems).toContain('fewer than two properties');
    expect(parseConnectionString('Endpoint=https://a.service.signalr.net;').problems).toContain('fewer than two properties');
    expect(parseConnectionString('').problems).toContain('fewer than two properties');
    expect(parseConnectionString('Endpoint=https://a.service.signalr.net;Version=1.0').problems).not.toContain('fewer than two properties');
  });
});
