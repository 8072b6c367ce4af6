import type { Confidence, FindingContext } from '../finding.js';
import type { RuleId } from './ids.js';

/** One key layout a rule recognises. */
export interface SecretForm {
  name: 'legacy' | 'identifiable' | 'key-64' | 'client-secret';
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

/** The Azure service whose credential a rule finds ('azure': another Azure service, named by the key). */
export type RuleService = 'signalr' | 'web-pubsub' | 'service-bus' | 'storage' | 'cosmos-db' | 'azure';

/** What kind of secret a rule finds: a service access key, or an app credential. */
export type SecretKind = 'access-key' | 'client-secret';

/**
 * What a user must do about a finding. `{resource}` in `command`, `steps` and `short` stands for
 * the resource name, filled in only when it is a valid Azure resource name (remediation.ts).
 */
export interface RuleRemediation {
  /** The whole advice in one paragraph, with no resource name (SARIF help, docs). */
  summary: string;
  /** Where to rotate or revoke the secret by hand. */
  where: string;
  /** The command that rotates or revokes the secret. */
  command: string;
  /** The next steps for one finding, in order. */
  steps: readonly string[];
  /** One line, for places with room for one (ESLint messages, annotations). */
  short: string;
}

/** A rule's metadata: light (no code), so option checks can load it without the scanner. */
export interface RuleMetadata<Id extends string = string> {
  id: Id;
  title: string;
  description: string;
  references: readonly string[];
  /** SARIF level and security-severity (CVSS-like, 0-10) of its findings. */
  severity: { level: 'error' | 'warning' | 'note'; securitySeverity: number };
  service: RuleService;
  secretKind: SecretKind;
  /**
   * Whether a person may have chosen the secret (a password-like client secret): its published
   * fingerprint then takes the slow scheme, unless `randomForms` says the value is generated.
   */
  mayBeChosen: boolean;
  /** Key formats (`FindingContext.keyFormat`) that are generated, never chosen. */
  randomForms: readonly NonNullable<FindingContext['keyFormat']>[];
  /** What replaces the secret in an editor's suggestion. */
  placeholder: string;
  /** The environment variable apps read this rule's connection strings from, if there is one. */
  connectionStringEnv?: string;
}

/** What a rule is, as both the detector and its public metadata say it. */
export interface RuleFacts {
  id: RuleId;
  title: string;
  description: string;
  references: readonly string[];
  severity: RuleMetadata['severity'];
  service: RuleService;
  secretKind: SecretKind;
  placeholder: string;
  connectionStringEnv?: string;
  /**
   * Configuration names and hosts that tie a key near them to this rule's service (strong
   * evidence), lower-case.
   */
  keywords: readonly string[];
  /** Words that make a key near them worth a low-confidence look as this service's, lower-case. */
  weakKeywords?: readonly string[];
  /** Words in the name a key is assigned to that name this service (`pubsub`), lower-case. */
  nameWords?: readonly string[];
  /**
   * Host suffixes of this rule's service (`.service.signalr.net`), lower-case: a connection
   * string whose endpoint is under one of them names this service (Candidate.service).
   */
  hosts: readonly string[];
  confidenceLevels: readonly Confidence[];
  /** What a user must do about a finding of this rule (one paragraph; see `advice` for steps). */
  remediation: string;
  advice: RuleRemediation;
}

export interface Detector extends RuleFacts {
  forms: readonly SecretForm[];
  /** Whether a candidate the engine found is this rule's finding, and how sure (see Candidate). */
  classify: Classify;
  /** Published non-secrets (an emulator's key) this rule never reports. */
  publishedKeys?: readonly string[];
  /** The service a claimed candidate names, for rules that cover several (FindingContext.service). */
  serviceOf?: (candidate: Candidate) => string | undefined;
  samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] };
}

/** The metadata callers may show: the detector without its samples and functions. */
export interface RuleMeta extends RuleFacts {
  forms: readonly { name: SecretForm['name']; description: string; pattern: string }[];
  /** The rule's documentation page (docs/rules/<id>.md, rendered from its folder). */
  docsUrl: string;
}

/**
 * What the engine (matcher.ts) found around a secret, handed to each rule's `classify`: the
 * engine reads the text (key shapes, connection strings, evidence words), the rules decide
 * whose finding it is and how sure it is.
 */
export interface Candidate {
  /** Which key layout matched. */
  form: SecretForm['name'];
  /** The decoded secret (rules check checksums on it). */
  secret: string;
  /**
   * The service a connection string's host, or the evidence, names (from the rules' `hosts` and
   * `keywords`; 'azure' for another Azure service no rule covers); undefined when nothing names one.
   */
  service: RuleService | undefined;
  /**
   * What made the secret credible, strongest first; 'signature' when only the key's own service
   * signature speaks for it (the rule checks its checksum).
   */
  evidence: 'connection-string-endpoint' | 'connection-string' | 'assigned-name' | 'keyword' | 'weak-keyword' | 'checksum' | 'signature';
  /**
   * The service signature the key carries: an identifiable key's provider (characters 77-80:
   * `ASRS`, `AWPS`, ...), or the tag Azure writes into its 32-byte (characters 34-37: `+ASb`)
   * and 64-byte keys (characters 77-80: `+ASt`, `ACDb`).
   */
  provider?: string;
  /** The connection-string property the secret is the value of, lower-case (`accesskey`, `sharedaccesskey`). */
  property?: string;
  /** Every property of that connection string, lower-case. */
  properties?: ReadonlySet<string>;
  /** The connection string's endpoint scheme, lower-case (`https`, `sb`). */
  scheme?: string;
  /** The connection string's AuthType, lower-case, when there is one. */
  authType?: string;
  /**
   * The connection string's endpoint is this machine or the local network (`localhost`,
   * 127.0.0.0/8, `[::1]`, `*.local`): where emulators and simulators listen, with keys of their own.
   */
  loopback?: boolean;
  /** A client secret with the shape Microsoft Entra generates (random, not chosen). */
  entraShape?: boolean;
}

/** A rule's decision on a candidate: its finding's confidence, or undefined when it is not the rule's. */
export type Classify = (candidate: Candidate) => Confidence | undefined;
