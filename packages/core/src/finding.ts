/** The finding contract shared by every wrapper (CLI, ESLint rule, pre-commit hook). */

export type Confidence = 'high' | 'medium' | 'low';

export const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };

export function meetsConfidence(actual: Confidence, minimum: Confidence): boolean {
  return CONFIDENCE_RANK[actual] >= CONFIDENCE_RANK[minimum];
}

export function isConfidence(value: unknown): value is Confidence {
  return value === 'high' || value === 'medium' || value === 'low';
}

/** A rule's id: derived from the rule registry (rules/ids.ts), where each id is written once. */
export type { RuleId } from './rules/ids.js';
import type { RuleId } from './rules/ids.js';

/** How the secret was written in the source. */
export type SecretEncoding = 'plain' | 'json-escaped' | 'url-encoded' | 'base64';

export interface FindingContext {
  /** The connection string's Endpoint, as found. */
  endpoint?: string;
  /** The resource name: the endpoint host's first label (`<name>.service.signalr.net`), or a storage string's AccountName. */
  resourceName?: string;
  /** The connection string's AuthType, as found (absent means access key). */
  authType?: string;
  /** The evidence that made the match credible: a property or keyword, as found. */
  keyword?: string;
  /** Which key layout matched. */
  keyFormat?: 'legacy' | 'identifiable' | 'key-64' | 'entra-client-secret' | 'client-secret';
  /** Set when the secret was not written plainly. */
  encoding?: SecretEncoding;
  /**
   * Set when the secret was written in pieces and reassembled: split across string literals
   * joined in one expression, or wrapped at a fixed column in console output. The finding's
   * start is in the first piece, its end in the last (glue between them included in `length`).
   */
  joined?: 'split-literal' | 'wrapped-line';
  /** The service the key itself names, when its rule can tell (an identifiable key's provider signature). */
  service?: string;
}

export interface Finding {
  ruleId: RuleId;
  message: string;
  confidence: Confidence;
  /** 1-based line of the secret's first character. */
  line: number;
  /** 1-based column of the secret's first character, in UTF-16 code units. */
  column: number;
  /** 1-based line of the secret's last character. */
  endLine: number;
  /** 1-based column just past the secret's last character (exclusive, as in ESLint and SARIF). */
  endColumn: number;
  /** Byte offset of the secret's first byte in the source (BOM included). */
  offset: number;
  /** Byte length of the secret as written in the source (escapes included). */
  length: number;
  /** The decoded secret. Callers must never print it unless the user asked for it. */
  secret: string;
  /** The secret's first 4 characters then an ellipsis: the only form safe to print. */
  masked: string;
  /**
   * Stable across moves, edits and encodings: sha256 hex of `${ruleId}:${secret}` for random
   * secrets, a slow salted scrypt for client secrets a person may have chosen (fingerprint.ts).
   */
  fingerprint: string;
  /**
   * The sha256 fingerprint such a slow-scheme finding had before, to read old baselines and
   * allow lists. Never published.
   */
  legacyFingerprint?: string;
  context: FindingContext;
}

export interface ScanOptions {
  /** Findings below this confidence are dropped. Default 'medium'. */
  minConfidence?: Confidence;
  /** Turn rules on or off by id; rules not named stay on. */
  rules?: Partial<Record<RuleId, boolean>>;
  /** Fingerprints, or exact public values, that are never reported. */
  allow?: readonly string[];
  /** Honour `keyguard:allow` and friends. Default true. */
  inlineIgnore?: boolean;
}
