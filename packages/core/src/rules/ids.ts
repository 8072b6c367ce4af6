/**
 * The rules' ids and light metadata, in rule-id order: what checking options needs (config
 * files, baselines, `@keyguard/core/option-values`), with no scanner code. Every rule id is
 * written once, in its own folder's meta.ts; everything else reads it from here.
 */
import { meta as azureIdentifiableKey } from './azure-identifiable-key/meta.js';
import { meta as azureSignalrAccessKey } from './azure-signalr-access-key/meta.js';
import { meta as azureSignalrClientSecret } from './azure-signalr-client-secret/meta.js';
import { meta as azureWebPubsubAccessKey } from './azure-web-pubsub-access-key/meta.js';
import { meta as azureServiceBusSharedAccessKey } from './azure-service-bus-shared-access-key/meta.js';
import { meta as azureStorageAccountKey } from './azure-storage-account-key/meta.js';
import { meta as azureCosmosDbAccountKey } from './azure-cosmos-db-account-key/meta.js';
import type { RuleMetadata } from './types.js';

/** Add a rule: make its folder, then list its meta here (and its detector in index.ts). */
export const RULE_METAS = [
  azureSignalrAccessKey,
  azureSignalrClientSecret,
  azureWebPubsubAccessKey,
  azureIdentifiableKey,
  azureServiceBusSharedAccessKey,
  azureStorageAccountKey,
  azureCosmosDbAccountKey,
] as const;

/** The id of a rule keyguard ships. */
export type RuleId = (typeof RULE_METAS)[number]['id'];

export const RULE_IDS: readonly RuleId[] = RULE_METAS.map((m) => m.id);

const BY_ID: ReadonlyMap<string, RuleMetadata<RuleId>> = new Map(RULE_METAS.map((m) => [m.id, m]));

/** The metadata of rule `id`. */
export function ruleMetaOf(id: RuleId): RuleMetadata<RuleId> {
  return BY_ID.get(id)!;
}

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && BY_ID.has(value);
}
