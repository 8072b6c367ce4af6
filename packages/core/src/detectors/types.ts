import type { Confidence, RuleId } from '../finding.js';

/** One key layout a rule recognises. */
export interface SecretForm {
  name: 'legacy' | 'identifiable' | 'client-secret';
  description: string;
  /** The whole secret's shape. */
  pattern: RegExp;
  /** Structure beyond the pattern (checksum, canonical padding, service tag). */
  validate: (secret: string) => boolean;
}

/**
 * A sample is source text in which `{{KG:<kind>:<seed>[:<encoding>]}}` tokens stand for keys
 * generated at test time (see `@keyguard/core/testing`), so no key is ever committed.
 */
export interface PositiveSample {
  name: string;
  text: string;
  /** The token whose generated value must be reported. */
  secret: string;
  confidence: Confidence;
}

export interface NegativeSample {
  name: string;
  text: string;
}

export interface Detector {
  id: RuleId;
  title: string;
  description: string;
  references: readonly string[];
  /** Words and hosts that count as evidence, lower-case. */
  keywords: readonly string[];
  forms: readonly SecretForm[];
  confidenceLevels: readonly Confidence[];
  /** What a user must do about a finding of this rule. */
  remediation: string;
  samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] };
}

/** The metadata callers may show: the detector without its samples and functions. */
export interface RuleMeta {
  id: RuleId;
  title: string;
  description: string;
  references: readonly string[];
  keywords: readonly string[];
  forms: readonly { name: SecretForm['name']; description: string; pattern: string }[];
  confidenceLevels: readonly Confidence[];
  remediation: string;
}
