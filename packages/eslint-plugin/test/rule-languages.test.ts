/**
 * `keyguard/no-leaked-access-key` on JSON, YAML, Markdown and plain text, with ESLint's own
 * RuleTester (it can set `language`, which typescript-eslint's cannot).
 */
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import { RuleTester } from 'eslint';
import yml from 'eslint-plugin-yml';
import { afterAll, describe, it } from 'vitest';
import keyguard from '../src/index.js';
import { ASRS, ENTRA, LEGACY, LEGACY2, appCs, cs, fingerprint, locate, masked, replaceAt } from './helpers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
void afterAll;

const rule = keyguard.rules['no-leaked-access-key'];

function error(code: string, secret: string, placeholder = '<signalr-access-key>', nth = 0) {
  return {
    messageId: 'leakedKey',
    ...locate(code, secret, nth),
    suggestions: [{ messageId: 'usePlaceholder', data: { placeholder }, output: replaceAt(code, secret, placeholder, nth) }],
  };
}

// ---- JSON ----
const appsettings = `{\n  "Azure": {\n    "SignalR": {\n      "ConnectionString": "${cs(LEGACY)}"\n    }\n  }\n}\n`;
const jsonEscaped = `{"cs":"${cs(LEGACY).replaceAll('/', '\\/')}"}`;
const jsonTwo = `[\n  "${cs(LEGACY)}",\n  "${cs(LEGACY2)}"\n]\n`;

new RuleTester({ plugins: { json }, language: 'json/json' }).run('no-leaked-access-key', rule, {
  valid: [
    '{"Azure": {"SignalR": {"ConnectionString": ""}}}',
    `{"cs": "${cs('<access-key>')}"}`,
    { code: appsettings, options: [{ allow: [fingerprint('azure-signalr-access-key', LEGACY)] }] },
  ],
  invalid: [
    // JSON counts columns from 1: the report must still point at the key itself
    {
      code: appsettings,
      errors: [
        {
          message: `Azure SignalR access key ${masked(LEGACY)} leaked (azure-signalr-access-key, high confidence): rotate it (az signalr key renew --name chat-prod ...) and move to Microsoft Entra ID.`,
          ...locate(appsettings, LEGACY),
          suggestions: error(appsettings, LEGACY).suggestions,
        },
      ],
    },
    { code: jsonEscaped, errors: [error(jsonEscaped, LEGACY)] },
    { code: jsonTwo, errors: [error(jsonTwo, LEGACY), error(jsonTwo, LEGACY2)] },
  ],
});

new RuleTester({ plugins: { json }, language: 'json/jsonc' }).run('no-leaked-access-key', rule, {
  valid: [`{\n  // keyguard:allow-next-line\n  "cs": "${cs(LEGACY)}"\n}`],
  invalid: [
    // a key in a JSONC comment counts too
    {
      code: `{\n  // was: ${cs(LEGACY)}\n  "cs": ""\n}`,
      errors: [error(`{\n  // was: ${cs(LEGACY)}\n  "cs": ""\n}`, LEGACY)],
    },
  ],
});

// ---- YAML ----
const yaml = `# deployment values\nsignalr:\n  connectionString: "${cs(LEGACY)}"\n  other: ${cs(LEGACY2)}\n`;
const yamlBlock = `app:\n  cs: |\n    ${appCs(ENTRA)}\n`;

new RuleTester({ plugins: { yml }, language: 'yml/yaml' }).run('no-leaked-access-key', rule, {
  valid: [
    'signalr:\n  connectionString: ${SIGNALR_CONNECTION_STRING}\n',
    `signalr:\n  connectionString: "${cs(LEGACY)}" # keyguard:allow\n`,
    { code: yaml, options: [{ allow: [LEGACY, LEGACY2] }] },
  ],
  invalid: [
    { code: yaml, errors: [error(yaml, LEGACY), error(yaml, LEGACY2)] },
    { code: yamlBlock, errors: [error(yamlBlock, ENTRA, '<client-secret>')] },
  ],
});

// ---- Markdown ----
const readme = `# Setup\n\nSet the connection string:\n\n\`\`\`bash\nexport Azure__SignalR__ConnectionString="${cs(LEGACY)}"\n\`\`\`\n\nOr the key \`${ASRS}\` alone.\n`;

for (const language of ['markdown/commonmark', 'markdown/gfm']) {
  new RuleTester({ plugins: { markdown }, language }).run('no-leaked-access-key', rule, {
    valid: [
      `# Setup\n\n\`\`\`\nEndpoint=https://<name>.service.signalr.net;AccessKey=<generated key>;Version=1.0;\n\`\`\`\n`,
      `<!-- keyguard:allow-next-line -->\n${cs(LEGACY)}\n`,
    ],
    invalid: [
      // Markdown also counts columns from 1
      { code: readme, errors: [error(readme, LEGACY), error(readme, ASRS)] },
      { code: `| name | value |\n| --- | --- |\n| cs | ${cs(LEGACY)} |\n`, errors: [error(`| name | value |\n| --- | --- |\n| cs | ${cs(LEGACY)} |\n`, LEGACY)] },
    ],
  });
}

// ---- plain text (keyguard/text) ----
const dotenv = `# local settings\nPORT=8080\nAzure__SignalR__ConnectionString=${cs(LEGACY)}\n`;
const bicep = `param location string = resourceGroup().location\n// ${cs(LEGACY2)}\nvar cs = '${cs(LEGACY)}'\n`;
const webConfig = `<?xml version="1.0"?>\r\n<configuration>\r\n  <connectionStrings>\r\n    <add name="Azure:SignalR:ConnectionString" connectionString="${cs(LEGACY)}" />\r\n  </connectionStrings>\r\n</configuration>\r\n`;
const oldMac = `A=1\rAzure__SignalR__ConnectionString=${cs(LEGACY)}\r`;
const wide = `NOTE=日本語 😀 ${cs(LEGACY)}\n`;

new RuleTester({ plugins: { keyguard }, language: 'keyguard/text' }).run('no-leaked-access-key', rule, {
  valid: [
    '',
    'PORT=8080\n',
    'Azure__SignalR__ConnectionString=Endpoint=https://x.service.signalr.net;AuthType=azure.msi;Version=1.0;\n',
    `Azure__SignalR__ConnectionString=${cs(LEGACY)} # keyguard:allow\n`,
    `# pragma: allowlist nextline secret\nAzure__SignalR__ConnectionString=${cs(LEGACY)}\n`,
    { code: dotenv, options: [{ allow: [fingerprint('azure-signalr-access-key', LEGACY)] }] },
    // medium-confidence evidence only, with the threshold raised
    { code: `signalr.accessKey=${LEGACY}\n`, options: [{ minConfidence: 'high' }] },
  ],
  invalid: [
    {
      code: dotenv,
      errors: [
        {
          message: `Azure SignalR access key ${masked(LEGACY)} leaked (azure-signalr-access-key, high confidence): rotate it (az signalr key renew --name chat-prod ...) and move to Microsoft Entra ID.`,
          ...locate(dotenv, LEGACY),
          suggestions: error(dotenv, LEGACY).suggestions,
        },
      ],
    },
    { code: bicep, errors: [error(bicep, LEGACY2), error(bicep, LEGACY)] },
    { code: webConfig, errors: [error(webConfig, LEGACY)] },
    { code: oldMac, errors: [error(oldMac, LEGACY)] },
    { code: wide, errors: [error(wide, LEGACY)] },
    { code: `signalr.accessKey=${LEGACY}\n`, errors: [error(`signalr.accessKey=${LEGACY}\n`, LEGACY)] },
  ],
});
