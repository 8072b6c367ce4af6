// Planted secrets: every form keyguard should report, and decoys it must not. Keys are generated at
// run time from seeds by @keyguard/core/testing; nothing key-shaped is ever written in this repo.
import {
  breakChecksum,
  breakSeededChecksum,
  encodeKey,
  expandTokens,
  generateBase64Key64,
  generateSignedAzureKey,
  generateEntraClientSecret,
  generateIdentifiableKey,
  generateLegacyKey,
  generateNonCanonicalKey,
  generateOtherServiceKey,
} from '@keyguard/core/testing';
import { legacyFingerprintOf, rules } from '@keyguard/core';

/**
 * What a form makes: the line's payload (wrapped in the file's syntax), a key:value pair, or a raw
 * line; and the secret, for positives.
 * @typedef {{ payload?: string, kv?: [string, string], raw?: string, secret?: string }} Made
 * @typedef {{ id: string, positive: true, make: (seed: string, name: string, rand: () => number) => Made & { secret: string } }} PositiveForm
 * @typedef {{ id: string, positive: false, make: (seed: string, name: string, rand: () => number) => Made }} DecoyForm
 * @typedef {PositiveForm | DecoyForm} Form
 */

/** @param {() => number} r */
const guid = (r) =>
  [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('')).join('-');
/** @type {(name: string, key: string) => string} */
const cs = (name, key) => `Endpoint=https://${name}.service.signalr.net;AccessKey=${key};Version=1.0;`;
// The public placeholders of the docs and the emulator, spelled out from the alphabet at run time.
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const emulatorKey = () => `${UPPER}0123456789${UPPER.slice(0, 8)}`;
const docsPlaceholder = () => `${UPPER.slice(0, 23)}E${UPPER.slice(23)}0123456789+=/`;

/**
 * @template {object} T
 * @param {string} secret
 * @param {(secret: string) => T} build
 * @returns {T & { secret: string }}
 */
const withSecret = (secret, build) => ({ ...build(secret), secret });

/**
 * keyguard's finding fingerprints a secret could have, one per rule (core's own function, over
 * core's rule list). Every planted secret is generated (random), and a random secret's published
 * fingerprint is core's fast scheme whatever the rule (fingerprint.ts); a person-chosen
 * ClientSecret would need fingerprintOf with its finding's context.
 * @param {string} secret
 */
export function fingerprintsOf(secret) {
  return rules.map((rule) => legacyFingerprintOf(rule.id, secret));
}

/**
 * Each form: { id, positive, make(seed, name, rand) -> { payload, kind } }, where payload is what gets
 * written in the file (the wrapper adds the language's syntax) and `kv` marks key:value payloads.
 * @type {Form[]}
 */
export const FORMS = [
  { id: 'cs-legacy', positive: true, make: (s, n) => withSecret(generateLegacyKey(s), (k) => ({ payload: cs(n, k) })) },
  { id: 'cs-asrs', positive: true, make: (s, n) => withSecret(generateIdentifiableKey(s, 'ASRS'), (k) => ({ payload: cs(n, k) })) },
  {
    id: 'cs-awps',
    positive: true,
    make: (s, n) =>
      withSecret(generateIdentifiableKey(s, 'AWPS'), (k) => ({ payload: `Endpoint=https://${n}.webpubsub.azure.com;AccessKey=${k};Version=1.0;` })),
  },
  {
    id: 'cs-entra-app',
    positive: true,
    make: (s, n, r) =>
      withSecret(generateEntraClientSecret(s), (k) => ({
        payload: `Endpoint=https://${n}.service.signalr.net;AuthType=azure.app;ClientId=${guid(r)};ClientSecret=${k};TenantId=${guid(r)};Version=1.0;`,
      })),
  },
  { id: 'kv-legacy', positive: true, make: (s) => withSecret(generateLegacyKey(s), (k) => ({ kv: ['accessKey', k] })) },
  { id: 'kv-asrs', positive: true, make: (s) => withSecret(generateIdentifiableKey(s, 'ASRS'), (k) => ({ kv: ['accessKey', k] })) },
  { id: 'bare-asrs', positive: true, make: (s) => withSecret(generateIdentifiableKey(s, 'ASRS'), (k) => ({ kv: ['token', k] })) },
  { id: 'env-legacy', positive: true, make: (s, n) => withSecret(generateLegacyKey(s), (k) => ({ raw: `Azure__SignalR__ConnectionString=${cs(n, k)}` })) },
  {
    id: 'json-escaped-legacy',
    positive: true,
    make: (s, n) =>
      withSecret(generateLegacyKey(s), (k) => ({
        raw: `"Azure:SignalR:ConnectionString": "Endpoint=https:\\/\\/${n}.service.signalr.net;AccessKey=${encodeKey(k, 'json')};Version=1.0;",`,
      })),
  },
  {
    id: 'url-encoded-legacy',
    positive: true,
    make: (s, n) => withSecret(generateLegacyKey(s), (k) => ({ raw: `https://app.example.net/negotiate?connectionString=${encodeURIComponent(cs(n, k))}` })),
  },
  // The sibling Azure rules' keys (Service Bus, Storage, Cosmos DB), each under its own rule.
  {
    id: 'cs-servicebus',
    positive: true,
    make: (s, n) =>
      withSecret(generateLegacyKey(s), (k) => ({ payload: `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${k};EntityPath=orders` })),
  },
  { id: 'signed-eventhubs', positive: true, make: (s) => withSecret(generateSignedAzureKey(s, 32, '+AEh', 'Listen00'), (k) => ({ kv: ['eventHubKey', k] })) },
  {
    id: 'cs-storage',
    positive: true,
    make: (s, n) =>
      withSecret(generateBase64Key64(s), (k) => ({ payload: `DefaultEndpointsProtocol=https;AccountName=${n};AccountKey=${k};EndpointSuffix=core.windows.net` })),
  },
  {
    id: 'json-escaped-cosmos',
    positive: true,
    make: (s, n) =>
      withSecret(generateBase64Key64(s), (k) => ({
        raw: `"Cosmos": "AccountEndpoint=https:\\/\\/${n}.documents.azure.com:443\\/;AccountKey=${encodeKey(k, 'json')};",`,
      })),
  },
  { id: 'signed-storage', positive: true, make: (s) => withSecret(generateSignedAzureKey(s, 64, '+ASt', 'Default0'), (k) => ({ kv: ['storageKey', k] })) },
  // Decoys: keyguard must stay silent on these.
  {
    id: 'decoy-servicebus-key',
    positive: false,
    make: (s, n) => ({
      payload: `Endpoint=sb://${n}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${generateOtherServiceKey(s, '+ASb')}`,
    }),
  },
  { id: 'decoy-emulator', positive: false, make: () => ({ payload: `Endpoint=http://localhost;Port=8888;AccessKey=${emulatorKey()};Version=1.0;` }) },
  { id: 'decoy-docs-placeholder', positive: false, make: (s, n) => ({ payload: cs(n, docsPlaceholder()) }) },
  { id: 'decoy-bad-checksum', positive: false, make: (s) => ({ kv: ['token', breakChecksum(generateIdentifiableKey(s, 'ASRS'))] }) },
  { id: 'decoy-noncanonical', positive: false, make: (s, n) => ({ payload: cs(n, generateNonCanonicalKey(s)) }) },
  {
    id: 'decoy-azurite',
    positive: false,
    make: () => ({ payload: expandTokens('DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0}};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;') }),
  },
  { id: 'decoy-cosmos-emulator', positive: false, make: () => ({ payload: expandTokens('AccountEndpoint=https://localhost:8081/;AccountKey={{KG:cosmos-emulator:0}};') }) },
  { id: 'decoy-sha512-integrity', positive: false, make: (s) => ({ kv: ['integrity', `sha512-${generateBase64Key64(s)}`] }) },
  { id: 'decoy-bare-key64', positive: false, make: (s) => ({ kv: ['contentHash', generateBase64Key64(s)] }) },
  { id: 'decoy-storage-bad-checksum', positive: false, make: (s) => ({ kv: ['storageKey', breakSeededChecksum(generateSignedAzureKey(s, 64, '+ASt', 'Default0'))] }) },
  {
    id: 'decoy-managed-identity',
    positive: false,
    make: (s, n, r) => ({ payload: `Endpoint=https://${n}.service.signalr.net;AuthType=azure.msi;ClientId=${guid(r)};Version=1.0;` }),
  },
];

/**
 * Wraps a form's output in the syntax of the file it goes into; returns one line.
 * @param {string} ext
 * @param {Made} made
 * @param {string} index
 */
export function wrap(ext, made, index) {
  const v = `kg${index}`;
  if (made.raw !== undefined) return made.raw;
  if (made.kv !== undefined) {
    const [k, val] = made.kv;
    if (/^(c|h)$/.test(ext)) return `\t.${k} = "${val}",`;
    if (/^(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/.test(ext)) return `const ${v} = { ${k}: "${val}" };`;
    if (ext === 'json') return `"${k}": "${val}",`;
    if (ext === 'py') return `${v} = {"${k}": "${val}"}`;
    return `${k}: "${val}"`;
  }
  const p = made.payload;
  if (/^(c|h)$/.test(ext)) return `static const char ${v}[] = "${p}";`;
  if (/^(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/.test(ext)) return `const ${v} = "${p}";`;
  if (ext === 'json') return `"ConnectionString": "${p}",`;
  if (ext === 'py') return `${v.toUpperCase()} = "${p}"`;
  return `ConnectionString = "${p}"`;
}
