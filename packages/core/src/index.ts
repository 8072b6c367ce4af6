export type { Confidence, Finding, FindingContext, RuleId, ScanOptions, SecretEncoding } from './finding.js';
export { CONFIDENCE_LEVELS, isConfidence, meetsConfidence } from './finding.js';
export { scanText } from './scan-text.js';
export { scanBytes, scanStream, StreamScan, SkippedInputError, BINARY_SNIFF_BYTES } from './scan-stream.js';
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
export { fingerprintOf, legacyFingerprintOf, needsSlowFingerprint } from './fingerprint.js';
export { remediationFor, shortRemediation, rotationFor, safeResourceName } from './remediation.js';
export { KNOWN_PROPERTIES, hostOf, parseConnectionString } from './connection-string.js';
export type { ParsedConnectionString } from './connection-string.js';
export { serviceOfHost } from './services.js';
export { isLegacyAccessKey, otherServiceOf } from './legacy-key.js';
export { isIdentifiableKeyShape, hasValidChecksum } from './identifiable-key.js';
export { marvin32 } from './marvin32.js';
export { keyPlaceholderReason, secretPlaceholderReason } from './placeholders.js';
export { EVIDENCE_WINDOW } from './evidence.js';
