// Type-level test: a user's TypeScript `eslint.config.ts` must type-check with the plugin.
// Checked by `tsc -p test/types` (spawned from test/types.test.ts).
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

export default [...viaExtends, ...direct, ...plain, { name, version, ruleNames, missing }];
