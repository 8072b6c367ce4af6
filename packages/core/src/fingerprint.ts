import { createRequire } from 'node:module';

let crypto: typeof import('node:crypto') | undefined;
/**
 * node:crypto, loaded on the first fingerprint: loading it costs a command about 10 ms, and most
 * runs (a clean pre-commit check) compute none.
 */
const nodeCrypto = (): typeof import('node:crypto') => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
import type { FindingContext, RuleId } from './finding.js';
import { ruleMetaOf } from './rules/ids.js';

/**
 * A finding's identity: the rule and the secret, nothing about where it sits, so a baseline
 * survives edits, moves and re-encodings of the same key. Fingerprints are published (SARIF,
 * baselines), so one must not make confirming a guessed secret cheap:
 *
 * - Access keys and Entra-generated client secrets are random (256 bits; 40 generated
 *   characters): no guess can be confirmed, so a fast sha256 of `rule:secret` is enough (and is
 *   what keyguard has always published for them).
 * - Any other client secret may be chosen by a person (`Summer2024!`): its fingerprint is scrypt
 *   (N=2^14, r=8, p=1: about 50 ms and 16 MiB per guess) with a salt naming the scheme and rule,
 *   so every guess costs an attacker as much. Computed once per distinct secret in a process.
 */
export const SLOW_FINGERPRINT = { N: 2 ** 14, r: 8, p: 1, salt: 'keyguard/fingerprint/v2/' } as const;

/** The sha256 scheme every fingerprint used before v2; still accepted when a baseline is read. */
export function legacyFingerprintOf(ruleId: RuleId, secret: string): string {
  return nodeCrypto().createHash('sha256').update(`${ruleId}:${secret}`).digest('hex');
}

/** Secrets a person may have chosen: only these pay for the slow scheme. */
export function needsSlowFingerprint(ruleId: RuleId, context?: Pick<FindingContext, 'keyFormat'>): boolean {
  const meta = ruleMetaOf(ruleId);
  return meta.mayBeChosen && (context?.keyFormat === undefined || !meta.randomForms.includes(context.keyFormat));
}

const slowCache = new Map<string, string>();
const SLOW_CACHE_LIMIT = 4096;

function slowFingerprintOf(ruleId: RuleId, secret: string): string {
  const key = `${ruleId}\u0000${secret}`;
  const cached = slowCache.get(key);
  if (cached !== undefined) return cached;
  const { N, r, p, salt } = SLOW_FINGERPRINT;
  const value = nodeCrypto().scryptSync(secret, `${salt}${ruleId}`, 32, { N, r, p, maxmem: 64 * 1024 * 1024 }).toString('hex');
  if (slowCache.size >= SLOW_CACHE_LIMIT) slowCache.clear();
  slowCache.set(key, value);
  return value;
}

/**
 * The fingerprint published for a finding of `ruleId` whose decoded secret is `secret`. Pass the
 * finding's context when there is one: without it a client secret takes the slow scheme.
 */
export function fingerprintOf(ruleId: RuleId, secret: string, context?: Pick<FindingContext, 'keyFormat'>): string {
  return needsSlowFingerprint(ruleId, context) ? slowFingerprintOf(ruleId, secret) : legacyFingerprintOf(ruleId, secret);
}
