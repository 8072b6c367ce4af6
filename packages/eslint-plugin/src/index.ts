/**
 * `@keyguard/eslint-plugin`: reports leaked Azure SignalR / Web PubSub credentials, and the keys of
 * the other Azure services `@keyguard/core` has rules for (Service Bus, Event Hubs, Relay, Storage,
 * Cosmos DB, identifiable keys), in any file ESLint lints (JavaScript, TypeScript, JSON, YAML, Markdown, and plain text through the
 * bundled `keyguard/text` language). Findings come from `@keyguard/core`, the same matcher the
 * `keyguard` CLI runs, so the linter and the CLI never disagree.
 */
import { readFileSync } from 'node:fs';
import type { RuleConfig } from '@eslint/core';
import type { ESLint, Linter, Rule } from 'eslint';
import { rules as allRules } from './rules/index.js';
import type { RuleName } from './rules/index.js';
import type { Options as NoLeakedAccessKeyRuleOptions } from './rules/no-leaked-access-key.js';

// The rule's options, typed where users write them: an `eslint.config.ts` rejects
// `['error', { minConfidence: 'hgh' }]`. ESLint 10 types a config's `rules` with
// `@eslint/core`'s `RulesConfig`, the interface meant to be extended this way, from the same
// `@eslint/core` 1.x the plugin depends on. (ESLint 9 reads its own `Linter.RulesRecord`, or from
// 9.38 its own nested `@eslint/core` 0.x, which the plugin's declarations cannot reach: there the
// options stay unchecked, as every rule's are.) An index signature on a pattern, not a
// property: an optional property would clash with the interface's string index signature
// (TS2411 under `skipLibCheck: false`) and a required one would make every `RulesConfig` value
// name the rule. The pattern also matches names that merely start with the rule's (none exists).
// (The alias, outside the block, keeps the `RuleConfig` import in the emitted declarations.)
type NoLeakedAccessKeyRuleConfig = RuleConfig<NoLeakedAccessKeyRuleOptions>;
declare module '@eslint/core' {
  interface RulesConfig {
    /** `keyguard/no-leaked-access-key`: `[severity, { minConfidence?, allow? }]`. */
    [rule: `keyguard/no-leaked-access-key${string}`]: NoLeakedAccessKeyRuleConfig;
  }
}
// ...and the same for `@eslint/core`'s `require` types, which ESLint's own types read.
export type {} from './rules-config.cjs';

import { TextLanguage } from './text-language.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** Files with no ESLint parser of their own that `configs.text` lints as plain text. */
export const TEXT_FILES: string[] = [
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/*.bicep',
  '**/*.bicepparam',
  '**/*.config',
  '**/*.ini',
  '**/*.cfg',
  '**/*.conf',
  '**/*.properties',
  '**/*.toml',
  '**/*.tf',
  '**/*.tfvars',
  '**/*.xml',
  '**/*.csproj',
  '**/*.ps1',
  '**/*.sh',
  '**/*.txt',
];

/** The rules, typed with ESLint's own types (what `defineConfig` takes). */
export const rules: Record<RuleName, Rule.RuleModule> = allRules;

export type KeyguardConfigs = {
  /** Enables `keyguard/no-leaked-access-key` as an error for whatever files the config applies to. */
  recommended: Linter.Config;
  /** Lints `.env`, `.bicep`, `.config`, ... files (see `TEXT_FILES`) as plain text with the rule on. */
  text: Linter.Config;
};

export type KeyguardPlugin = {
  meta: { name: string; version: string; namespace: 'keyguard' };
  rules: typeof rules;
  languages: { text: TextLanguage };
  configs: KeyguardConfigs;
};

const configs = {} as KeyguardConfigs;

const plugin: KeyguardPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'keyguard' },
  rules,
  languages: { text: new TextLanguage() },
  configs,
};

const recommendedRules: Linter.RulesRecord = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta?.docs?.recommended === true)
    .map(([name]) => [`keyguard/${name}`, 'error']),
);

// Configs reference the plugin object itself; as `ESLint.Plugin` so that `defineConfig` accepts them.
const asPlugin = plugin as unknown as ESLint.Plugin;

configs.recommended = {
  name: 'keyguard/recommended',
  plugins: { keyguard: asPlugin },
  rules: recommendedRules,
};

configs.text = {
  name: 'keyguard/text',
  files: TEXT_FILES,
  plugins: { keyguard: asPlugin },
  language: 'keyguard/text',
  rules: recommendedRules,
};

export default plugin;
export { plugin, configs };
export type { RuleName };
export const meta = plugin.meta;
export const languages = plugin.languages;
export { TextLanguage, TextSourceCode, parseText } from './text-language.js';
export type { TextComment, TextDocument, TextNode, TextLanguageOptions } from './text-language.js';
export {
  noLeakedAccessKey,
  isWholeSignalrConnectionString,
  CONNECTION_STRING_ENV,
  PLACEHOLDERS,
  RULE_NAME,
} from './rules/no-leaked-access-key.js';
export type { NoLeakedAccessKeyOptions, MessageIds, Options } from './rules/no-leaked-access-key.js';
export { DOCS_BASE_URL } from './create-rule.js';
