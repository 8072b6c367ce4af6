/**
 * Issue 15, point 5: the hosts of each cloud and environment map to their service, and a legacy
 * key whose Endpoint is loopback (an emulator's, a simulator's) is low confidence.
 */
import { describe, expect, it } from 'vitest';
import { hostOf, scanText, serviceOfHost } from '../src/index.js';
import { isLoopbackHost } from '../src/connection-string.js';
import { generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

describe('host table', () => {
  it.each([
    ['chat.service.signalr.net', 'signalr'],
    ['chat.service.signalr.azure.cn', 'signalr'],
    ['chat.privatelink.signalr.azure.cn', 'signalr'],
    ['chat.servicedev.signalr.net', 'signalr'],
    ['chat.signalr.azure.us', 'signalr'],
    ['chat.webpubsub.azure.com', 'web-pubsub'],
    ['chat.webpubsub.azure.cn', 'web-pubsub'],
    ['chat.webpubsubdev.azure.com', 'web-pubsub'],
    ['orders.servicebus.windows.net', 'service-bus'],
    ['chat.signalr.example.test', undefined],
    ['chat.servicedev.signalr.net.example.test', undefined],
    ['localhost', undefined],
  ])('%s: %s', (host, service) => {
    expect(serviceOfHost(host)).toBe(service);
  });

  it('a connection string on a development or China host is its service\'s, with its resource name', () => {
    const key = generateLegacyKey('hosts:table');
    for (const [endpoint, ruleId, resource] of [
      ['https://chat-dev.servicedev.signalr.net', 'azure-signalr-access-key', 'chat-dev'],
      ['https://chat-cn.service.signalr.azure.cn', 'azure-signalr-access-key', 'chat-cn'],
      ['https://chat-gov.signalr.azure.us', 'azure-signalr-access-key', 'chat-gov'],
      ['https://pubsub-dev.webpubsubdev.azure.com', 'azure-web-pubsub-access-key', 'pubsub-dev'],
    ] as const) {
      const findings = scanText(`Endpoint=${endpoint};AccessKey=${key};Version=1.0;`);
      expect(findings.map((f) => [f.ruleId, f.confidence, f.context.resourceName])).toEqual([[ruleId, 'high', resource]]);
    }
  });
});

describe('hostOf', () => {
  it.each([
    ['http://[::1]:8080', '[::1]'],
    ['http://[::1]', '[::1]'],
    ['https://[0:0:0:0:0:0:0:1]/x', '[0:0:0:0:0:0:0:1]'],
    ['http://127.0.0.1:8080', '127.0.0.1'],
    ['http://LOCALHOST', 'localhost'],
    ['https://chat.service.signalr.net:443/', 'chat.service.signalr.net'],
  ])('%s -> %s', (endpoint, host) => {
    expect(hostOf(endpoint)).toBe(host);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'localhost.',
    '127.0.0.1',
    '127.0.0.0',
    '127.255.255.254',
    '127.10.0.1',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[0000::0001]',
    '[::ffff:127.0.0.1]',
    'devbox.local',
    'signalr-emulator.local',
  ])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    undefined,
    'chat.service.signalr.net',
    'localhost.example.test',
    'mylocalhost',
    'local',
    'example.localdomain',
    '128.0.0.1',
    '10.0.0.1',
    '127.0.0.256',
    '127.0.0',
    '1127.0.0.1',
    '[::]',
    '[::2]',
    '[1::1]',
    '[::ffff:10.0.0.1]',
    '[::1::1]',
    '[',
  ])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('a legacy key on a loopback endpoint', () => {
  const key = generateLegacyKey('hosts:loopback');
  const endpoints = ['http://localhost', 'http://localhost:8999', 'http://127.0.0.1:8080', 'http://[::1]:8080', 'https://devbox.local'];

  it.each(endpoints)('%s: low, so not reported at the default minimum (medium)', (endpoint) => {
    const text = `Azure__SignalR__ConnectionString=Endpoint=${endpoint};AccessKey=${key};Version=1.0;`;
    expect(scanText(text).map((f) => f.ruleId)).toEqual([]);
    expect(scanText(text, { minConfidence: 'low' }).map((f) => [f.ruleId, f.confidence, f.context.endpoint])).toEqual([
      ['azure-signalr-access-key', 'low', endpoint],
    ]);
  });

  it('Web PubSub\'s too, named by its configuration', () => {
    const text = `"Azure:WebPubSub:ConnectionString": "Endpoint=http://localhost:8080;AccessKey=${key};Version=1.0;"`;
    expect(scanText(text, { minConfidence: 'low' }).map((f) => [f.ruleId, f.confidence])).toEqual([['azure-web-pubsub-access-key', 'low']]);
  });

  it('an identifiable key with a valid checksum stays high', () => {
    for (const [provider, ruleId] of [['ASRS', 'azure-signalr-access-key'], ['AWPS', 'azure-web-pubsub-access-key']] as const) {
      const identifiable = generateIdentifiableKey('hosts:loopback', provider);
      const findings = scanText(`Endpoint=http://localhost:8080;AccessKey=${identifiable};Version=1.0;`);
      expect(findings.map((f) => [f.ruleId, f.confidence])).toEqual([[ruleId, 'high']]);
    }
  });

  it('a loopback host elsewhere in the line does not lower a cloud endpoint\'s key', () => {
    const text = `Endpoint=https://chat.service.signalr.net;AccessKey=${key};Version=1.0; # proxy http://localhost:8080`;
    expect(scanText(text).map((f) => [f.ruleId, f.confidence])).toEqual([['azure-signalr-access-key', 'high']]);
  });
});
