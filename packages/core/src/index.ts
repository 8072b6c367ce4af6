/**
 * @keyguard/core's public API: the scanners, the rules, the finding types and the helpers the
 * CLI, the ESLint plugin and editors use (masking, fingerprints, remediation, the connection-string
 * grammar). Everything else is internal (tests import it from its module).
 */
export type { Confidence, Finding, FindingContext, RuleId, ScanOptions, SecretEncoding } from './finding.js';
export { CONFIDENCE_LEVELS, isConfidence, meetsConfidence } from './finding.js';
export { scanText } from './scan-text.js';
export { scanBytes, scanStream, StreamScan, SkippedInputError } from './scan-stream.js';
export { borrowScanBuffer, mayHoldSecret } from './prefilter.js';
export type { BytesScanResult, StreamSource, StreamStats } from './scan-stream.js';
export { rules, detectors, ruleOf } from './rules/index.js';
export type {
  Detector,
  RuleMeta,
  RuleMetadata,
  RuleRemediation,
  RuleService,
  SecretKind,
  PositiveSample,
  NegativeSample,
  SecretForm,
} from './rules/index.js';
export { ALL_RULE_IDS, isRuleId } from './options.js';
export { maskSecret } from './mask.js';
export { fingerprintOf, legacyFingerprintOf } from './fingerprint.js';
export { remediationFor, shortRemediation, rotationFor, safeResourceName } from './remediation.js';
export { KNOWN_PROPERTIES, hostOf, parseConnectionString } from './connection-string.js';
export type { ParsedConnectionString } from './connection-string.js';
export { serviceOfHost } from './services.js';
