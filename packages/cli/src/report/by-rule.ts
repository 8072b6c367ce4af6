import { remediationFor, type RuleId, rules } from '@keyguard/core';
import type { ReportedFinding, ScanOutcome } from '../outcome.js';
import { occurrencesOf } from '../aggregate.js';

/** One rule's findings, as the pretty and Markdown reports give each rule's steps once. */
export interface RuleGroup {
  rule: (typeof rules)[number];
  findings: ReportedFinding[];
  /** Every resource name the findings give (raw scanned data: escape before printing). */
  resourceNames: string[];
  /** The rule's steps, naming the resource when all the findings that name one name the same. */
  steps: string[];
}

/** The findings grouped by rule, in the rules' order. */
export function groupByRule(findings: readonly ReportedFinding[]): RuleGroup[] {
  const byRule = new Map<RuleId, ReportedFinding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list === undefined) byRule.set(f.ruleId, [f]);
    else list.push(f);
  }
  const groups: RuleGroup[] = [];
  for (const rule of rules) {
    const list = byRule.get(rule.id);
    if (list === undefined) continue;
    const resourceNames = [...new Set(list.map((f) => f.context.resourceName).filter((n): n is string => n !== undefined))];
    const steps = remediationFor({ ruleId: rule.id, context: resourceNames.length === 1 ? { resourceName: resourceNames[0]! } : {} });
    groups.push({ rule, findings: list, resourceNames, steps });
  }
  return groups;
}

/** The counts every report's summary gives, repeats included. */
export function summaryCounts(outcome: ScanOutcome): { files: number; bytes: number; findings: number; suppressed: number; skipped: number; ignored: number; missing: number } {
  return {
    files: outcome.files,
    bytes: outcome.bytes,
    findings: occurrencesOf(outcome.findings),
    suppressed: outcome.suppressed,
    skipped: outcome.skipped.length,
    ignored: outcome.ignored,
    // git objects the repository does not have (partial clone, damage): part of `skipped`
    missing: outcome.skipped.filter((s) => s.reason === 'missing').length,
  };
}
