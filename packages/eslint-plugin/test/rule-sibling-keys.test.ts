/**
 * `keyguard/no-leaked-access-key` reports the keys of SignalR's sibling Azure services, each
 * with its own core rule: Service Bus / Event Hubs / Relay shared access keys, Storage account
 * keys and Cosmos DB account keys. Each finding carries its rule's id, title, remediation and
 * placeholder (never SignalR's), and only the placeholder suggestion: these rules have no
 * `connectionStringEnv`, so SignalR's environment variable is never offered. Published
 * development keys (Azurite, the Cosmos DB emulator), broken checksums, bare 64-byte values,
 * integrity digests and the other service's connection strings are not reported.
 *
 * Keys are generated at run time from `{{KG:<kind>:<seed>[:<encoding>]}}` tokens.
 */
import { rules as coreRules } from '@keyguard/core';
import { connectionStrings, expandTokens, secretOfToken } from '@keyguard/core/testing';
import type { TestCaseError } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import keyguard, { CONNECTION_STRING_ENV, PLACEHOLDERS } from '../src/index.js';
import { locate, masked, replaceAt, withMessage } from './helpers.js';
import { jsxTester, rule, ruleTester } from './rule-testers.js';

/** A token's key as it is written in the code (encoded) and as the finding holds it (decoded). */
const key = (token: string): { written: string; secret: string } => ({ written: expandTokens(token), secret: secretOfToken(token) });

// ---- the expected messages, written out: title, masked key, rule id, confidence, remediation ----
const SERVICE_BUS = (secret: string, confidence = 'high', namespace = '<resource>', service?: string): string =>
  `Azure Service Bus shared access key${service === undefined ? '' : ` (${service})`} ${masked(secret)} leaked (azure-service-bus-shared-access-key, ${confidence} confidence): regenerate it (az servicebus namespace authorization-rule keys renew --namespace-name ${namespace} ...; az eventhubs or az relay for those namespaces) and move to Microsoft Entra ID.`;
const STORAGE = (secret: string, confidence = 'high', account = '<resource>'): string =>
  `Azure Storage account key ${masked(secret)} leaked (azure-storage-account-key, ${confidence} confidence): rotate it (az storage account keys renew --account-name ${account} ...) and move to Microsoft Entra ID.`;
const COSMOS = (secret: string, confidence = 'high', account = '<resource>'): string =>
  `Azure Cosmos DB account key ${masked(secret)} leaked (azure-cosmos-db-account-key, ${confidence} confidence): regenerate it (az cosmosdb keys regenerate --name ${account} ...) and move to Microsoft Entra ID.`;

/** The exact report at the written key: the message and the one (placeholder) suggestion. */
function reported(code: string, k: { written: string; secret: string }, message: string, placeholder: string): TestCaseError<string> {
  return withMessage(message, {
    ...locate(code, k.written),
    suggestions: [{ messageId: 'usePlaceholder', data: { placeholder }, output: replaceAt(code, k.written, placeholder) }],
  });
}
const serviceBus = (code: string, k: { written: string; secret: string }, confidence?: string, namespace?: string, service?: string) =>
  reported(code, k, SERVICE_BUS(k.secret, confidence, namespace, service), '<shared-access-key>');
const storage = (code: string, k: { written: string; secret: string }, confidence?: string, account?: string) =>
  reported(code, k, STORAGE(k.secret, confidence, account), '<storage-account-key>');
const cosmos = (code: string, k: { written: string; secret: string }, confidence?: string, account?: string) =>
  reported(code, k, COSMOS(k.secret, confidence, account), '<cosmos-db-account-key>');

// ---- Service Bus, Event Hubs, Relay ----
const SB = key('{{KG:legacy:eslint-sib-2}}');
const SB_JSON = key('{{KG:legacy:eslint-sib-2:json}}');
const SB_URL = key('{{KG:legacy:eslint-sib-2:url}}');
const SB_SIGNED = key('{{KG:sb:eslint-sib-2}}');
const SB_SIGNED_JSON = key('{{KG:sb:eslint-sib-2:json}}');
const SB_SIGNED_URL = key('{{KG:sb:eslint-sib-2:url}}');
const EH_SIGNED = key('{{KG:eh:eslint-sib-1}}');
const RELAY_SIGNED = key('{{KG:relay:eslint-sib-1}}');
const sbCs = (k: string) => connectionStrings.serviceBus(k, 'orders', 'RootManageSharedAccessKey');

const sbString = `const connectionString = "${sbCs(SB.written)}";\n`;
const sbTemplate = `const connectionString = \`${sbCs(SB.written)};EntityPath=events\`;\n`;
const sbObject = `const config = {\n  serviceBus: {\n    connectionString: '${sbCs(SB.written)}',\n  },\n};\n`;
const sbJson = `const connectionString = "Endpoint=sb:\\/\\/orders.servicebus.windows.net\\/;SharedAccessKeyName=app;SharedAccessKey=${SB_JSON.written}";\n`;
const sbUrl = `const url = "https://example.com/?cs=Endpoint%3Dsb%3A%2F%2Forders.servicebus.windows.net%2F%3BSharedAccessKeyName%3Dapp%3BSharedAccessKey%3D${SB_URL.written}";\n`;
// split across a concatenation: the key's half still names SharedAccessKey (no namespace: medium)
const sbConcat = `const connectionString = "Endpoint=sb://orders.servicebus.windows.net/;" +\n  "SharedAccessKeyName=app;SharedAccessKey=${SB.written}";\n`;
const sbSigned = `const key = "${SB_SIGNED.written}";\n`;
const sbSignedJson = `const key = "${SB_SIGNED_JSON.written}";\n`;
const sbSignedUrl = `const query = "key=${SB_SIGNED_URL.written}";\n`;
const ehSigned = `const eventHubs = { sharedAccessKey: '${EH_SIGNED.written}' };\n`;
const relaySigned = `const relayKey = \`${RELAY_SIGNED.written}\`;\n`;

ruleTester.run('no-leaked-access-key', rule, {
  valid: [
    // the signed keys below with their checksum broken are not keys
    { code: expandTokens(`const key = "{{KG:sb-badsum:eslint-sib-2}}";`) },
    { code: expandTokens(`const key = "{{KG:eh-badsum:eslint-sib-1}}";`) },
    { code: expandTokens(`const key = "{{KG:relay-badsum:eslint-sib-1}}";`) },
    // the Service Bus emulator's published connection string, and a placeholder
    { code: `const cs = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";` },
    { code: `const cs = "${sbCs('<your-key>')}";` },
    // a bare 44-character value is nobody's key
    { code: `const digest = "${SB.written}";` },
    // the concatenation's key is a medium finding: below minConfidence 'high'
    { code: sbConcat, options: [{ minConfidence: 'high' }] },
  ],
  invalid: [
    { code: sbString, errors: [serviceBus(sbString, SB, 'high', 'orders')] },
    { code: sbTemplate, errors: [serviceBus(sbTemplate, SB, 'high', 'orders')] },
    { code: sbObject, errors: [serviceBus(sbObject, SB, 'high', 'orders')] },
    // JSON-escaped (`\/`, `\u002B`) in a JS string: the range covers the escapes, the message the decoded key
    { code: sbJson, errors: [serviceBus(sbJson, SB_JSON, 'high', 'orders')] },
    { code: sbUrl, errors: [serviceBus(sbUrl, SB_URL, 'high', 'orders')] },
    { code: sbConcat, errors: [serviceBus(sbConcat, SB, 'medium')] },
    // signed keys need no connection string; Event Hubs and Relay keys are this rule's too
    // A signed key names its service in the title, as core's message does.
    { code: sbSigned, errors: [serviceBus(sbSigned, SB_SIGNED, undefined, undefined, 'Azure Service Bus')] },
    { code: sbSignedJson, errors: [serviceBus(sbSignedJson, SB_SIGNED_JSON, undefined, undefined, 'Azure Service Bus')] },
    { code: sbSignedUrl, errors: [serviceBus(sbSignedUrl, SB_SIGNED_URL, undefined, undefined, 'Azure Service Bus')] },
    { code: ehSigned, errors: [serviceBus(ehSigned, EH_SIGNED, undefined, undefined, 'Azure Event Hubs')] },
    { code: relaySigned, errors: [serviceBus(relaySigned, RELAY_SIGNED, undefined, undefined, 'Azure Relay')] },
  ],
});

// ---- Storage ----
const ST = key('{{KG:key64:eslint-sib-st-1}}');
const ST_JSON = key('{{KG:key64:eslint-sib-st-1:json}}');
const ST_URL = key('{{KG:key64:eslint-sib-st-1:url}}');
const ST_SIGNED = key('{{KG:storage:eslint-sib-1}}');
const ST_SIGNED_JSON = key('{{KG:storage:eslint-sib-1:json}}');
const ST_SIGNED_URL = key('{{KG:storage:eslint-sib-1:url}}');
const AZURITE = key('{{KG:azurite:0}}');
const AZURITE_JSON = key('{{KG:azurite:0:json}}');
const AZURITE_URL = key('{{KG:azurite:0:url}}');
const BARE_88 = key('{{KG:key64:eslint-sib-bare-1}}');
const stCs = (k: string) => connectionStrings.storage(k);
const azuriteCs = (k: string) => `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${k};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;

const stString = `const connectionString = "${stCs(ST.written)}";\n`;
const stTemplate = `export const connectionString = \`${stCs(ST.written)}\`;\n`;
const stObject = `module.exports = {\n  storage: { connectionString: "${stCs(ST.written)}" },\n};\n`;
const stJsonString = `const connectionString = "${stCs(ST_JSON.written)}";\n`;
const stUrl = `const url = "https://example.com/?cs=DefaultEndpointsProtocol%3Dhttps%3BAccountName%3Dcontosodata%3BAccountKey%3D${ST_URL.written}%3BEndpointSuffix%3Dcore.windows.net";\n`;
const stNameOnly = `const connectionString = "AccountName=contosodata;AccountKey=${ST.written}";\n`;
const stSigned = `const storageKey = "${ST_SIGNED.written}";\n`;
const stSignedJson = `const storageKey = "${ST_SIGNED_JSON.written}";\n`;
const stSignedUrl = `const query = "sig=${ST_SIGNED_URL.written}";\n`;
const stSignedObject = `const keys = { primary: '${ST_SIGNED.written}' };\n`;

// ---- Cosmos DB ----
const CO = key('{{KG:key64:eslint-sib-co-1}}');
const CO_JSON = key('{{KG:key64:eslint-sib-co-1:json}}');
const CO_URL = key('{{KG:key64:eslint-sib-co-1:url}}');
const CO_SIGNED = key('{{KG:cosmos:eslint-sib-8}}');
const CO_SIGNED_JSON = key('{{KG:cosmos:eslint-sib-8:json}}');
const CO_SIGNED_URL = key('{{KG:cosmos:eslint-sib-8:url}}');
const EMULATOR = key('{{KG:cosmos-emulator:0}}');
const EMULATOR_JSON = key('{{KG:cosmos-emulator:0:json}}');
const EMULATOR_URL = key('{{KG:cosmos-emulator:0:url}}');
const coCs = (k: string) => connectionStrings.cosmosDb(k, 'orders');

const coString = `const connectionString = "${coCs(CO.written)}";\n`;
const coTemplate = `const connectionString = \`${coCs(CO.written)}\`;\n`;
const coObject = `const config = {\n  cosmos: {\n    connectionString: "${coCs(CO.written)}",\n  },\n};\n`;
const coJson = `const connectionString = "AccountEndpoint=https:\\/\\/orders.documents.azure.com:443\\/;AccountKey=${CO_JSON.written};";\n`;
const coUrl = `const url = "https://example.com/?cs=AccountEndpoint%3Dhttps%3A%2F%2Forders.documents.azure.com%3A443%2F%3BAccountKey%3D${CO_URL.written}";\n`;
const coOtherHost = `const connectionString = "AccountEndpoint=https://cosmos.internal.example:8081/;AccountKey=${CO.written}";\n`;
const coSigned = `const primaryKey = "${CO_SIGNED.written}";\n`;
const coSignedJson = `const primaryKey = "${CO_SIGNED_JSON.written}";\n`;
const coSignedUrl = `const query = "key=${CO_SIGNED_URL.written}";\n`;
const coSignedTemplate = `const primaryKey = \`${CO_SIGNED.written}\`;\n`;

ruleTester.run('no-leaked-access-key', rule, {
  valid: [
    // the published development keys: Azurite's and the Cosmos DB emulator's, in every encoding
    { code: `const cs = "${azuriteCs(AZURITE.written)}";` },
    { code: `const cs = "${azuriteCs(AZURITE_JSON.written)}";` },
    { code: `const url = "?cs=AccountName%3Ddevstoreaccount1%3BAccountKey%3D${AZURITE_URL.written}";` },
    { code: `const key = "${AZURITE.written}";` },
    { code: `const cs = "AccountEndpoint=https://localhost:8081/;AccountKey=${EMULATOR.written};";` },
    { code: `const cs = "AccountEndpoint=https:\\/\\/localhost:8081\\/;AccountKey=${EMULATOR_JSON.written};";` },
    { code: `const url = "?cs=AccountEndpoint%3Dhttps%3A%2F%2Flocalhost%3A8081%2F%3BAccountKey%3D${EMULATOR_URL.written}";` },
    { code: `const key = "${EMULATOR.written}";` },
    // signed keys with a broken checksum
    { code: expandTokens(`const storageKey = "{{KG:storage-badsum:eslint-sib-1}}";`) },
    { code: expandTokens(`const primaryKey = "{{KG:cosmos-badsum:eslint-sib-8}}";`) },
    // a bare 88-character base64 value (a SHA-512 digest, say), and an npm integrity string
    { code: `const value = "${BARE_88.written}";` },
    { code: `const contentHash = { sha512: "${BARE_88.written}" };` },
    { code: `const lock = { integrity: "sha512-${BARE_88.written}" };` },
    // placeholders
    { code: `const cs = "${stCs('<account-key>')}";` },
    { code: `const cs = "${coCs('<primary-key>')}";` },
  ],
  invalid: [
    // Storage
    { code: stString, errors: [storage(stString, ST, 'high', 'contosodata')] },
    { code: stTemplate, errors: [storage(stTemplate, ST, 'high', 'contosodata')] },
    { code: stObject, errors: [storage(stObject, ST, 'high', 'contosodata')] },
    // JSON-escaped (`\/`, `\u002B`): a JS string's own escapes
    { code: stJsonString, errors: [storage(stJsonString, ST_JSON, 'high', 'contosodata')] },
    { code: stUrl, errors: [storage(stUrl, ST_URL, 'high', 'contosodata')] },
    // an AccountName with no protocol or endpoint suffix: likely, not certain
    { code: stNameOnly, errors: [storage(stNameOnly, ST, 'medium', 'contosodata')] },
    { code: stSigned, errors: [storage(stSigned, ST_SIGNED)] },
    { code: stSignedJson, errors: [storage(stSignedJson, ST_SIGNED_JSON)] },
    { code: stSignedUrl, errors: [storage(stSignedUrl, ST_SIGNED_URL)] },
    { code: stSignedObject, errors: [storage(stSignedObject, ST_SIGNED)] },
    // Cosmos DB
    { code: coString, errors: [cosmos(coString, CO, 'high', 'orders')] },
    { code: coTemplate, errors: [cosmos(coTemplate, CO, 'high', 'orders')] },
    { code: coObject, errors: [cosmos(coObject, CO, 'high', 'orders')] },
    { code: coJson, errors: [cosmos(coJson, CO_JSON, 'high', 'orders')] },
    { code: coUrl, errors: [cosmos(coUrl, CO_URL, 'high', 'orders')] },
    // an AccountEndpoint that is no Cosmos DB host: likely, not certain
    { code: coOtherHost, errors: [cosmos(coOtherHost, CO, 'medium')] },
    { code: coSigned, errors: [cosmos(coSigned, CO_SIGNED)] },
    { code: coSignedJson, errors: [cosmos(coSignedJson, CO_SIGNED_JSON)] },
    { code: coSignedUrl, errors: [cosmos(coSignedUrl, CO_SIGNED_URL)] },
    { code: coSignedTemplate, errors: [cosmos(coSignedTemplate, CO_SIGNED)] },
    // a Cosmos DB connection string is not Storage's (one Cosmos DB report, no Storage report),
    // and a Storage connection string is not Cosmos DB's
    { code: `const cosmosCs = "${coCs(ST.written)}";\n`, errors: [cosmos(`const cosmosCs = "${coCs(ST.written)}";\n`, ST, 'high', 'orders')] },
    { code: `const storageCs = "${stCs(CO.written)}";\n`, errors: [storage(`const storageCs = "${stCs(CO.written)}";\n`, CO, 'high', 'contosodata')] },
    // the published keys stay unreported next to a real one
    {
      code: `const dev = "${azuriteCs(AZURITE.written)}";\nconst prod = "${stCs(ST.written)}";\n`,
      errors: [storage(`const dev = "${azuriteCs(AZURITE.written)}";\nconst prod = "${stCs(ST.written)}";\n`, ST, 'high', 'contosodata')],
    },
  ],
});

// JSX: a connection string in an attribute is replaced by its placeholder, never by SignalR's env variable
const jsxStorage = `const el = <BlobProvider connectionString="${stCs(ST.written)}" />;\n`;
const jsxServiceBus = `const el = <Queue connection={'${sbCs(SB.written)}'} />;\n`;
jsxTester.run('no-leaked-access-key', rule, {
  valid: [],
  invalid: [
    { code: jsxStorage, filename: 'app.tsx', errors: [storage(jsxStorage, ST, 'high', 'contosodata')] },
    { code: jsxServiceBus, filename: 'app.tsx', errors: [serviceBus(jsxServiceBus, SB, 'high', 'orders')] },
  ],
});

// A signed sibling key pasted as the AccessKey of a whole SignalR connection string literal is the
// sibling rule's finding: SignalR's environment variable (that rule's connectionStringEnv) is not
// offered for it, only the sibling rule's placeholder.
const inSignalrCs = (k: string) => `const connectionString = "${connectionStrings.signalr(k)}";\n`;
const placeholderOnly = (code: string, k: { written: string }, placeholder: string): TestCaseError<string> => ({
  messageId: 'leakedKey',
  ...locate(code, k.written),
  suggestions: [{ messageId: 'usePlaceholder', data: { placeholder }, output: replaceAt(code, k.written, placeholder) }],
});
ruleTester.run('no-leaked-access-key', rule, {
  valid: [],
  invalid: [
    { code: inSignalrCs(SB_SIGNED.written), errors: [placeholderOnly(inSignalrCs(SB_SIGNED.written), SB_SIGNED, '<shared-access-key>')] },
    { code: inSignalrCs(EH_SIGNED.written), errors: [placeholderOnly(inSignalrCs(EH_SIGNED.written), EH_SIGNED, '<shared-access-key>')] },
    { code: inSignalrCs(ST_SIGNED.written), errors: [placeholderOnly(inSignalrCs(ST_SIGNED.written), ST_SIGNED, '<storage-account-key>')] },
    { code: inSignalrCs(CO_SIGNED.written), errors: [placeholderOnly(inSignalrCs(CO_SIGNED.written), CO_SIGNED, '<cosmos-db-account-key>')] },
  ],
});

describe('the generated keys', () => {
  it('have a `+` and a `/` to escape: every encoded form differs from the plain one', () => {
    const encoded = {
      json: [SB_JSON, SB_SIGNED_JSON, ST_JSON, ST_SIGNED_JSON, CO_JSON, CO_SIGNED_JSON],
      url: [SB_URL, SB_SIGNED_URL, ST_URL, ST_SIGNED_URL, CO_URL, CO_SIGNED_URL],
    };
    for (const k of encoded.json) expect([k.written.includes('\\u002B'), k.written.includes('\\/')]).toEqual([true, true]);
    for (const k of encoded.url) expect([k.written.includes('%2B'), k.written.includes('%2F')]).toEqual([true, true]);
  });
});

describe('sibling rules through the shipped config', () => {
  const RULE = 'keyguard/no-leaked-access-key';
  const lint = (code: string, filename = 'src/app.ts') =>
    new Linter().verify(code, [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } }, keyguard.configs.recommended], filename);
  const samples: [ruleId: string, code: string, command: string][] = [
    ['azure-service-bus-shared-access-key', sbString, 'az servicebus namespace authorization-rule keys renew'],
    ['azure-service-bus-shared-access-key', ehSigned, 'az servicebus namespace authorization-rule keys renew'],
    ['azure-storage-account-key', stString, 'az storage account keys renew'],
    ['azure-storage-account-key', stSigned, 'az storage account keys renew'],
    ['azure-cosmos-db-account-key', coString, 'az cosmosdb keys regenerate'],
    ['azure-cosmos-db-account-key', coSigned, 'az cosmosdb keys regenerate'],
  ];

  for (const [ruleId, code, command] of samples) {
    it(`${ruleId}: its own id, remediation and placeholder; no SignalR advice or env variable (${command})`, () => {
      const messages = lint(code);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message!.ruleId).toBe(RULE);
      expect(message!.severity).toBe(2);
      expect(message!.message).toContain(`(${ruleId}, high confidence)`);
      expect(message!.message).toContain(command);
      expect(message!.message).not.toMatch(/signalr|webpubsub|Azure__SignalR/iu);
      const placeholder = PLACEHOLDERS[ruleId as keyof typeof PLACEHOLDERS];
      expect(placeholder).toBe(coreRules.find((r) => r.id === ruleId)!.placeholder);
      expect(message!.suggestions?.map((s) => s.desc)).toEqual([`Replace the secret with the placeholder ${placeholder}.`]);
      expect(JSON.stringify(message!.suggestions)).not.toContain(CONNECTION_STRING_ENV);
    });
  }

  it('offers the environment variable only for rules whose connection strings apps read from one (core connectionStringEnv)', () => {
    const withEnv = coreRules.filter((r) => r.connectionStringEnv !== undefined).map((r) => r.id);
    for (const id of ['azure-service-bus-shared-access-key', 'azure-storage-account-key', 'azure-cosmos-db-account-key']) expect(withEnv).not.toContain(id);
    // every whole-literal connection string of the three: never a useEnvironment suggestion
    for (const code of [sbString, sbTemplate, stString, stTemplate, coString, coTemplate]) {
      const suggestions = lint(code).flatMap((m) => m.suggestions ?? []);
      expect(suggestions.length).toBe(1);
      expect(suggestions.map((s) => s.messageId)).toEqual(['usePlaceholder']);
    }
  });
});
