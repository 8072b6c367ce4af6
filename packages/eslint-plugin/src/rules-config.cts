// The CommonJS twin of the `declare module '@eslint/core'` block in index.ts (see there).
// ESLint's own type declarations are CommonJS, so they read `@eslint/core` through its
// `require` types (dist/cjs/types.d.cts), which TypeScript keeps apart from its `import` types:
// each needs the augmentation, and a `.cts` file resolves `@eslint/core` as `require` does.
// Types only: index.ts names this file in an `export type {} from`, which JavaScript drops.
import type { RuleConfig } from '@eslint/core';
import type { Options } from './rules/no-leaked-access-key.js';

// (The alias, outside the block, keeps the `RuleConfig` import in the emitted declarations.)
type NoLeakedAccessKeyRuleConfig = RuleConfig<Options>;
declare module '@eslint/core' {
  interface RulesConfig {
    /** `keyguard/no-leaked-access-key`: `[severity, { minConfidence?, allow? }]`. */
    [rule: `keyguard/no-leaked-access-key${string}`]: NoLeakedAccessKeyRuleConfig;
  }
}

export {};
