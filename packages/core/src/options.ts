import type { Confidence, RuleId, ScanOptions } from './finding.js';

export const ALL_RULE_IDS: readonly RuleId[] = [
  'azure-signalr-access-key',
  'azure-signalr-client-secret',
  'azure-web-pubsub-access-key',
];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (ALL_RULE_IDS as readonly string[]).includes(value);
}

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
