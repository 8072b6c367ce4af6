import { createHash } from 'node:crypto';
import type { RuleId } from './finding.js';

/**
 * A finding's identity: the rule and the secret, nothing about where it sits, so a baseline
 * survives edits, moves and re-encodings of the same key.
 */
export function fingerprintOf(ruleId: RuleId, secret: string): string {
  return createHash('sha256').update(`${ruleId}:${secret}`).digest('hex');
}
