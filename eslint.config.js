// Lints the repository's own TypeScript and scripts, and dogfoods keyguard's ESLint rule on them.
// `pnpm lint` runs it after `tsc -b` (the rule is loaded from the built plugin).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import keyguard from './packages/eslint-plugin/dist/index.js';

export default tseslint.config(
  {
    // Built and generated files, fixture inputs, and the typed-config test (its own eslint.config.ts
    // is a type-checking fixture, which ESLint 10 would otherwise load for that folder).
    ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**', 'benchmarks/results/**', 'coverage/**', '**/*-wasm.ts', 'packages/eslint-plugin/test/types/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  keyguard.configs.recommended,
  {
    rules: {
      // Control characters are matched on purpose: ANSI colour codes, NUL bytes of binary input.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
    // Node's globals, for the plain .mjs scripts (TypeScript checks its own files).
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'setImmediate', 'setTimeout', 'clearTimeout', 'WebAssembly', 'TextDecoder', 'TextEncoder', 'performance'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
);
