// Type-level test: a user's TypeScript `eslint.config.ts` must type-check with the plugin.
// Checked by `tsc -p test/types` (spawned from test/e2e.test.ts, which also checks that each
// expect-error directive here stands for an error on its next line).
import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import keyguard, { configs, rules, TEXT_FILES } from '@keyguard/eslint-plugin';

const viaExtends = defineConfig({
  files: ['**/*.{js,ts}'],
  plugins: { keyguard },
  extends: [keyguard.configs.recommended],
  rules: {
    'keyguard/no-leaked-access-key': ['error', { minConfidence: 'high', allow: ['0'.repeat(64)] }],
  },
});

const direct = defineConfig(configs.recommended, keyguard.configs.text, {
  files: TEXT_FILES,
  language: 'keyguard/text',
});

const plain: Linter.Config[] = [keyguard.configs.recommended, keyguard.configs.text];

const name: string = keyguard.meta.name;
const version: string = keyguard.meta.version;
const ruleNames: 'no-leaked-access-key'[] = Object.keys(rules) as (keyof typeof rules)[];

// @ts-expect-error: the plugin has no such config
const missing = keyguard.configs.strict;

// The rule's options are typed: every wrong option below must be a type error (an expect-error
// directive that has no error to expect is an error itself, so each one proves the check). One
// call each: TypeScript reports only the first bad argument of a call.
const wrongConfidence = defineConfig({
  files: ['**/*.js'],
  extends: [keyguard.configs.recommended],
  rules: {
    // @ts-expect-error: 'hgh' is not a confidence
    'keyguard/no-leaked-access-key': ['error', { minConfidence: 'hgh' }],
  },
});
const wrongName = defineConfig({
  rules: {
    // @ts-expect-error: no such option
    'keyguard/no-leaked-access-key': ['warn', { minConfidense: 'high' }],
  },
});
const wrongAllow = defineConfig({
  rules: {
    // @ts-expect-error: allow holds strings
    'keyguard/no-leaked-access-key': ['error', { allow: [42] }],
  },
});
const wrongRecord: Linter.RulesRecord = {
  // @ts-expect-error: 'hgh' is not a confidence, in a plain rules object too
  'keyguard/no-leaked-access-key': [2, { minConfidence: 'hgh' }],
};

// ...while the right ones pass, in every form ESLint takes, and other rules keep any options.
const rightOptions = defineConfig(
  { rules: { 'keyguard/no-leaked-access-key': ['warn', { minConfidence: 'low', allow: ['0'.repeat(64)] }] } },
  { rules: { 'keyguard/no-leaked-access-key': 'off' } },
  { rules: { 'keyguard/no-leaked-access-key': [2, {}], 'no-console': ['error', { allow: ['warn'] }] } },
);
const record: Linter.RulesRecord = { 'no-console': 'error' };

export default [
  ...viaExtends,
  ...direct,
  ...plain,
  ...wrongConfidence,
  ...wrongName,
  ...wrongAllow,
  { rules: wrongRecord },
  ...rightOptions,
  { rules: record },
  { name, version, ruleNames, missing },
];
