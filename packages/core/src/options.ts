import type { Confidence, RuleId, ScanOptions } from './finding.js';

import { RULE_IDS } from './rules/ids.js';

/** Every rule's id, in rule-id order (from the rule registry). */
export const ALL_RULE_IDS: readonly RuleId[] = RULE_IDS;

export { isRuleId } from './rules/ids.js';

export interface ResolvedOptions {
  minConfidence: Confidence;
  enabled: ReadonlySet<RuleId>;
  allow: ReadonlySet<string>;
  inlineIgnore: boolean;
}

/** Callers scan thousands of files with one options object: resolve it once. */
const resolvedCache = new WeakMap<ScanOptions, ResolvedOptions>();

export function resolveOptions(options: ScanOptions = {}): ResolvedOptions {
  const cached = resolvedCache.get(options);
  if (cached !== undefined) return cached;
  const resolved = resolveFresh(options);
  resolvedCache.set(options, resolved);
  return resolved;
}

function resolveFresh(options: ScanOptions): ResolvedOptions {
  const enabled = new Set(ALL_RULE_IDS.filter((id) => options.rules?.[id] !== false));
  return {
    minConfidence: options.minConfidence ?? 'medium',
    enabled,
    allow: new Set(options.allow ?? []),
    inlineIgnore: options.inlineIgnore ?? true,
  };
}
