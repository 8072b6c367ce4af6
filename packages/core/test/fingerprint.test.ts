import { createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, legacyFingerprintOf, scanText } from '../src/index.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

// A fingerprint is published; confirming a guessed secret from it must not be cheap.
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const clientSecretLine = (secret: string) =>
  `Azure__SignalR__ConnectionString=Endpoint=https://chat-prod.service.signalr.net;AuthType=azure.app;ClientId=00000000-0000-0000-0000-000000000000;ClientSecret=${secret};TenantId=11111111-1111-1111-1111-111111111111;Version=1.0;`;

describe('fingerprints', () => {
  it('random access keys keep the fast sha256 of rule:secret (existing baselines unchanged)', () => {
    const legacy = generateLegacyKey('fp-legacy');
    const asrs = generateIdentifiableKey('fp-asrs', 'ASRS');
    const [a] = scanText(`Endpoint=https://x1.service.signalr.net;AccessKey=${legacy};Version=1.0;`);
    const [b] = scanText(`const k = "${asrs}";`);
    expect(a!.fingerprint).toBe(sha(`azure-signalr-access-key:${legacy}`));
    expect(b!.fingerprint).toBe(sha(`azure-signalr-access-key:${asrs}`));
    expect(a!.legacyFingerprint).toBeUndefined();
  });

  it('an Entra-generated client secret is random too: fast', () => {
    const secret = generateEntraClientSecret('fp-entra');
    const [f] = scanText(clientSecretLine(secret));
    expect(f!.context.keyFormat).toBe('entra-client-secret');
    expect(f!.fingerprint).toBe(sha(`azure-signalr-client-secret:${secret}`));
  });

  it('a client secret a person may have chosen gets a salted scrypt, not sha256', () => {
    const chosen = ['Summer', String(2000 + 24), '!'].join(''); // built, not committed as one literal
    const [f] = scanText(clientSecretLine(chosen));
    expect(f!.context.keyFormat).toBe('client-secret');
    expect(f!.fingerprint).not.toBe(sha(`azure-signalr-client-secret:${chosen}`));
    const expected = scryptSync(chosen, 'keyguard/fingerprint/v2/azure-signalr-client-secret', 32, { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 2 ** 20 }).toString('hex');
    expect(f!.fingerprint).toBe(expected);
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(f!.legacyFingerprint).toBe(legacyFingerprintOf('azure-signalr-client-secret', chosen));
    expect(fingerprintOf('azure-signalr-client-secret', chosen, { keyFormat: 'client-secret' })).toBe(expected);
    expect(fingerprintOf('azure-signalr-client-secret', chosen)).toBe(expected); // no context: the safe scheme
  });

  it('allow lists written with the old fingerprint still suppress', () => {
    const chosen = ['Winter', String(2000 + 23), '#'].join('');
    const old = sha(`azure-signalr-client-secret:${chosen}`);
    expect(scanText(clientSecretLine(chosen), { allow: [old] })).toEqual([]);
    expect(scanText(clientSecretLine(chosen), { allow: [fingerprintOf('azure-signalr-client-secret', chosen)] })).toEqual([]);
    expect(scanText(clientSecretLine(chosen))).toHaveLength(1);
  });
});
