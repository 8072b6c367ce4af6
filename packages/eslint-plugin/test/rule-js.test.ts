/**
 * `keyguard/no-leaked-access-key` on JavaScript, TypeScript, JSX and TSX, with
 * typescript-eslint's RuleTester (which parses with @typescript-eslint/parser).
 */
import { CONNECTION_STRING_ENV } from '../src/index.js';
import { ASRS, AWPS, ENTRA, LEGACY, LEGACY2, appCs, bareSignalrKeyError, cs, fingerprint, locate, masked, replaceAt, withMessage, wpsCs } from './helpers.js';
import { jsxTester, rule, ruleTester } from './rule-testers.js';

const ENV = CONNECTION_STRING_ENV;
const SIGNALR_MESSAGE = (secret: string, confidence = 'high', name = 'chat-prod'): string =>
  `Azure SignalR access key ${masked(secret)} leaked (azure-signalr-access-key, ${confidence} confidence): rotate it (az signalr key renew --name ${name} ...) and move to Microsoft Entra ID.`;

/**
 * An expected error checked by its full text. The tester asserts `message` at run time but does
 * not declare it (it prefers `messageId`), hence the cast.
 */
/** An expected error at the secret's exact range, with the suggestions the rule must offer. */
function at(
  code: string,
  secret: string,
  { env, placeholder = '<signalr-access-key>', literal, nth = 0 }: { env?: string; placeholder?: string; literal?: string; nth?: number } = {},
) {
  const suggestions = [];
  if (literal !== undefined) {
    suggestions.push({
      messageId: 'useEnvironment' as const,
      data: { env: ENV },
      output: replaceAt(code, literal, env ?? ENV),
    });
  }
  suggestions.push({
    messageId: 'usePlaceholder' as const,
    data: { placeholder },
    output: replaceAt(code, secret, placeholder, nth),
  });
  return { messageId: 'leakedKey' as const, ...locate(code, secret, nth), suggestions };
}

// ---- code samples, built from generated keys ----
const jsString = `const connection = "${cs(LEGACY)}";\n`;
const jsSingle = `export const cs = '${cs(LEGACY)}';\n`;
const jsTemplate = `const cs = \`${cs(ASRS)}\`;\n`;
const jsTemplateWithExpr = `const cs = \`${cs(LEGACY)}\${suffix}\`;\n`;
const jsPartial = `const url = "cs=${cs(LEGACY)}";\n`;
const jsComment = `// old: ${cs(LEGACY)}\nconst x = 1;\n`;
const jsBlockComment = `/*\n * ${cs(LEGACY2)}\n */\n`;
const jsObject = `const config = {\n  signalr: {\n    accessKey: "${LEGACY}",\n  },\n};\n`;
const jsIdentifiable = `const key = "${ASRS}";\n`;
const jsWps = `const cs = "${wpsCs(LEGACY)}";\n`;
const jsEntra = `const cs = "${appCs(ENTRA)}";\n`;
const jsTwo = `const a = "${cs(LEGACY)}";\nconst b = "${cs(LEGACY2)}";\n`;
const jsTagged = `const cs = sql\`${cs(LEGACY)}\`;\n`;
const jsKey = `const map = { "${cs(LEGACY)}": 1 };\n`;
const jsConcat = `const cs = "Endpoint=${'https://chat-prod.service.signalr.net'};" +\n  "AccessKey=${LEGACY};Version=1.0;";\n`;
const jsCrlf = `const a = 1;\r\nconst b = "${cs(LEGACY)}";\r\n`;
const jsUnicode = `const note = "héllo 😀"; const b = "${cs(LEGACY)}";\n`;

const tsTyped = `const cs: string = "${cs(LEGACY)}";\nexport type Key = "${cs(LEGACY2)}";\n`;
const tsEnum = `enum Conn {\n  Primary = "${cs(LEGACY)}",\n}\n`;

const jsx = `const el = <Hub connection="${cs(LEGACY)}" />;\n`;
const tsx = `const el: JSX.Element = <Hub connection={\`${cs(LEGACY)}\`} />;\n`;

ruleTester.run('no-leaked-access-key', rule, {
  valid: [
    { code: 'const cs = process.env.Azure__SignalR__ConnectionString;' },
    // an unremarkable 44-character base64 value with no evidence is not a key
    { code: `const digest = "${LEGACY}";` },
    // public emulator / placeholder values
    { code: `const cs = "${cs('<your-access-key>')}";` },
    { code: `const cs = "${cs('${SIGNALR_KEY}')}";` },
    // inline markers from @keyguard/core
    { code: `const cs = "${cs(LEGACY)}"; // keyguard:allow` },
    { code: `// keyguard:allow-next-line\nconst cs = "${cs(LEGACY)}";` },
    { code: `const cs = "${cs(LEGACY)}"; // gitleaks:allow` },
    { code: `const cs = "${cs(LEGACY)}"; // pragma: allowlist secret` },
    // ESLint's own directives are tested with the real plugin in linter.test.ts
    // options: allow by fingerprint, or by exact value; confidence threshold
    { code: jsString, options: [{ allow: [fingerprint('azure-signalr-access-key', LEGACY)] }] },
    { code: jsString, options: [{ allow: [LEGACY] }] },
    { code: jsObject, options: [{ minConfidence: 'high' }] },
    // low-confidence evidence is below the default threshold
    { code: `// signalr\nconst value = "${LEGACY}";` },
  ],
  invalid: [
    { code: jsString, errors: [at(jsString, LEGACY, { literal: `"${cs(LEGACY)}"` })] },
    { code: jsSingle, errors: [at(jsSingle, LEGACY, { literal: `'${cs(LEGACY)}'` })] },
    { code: jsTemplate, errors: [at(jsTemplate, ASRS, { literal: `\`${cs(ASRS)}\`` })] },
    // a template literal with expressions cannot become an env read: placeholder only
    { code: jsTemplateWithExpr, errors: [at(jsTemplateWithExpr, LEGACY)] },
    // a literal that holds more than the connection string: placeholder only
    { code: jsPartial, errors: [at(jsPartial, LEGACY)] },
    // comments count as much as strings
    { code: jsComment, errors: [at(jsComment, LEGACY)] },
    { code: jsBlockComment, errors: [at(jsBlockComment, LEGACY2)] },
    { code: jsObject, errors: [at(jsObject, LEGACY)] },
    // the exact message: masked value, detector id, confidence, remediation
    {
      code: jsIdentifiable,
      errors: [bareSignalrKeyError(jsIdentifiable, ASRS)],
    },
    {
      code: jsString,
      errors: [withMessage(SIGNALR_MESSAGE(LEGACY), { ...locate(jsString, LEGACY), suggestions: at(jsString, LEGACY, { literal: `"${cs(LEGACY)}"` }).suggestions })],
    },
    // medium confidence reported at the default threshold, with its confidence in the message
    {
      code: jsObject,
      errors: [withMessage(SIGNALR_MESSAGE(LEGACY, 'medium', '<resource>'), { ...locate(jsObject, LEGACY), suggestions: at(jsObject, LEGACY).suggestions })],
    },
    // low confidence reported when asked
    {
      code: `// signalr\nconst value = "${LEGACY}";`,
      options: [{ minConfidence: 'low' }],
      errors: [at(`// signalr\nconst value = "${LEGACY}";`, LEGACY)],
    },
    // Web PubSub: no SignalR env suggestion, its own placeholder
    {
      code: jsWps,
      errors: [
        withMessage(
          `Azure Web PubSub access key ${masked(LEGACY)} leaked (azure-web-pubsub-access-key, high confidence): rotate it (az webpubsub key regenerate --name chat ...) and move to Microsoft Entra ID.`,
          { ...locate(jsWps, LEGACY), suggestions: at(jsWps, LEGACY, { placeholder: '<web-pubsub-access-key>' }).suggestions },
        ),
      ],
    },
    {
      code: `const k = "${AWPS}";`,
      errors: [at(`const k = "${AWPS}";`, AWPS, { placeholder: '<web-pubsub-access-key>' })],
    },
    // Entra client secret of an azure.app connection string
    {
      code: jsEntra,
      errors: [
        withMessage(
          `Microsoft Entra client secret in a SignalR connection string ${masked(ENTRA)} leaked (azure-signalr-client-secret, high confidence): revoke the app secret and use a managed identity (AuthType=azure.msi).`,
          { ...locate(jsEntra, ENTRA), suggestions: at(jsEntra, ENTRA, { placeholder: '<client-secret>', literal: `"${appCs(ENTRA)}"` }).suggestions },
        ),
      ],
    },
    // two findings, one report each, in order
    {
      code: jsTwo,
      errors: [at(jsTwo, LEGACY, { literal: `"${cs(LEGACY)}"` }), at(jsTwo, LEGACY2, { literal: `"${cs(LEGACY2)}"` })],
    },
    // allow lists one key; the other is still reported
    {
      code: jsTwo,
      options: [{ allow: [fingerprint('azure-signalr-access-key', LEGACY)] }],
      errors: [at(jsTwo, LEGACY2, { literal: `"${cs(LEGACY2)}"` })],
    },
    // tagged template, object key: not replaceable by an expression
    { code: jsTagged, errors: [at(jsTagged, LEGACY)] },
    { code: jsKey, errors: [at(jsKey, LEGACY)] },
    // split across a concatenation: still found (core scans text), placeholder only
    { code: jsConcat, errors: [at(jsConcat, LEGACY)] },
    // CRLF line endings and non-ASCII text before the key: UTF-16 columns
    { code: jsCrlf, errors: [at(jsCrlf, LEGACY, { literal: `"${cs(LEGACY)}"` })] },
    { code: jsUnicode, errors: [at(jsUnicode, LEGACY, { literal: `"${cs(LEGACY)}"` })] },
    // TypeScript: a literal type cannot hold an expression
    {
      code: tsTyped,
      errors: [at(tsTyped, LEGACY, { literal: `"${cs(LEGACY)}"` }), at(tsTyped, LEGACY2)],
    },
    { code: tsEnum, errors: [at(tsEnum, LEGACY)] },
  ],
});

jsxTester.run('no-leaked-access-key', rule, {
  valid: [{ code: 'const el = <Hub connection={process.env.Azure__SignalR__ConnectionString} />;', filename: 'react.tsx' }],
  invalid: [
    // a JSX attribute string becomes an expression container
    {
      code: jsx,
      filename: 'react.tsx',
      errors: [at(jsx, LEGACY, { literal: `"${cs(LEGACY)}"`, env: `{${ENV}}` })],
    },
    {
      code: tsx,
      filename: 'react.tsx',
      errors: [at(tsx, LEGACY, { literal: `\`${cs(LEGACY)}\`` })],
    },
    // JSX text
    {
      code: `const el = <p>${cs(LEGACY)}</p>;\n`,
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'leakedKey',
          ...locate(`const el = <p>${cs(LEGACY)}</p>;\n`, LEGACY),
          suggestions: [
            {
              messageId: 'usePlaceholder',
              data: { placeholder: '<signalr-access-key>' },
              output: replaceAt(`const el = <p>${cs(LEGACY)}</p>;\n`, LEGACY, '{"<signalr-access-key>"}'),
            },
          ],
        },
      ],
    },
  ],
});
