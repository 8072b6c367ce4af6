/**
 * The rule registry: one folder per rule (meta.ts: id, title, description, references,
 * severity; remediation.ts; samples.ts; index.ts: the detector). Everything else (the matcher's
 * rule choice, remediation texts, the CLI's reports, the ESLint rule, option checks, the
 * benchmarks) reads the rules from here.
 */
import { azureIdentifiableKey } from './azure-identifiable-key/index.js';
import { azureSignalrAccessKey } from './azure-signalr-access-key/index.js';
import { azureSignalrClientSecret } from './azure-signalr-client-secret/index.js';
import { azureWebPubsubAccessKey } from './azure-web-pubsub-access-key/index.js';
import { azureServiceBusSharedAccessKey } from './azure-service-bus-shared-access-key/index.js';
import { azureStorageAccountKey } from './azure-storage-account-key/index.js';
import { azureCosmosDbAccountKey } from './azure-cosmos-db-account-key/index.js';
import type { RuleId } from './ids.js';
import type { Detector, RuleMeta } from './types.js';

/** Every detector keyguard ships, in rule-id order. */
export const detectors: readonly Detector[] = [
  azureSignalrAccessKey,
  azureSignalrClientSecret,
  azureWebPubsubAccessKey,
  azureIdentifiableKey,
  azureServiceBusSharedAccessKey,
  azureStorageAccountKey,
  azureCosmosDbAccountKey,
];

/** Where each rule's page is published (scripts/docs-rules.mjs renders it from the rule's folder). */
const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/docs/rules';

export const rules: readonly RuleMeta[] = detectors.map((d) => {
  const meta: RuleMeta = {
    id: d.id,
    title: d.title,
    description: d.description,
    references: d.references,
    severity: d.severity,
    service: d.service,
    secretKind: d.secretKind,
    placeholder: d.placeholder,
    keywords: d.keywords,
    hosts: d.hosts,
    forms: d.forms.map((f) => ({ name: f.name, description: f.description, pattern: f.pattern.source })),
    confidenceLevels: d.confidenceLevels,
    remediation: d.remediation,
    advice: d.advice,
    docsUrl: `${DOCS_BASE_URL}/${d.id}.md`,
  };
  if (d.connectionStringEnv !== undefined) meta.connectionStringEnv = d.connectionStringEnv;
  if (d.weakKeywords !== undefined) meta.weakKeywords = d.weakKeywords;
  if (d.nameWords !== undefined) meta.nameWords = d.nameWords;
  return meta;
});

const RULE_BY_ID: ReadonlyMap<RuleId, RuleMeta> = new Map(rules.map((r) => [r.id, r]));

/** The rule with id `id` (every RuleId has one). */
export function ruleOf(id: RuleId): RuleMeta {
  return RULE_BY_ID.get(id)!;
}

export { RULE_IDS, isRuleId } from './ids.js';
export type { RuleId } from './ids.js';
export type { Detector, RuleMeta, RuleMetadata, RuleRemediation, RuleService, SecretKind, PositiveSample, NegativeSample, SecretForm } from './types.js';
