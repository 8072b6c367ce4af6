import { describe, expect, it } from 'vitest';
import { PROVIDER_SERVICES, serviceOfProvider } from '../src/rules/azure-identifiable-key/index.js';
import { detectors, mayHoldSecret, rotationFor, scanBytes, scanStream, scanText } from '../src/index.js';
import { breakChecksum, expandTokens, generateForToken, generateIdentifiableKey } from '../src/testing/index.js';
import { isIdentifiableKeyShape } from '../src/identifiable-key.js';
import { collect } from './helpers.js';

// Issue 14, point 3: other Azure services' identifiable keys (azure-identifiable-key).
const SIGNATURES = ['ACOG', 'AZEG', 'AZSE', 'APIM', 'AZFU', 'ACDB', 'AZSB', 'AZEH', 'AZRL', 'AZST', 'QWER'];
const RULE = 'azure-identifiable-key';

const line = (key: string): string => `const apiKey = "${key}";\n`;

describe('azure-identifiable-key', () => {
  it('the generator makes well-formed keys for any provider signature (and broken ones)', () => {
    for (const signature of SIGNATURES) {
      const key = generateIdentifiableKey(`other:${signature}`, signature);
      expect(key).toHaveLength(84);
      expect(key.slice(76, 80)).toBe(signature);
      expect(isIdentifiableKeyShape(key)).toBe(true);
      expect(isIdentifiableKeyShape(breakChecksum(key))).toBe(false);
      expect(generateForToken(`ident-${signature}`, 'x')).toBe(generateIdentifiableKey('x', signature));
      expect(generateForToken(`ident-${signature}-badsum`, 'x')).toBe(breakChecksum(generateIdentifiableKey('x', signature)));
    }
  });

  it.each(SIGNATURES.map((s) => [s]))('%s: found by scanText, scanBytes and scanStream, high confidence', async (signature) => {
    const key = generateIdentifiableKey(`other:${signature}`, signature);
    const text = `# settings\n${line(key)}`;
    const bytes = new TextEncoder().encode(text);
    expect(mayHoldSecret(bytes)).toBe(true);
    const expected = [[RULE, 'high', key, 2]];
    const shape = (fs: readonly { ruleId: string; confidence: string; secret: string; line: number }[]) => fs.map((f) => [f.ruleId, f.confidence, f.secret, f.line]);
    expect(shape(scanText(text))).toEqual(expected);
    expect(shape(scanBytes(bytes).findings)).toEqual(expected);
    expect(shape(await collect(scanStream([bytes])))).toEqual(expected);
  });

  it('is found in UTF-16 and JSON-escaped text too', () => {
    const key = generateIdentifiableKey('other:utf16', 'AZEG');
    const utf16 = Buffer.from(`\uFEFF${line(key)}`, 'utf16le');
    expect(scanBytes(utf16).findings.map((f) => [f.ruleId, f.secret])).toEqual([[RULE, key]]);
    expect(scanText(expandTokens('{"k":"{{KG:ident-ACOG:9:json}}"}')).map((f) => f.ruleId)).toEqual([RULE]);
  });

  it('a broken checksum, a key inside a longer run and SignalR / Web PubSub keys are not its findings', () => {
    const key = generateIdentifiableKey('other:neg', 'ACOG');
    expect(scanText(line(breakChecksum(key)), { minConfidence: 'low' })).toEqual([]);
    expect(scanText(line(`Q${key}`), { minConfidence: 'low' })).toEqual([]);
    expect(scanText(line(`${key}Q`), { minConfidence: 'low' })).toEqual([]);
    for (const [provider, ruleId] of [['ASRS', 'azure-signalr-access-key'], ['AWPS', 'azure-web-pubsub-access-key']] as const) {
      const other = generateIdentifiableKey('other:neg', provider);
      expect(scanText(line(other)).map((f) => f.ruleId)).toEqual([ruleId]);
    }
  });

  it('can be turned off alone', () => {
    const text = line(generateIdentifiableKey('other:off', 'AZSB')) + line(generateIdentifiableKey('other:off', 'ASRS'));
    expect(scanText(text).map((f) => f.ruleId)).toEqual([RULE, 'azure-signalr-access-key']);
    expect(scanText(text, { rules: { [RULE]: false } }).map((f) => f.ruleId)).toEqual(['azure-signalr-access-key']);
  });

  it('claims every provider but ASRS and AWPS, only with a verified checksum', () => {
    const detector = detectors.find((d) => d.id === RULE)!;
    for (const provider of [...SIGNATURES, 'ABCD']) {
      expect(detector.classify({ form: 'identifiable', secret: 'x', service: undefined, evidence: 'checksum', provider })).toBe('high');
    }
    for (const provider of ['ASRS', 'AWPS', undefined]) {
      expect(detector.classify({ form: 'identifiable', secret: 'x', service: undefined, evidence: 'checksum', provider })).toBeUndefined();
    }
    expect(detector.classify({ form: 'legacy', secret: 'x', service: undefined, evidence: 'keyword' })).toBeUndefined();
    expect(detector.classify({ form: 'legacy', secret: 'x', service: 'signalr', evidence: 'connection-string-endpoint' })).toBeUndefined();
  });

  it('names the service a known signature stands for, and "an Azure service" otherwise', () => {
    expect(serviceOfProvider('ACOG')).toMatch(/OpenAI/);
    expect(serviceOfProvider('AZEG')).toBe('Azure Event Grid');
    expect(serviceOfProvider('AZSB')).toBe('Azure Service Bus');
    expect(serviceOfProvider('QWER')).toBe('an Azure service');
    expect(serviceOfProvider('constructor')).toBe('an Azure service');
    expect(Object.keys(PROVIDER_SERVICES).every((s) => /^[A-Z]{4}$/.test(s) && s !== 'ASRS' && s !== 'AWPS')).toBe(true);
  });

  it('a finding says which service its key names: context.service and the message', () => {
    const [grid] = scanText(`key = "${generateIdentifiableKey('svc-1', 'AZEG')}"\n`);
    expect(grid).toMatchObject({ ruleId: 'azure-identifiable-key', context: { service: 'Azure Event Grid' } });
    expect(grid!.message).toMatch(/^Azure identifiable key \(other service\) \(Azure Event Grid\) \(high confidence\): /);
    const [other] = scanText(`key = "${generateIdentifiableKey('svc-2', 'QWER')}"\n`);
    expect(other!.context.service).toBe('an Azure service');
    // SignalR's own keys carry no service: their rule names it
    const [signalr] = scanText(`key = "${generateIdentifiableKey('svc-3', 'ASRS')}"\n`);
    expect(signalr!.ruleId).toBe('azure-signalr-access-key');
    expect(signalr!.context.service).toBeUndefined();
  });

  it('remediation prints no unsafe resource name', () => {
    expect(rotationFor({ ruleId: RULE, context: { resourceName: 'x$(id)' } }).command).toBe('az resource list --name <resource> --output table');
  });
});
