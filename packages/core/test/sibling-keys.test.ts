/**
 * The sibling Azure rules through every way keyguard scans (scanText, scanBytes with its
 * pre-filter, the stream): each key kind in every encoding the SignalR rule supports, found
 * under its own rule; the published development keys, broken checksums and SHA-512-shaped
 * values never.
 */
import { describe, expect, it } from 'vitest';
import { type Finding, scanText } from '../src/index.js';
import {
  breakSeededChecksum,
  encodeKey,
  expandTokens,
  generateBase64Key64,
  generateLegacyKey,
  generateSignedAzureKey,
} from '../src/testing/index.js';
import { scanEveryWay } from './helpers.js';

const ENCODINGS = [undefined, 'json', 'url'] as const;

const everyWay = scanEveryWay;

const found = (findings: Finding[]): [string, string, string][] => findings.map((f) => [f.ruleId, f.confidence, f.secret]);

describe('sibling rules in every encoding', () => {
  const sbKey = generateLegacyKey('sibling-sb');
  const accountKey = generateBase64Key64('sibling-account');

  it.each(ENCODINGS)('Service Bus connection strings (%s)', async (encoding) => {
    const text = `cs = "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${encodeKey(sbKey, encoding)}"`;
    const findings = await everyWay(text);
    expect(found(findings)).toEqual([['azure-service-bus-shared-access-key', 'high', sbKey]]);
    expect(findings[0]!.context).toMatchObject({ resourceName: 'orders', keyFormat: 'legacy' });
    if (encoding !== undefined) expect(findings[0]!.context.encoding).toBe(encoding === 'json' ? 'json-escaped' : 'url-encoded');
  });

  it.each(ENCODINGS)('Storage connection strings (%s)', async (encoding) => {
    const text = `"Storage": "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${encodeKey(accountKey, encoding)};EndpointSuffix=core.windows.net"`;
    const findings = await everyWay(text);
    expect(found(findings)).toEqual([['azure-storage-account-key', 'high', accountKey]]);
    expect(findings[0]!.context).toMatchObject({ resourceName: 'contosodata', keyFormat: 'key-64' });
  });

  it.each(ENCODINGS)('Cosmos DB connection strings (%s)', async (encoding) => {
    const text = `Cosmos=AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey=${encodeKey(accountKey, encoding)};`;
    const findings = await everyWay(text);
    expect(found(findings)).toEqual([['azure-cosmos-db-account-key', 'high', accountKey]]);
    expect(findings[0]!.context).toMatchObject({ resourceName: 'orders' });
  });

  const signed = [
    ['azure-service-bus-shared-access-key', generateSignedAzureKey('s', 32, '+ASb', 'Send0000'), 'Azure Service Bus'],
    ['azure-service-bus-shared-access-key', generateSignedAzureKey('s', 32, '+AEh', 'Listen00'), 'Azure Event Hubs'],
    ['azure-service-bus-shared-access-key', generateSignedAzureKey('s', 32, '+ARm', 'Manage00'), 'Azure Relay'],
    ['azure-storage-account-key', generateSignedAzureKey('s', 64, '+ASt', 'Default0'), undefined],
    ['azure-cosmos-db-account-key', generateSignedAzureKey('s', 64, 'ACDb', 'SystRO00'), undefined],
  ] as const;

  it.each(signed.flatMap(([rule, key, service]) => ENCODINGS.map((e) => [rule, e, key, service] as const)))(
    'a key %s signed is found alone (%s)',
    async (rule, encoding, key, service) => {
      const findings = await everyWay(`value: ${encodeKey(key, encoding)}\n`);
      expect(found(findings)).toEqual([[rule, 'high', key]]);
      expect(findings[0]!.context.service).toBe(service);
    },
  );

  it.each(signed.map(([rule, key]) => [rule, key] as const))('a key %s signed with a broken checksum is nobody\'s', async (_rule, key) => {
    expect(await everyWay(`value: ${breakSeededChecksum(key)}\n`)).toEqual([]);
    // ...even where a connection string would make an unsigned key a finding.
    expect(await everyWay(`AccountName=a;AccountKey=${breakSeededChecksum(key)};SharedAccessKey=${breakSeededChecksum(key)}`)).toEqual([]);
  });
});

describe('what the sibling rules never report', () => {
  it('the published development keys (Azurite, the Cosmos DB emulator)', async () => {
    expect(await everyWay(expandTokens('DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0}};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;'))).toEqual([]);
    expect(await everyWay(expandTokens('AccountEndpoint=https://localhost:8081/;AccountKey={{KG:cosmos-emulator:0}};'))).toEqual([]);
  });

  it('SHA-512-shaped values: integrity hashes, NuGet content hashes, a bare value, a longer run', async () => {
    const digest = generateBase64Key64('digest');
    for (const text of [
      `"integrity": "sha512-${digest}"`,
      `"contentHash": "${digest}",`,
      `value = ${digest}`,
      `AccountName=a;AccountKey=x${digest}`,
      `AccountName=a;AccountKey=${digest}=`,
    ]) {
      expect(await everyWay(text), text.slice(0, 30)).toEqual([]);
    }
  });

  it('an AccountKey too far from its key, or a Storage key next to a Cosmos DB endpoint', async () => {
    const key = generateBase64Key64('far');
    expect(await everyWay(`AccountName=a;AccountKey=\n${key}`)).toEqual([]);
    expect(found(await everyWay(`AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=${key}`)).map(([rule]) => rule)).toEqual(['azure-cosmos-db-account-key']);
  });

  it('each rule turned off drops only its findings', () => {
    const text = expandTokens(
      'Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=b;SharedAccessKey={{KG:legacy:1}}\nAccountName=a;AccountKey={{KG:key64:1}};EndpointSuffix=core.windows.net\nAccountEndpoint=https://c.documents.azure.com/;AccountKey={{KG:key64:2}}\n',
    );
    const all = ['azure-service-bus-shared-access-key', 'azure-storage-account-key', 'azure-cosmos-db-account-key'] as const;
    expect(scanText(text).map((f) => f.ruleId)).toEqual([...all]);
    for (const id of all) {
      expect(scanText(text, { rules: { [id]: false } }).map((f) => f.ruleId)).toEqual(all.filter((r) => r !== id));
    }
  });
});
