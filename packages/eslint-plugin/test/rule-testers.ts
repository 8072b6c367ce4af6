/**
 * typescript-eslint's RuleTester wired to vitest, and the rule as it types it: one setup for
 * every rule-*.test.ts that runs the rule on JavaScript and TypeScript.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import { noLeakedAccessKey } from '../src/index.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// rule-tester 8.72 pins @typescript-eslint/utils 8.72 while the rule is built with 8.73: the
// RuleModule types differ only by their private scope-manager classes.
export const rule = noLeakedAccessKey as unknown as Parameters<RuleTester['run']>[1];

export const ruleTester = new RuleTester();
export const jsxTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });
