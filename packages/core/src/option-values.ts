/**
 * `@keyguard/core/option-values`: what a wrapper needs to check user options (config files,
 * flags) without loading the scanner: a command that validates its config before it knows
 * whether it will scan anything starts faster. Rule ids come from the rules' light metadata
 * (rules/ids.ts), never from their detectors.
 */
export { CONFIDENCE_LEVELS, isConfidence } from './finding.js';
export type { Confidence, RuleId } from './finding.js';
export { ALL_RULE_IDS, isRuleId } from './options.js';
