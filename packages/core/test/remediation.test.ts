/** What a finding tells the user to do (signalr-keys.md §4), with the resource name filled in. */
import { describe, expect, it } from 'vitest';
import { remediationFor, scanText, shortRemediation } from '../src/index.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

describe('remediation', () => {
  it('a SignalR key: az signalr key renew for the resource found in the connection string', () => {
    const [f] = scanText(`Endpoint=https://chat-prod.service.signalr.net;AccessKey=${generateLegacyKey('rem')};Version=1.0;`);
    const steps = remediationFor(f!).join('\n');
    expect(steps).toContain('az signalr key renew --name chat-prod');
    expect(steps).toMatch(/--key-type primary\|secondary/);
    expect(steps).toMatch(/Entra ID/);
    expect(steps).toMatch(/disable local auth/);
    expect(shortRemediation(f!)).toContain('az signalr key renew --name chat-prod');
  });

  it('a Web PubSub key: az webpubsub key regenerate', () => {
    const [f] = scanText(`Endpoint=https://notify.webpubsub.azure.com;AccessKey=${generateLegacyKey('rem-wps')};Version=1.0;`);
    expect(f!.ruleId).toBe('azure-web-pubsub-access-key');
    expect(remediationFor(f!).join('\n')).toContain('az webpubsub key regenerate --name notify');
  });

  it('no resource name known: a placeholder, never a guess', () => {
    const [f] = scanText(`k = "${generateIdentifiableKey('rem-ident')}"`);
    expect(f!.context.resourceName).toBeUndefined();
    expect(remediationFor(f!).join('\n')).toContain('--name <resource>');
  });

  it('a client secret: revoke on the app registration, prefer a managed identity', () => {
    const [f] = scanText(`Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientId=x;ClientSecret=${generateEntraClientSecret('rem')};`);
    expect(f!.ruleId).toBe('azure-signalr-client-secret');
    const steps = remediationFor(f!).join('\n');
    expect(steps).toContain('az ad app credential delete');
    expect(steps).toContain('azure.msi');
  });

  it('no step ever repeats the secret', () => {
    const key = generateLegacyKey('rem-leak');
    const [f] = scanText(`Endpoint=https://a.service.signalr.net;AccessKey=${key};Version=1.0;`);
    expect([...remediationFor(f!), shortRemediation(f!)].join('\n')).not.toContain(key.slice(0, 8));
  });
});
