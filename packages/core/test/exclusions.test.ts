/**
 * Exclusions judge the whole value: a real random key that happens to contain a stopword-like
 * substring is still a key. And each exclusion class does exclude what it names.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../src/index.js';
import { isIdentifiableKeyShape } from '../src/identifiable-key.js';
import { isLegacyAccessKey } from '../src/legacy-key.js';
import { keyPlaceholderReason, secretPlaceholderReason } from '../src/placeholders.js';
import { checksumOf } from '../src/identifiable-key.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

const legacyCs = (key: string): string => `"Endpoint=https://ex.service.signalr.net;AccessKey=${key};Version=1.0;"`;
const appCs = (secret: string): string =>
  `"Endpoint=https://ex.service.signalr.net;AuthType=azure.app;ClientId=abc;TenantId=def;ClientSecret=${secret};Version=1.0;"`;

const STOPWORDS = ['EXAMPLE', 'example', 'xxxx', 'XXXX', 'test', 'TEST', 'dummy', 'sample', 'fake', 'REDACTED', 'placeholder', 'contoso', 'localhost', 'changeme', 'AAAA', 'abcd'];

describe('a stopword inside a random key does not exclude it', () => {
  it.each(STOPWORDS)('legacy key containing %s', (word) => {
    for (const at of [0, 10, 42 - word.length]) {
      const base = generateLegacyKey(`stop-${word}-${at}`);
      // keep the canonical 43rd character and the padding
      const key = `${base.slice(0, at)}${word}${base.slice(at + word.length)}`;
      expect(key.slice(42)).toBe(base.slice(42));
      expect(isLegacyAccessKey(key)).toBe(true);
      expect(keyPlaceholderReason(key)).toBeUndefined();
      expect(scanText(legacyCs(key)).map((f) => [f.confidence, f.secret])).toEqual([['high', key]]);
    }
  });

  it.each(STOPWORDS)('identifiable key containing %s (checksum recomputed)', (word) => {
    for (let attempt = 0; ; attempt++) {
      const base = generateIdentifiableKey(`stop-${word}-${attempt}`);
      const prefix = `${base.slice(0, 20)}${word}${base.slice(20 + word.length, 80)}`;
      const key = prefix + checksumOf(prefix);
      if (!/^[A-Za-z0-9]{84}$/.test(key)) continue; // the checksum must be base62, as real keys are
      expect(isIdentifiableKeyShape(key)).toBe(true);
      expect(scanText(`k = "${key}"`).map((f) => f.secret)).toEqual([key]);
      break;
    }
  });

  it.each([...STOPWORDS.filter((w) => /^[A-Za-z0-9_~.-]+$/.test(w)), '...', '..', 'x.x.x', '~~~~', '----', '____'])(
    'Entra client secret containing %s',
    (word) => {
      const base = generateEntraClientSecret(`stop-${word}`);
      const secret = `${base.slice(0, 8)}${word}${base.slice(8 + word.length)}`;
      expect(secret).toMatch(/^[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}$/);
      expect(secretPlaceholderReason(secret)).toBeUndefined();
      expect(scanText(appCs(secret)).map((f) => [f.ruleId, f.confidence, f.secret])).toEqual([['azure-signalr-client-secret', 'high', secret]]);
    },
  );
});

describe('each exclusion class excludes', () => {
  it('public values: emulator key, docs placeholder, Purview example', () => {
    expect(keyPlaceholderReason('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH')).toBe('public-value');
    expect(keyPlaceholderReason('ABCDEFGHIJKLMNOPQRSTUVWEXYZ0123456789+=/')).toBe('public-value');
    expect(keyPlaceholderReason(['abcdefghijklmnopqrstuvwxyz', '0123456789/+ABCDE='].join(''))).toBe('public-value');
  });

  it('templates in a client secret position', () => {
    for (const t of ['<client-secret>', '${CLIENT_SECRET}', '{{ client_secret }}', '%CLIENT_SECRET%', '$(ClientSecret)', '#{ClientSecret}#', '$CLIENT_SECRET', '[your secret here]']) {
      expect(secretPlaceholderReason(t), t).toBe('template');
      expect(scanText(appCs(t), { minConfidence: 'low' }), t).toEqual([]);
    }
  });

  it('C# / Python interpolation ({clientSecret}) and PowerShell $env: are templates', () => {
    for (const [code, t] of [
      ['csharp', '$"Endpoint={endpoint};AuthType=azure.app;ClientId={clientId};ClientSecret={clientSecret};Version=1.0;"'],
      ['python', 'f"Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId={cid};ClientSecret={settings.secret};"'],
      ['powershell', '"Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId=x;ClientSecret=$env:SIGNALR_CLIENT_SECRET;"'],
    ]) {
      expect(scanText(t!, { minConfidence: 'low' }), code).toEqual([]);
    }
    // a braced value that is not an identifier is still a secret
    expect(scanText(appCs('{not an identifier!}'), { minConfidence: 'low' }).map((f) => f.secret)).toEqual(['{not an identifier!}']);
  });

  it('interpolations whose expression holds quotes (the value is cut at the quote) are templates', () => {
    for (const t of [
      "${process.env['SIGNALR_SECRET']}",
      '${fn("client")}',
      "$(Get-Secret -Name 'signalr')",
      "{{ lookup('env', 'CLIENT_SECRET') }}",
      "#{Octopus.Action['x'].Secret}#",
    ]) {
      expect(scanText(`const cs = \`Endpoint=https://ex.service.signalr.net;AuthType=azure.app;ClientId=abc;ClientSecret=${t};Version=1.0;\`;`, { minConfidence: 'low' }), t).toEqual([]);
    }
  });

  it('an elided value with the Entra prefix but not its length is still masked', () => {
    expect(secretPlaceholderReason('AbC1Q~abc...xyz')).toBe('masked');
    expect(scanText(appCs('AbC1Q~abc...xyz'), { minConfidence: 'low' })).toEqual([]);
  });

  it('masking in a client secret position', () => {
    for (const t of ['********', 'xxxxxxxxxx', 'XXXXXXXX', 'abcd***wxyz', 'abc...xyz', 'abc…xyz', 'REDACTED', '<redacted>', '[REDACTED]', 'hidden', 'masked']) {
      expect(['masked', 'template', 'too-short']).toContain(secretPlaceholderReason(t));
      expect(scanText(appCs(t), { minConfidence: 'low' }), t).toEqual([]);
    }
  });

  it('low-diversity and sequential keys; a random key passes both', () => {
    const pad = (s: string): string => `${s.slice(0, 42)}A=`;
    expect(keyPlaceholderReason(pad('A'.repeat(43)))).toBe('low-diversity');
    expect(keyPlaceholderReason(pad('AB'.repeat(22)))).toBe('low-diversity');
    expect(keyPlaceholderReason(pad('q7Zq7Z'.repeat(8)))).toBe('low-diversity');
    expect(keyPlaceholderReason(pad(`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq`))).toBe('sequential');
    expect(keyPlaceholderReason(pad(`zyxwvutsrq${generateLegacyKey('seq').slice(10)}`))).toBe('sequential');
    for (let i = 0; i < 200; i++) expect(keyPlaceholderReason(generateLegacyKey(`random-${i}`))).toBeUndefined();
  });

  it('a sequential run of 7 inside a random key is tolerated', () => {
    const base = generateLegacyKey('seq7');
    const key = `${base.slice(0, 5)}abcdefg${base.slice(12)}`;
    expect(keyPlaceholderReason(key)).toBeUndefined();
    expect(scanText(legacyCs(key)).map((f) => f.secret)).toEqual([key]);
  });

  it('integrity digest prefixes (sha1, sha256, sha384, sha512, md5) exclude a key-shaped value', () => {
    const key = generateLegacyKey('sri');
    for (const prefix of ['sha256-', 'sha256:', 'SHA256-', 'sha1-', 'sha512_', 'md5:', 'sha384-']) {
      expect(scanText(`signalr accessKey integrity="${prefix}${key}"`, { minConfidence: 'low' }), prefix).toEqual([]);
    }
    expect(scanText(`signalr accessKey integrity="${key}"`, { minConfidence: 'low' })).toHaveLength(1);
  });

  it('other services\' names and connection strings exclude the key, even near SignalR words', () => {
    const key = generateLegacyKey('other');
    const signalr = 'Azure:SignalR:ConnectionString is configured elsewhere\n';
    for (const text of [
      `${signalr}SharedAccessKey: ${key}`,
      `${signalr}AccountKey=${key}`,
      `${signalr}"storageKey": "${key}"`,
      `${signalr}primaryMasterKey: ${key}`,
      `${signalr}Endpoint=https://x.documents.azure.com:443/;AccessKey=${key};`,
      `${signalr}endpoint=https://x.communication.azure.com/;accesskey=${key}`,
      `${signalr}HostName=x.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${key}`,
    ]) {
      expect(scanText(text, { minConfidence: 'low' }), text.slice(signalr.length, signalr.length + 40)).toEqual([]);
    }
    expect(scanText(`${signalr}AccessKey=${key}`).map((f) => f.secret)).toEqual([key]);
    // Service Bus's own strings are its rule's, never SignalR's.
    const serviceBus = `${signalr}Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${key}`;
    expect(scanText(serviceBus, { minConfidence: 'low' }).map((f) => f.ruleId)).toEqual(['azure-service-bus-shared-access-key']);
  });
});

describe('client secrets that name a secret instead of holding one', () => {
  const app = 'Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId=1;ClientSecret=';
  it.each(['your-client-secret', 'YOUR_CLIENT_SECRET', 'process.env.CLIENT_SECRET', 'config.signalr.clientSecret', 'os.environ["SECRET"]'])(
    'ignores %s',
    async (value) => {
      const { scanText: scan } = await import('../src/index.js');
      expect(scan(`${app}${value};Version=1.0;`, { minConfidence: 'low' })).toEqual([]);
    },
  );
  it('still reports an Entra-shaped secret and an ordinary one', async () => {
    const { scanText: scan } = await import('../src/index.js');
    const { generateEntraClientSecret: entra } = await import('../src/testing/index.js');
    expect(scan(`${app}${entra('naming')};`).map((f) => f.confidence)).toEqual(['high']);
    expect(scan(`${app}Tr0ub4dor-and-3;`).map((f) => f.confidence)).toEqual(['medium']);
  });
});

describe('weak evidence near another Azure service', () => {
  it('drops a key-shaped value in an App Configuration string with a weak word nearby', async () => {
    const { scanText: scan } = await import('../src/index.js');
    const { generateLegacyKey: key } = await import('../src/testing/index.js');
    const k = key('azconfig');
    expect(scan(`Endpoint=https://x.azconfig.io;Id=abc;Secret=${k} # signalr`, { minConfidence: 'low' })).toEqual([]);
    expect(scan(`Endpoint=https://x.example.org;Id=abc;Secret=${k} # signalr`, { minConfidence: 'low' })).toHaveLength(1);
  });
});
