import { azureSignalrAccessKey } from './azure-signalr-access-key.js';
import { azureSignalrClientSecret } from './azure-signalr-client-secret.js';
import { azureWebPubsubAccessKey } from './azure-web-pubsub-access-key.js';
import type { Detector, RuleMeta } from './types.js';

/** Every detector keyguard ships, in rule-id order. */
export const detectors: readonly Detector[] = [azureSignalrAccessKey, azureSignalrClientSecret, azureWebPubsubAccessKey];

export const rules: readonly RuleMeta[] = detectors.map((d) => ({
  id: d.id,
  title: d.title,
  description: d.description,
  references: d.references,
  keywords: d.keywords,
  forms: d.forms.map((f) => ({ name: f.name, description: f.description, pattern: f.pattern.source })),
  confidenceLevels: d.confidenceLevels,
  remediation: d.remediation,
}));

export type { Detector, RuleMeta, PositiveSample, NegativeSample, SecretForm } from './types.js';
