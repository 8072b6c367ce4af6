/**
 * Test keys are generated at run time by `@keyguard/core/testing`: no key-shaped literal is
 * ever committed. Positions are computed from the generated text, never hard-coded offsets
 * that could drift, but every expectation is an exact line/column.
 */
import { fingerprintOf, maskSecret } from '@keyguard/core';
import type { TestCaseError } from '@typescript-eslint/rule-tester';
import {
  connectionStrings,
  generateEntraClientSecret,
  generateIdentifiableKey,
  generateLegacyKey,
} from '@keyguard/core/testing';

export const LEGACY = generateLegacyKey('eslint-plugin:1');
export const LEGACY2 = generateLegacyKey('eslint-plugin:2');
export const ASRS = generateIdentifiableKey('eslint-plugin:1', 'ASRS');
export const AWPS = generateIdentifiableKey('eslint-plugin:1', 'AWPS');
export const ENTRA = generateEntraClientSecret('eslint-plugin:1');

export const ENDPOINT = 'https://chat-prod.service.signalr.net';
// The connection strings of @keyguard/core/testing (ENDPOINT is the SignalR one's).
export const cs = (key: string): string => connectionStrings.signalr(key);
export const appCs = (secret: string): string => connectionStrings.signalrApp(secret);
export const wpsCs = (key: string): string => connectionStrings.webPubSub(key);

export const masked = (secret: string): string => maskSecret(secret);
export const fingerprint = (ruleId: string, secret: string): string =>
  fingerprintOf(ruleId as Parameters<typeof fingerprintOf>[0], secret);

/** 1-based line and column (ESLint message convention) of the `nth` occurrence of `needle`. */
export function locate(code: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`needle not found (occurrence ${nth})`);
  }
  const before = code.slice(0, index).split(/\r\n|[\r\n]/u);
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  const inner = needle.split(/\r\n|[\r\n]/u);
  const endLine = line + inner.length - 1;
  const endColumn = inner.length === 1 ? column + needle.length : inner[inner.length - 1]!.length + 1;
  return { line, column, endLine, endColumn };
}

/** Replaces the `nth` occurrence of `needle` in `code`. */
export function replaceAt(code: string, needle: string, replacement: string, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = code.indexOf(needle, index + 1);
  return code.slice(0, index) + replacement + code.slice(index + needle.length);
}

/** An expected error with its exact message (RuleTester's types only allow messageId). */
export const withMessage = (message: string, error: object): TestCaseError<string> => ({ message, ...error }) as unknown as TestCaseError<string>;

/** The exact report of a bare SignalR identifiable key (no connection string): message, range, placeholder suggestion. */
export function bareSignalrKeyError(code: string, key: string): TestCaseError<string> {
  return withMessage(
    `Azure SignalR access key ${masked(key)} leaked (azure-signalr-access-key, high confidence): rotate it (az signalr key renew --name <resource> ...) and move to Microsoft Entra ID.`,
    {
      ...locate(code, key),
      suggestions: [{ messageId: 'usePlaceholder', data: { placeholder: '<signalr-access-key>' }, output: replaceAt(code, key, '<signalr-access-key>') }],
    },
  );
}
