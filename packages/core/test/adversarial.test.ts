/**
 * What the adversarial-text work must not change: floods of anchors yield nothing, while real
 * secrets inside those floods are still found. A ClientSecret "value" that is the next
 * `Key=Value` property of the connection string itself (`AuthType=azure.app;ClientSecret=`
 * repeated) is never a secret. And the word index that spares the matcher its window reads sees
 * every word those windows see: at the window's edge, across index blocks, escaped, in any case.
 */
import { describe, expect, it } from 'vitest';
import { type Finding, scanBytes, scanText } from '../src/index.js';
import { checksumOf } from '../src/identifiable-key.js';
import { WORD_BLOCK } from '../src/nearby-words.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { scanEveryWay } from './helpers.js';

const LOW = { minConfidence: 'low' } as const;
const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const secrets = (findings: Finding[]): string[] => findings.map((f) => f.secret);

const everyWay = scanEveryWay;

const SELF_FRAGMENTS = [
  'AuthType=azure.app;ClientSecret=',
  'AuthType=aad;ClientSecret=',
  'ClientSecret=',
  'Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientSecret=',
  'ClientSecret=ClientId=00000000-0000-0000-0000-000000000000;AuthType=azure.app;',
  'AuthType=azure.app;ClientSecret = TenantId = common;',
  'AuthType%3Dazure.app%3BClientSecret%3D',
  'AuthType=azure.app;ClientSecret=Version%3D1.0;',
  'authtype=AZURE.APP;clientsecret=',
];

describe('a ClientSecret value is never a Key=Value fragment of the connection string itself', () => {
  it.each(SELF_FRAGMENTS)('%s repeated: no finding', async (unit) => {
    expect(await everyWay(repeatTo(unit, 64 * 1024))).toEqual([]);
  });

  it('the AuthType=azure.app + ClientSecret flood, 2 MiB of it: no finding (there were 65,535)', () => {
    expect(scanText(repeatTo('AuthType=azure.app;ClientSecret=', 2 * 1024 * 1024), LOW)).toEqual([]);
  });

  it.each(SELF_FRAGMENTS)('a real client secret inside a flood of %s is still found, once', async (unit) => {
    const flood = repeatTo(unit, 20_000);
    const entra = generateEntraClientSecret(`flood:${unit}`);
    const text = `${flood}\nEndpoint=https://a.service.signalr.net;AuthType=azure.app;ClientSecret=${entra};Version=1.0;\n${flood}`;
    const findings = await everyWay(text);
    expect(secrets(findings)).toEqual([entra]);
    expect(findings[0]).toMatchObject({ ruleId: 'azure-signalr-client-secret', confidence: 'high', line: 2 });
  });

  it('values that merely contain "=" or a property name are still secrets', async () => {
    const head = 'Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId=1;ClientSecret=';
    for (const value of [`${generateEntraClientSecret('eq')}==`, 'Endpointless-p4ss=w0rd!x', 'AuthTypeX=k8Zq-3vL9-pQ2w']) {
      expect(secrets(await everyWay(`"${head}${value};Version=1.0;"`))).toEqual([value]);
    }
  });
});

describe('floods of anchors yield nothing, and keys inside them are still found', () => {
  const legacy = generateLegacyKey('flood');

  function keyShapes(count: number): string {
    const shapes: string[] = [];
    for (let i = 0; i < count; i++) shapes.push(generateLegacyKey(`shape-${i}`));
    return shapes.join(' ');
  }

  it('key shapes with no evidence: nothing; a key with evidence among them: found', async () => {
    const shapes = keyShapes(400);
    expect(await everyWay(shapes)).toEqual([]);
    // Evidence reaches 300 characters: the shapes stay beyond it, and beyond the region's 1 KiB.
    const gap = ' '.repeat(1100);
    const text = `${shapes}${gap}Endpoint=https://r.service.signalr.net;AccessKey=${legacy};Version=1.0;${gap}${shapes}`;
    const findings = await everyWay(text);
    expect(secrets(findings)).toEqual([legacy]);
    expect(findings[0]!.confidence).toBe('high');
    // Evidence words reach the shapes within 300 characters of them: those become low findings.
    const near = await everyWay(`${shapes} signalr ${shapes}`);
    expect(near.length).toBeGreaterThan(0);
    expect(near.length).toBeLessThanOrEqual(16);
    expect(near.every((f) => f.confidence === 'low')).toBe(true);
  });

  it('JQQJ99 repeated: nothing; identifiable keys before, inside and after the run: found or not by their boundaries', async () => {
    const key = generateIdentifiableKey('flood');
    const run = repeatTo('JQQJ99', 60_000);
    expect(await everyWay(run)).toEqual([]);
    // Separated from the run by a non-base64 character on each side: a key.
    expect(secrets(await everyWay(`${run} ${key} ${run}`))).toEqual([key]);
    expect(secrets(await everyWay(`${key}.${run}.${key}`))).toEqual([key, key]);
    // Glued to the run: part of a longer base64 run, no key.
    expect(await everyWay(`${run}${key} `)).toEqual([]);
    expect(await everyWay(` ${key}${run}`)).toEqual([]);
  });

  it('a key whose random part holds the anchor too: the anchor at offset 52 is the one looked at', async () => {
    // Built here with a valid checksum (the generator draws its random part).
    let key = '';
    for (let n = 0; key === ''; n++) {
      const prefix = `${'x'.repeat(10)}JQQJ99${String(n).padStart(36, 'y')}JQQJ99AB${'p'.repeat(12)}AAAAASRS`;
      const checksum = checksumOf(prefix);
      if (/^[A-Za-z0-9]{4}$/.test(checksum)) key = prefix + checksum;
    }
    expect(secrets(await everyWay(`JQQJ99 ${key} JQQJ99`))).toEqual([key]);
  });
});

describe('the word index sees what the evidence window and the connection-string region see', () => {
  const key = generateLegacyKey('index');
  const low = (text: string): string[] => scanText(text, LOW).map((f) => f.confidence);

  it('a weak word at the evidence window edge (300 characters), before and after the key', () => {
    expect(low(`signalr${' '.repeat(293)}${key}`)).toEqual(['low']);
    expect(low(`signalr${' '.repeat(294)}${key}`)).toEqual([]);
    expect(low(`${key}${' '.repeat(293)}signalr`)).toEqual(['low']);
    expect(low(`${key}${' '.repeat(294)}signalr`)).toEqual([]);
  });

  it('a word split across two index blocks, at every offset', () => {
    const word = 'secondarykey';
    for (let cut = 0; cut <= word.length; cut++) {
      // The word starts `cut` characters before a block boundary; the key follows it.
      const before = 'x'.repeat(WORD_BLOCK - cut);
      expect(low(`${before}${word} ${key}`), `cut ${cut}`).toEqual(['low']);
    }
  });

  it('words in any ASCII casing, and with a KELVIN SIGN for k (toLowerCase maps it to k)', async () => {
    expect(low(`PrimaryKey ${key}`)).toEqual(['low']);
    expect(low(`WEB PUBSUB ${key}`)).toEqual(['low']);
    // A UTF-16 source keeps the KELVIN SIGN one character: the checks lower-case it to k.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`primary\u212Aey ${key}`, 'utf16le')]);
    expect(scanBytes(utf16, LOW).findings.map((f) => [f.confidence, f.context.keyword])).toEqual([['low', 'primarykey']]);
  });

  it('an escaped property name still makes a connection string (high confidence, not a nearby-word medium)', async () => {
    const json = `{"cs": "Endpoint=https://r.service.signalr.net;\\u0041ccessKey=${key};Version=1.0;"}`;
    expect((await everyWay(json)).map((f) => [f.secret, f.confidence])).toEqual([[key, 'high']]);
    const url = `cs=Endpoint%3Dhttps%3A%2F%2Fr.service.signalr.net%3B%41ccessKey%3D${encodeURIComponent(key)}%3BVersion%3D1.0`;
    expect((await everyWay(url)).map((f) => [f.secret, f.confidence])).toEqual([[key, 'high']]);
  });

  it('an escaped AuthType still qualifies a client secret', async () => {
    const entra = generateEntraClientSecret('escaped-authtype');
    const text = `"Endpoint=https://r.service.signalr.net;\\u0041uthType=azure.app;ClientSecret=${entra};"`;
    expect(secrets(await everyWay(text))).toEqual([entra]);
  });

  it('AuthType at the edge of the region (1 KiB before the secret) is read; one character further, not', async () => {
    const entra = generateEntraClientSecret('far-authtype');
    const text = (pad: number): string => `Endpoint=https://r.service.signalr.net;AuthType=azure.app;ClientId=${'1'.repeat(pad)};ClientSecret=${entra};`;
    expect(secrets(await everyWay(text(982)))).toEqual([entra]);
    expect(await everyWay(text(983))).toEqual([]);
  });
});
