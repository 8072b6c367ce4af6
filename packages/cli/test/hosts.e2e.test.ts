import { generateIdentifiableKey, generateLegacyKey } from '@keyguard/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';

beforeAll(assertBuilt);

const tmp = useTempDirs();
const legacy = (seed: string): string => generateLegacyKey(`cli-test:hosts:${seed}`);
const cs = (endpoint: string, key: string): string => `Endpoint=${endpoint};AccessKey=${key};Version=1.0;`;

// Issue 15, point 5: the host table and loopback endpoints, through the bundle.
describe('keyguard scan: hosts and loopback', () => {
  it('each cloud\'s and environment\'s host names its service (rule, confidence, resource name)', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'global.env': `Azure__SignalR__ConnectionString=${cs('https://chat-prod.service.signalr.net', legacy('a'))}\n`,
      'china.env': `Azure__SignalR__ConnectionString=${cs('https://chat-cn.service.signalr.azure.cn', legacy('b'))}\n`,
      'signalr-dev.env': `SIGNALR=${cs('https://chat-dev.servicedev.signalr.net', legacy('c'))}\n`,
      'pubsub.env': `WPS=${cs('https://pubsub.webpubsub.azure.com', legacy('d'))}\n`,
      'pubsub-cn.env': `WPS=${cs('https://pubsub-cn.webpubsub.azure.cn', legacy('e'))}\n`,
      'pubsub-dev.env': `WPS=${cs('https://pubsub-dev.webpubsubdev.azure.com', legacy('f'))}\n`,
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = json(r.stdout).findings.map((f) => [f.path, f.ruleId, f.confidence, f.context.resourceName]).sort();
    expect(findings).toEqual([
      ['china.env', 'azure-signalr-access-key', 'high', 'chat-cn'],
      ['global.env', 'azure-signalr-access-key', 'high', 'chat-prod'],
      ['pubsub-cn.env', 'azure-web-pubsub-access-key', 'high', 'pubsub-cn'],
      ['pubsub-dev.env', 'azure-web-pubsub-access-key', 'high', 'pubsub-dev'],
      ['pubsub.env', 'azure-web-pubsub-access-key', 'high', 'pubsub'],
      ['signalr-dev.env', 'azure-signalr-access-key', 'high', 'chat-dev'],
    ]);
  });

  it('a legacy key on a loopback endpoint (emulators, simulators) is low: not reported by default', async () => {
    const dir = tmp();
    const endpoints = ['http://localhost', 'http://localhost:8999', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:8080', 'https://devbox.local:5001'];
    const files: Record<string, string> = {};
    endpoints.forEach((endpoint, i) => {
      files[`emulator-${i}.env`] = `Azure__SignalR__ConnectionString=${cs(endpoint, legacy(`loop-${i}`))}\n`;
    });
    files['pubsub-emulator.json'] = `{ "Azure:WebPubSub:ConnectionString": "${cs('http://localhost:8080', legacy('loop-wps'))}" }\n`;
    await writeTree(dir, files);

    const byDefault = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(byDefault.code).toBe(0);
    expect(json(byDefault.stdout).findings).toEqual([]);

    const low = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(low.code).toBe(1);
    const findings = json(low.stdout).findings.map((f) => [f.path, f.ruleId, f.confidence]).sort();
    expect(findings).toEqual([
      ...endpoints.map((_e, i) => [`emulator-${i}.env`, 'azure-signalr-access-key', 'low']),
      ['pubsub-emulator.json', 'azure-web-pubsub-access-key', 'low'],
    ]);
  });

  it('an identifiable key with a valid checksum on a loopback endpoint stays high', async () => {
    const dir = tmp();
    await writeTree(dir, {
      'signalr.env': `Azure__SignalR__ConnectionString=${cs('http://localhost:8999', generateIdentifiableKey('cli-test:hosts:id', 'ASRS'))}\n`,
      'pubsub.env': `WPS=${cs('http://[::1]:8080', generateIdentifiableKey('cli-test:hosts:id', 'AWPS'))}\n`,
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f) => [f.path, f.ruleId, f.confidence]).sort()).toEqual([
      ['pubsub.env', 'azure-web-pubsub-access-key', 'high'],
      ['signalr.env', 'azure-signalr-access-key', 'high'],
    ]);
  });
});
