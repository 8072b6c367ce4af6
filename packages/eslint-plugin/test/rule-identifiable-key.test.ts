/**
 * `keyguard/no-leaked-access-key` reports another Azure service's identifiable key (core's
 * azure-identifiable-key rule) with its own title, remediation and placeholder.
 */
import { generateIdentifiableKey } from '@keyguard/core/testing';
import type { TestCaseError } from '@typescript-eslint/rule-tester';
import { ASRS, bareSignalrKeyError, locate, masked, replaceAt, withMessage } from './helpers.js';
import { rule, ruleTester } from './rule-testers.js';

const ACOG = generateIdentifiableKey('eslint-plugin:other:1', 'ACOG');
const AZEG = generateIdentifiableKey('eslint-plugin:other:2', 'AZEG');

/** The exact report; the title names the service the key's signature stands for, as core's message does. */
function reported(code: string, secret: string, service: string): TestCaseError<string> {
  return withMessage(
    `Azure identifiable key (other service) (${service}) ${masked(secret)} leaked (azure-identifiable-key, high confidence): regenerate it in the Azure portal (the resource <resource> > Keys) and move to Microsoft Entra ID.`,
    {
      ...locate(code, secret),
      suggestions: [{ messageId: 'usePlaceholder', data: { placeholder: '<azure-key>' }, output: replaceAt(code, secret, '<azure-key>') }],
    },
  );
}

const openAi = `const apiKey = "${ACOG}";\n`;
const eventGrid = `export const topicKey = '${AZEG}';\n`;
const signalr = `const key = "${ASRS}";\n`;

ruleTester.run('no-leaked-access-key', rule, {
  valid: [
    // a broken checksum is not a key
    { code: `const apiKey = "${ACOG.slice(0, 83)}${ACOG.endsWith('A') ? 'B' : 'A'}";\n` },
  ],
  invalid: [
    { code: openAi, errors: [reported(openAi, ACOG, 'Azure AI services (Cognitive Services, Azure OpenAI)')] },
    { code: eventGrid, errors: [reported(eventGrid, AZEG, 'Azure Event Grid')] },
    // an ASRS key stays a SignalR finding
    {
      code: signalr,
      errors: [bareSignalrKeyError(signalr, ASRS)],
    },
  ],
});
