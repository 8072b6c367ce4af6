import { ruleOf, rules } from '@keyguard/core';
import { encodeKey, expandTokens, secretOfToken } from '@keyguard/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, commit, git, isolateGit, makeRepo, runCli, write } from './git-fixtures.js';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';

// The sibling rules (Service Bus / Event Hubs / Relay shared access keys, Storage and Cosmos DB
// account keys) through the bundle: planted in the files they live in, in every encoding the
// SignalR rule supports, in every report format; the published development keys, broken
// checksums and 88-character hashes are not findings. Every key is generated at test time.

beforeAll(() => {
  assertBuilt();
  isolateGit();
});
afterAll(() => cleanupTemp());

const tmp = useTempDirs();

type Encoding = 'json-escaped' | 'url-encoded' | undefined;
type SiblingRule = 'azure-service-bus-shared-access-key' | 'azure-storage-account-key' | 'azure-cosmos-db-account-key';

const SERVICE_BUS: SiblingRule = 'azure-service-bus-shared-access-key';
const STORAGE: SiblingRule = 'azure-storage-account-key';
const COSMOS: SiblingRule = 'azure-cosmos-db-account-key';
const SIBLINGS: readonly SiblingRule[] = [SERVICE_BUS, STORAGE, COSMOS];

/** Each rule's rotation command with the resource the connection strings name (see the trees below). */
const ROTATION: Record<SiblingRule, string> = {
  [SERVICE_BUS]: 'az servicebus namespace authorization-rule keys renew --namespace-name orders',
  [STORAGE]: 'az storage account keys renew --account-name contosodata',
  [COSMOS]: 'az cosmosdb keys regenerate --name ordersdb',
};

// Connection strings around a token; `sb`, `st`, `cs` are the plain ones, `*Url` URL-encoded whole.
const sb = (key: string): string => `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`;
const sbUrl = (key: string): string => `Endpoint%3Dsb%3A%2F%2Forders.servicebus.windows.net%2F%3BSharedAccessKeyName%3Dsend%3BSharedAccessKey%3D${key}`;
const st = (key: string): string => `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`;
const stUrl = (key: string): string => `DefaultEndpointsProtocol%3Dhttps%3BAccountName%3Dcontosodata%3BAccountKey%3D${key}%3BEndpointSuffix%3Dcore.windows.net`;
const cs = (key: string): string => `AccountEndpoint=https://ordersdb.documents.azure.com:443/;AccountKey=${key};`;
const csUrl = (key: string): string => `AccountEndpoint%3Dhttps%3A%2F%2Fordersdb.documents.azure.com%3A443%2F%3BAccountKey%3D${key}`;

/** Files holding `{{KG:...}}` tokens (expanded when written), per rule folder. */
const TREE: Record<string, string> = {
  // Service Bus, Event Hubs, Relay: namespace `orders`.
  'servicebus/appsettings.json': `{\n  "ConnectionStrings": {\n    "ServiceBus": "${sb('{{KG:legacy:sib-b1a:json}}')}"\n  }\n}\n`,
  'servicebus/.env': `EVENTHUB_CONNECTION=${sb('{{KG:legacy:sib-b2}}')};EntityPath=events\nSERVICEBUS_URL=${sbUrl('{{KG:legacy:sib-b3:url}}')}\n`,
  'servicebus/Program.cs': [
    'public static class Messaging',
    '{',
    `    const string Connection = "${sb('{{KG:legacy:sib-b4}}')}";`,
    '    const string SendKey = "{{KG:sb:sib-b5}}";',
    '    const string ListenKey = "{{KG:eh:sib-b6}}";',
    '    const string RelayKey = "{{KG:relay:sib-b7}}";',
    '}',
    '',
  ].join('\n'),
  'servicebus/k8s/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: worker',
    '          env:',
    '            - name: SERVICEBUS_CONNECTION',
    `              value: ${sb('{{KG:legacy:sib-b8}}')}`,
    '            - name: GATEWAY_CONNECTION',
    '              value: Endpoint=https://gateway.example.com/;SharedAccessKeyName=app;SharedAccessKey={{KG:legacy:sib-b9}}',
    '',
  ].join('\n'),
  'servicebus/web.config': `<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="Microsoft.ServiceBus.ConnectionString" value="${sb('{{KG:legacy:sib-b10}}')}" />\n  </appSettings>\n</configuration>\n`,

  // Storage: account `contosodata`.
  'storage/appsettings.json': `{\n  "ConnectionStrings": {\n    "Storage": "${st('{{KG:key64:sib-s1:json}}')}"\n  }\n}\n`,
  'storage/.env': `AZURE_STORAGE_CONNECTION_STRING=${st('{{KG:key64:sib-s2}}')}\nSTORAGE_URL=${stUrl('{{KG:key64:sib-s3:url}}')}\n`,
  'storage/Startup.cs': [
    'public static class Storage',
    '{',
    `    const string Connection = "${st('{{KG:key64:sib-s4}}')}";`,
    '    const string SignedKey = "{{KG:storage:sib-s5}}";',
    '}',
    '',
  ].join('\n'),
  'storage/k8s/deployment.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  containers:',
    '    - name: web',
    '      env:',
    '        - name: STORAGE',
    `          value: ${st('{{KG:key64:sib-s6}}')}`,
    '',
  ].join('\n'),
  'storage/web.config': [
    '<?xml version="1.0"?>',
    '<configuration>',
    '  <connectionStrings>',
    `    <add name="Storage" connectionString="${st('{{KG:key64:sib-s7}}')}" />`,
    '    <add name="Legacy" connectionString="AccountName=contosodata;AccountKey={{KG:key64:sib-s8}}" />',
    '  </connectionStrings>',
    '</configuration>',
    '',
  ].join('\n'),

  // Cosmos DB: account `ordersdb`.
  'cosmos/appsettings.json': `{\n  "ConnectionStrings": {\n    "Cosmos": "${cs('{{KG:key64:sib-c1:json}}')}"\n  }\n}\n`,
  'cosmos/.env': `COSMOS_CONNECTION_STRING=${cs('{{KG:key64:sib-c2}}')}\nCOSMOS_URL=${csUrl('{{KG:key64:sib-c3:url}}')}\n`,
  'cosmos/Repository.cs': [
    'public static class Orders',
    '{',
    `    const string Connection = "${cs('{{KG:key64:sib-c4}}')}";`,
    '    const string PrimaryKey = "{{KG:cosmos:sib-c5}}";',
    '}',
    '',
  ].join('\n'),
  'cosmos/k8s/deployment.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  containers:',
    '    - name: api',
    '      env:',
    '        - name: COSMOS',
    `          value: ${cs('{{KG:key64:sib-c6}}')}`,
    '        - name: COSMOS_GATEWAY',
    '          value: AccountEndpoint=https://cosmos.internal.example:8081/;AccountKey={{KG:key64:sib-c7}}',
    '',
  ].join('\n'),
  'cosmos/web.config': `<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n    <add name="Cosmos" connectionString="${cs('{{KG:key64:sib-c8}}')}" />\n  </connectionStrings>\n</configuration>\n`,
};

interface Expected {
  path: string;
  line: number;
  column: number;
  endColumn: number;
  ruleId: SiblingRule;
  confidence: 'high' | 'medium';
  masked: string;
  encoding: Encoding;
  resourceName: string | undefined;
  secret: string;
  /** The key as written in the file (encoded), which no output may hold either. */
  written: string;
}

/** What each planted token must be reported as (keyed by its seed). */
const PLANTED: Record<string, { ruleId: SiblingRule; confidence: 'high' | 'medium'; resource?: string }> = {
  'sib-b1a': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-b2': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-b3': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-b4': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-b5': { ruleId: SERVICE_BUS, confidence: 'high' },
  'sib-b6': { ruleId: SERVICE_BUS, confidence: 'high' },
  'sib-b7': { ruleId: SERVICE_BUS, confidence: 'high' },
  'sib-b8': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-b9': { ruleId: SERVICE_BUS, confidence: 'medium' }, // no namespace host, no sb://
  'sib-b10': { ruleId: SERVICE_BUS, confidence: 'high', resource: 'orders' },
  'sib-s1': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s2': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s3': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s4': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s5': { ruleId: STORAGE, confidence: 'high' },
  'sib-s6': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s7': { ruleId: STORAGE, confidence: 'high', resource: 'contosodata' },
  'sib-s8': { ruleId: STORAGE, confidence: 'medium', resource: 'contosodata' }, // AccountName alone
  'sib-c1': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
  'sib-c2': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
  'sib-c3': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
  'sib-c4': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
  'sib-c5': { ruleId: COSMOS, confidence: 'high' },
  'sib-c6': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
  'sib-c7': { ruleId: COSMOS, confidence: 'medium' }, // an endpoint that is not a Cosmos DB host
  'sib-c8': { ruleId: COSMOS, confidence: 'high', resource: 'ordersdb' },
};

const TOKEN = /\{\{KG:[a-z0-9-]+:([A-Za-z0-9_-]+)(?::(json|url))?\}\}/g;

/** Every planted key's expected finding, its line and columns read from the expanded file. */
function expectedFindings(tree: Record<string, string>): Expected[] {
  const out: Expected[] = [];
  for (const [path, template] of Object.entries(tree)) {
    template.split('\n').forEach((templateLine, i) => {
      const line = expandTokens(templateLine);
      for (const m of templateLine.matchAll(TOKEN)) {
        const planted = PLANTED[m[1]!];
        if (planted === undefined) throw new Error(`no expectation for ${m[0]}`);
        const secret = secretOfToken(m[0]);
        const written = encodeKey(secret, m[2] as 'json' | 'url' | undefined);
        const column = line.indexOf(written) + 1;
        out.push({
          path,
          line: i + 1,
          column,
          endColumn: column + written.length,
          ruleId: planted.ruleId,
          confidence: planted.confidence,
          masked: `${secret.slice(0, 4)}…`,
          // A key with no character to escape is written plainly (and reported so).
          encoding: written === secret ? undefined : m[2] === 'json' ? 'json-escaped' : 'url-encoded',
          resourceName: planted.resource,
          secret,
          written,
        });
      }
    });
  }
  return out.sort(byPlace);
}

const byPlace = (a: { path: string; line: number; column: number }, b: { path: string; line: number; column: number }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;

const expanded = (tree: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tree).map(([p, t]) => [p, expandTokens(t)]));

/** Neither a planted key nor its encoded form may appear in any output. */
function expectNoRawKey(output: string, planted: readonly Expected[]): void {
  for (const p of planted) {
    expect(output, `${p.path}:${p.line} printed its key`).not.toContain(p.secret);
    expect(output, `${p.path}:${p.line} printed its key as written`).not.toContain(p.written);
  }
}

const ALL = expectedFindings(TREE);

describe('keyguard scan: the sibling Azure rules', () => {
  it('the tree plants every rule in every file type and encoding (self-check)', () => {
    for (const rule of SIBLINGS) {
      const mine = ALL.filter((e) => e.ruleId === rule);
      const files = new Set(mine.map((e) => e.path.split('/').slice(1).join('/')));
      expect([...files].sort()).toEqual(expect.arrayContaining(['.env', 'appsettings.json', 'k8s/deployment.yaml', 'web.config']));
      expect([...files].some((f) => f.endsWith('.cs'))).toBe(true);
      expect(new Set(mine.map((e) => e.encoding))).toEqual(new Set([undefined, 'json-escaped', 'url-encoded']));
      expect(new Set(mine.map((e) => e.confidence))).toEqual(new Set(['high', 'medium']));
    }
    expect(ALL.every((e) => e.column > 0)).toBe(true);
  });

  it('--format json: each key with its rule, confidence, place, masked value, resource and encoding; no raw key', async () => {
    const dir = tmp();
    await writeTree(dir, expanded(TREE));
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = json(r.stdout)
      .findings.map((f) => ({
        path: f.path,
        line: f.line,
        column: f.column,
        endColumn: f.endColumn,
        ruleId: f.ruleId,
        confidence: f.confidence,
        masked: f.masked,
        encoding: f.context.encoding,
        resourceName: f.context.resourceName,
      }))
      .sort(byPlace);
    expect(found).toEqual(ALL.map(({ secret: _s, written: _w, ...e }) => e));
    expectNoRawKey(r.stdout + r.stderr, ALL);
    const secrets = json(r.stdout).findings.map((f) => f.secret);
    expect(secrets.every((s) => s === undefined)).toBe(true);
  });

  it('signed Event Hubs and Relay keys name their service', async () => {
    const dir = tmp();
    await writeTree(dir, expanded({ 'servicebus/Program.cs': TREE['servicebus/Program.cs']! }));
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    const services = json(r.stdout).findings.map((f) => [f.line, f.context.service]);
    expect(services).toEqual([
      [3, undefined],
      [4, 'Azure Service Bus'],
      [5, 'Azure Event Hubs'],
      [6, 'Azure Relay'],
    ]);
  });

  it('the pretty report gives each rule its own steps, the resource filled in', async () => {
    const dir = tmp();
    await writeTree(dir, expanded(TREE));
    const r = await run(['scan'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    const text = r.stdout.replace(/\s+/g, ' ');
    for (const rule of SIBLINGS) {
      const count = ALL.filter((e) => e.ruleId === rule).length;
      expect(text).toContain(`${ruleOf(rule).title} (${rule}), ${count} findings:`);
      expect(text).toContain(ROTATION[rule]);
    }
    expect(text).not.toContain('az signalr key renew');
    expect(text).not.toContain('--account-name <resource>');
    expectNoRawKey(r.stdout + r.stderr, ALL);
  });

  it('--format sarif: the rules array has each rule with its help and level; results point at their rule', async () => {
    const dir = tmp();
    await writeTree(dir, expanded(TREE));
    const r = await run(['scan', '--format', 'sarif', '--min-confidence', 'low'], { cwd: dir });
    expect(r.code).toBe(1);
    interface SarifRule {
      id: string;
      shortDescription: { text: string };
      help: { text: string; markdown: string };
      defaultConfiguration: { level: string };
    }
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      properties: { confidence: string; masked: string; resourceName?: string; encoding?: string };
    }
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: SarifRule[] } }; results: SarifResult[] }[] };
    const sarifRules = log.runs[0]!.tool.driver.rules;
    expect(sarifRules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    const helpCommand: Record<SiblingRule, string> = {
      [SERVICE_BUS]: 'az servicebus namespace authorization-rule keys renew',
      [STORAGE]: 'az storage account keys renew --account-name <account>',
      [COSMOS]: 'az cosmosdb keys regenerate --name <account>',
    };
    for (const id of SIBLINGS) {
      const rule = sarifRules.find((x) => x.id === id)!;
      expect(rule.shortDescription.text).toBe(ruleOf(id).title);
      expect(rule.help.text).toContain(helpCommand[id]);
      expect(rule.help.markdown).toContain(helpCommand[id]);
      expect(rule.defaultConfiguration.level).toBe('error');
    }
    const results = log.runs[0]!.results;
    for (const res of results) {
      expect(sarifRules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.level).toBe(sarifRules[res.ruleIndex]!.defaultConfiguration.level);
    }
    const found = results
      .map((res) => ({
        path: res.locations[0]!.physicalLocation.artifactLocation.uri,
        line: res.locations[0]!.physicalLocation.region.startLine,
        column: res.locations[0]!.physicalLocation.region.startColumn,
        ruleId: res.ruleId,
        confidence: res.properties.confidence,
        masked: res.properties.masked,
        resourceName: res.properties.resourceName,
        encoding: res.properties.encoding,
      }))
      .sort(byPlace);
    expect(found).toEqual(
      ALL.map((e) => ({ path: e.path, line: e.line, column: e.column, ruleId: e.ruleId, confidence: e.confidence, masked: e.masked, resourceName: e.resourceName, encoding: e.encoding })),
    );
    for (const res of results) {
      const e = ALL.find((x) => x.masked === res.properties.masked)!;
      if (e.resourceName !== undefined) expect(res.message.text).toContain(ROTATION[e.ruleId]);
    }
    expectNoRawKey(r.stdout + r.stderr, ALL);
  });

  it('--format github: one ::error per key, titled with its rule, with its rotation', async () => {
    const dir = tmp();
    await writeTree(dir, expanded(TREE));
    const r = await run(['scan', '--format', 'github', '--min-confidence', 'low'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ALL.length);
    for (const e of ALL) {
      const at = `::error file=${e.path},line=${e.line},col=${e.column},endLine=${e.line},endColumn=${e.endColumn},title=keyguard%3A ${e.ruleId}::`;
      const line = lines.find((l) => l.startsWith(at));
      expect(line, at).toBeDefined();
      expect(line).toContain(`${ruleOf(e.ruleId).title}`);
      expect(line).toContain(`(${e.confidence} confidence): ${e.masked};`);
      if (e.resourceName !== undefined) expect(line).toContain(ROTATION[e.ruleId]);
    }
    expectNoRawKey(r.stdout + r.stderr, ALL);
  });

  it('"rules": {"azure-storage-account-key": false} drops only the Storage findings', async () => {
    const dir = tmp();
    await writeTree(dir, { ...expanded(TREE), 'keyguard.config.json': JSON.stringify({ rules: { [STORAGE]: false } }) });
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.code).toBe(1);
    const found = json(r.stdout)
      .findings.map((f) => ({ path: f.path, line: f.line, column: f.column, ruleId: f.ruleId, confidence: f.confidence }))
      .sort(byPlace);
    const kept = ALL.filter((e) => e.ruleId !== STORAGE);
    expect(kept.length).toBeGreaterThan(0);
    expect(found).toEqual(kept.map((e) => ({ path: e.path, line: e.line, column: e.column, ruleId: e.ruleId, confidence: e.confidence })));
  });

  it('nothing is reported for published development keys, broken checksums, bare 88-character values and package hashes', async () => {
    const dir = tmp();
    const integrity = (seed: string): string => `sha512-{{KG:key64:${seed}}}`;
    const negatives: Record<string, string> = {
      'appsettings.Development.json': [
        '{',
        '  "ConnectionStrings": {',
        '    "Storage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0:json}};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",',
        '    "Cosmos": "AccountEndpoint=https://localhost:8081/;AccountKey={{KG:cosmos-emulator:0:json}};"',
        '  }',
        '}',
        '',
      ].join('\n'),
      // The published keys stay unreported even beside the strongest evidence.
      '.env': [
        `AZURITE=${st('{{KG:azurite:0}}')}`,
        `AZURITE_URL=${stUrl('{{KG:azurite:0:url}}')}`,
        `COSMOS_EMULATOR=${cs('{{KG:cosmos-emulator:0}}')}`,
        `COSMOS_EMULATOR_URL=${csUrl('{{KG:cosmos-emulator:0:url}}')}`,
        '',
      ].join('\n'),
      'docker-compose.yml': [
        'services:',
        '  app:',
        '    environment:',
        '      - AzureWebJobsStorage=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0}};BlobEndpoint=http://azurite:10000/devstoreaccount1;',
        '      - Cosmos__Key={{KG:cosmos-emulator:0}}',
        '',
      ].join('\n'),
      'web.config': `<configuration>\n  <connectionStrings>\n    <add name="Dev" connectionString="UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0}}" />\n  </connectionStrings>\n</configuration>\n`,
      'Keys.cs': [
        'public static class Keys',
        '{',
        '    const string SendKey = "{{KG:sb-badsum:sib-n1}}";',
        '    const string ListenKey = "{{KG:eh-badsum:sib-n2}}";',
        '    const string RelayKey = "{{KG:relay-badsum:sib-n3}}";',
        '    const string StorageKey = "{{KG:storage-badsum:sib-n4}}";',
        '    const string PrimaryKey = "{{KG:cosmos-badsum:sib-n5}}";',
        '    const string Value = "{{KG:key64:sib-n6}}";',
        '}',
        '',
      ].join('\n'),
      'deployment.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  value: {{KG:key64:sib-n7}}\n`,
      'package-lock.json': JSON.stringify(
        {
          name: 'app',
          lockfileVersion: 3,
          requires: true,
          packages: {
            '': { name: 'app', dependencies: { '@azure/storage-blob': '^12.0.0', '@azure/cosmos': '^4.0.0' } },
            'node_modules/@azure/storage-blob': { version: '12.0.0', resolved: 'https://registry.npmjs.org/@azure/storage-blob/-/storage-blob-12.0.0.tgz', integrity: integrity('sib-n8') },
            'node_modules/@azure/cosmos': { version: '4.0.0', resolved: 'https://registry.npmjs.org/@azure/cosmos/-/cosmos-4.0.0.tgz', integrity: integrity('sib-n9') },
            'node_modules/@azure/service-bus': { version: '7.0.0', resolved: 'https://registry.npmjs.org/@azure/service-bus/-/service-bus-7.0.0.tgz', integrity: integrity('sib-n10') },
          },
        },
        null,
        2,
      ),
      'packages.lock.json': JSON.stringify(
        {
          version: 1,
          dependencies: {
            'net8.0': {
              'Azure.Storage.Blobs': { type: 'Direct', requested: '[12.19.1, )', resolved: '12.19.1', contentHash: '{{KG:key64:sib-n11}}' },
              'Microsoft.Azure.Cosmos': { type: 'Direct', requested: '[3.38.1, )', resolved: '3.38.1', contentHash: '{{KG:key64:sib-n12}}' },
              'Azure.Messaging.ServiceBus': { type: 'Direct', requested: '[7.17.0, )', resolved: '7.17.0', contentHash: '{{KG:key64:sib-n13}}' },
            },
          },
        },
        null,
        2,
      ),
    };
    await writeTree(dir, expanded(negatives));
    // Every file was scanned as text, and each negative is a well-formed key of its length.
    const r = await run(['scan', '--format', 'json', '--min-confidence', 'low'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(json(r.stdout).findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.confidence}`)).toEqual([]);
    expect(json(r.stdout).summary.files).toBe(Object.keys(negatives).length);
    expect(json(r.stdout).summary.skipped).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe('keyguard scan --staged: a sibling rule blocks the commit', () => {
  it('blocks a staged Storage key and prints the Storage rotation, not SignalR\'s', () => {
    const repo = makeRepo();
    write(repo, 'README.md', 'hello\n');
    commit(repo, 'init');
    const key = secretOfToken('{{KG:key64:sib-staged}}');
    write(repo, 'src/appsettings.json', `{\n  "ConnectionStrings": {\n    "Storage": "${st(encodeKey(key, 'json'))}"\n  }\n}\n`);
    git(repo, 'add', 'src/appsettings.json');
    const result = runCli(['scan', '--staged'], repo, { NO_COLOR: '1' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/appsettings.json');
    expect(result.stdout).toContain(STORAGE);
    expect(result.stdout).toContain(`${key.slice(0, 4)}…`);
    expect(result.stderr).toContain('Next steps');
    const steps = result.stderr.replace(/\s+/g, ' ');
    expect(steps).toContain(`${ruleOf(STORAGE).title}: ${ruleOf(STORAGE).advice.where}, or \`${ROTATION[STORAGE]} --resource-group <group> --key primary|secondary\`.`);
    expect(steps).not.toContain('az signalr key renew');
    for (const other of rules.filter((rule) => rule.id !== STORAGE)) expect(steps).not.toContain(`${other.title}:`);
    expect(result.stdout + result.stderr).not.toContain(key);
    expect(result.stdout + result.stderr).not.toContain(encodeKey(key, 'json'));
  });
});
