import { connectionStrings, generateEntraClientSecret, generateLegacyKey } from '@keyguard/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';

// Connection strings written base64-encoded, through the bundle: Kubernetes Secret `data:`, a
// .dockerconfigjson (base64 inside base64), a base64 value in an env file and in JSON, URL-safe.
// Every key is generated at test time; base64 of placeholders is no finding.

beforeAll(() => assertBuilt());
const tmp = useTempDirs();

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

const keys = {
  k8s: generateLegacyKey('e2e-b64-k8s'),
  docker: generateLegacyKey('e2e-b64-docker'),
  env: generateLegacyKey('e2e-b64-env'),
  json: generateLegacyKey('e2e-b64-json'),
  entra: generateEntraClientSecret('e2e-b64-entra'),
};

/** Each file, and the base64 run in it that holds its key (line 1-based). */
const dockerConfig = JSON.stringify({ auths: { 'registry.example.com': { auth: b64(`bot:${connectionStrings.signalr(keys.docker)}`) } } });
const TREE: Record<string, string> = {
  'k8s/secret.yaml': [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: chat-signalr',
    'type: Opaque',
    'data:',
    `  Azure__SignalR__ConnectionString: ${b64(connectionStrings.signalr(keys.k8s))}`,
    `  Azure__SignalR__App: ${b64url(`~~~?${connectionStrings.signalrApp(keys.entra)}`)}`,
    '',
  ].join('\n'),
  'k8s/pull-secret.yaml': ['apiVersion: v1', 'kind: Secret', 'type: kubernetes.io/dockerconfigjson', 'data:', `  .dockerconfigjson: ${b64(dockerConfig)}`, ''].join('\n'),
  '.env': `# deploy\nSIGNALR_CONNECTION_B64=${b64(connectionStrings.webPubSub(keys.env))}\n`,
  'appsettings.json': `{\n  "Encoded": {\n    "SignalR": "${b64(connectionStrings.signalr(keys.json, 'orders'))}"\n  }\n}\n`,
};

/** Decoys: base64 of what documentation writes instead of a key. */
const DECOYS: Record<string, string> = {
  'docs/secret.yaml': [
    'data:',
    `  placeholder: ${b64(connectionStrings.signalr('<your-access-key>'))}`,
    `  template: ${b64(connectionStrings.signalr('${SIGNALR_ACCESS_KEY}'))}`,
    `  repeated: ${b64(connectionStrings.signalr(`${'A'.repeat(43)}=`))}`,
    `  msi: ${b64('Endpoint=https://chat.service.signalr.net;AuthType=azure.msi;Version=1.0;')}`,
    `  bare-key: ${b64(generateLegacyKey('e2e-b64-bare'))}`,
    '',
  ].join('\n'),
};

function expectNoRawKey(output: string): void {
  for (const key of Object.values(keys)) {
    expect(output).not.toContain(key);
    expect(output).not.toContain(key.slice(4, 20));
  }
}

describe('scan: connection strings in base64', () => {
  it('--format json reports each on its base64 run, encoding base64, masked; exit 1', async () => {
    const dir = tmp();
    await writeTree(dir, { ...TREE, ...DECOYS });
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = json(r.stdout)
      .findings.map((f) => [f.path.replaceAll('\\', '/'), f.line, f.ruleId, f.masked, f.context.encoding])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]));
    expect(found).toEqual([
      ['.env', 2, 'azure-web-pubsub-access-key', `${keys.env.slice(0, 4)}…`, 'base64'],
      ['appsettings.json', 3, 'azure-signalr-access-key', `${keys.json.slice(0, 4)}…`, 'base64'],
      ['k8s/pull-secret.yaml', 5, 'azure-signalr-access-key', `${keys.docker.slice(0, 4)}…`, 'base64'],
      ['k8s/secret.yaml', 7, 'azure-signalr-access-key', `${keys.k8s.slice(0, 4)}…`, 'base64'],
      ['k8s/secret.yaml', 8, 'azure-signalr-client-secret', `${keys.entra.slice(0, 4)}…`, 'base64'],
    ]);
    // The column is inside the run, past the YAML key.
    const k8s = json(r.stdout).findings.find((f) => f.path.endsWith('secret.yaml') && f.line === 7)!;
    expect(k8s.column).toBeGreaterThan('  Azure__SignalR__ConnectionString: '.length);
    expectNoRawKey(r.stdout + r.stderr);
  });

  it('--format sarif carries the encoding; the pretty report never prints a key', async () => {
    const dir = tmp();
    await writeTree(dir, { 'k8s/secret.yaml': TREE['k8s/secret.yaml']! });
    const sarif = await run(['scan', '--format', 'sarif'], { cwd: dir });
    expect(sarif.code).toBe(1);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { properties?: { encoding?: string } }[] }[] }).runs[0]!.results;
    expect(results.map((x) => x.properties?.encoding)).toEqual(['base64', 'base64']);
    const pretty = await run(['scan'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(pretty.code).toBe(1);
    expectNoRawKey(sarif.stdout + pretty.stdout + pretty.stderr);
  });

  it('base64 of placeholders, of a connection string without a key and of a bare key: exit 0', async () => {
    const dir = tmp();
    await writeTree(dir, DECOYS);
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(json(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});
