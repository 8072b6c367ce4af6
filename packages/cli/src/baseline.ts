import path from 'node:path';
import { isRuleId, type RuleId } from '@keyguard/core/option-values';
import { UsageError } from './exit-codes.js';
import { occurrencesOf } from './aggregate.js';
import type { ReportedFinding, ScanOutcome } from './outcome.js';
import { maskedExcerpt, OWN_FILE_LIMITS, OwnFileError, parseOwnJson, readOwnFile } from './own-files.js';

/** One accepted finding: where, which rule, which secret (by fingerprint only). */
export interface BaselineEntry {
  path: string;
  ruleId: RuleId;
  fingerprint: string;
}

/** The baseline file: versioned, sorted, no lines, no timestamps, never a secret. */
export interface BaselineFile {
  version: 1;
  entries: BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const keyOf = (e: Pick<BaselineEntry, 'path' | 'ruleId' | 'fingerprint'>): string => `${e.path}\u0000${e.ruleId}\u0000${e.fingerprint}`;

/** The baseline for these findings: one entry per (path, rule, fingerprint), sorted. */
export function createBaseline(findings: readonly Pick<ReportedFinding, 'path' | 'ruleId' | 'fingerprint'>[]): BaselineFile {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) byKey.set(keyOf(f), { path: f.path, ruleId: f.ruleId, fingerprint: f.fingerprint });
  return { version: 1, entries: [...byKey.values()].sort(compareEntries) };
}

export function formatBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Checks baseline JSON. Accepts the baseline file (`{ version: 1, entries }`) and, for
 * convenience, a keyguard JSON report (`{ version: 1, findings }`).
 */
export async function parseBaseline(text: string, file: string): Promise<BaselineFile> {
  const fail = (why: string): never => {
    throw new UsageError(`baseline ${file}: ${why}`);
  };
  const parsed = await parseOwnJson(text);
  if ('error' in parsed) return fail(parsed.error);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected an object with "version" and "entries"');
  const obj = value as Record<string, unknown>;
  if (obj.version !== 1) return fail(`$.version: expected 1, got ${typeof obj.version === 'string' ? `"${maskedExcerpt(obj.version, 0)}"` : JSON.stringify(obj.version)}`);
  const key = Array.isArray(obj.entries) ? 'entries' : Array.isArray(obj.findings) ? 'findings' : undefined;
  if (key === undefined) return fail('$.entries: expected an array');
  const list = obj[key] as unknown[];
  const entries: BaselineEntry[] = list.map((item, i) => {
    const at = `$.${key}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail(`${at}: expected an object`);
    const e = item as Record<string, unknown>;
    if (typeof e.path !== 'string' || e.path === '') return fail(`${at}.path: expected a non-empty string`);
    if (!isRuleId(e.ruleId)) return fail(`${at}.ruleId: unknown rule id ${typeof e.ruleId === 'string' ? `"${maskedExcerpt(e.ruleId, 0)}"` : JSON.stringify(e.ruleId)}`);
    if (typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) return fail(`${at}.fingerprint: expected 64 lower-case hex digits`);
    return { path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint };
  });
  return createBaseline(entries);
}

export async function loadBaseline(file: string, cwd: string): Promise<BaselineFile> {
  let text: string | undefined;
  try {
    text = readOwnFile(path.resolve(cwd, file), OWN_FILE_LIMITS.baseline);
  } catch (error) {
    if (error instanceof OwnFileError) throw new UsageError(`baseline ${file}: ${error.reason}`);
    throw error;
  }
  if (text === undefined) throw new UsageError(`baseline ${file}: cannot read (no such file)`);
  return parseBaseline(text, file);
}

/** Drops findings the baseline lists and counts them as suppressed. The one place a baseline applies. */
export function applyBaseline(outcome: ScanOutcome, baseline: BaselineFile | undefined): ScanOutcome {
  if (baseline === undefined) return outcome;
  const known = new Set(baseline.entries.map(keyOf));
  // A baseline written before the slow scheme holds a client secret's sha256 fingerprint:
  // accepted on read; `keyguard baseline` writes the new one.
  const listed = (f: ReportedFinding): boolean =>
    known.has(keyOf(f)) || (f.legacyFingerprint !== undefined && known.has(keyOf({ ...f, fingerprint: f.legacyFingerprint })));
  const findings = outcome.findings.filter((f) => !listed(f));
  return { ...outcome, findings, suppressed: outcome.suppressed + (occurrencesOf(outcome.findings) - occurrencesOf(findings)) };
}
