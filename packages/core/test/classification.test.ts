/**
 * Classification of a legacy key: high inside a connection string with an Endpoint, medium with
 * an access-key assignment or a SignalR / Web PubSub host or configuration name within 300
 * characters, low with weak words only, nothing without evidence.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../src/index.js';
import { EVIDENCE_WINDOW } from '../src/evidence.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

const key = generateLegacyKey('classify');
const classify = (text: string): [string, string][] =>
  scanText(text, { minConfidence: 'low' }).map((f) => [f.ruleId, f.confidence]);

describe('confidence levels', () => {
  it.each([
    ['connection string with a SignalR endpoint', `"Endpoint=https://c.service.signalr.net;AccessKey=${key};Version=1.0;"`, 'azure-signalr-access-key', 'high'],
    ['connection string with a Web PubSub endpoint', `"Endpoint=https://c.webpubsub.azure.com;AccessKey=${key};Version=1.0;"`, 'azure-web-pubsub-access-key', 'high'],
    ['connection string with an unknown host', `"Endpoint=https://sig.example.test;AccessKey=${key};Version=1.0;"`, 'azure-signalr-access-key', 'high'],
    ['AccessKey property without an Endpoint', `"AccessKey=${key};Version=1.0;"`, 'azure-signalr-access-key', 'medium'],
    ['accessKey assignment', `accessKey = "${key}"`, 'azure-signalr-access-key', 'medium'],
    ['access_key assignment', `ACCESS_KEY: '${key}'`, 'azure-signalr-access-key', 'medium'],
    ['pubsub access key name', `WebPubSubAccessKey=${key}`, 'azure-web-pubsub-access-key', 'medium'],
    ['SignalR host nearby', `endpoint: https://c.service.signalr.net\nkey: ${key}`, 'azure-signalr-access-key', 'medium'],
    ['China host nearby', `host c.signalr.azure.cn\nkey: ${key}`, 'azure-signalr-access-key', 'medium'],
    ['Web PubSub config name nearby', `"Azure:WebPubSub": { "Key": "${key}" }`, 'azure-web-pubsub-access-key', 'medium'],
    ['weak word only', `# signalr\nvalue = ${key}`, 'azure-signalr-access-key', 'low'],
    ['weak pubsub word only', `# web pubsub\nvalue = ${key}`, 'azure-web-pubsub-access-key', 'low'],
  ])('%s', (_name, text, ruleId, confidence) => {
    expect(classify(text)).toEqual([[ruleId, confidence]]);
  });

  it('no evidence at all: nothing', () => {
    expect(classify(`value = ${key}`)).toEqual([]);
    expect(classify(`${key}`)).toEqual([]);
  });

  it('the reported keyword is the name as written, without separators', () => {
    for (const [text, keyword] of [
      [`accessKey: "${key}"`, 'accessKey'],
      [`signalr-access-key: ${key}`, 'signalr-access-key'],
      [`SIGNALR_ACCESS_KEY=${key}`, 'SIGNALR_ACCESS_KEY'],
      [`"AccessKey": "${key}"`, 'AccessKey'],
      [`$accessKey = '${key}'`, '$accessKey'],
    ] as const) {
      const [f] = scanText(text);
      expect(f?.context.keyword, text.slice(0, 20)).toBe(keyword);
    }
  });
});

describe('the evidence window is 300 characters on each side', () => {
  expect(EVIDENCE_WINDOW).toBe(300);
  const strong = 'Azure:SignalR';

  it.each([
    ['before', (gap: number) => `${strong}${'.'.repeat(gap)}\n${key}\n`],
    ['after', (gap: number) => `\n${key}${'.'.repeat(gap)}${strong}\n`],
  ])('a configuration name %s the key', (_side, make) => {
    // the gap counts characters between the keyword and the key, the newline included before
    const inside = EVIDENCE_WINDOW - strong.length - (_side === 'before' ? 1 : 0);
    expect(classify(make(inside))).toEqual([['azure-signalr-access-key', 'medium']]);
    // one more character: the name is cut; before the key, its tail "SignalR" is still a weak word
    expect(classify(make(inside + 1))).toEqual(_side === 'before' ? [['azure-signalr-access-key', 'low']] : []);
    expect(classify(make(inside + strong.length))).toEqual([]);
  });
});

describe('identifiable keys need boundaries, not evidence', () => {
  const ident = generateIdentifiableKey('boundaries');

  it.each([
    ['alone', ident, 1],
    ['quoted', `"${ident}"`, 1],
    ['in a URL query', `https://x.test/?key=${ident}&a=1`, 1],
    ['after a base62 character', `x${ident}`, 0],
    ['after a base64 "+"', `+${ident}`, 0],
    ['before a base62 character', `${ident}x`, 0],
    ['before "/"', `${ident}/`, 0],
    ['before "="', `${ident}=`, 0],
    ['after "-" and before "."', `-${ident}.`, 1],
  ])('%s', (_name, text, count) => {
    expect(scanText(text, { minConfidence: 'low' }).map((f) => f.secret)).toEqual(count === 1 ? [ident] : []);
  });
});

describe('Entra client secret shape: 3 characters, a digit, Q~, then 31 to 34 characters', () => {
  const base = generateEntraClientSecret('shape').slice(0, 6) + 'aB3_~.-x'.repeat(5);
  const app = (secret: string): string => `"Endpoint=https://e.service.signalr.net;AuthType=azure.app;ClientId=a;ClientSecret=${secret};Version=1.0;"`;

  it.each([
    [30, 'medium', 'client-secret'],
    [31, 'high', 'entra-client-secret'],
    [34, 'high', 'entra-client-secret'],
    [35, 'medium', 'client-secret'],
  ] as const)('%i characters after Q~: %s', (tail, confidence, format) => {
    const secret = base.slice(0, 6 + tail);
    expect(secret.slice(4, 6)).toBe('Q~');
    const findings = scanText(app(secret));
    expect(findings.map((f) => [f.ruleId, f.confidence, f.context.keyFormat, f.secret])).toEqual([['azure-signalr-client-secret', confidence, format, secret]]);
  });
});

describe('connection strings in any property order', () => {
  const k1 = generateLegacyKey('order-1');
  const k2 = generateLegacyKey('order-2');
  const at = (text: string): [string, string | undefined][] => scanText(text).map((f) => [f.confidence, f.context.endpoint]);

  it('AccessKey before Endpoint is still a connection string with an Endpoint: high', () => {
    expect(at(`"AccessKey=${k1};Endpoint=https://rev.service.signalr.net;Version=1.0;"`)).toEqual([['high', 'https://rev.service.signalr.net']]);
    expect(at(`"Version=1.0;AccessKey=${k1};endpoint=https://rev.webpubsub.azure.com"`)).toEqual([['high', 'https://rev.webpubsub.azure.com']]);
  });

  it('no Endpoint anywhere: medium', () => {
    expect(at(`"AccessKey=${k1};Version=1.0;"`)).toEqual([['medium', undefined]]);
  });

  it('two strings on one line each keep their own Endpoint, in either order', () => {
    expect(at(`Endpoint=https://a.service.signalr.net;AccessKey=${k1};Endpoint=https://b.service.signalr.net;AccessKey=${k2};`)).toEqual([
      ['high', 'https://a.service.signalr.net'],
      ['high', 'https://b.service.signalr.net'],
    ]);
    expect(at(`AccessKey=${k1};Endpoint=https://a.service.signalr.net;Endpoint=https://b.service.signalr.net;AccessKey=${k2};`)).toEqual([
      ['high', 'https://a.service.signalr.net'],
      ['high', 'https://b.service.signalr.net'],
    ]);
  });

  it('a Service Bus string in the next quoted value does not make it another service\'s key', () => {
    // quotes end the region: the Service Bus string that follows is another string
    expect(scanText(`"AccessKey=${k1};Version=1.0;" "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=abc"`).map((f) => f.secret)).toEqual([k1]);
  });
});

describe('the reported keyword is the text as found', () => {
  it('also after characters whose lower case is longer (İ)', () => {
    const key = generateLegacyKey('dotted-i');
    for (const prefix of ['', 'İ', 'İİİİ ', 'ﬃ İstanbul ']) {
      const [f] = scanText(`${prefix}Azure:SignalR\nkey: ${key}`);
      expect(f?.context.keyword, JSON.stringify(prefix)).toBe('Azure:SignalR');
    }
  });
});
