import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_RULE_IDS, detectors, isRuleId, remediationFor, rotationFor, ruleOf, rules, shortRemediation } from '../src/index.js';
import { ALL_RULE_IDS as OPTION_RULE_IDS, isRuleId as isOptionRuleId } from '../src/option-values.js';
import type { Candidate } from '../src/rules/types.js';

// Issue 14: one folder per rule, one registry, everything derived from it.
const RULES_DIR = new URL('../src/rules/', import.meta.url);
const folders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('rule registry', () => {
  it('has one folder per rule, each with its metadata, remediation, samples and classify', () => {
    expect(folders).toEqual([...ALL_RULE_IDS].sort());
    for (const id of folders) {
      const files = readdirSync(new URL(`${id}/`, RULES_DIR));
      expect(files).toEqual(expect.arrayContaining(['classify.ts', 'index.ts', 'meta.ts', 'remediation.ts', 'samples.ts']));
      // Beyond those, only what names its service (evidence.ts), its published non-secrets
      // (published-keys.ts) and its own fixture cases (fixtures/).
      expect(files.filter((f) => !['classify.ts', 'index.ts', 'meta.ts', 'remediation.ts', 'samples.ts', 'evidence.ts', 'published-keys.ts', 'fixtures'].includes(f))).toEqual([]);
    }
  });

  it('derives ids, option checks and rule lookups from the same list', () => {
    expect(rules.map((r) => r.id)).toEqual([...ALL_RULE_IDS]);
    expect(detectors.map((d) => d.id)).toEqual([...ALL_RULE_IDS]);
    expect(OPTION_RULE_IDS).toEqual(ALL_RULE_IDS);
    for (const id of ALL_RULE_IDS) {
      expect(isRuleId(id) && isOptionRuleId(id)).toBe(true);
      expect(ruleOf(id).id).toBe(id);
    }
    expect(isRuleId('no-such-rule')).toBe(false);
    expect(isRuleId('constructor')).toBe(false);
  });

  it.each(ALL_RULE_IDS.map((id) => [id]))('%s: words and remediation', (id) => {
    const rule = ruleOf(id);
    expect(rule.title).not.toBe('');
    expect(rule.placeholder).toMatch(/^<[a-z-]+>$/);
    expect(rule.advice.steps.length).toBeGreaterThan(0);
    for (const context of [{}, { resourceName: 'chat-prod' }, { resourceName: 'x$(id)' }]) {
      const texts = [...remediationFor({ ruleId: id, context }), shortRemediation({ ruleId: id, context }), rotationFor({ ruleId: id, context }).command];
      for (const text of texts) {
        expect(text).not.toContain('{resource}');
        expect(text).not.toContain('$(id)');
      }
    }
    // The summary (SARIF help, docs) names no resource at all.
    expect(rule.remediation).not.toContain('{resource}');
  });

  it('each candidate is claimed by at most one rule', () => {
    const candidates: Candidate[] = [];
    for (const service of ['signalr', 'web-pubsub', undefined] as const) {
      for (const evidence of ['connection-string-endpoint', 'connection-string', 'assigned-name', 'keyword', 'weak-keyword'] as const) {
        candidates.push({ form: 'legacy', secret: 'x', service, evidence });
      }
      for (const authType of ['azure.app', 'aad', 'azure', 'azure.msi', undefined]) {
        for (const entraShape of [true, false]) candidates.push({ form: 'client-secret', secret: 'x', service, evidence: 'connection-string-endpoint', authType, entraShape });
      }
    }
    for (const provider of ['ASRS', 'AWPS', 'ABCD']) candidates.push({ form: 'identifiable', secret: 'x', service: undefined, evidence: 'checksum', provider });
    for (const candidate of candidates) {
      const claims = detectors.filter((d) => d.classify(candidate) !== undefined);
      expect(claims.length, JSON.stringify(candidate)).toBeLessThanOrEqual(1);
      for (const d of claims) expect(d.confidenceLevels).toContain(d.classify(candidate));
    }
  });
});
