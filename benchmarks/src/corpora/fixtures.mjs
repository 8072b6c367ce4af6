// The repo's fixture cases (one folder per case: input.<ext> + expected.json; fixtures/ and each rule's folder), with tokens expanded by
// expandTokens into a temp copy in the cache. Truth: the expected findings' lines.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandTokens } from '@keyguard/core/testing';
import { fixtureCases } from '@keyguard/test-kit';
import { WORK_DIR } from '../paths.mjs';

/**
 * @param {string} text
 * @param {string} encoding
 */
function encodeText(text, encoding) {
  if (encoding === 'utf8bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf16be') {
    const b = Buffer.from(text, 'utf16le');
    b.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  }
  return Buffer.from(text, 'utf8');
}

/** Expands fixtures into WORK_DIR/fixtures; returns { root, cases, positives: [{file,line,ruleId}], negativesCases }. */
export function prepareFixtures() {
  // The input-format cases of fixtures/ and each rule's own (its folder's fixtures/).
  const cases = fixtureCases();
  if (cases.length === 0) return undefined;
  const root = join(WORK_DIR, 'fixtures');
  rmSync(root, { recursive: true, force: true });
  /** @type {{ file: string, line: number, ruleId: string, form: string }[]} */
  const positives = [];
  let negativeCases = 0;
  let options = 0;
  let excluded = 0;
  for (const { name, dir } of cases) {
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    if (!input) continue;
    const expectedPath = join(dir, 'expected.json');
    /** @type {{ options?: object, encode?: string, findings: { line: number, ruleId: string }[] }} */
    const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : { findings: [] };
    // Cases that set options test those options; the scan runs with defaults, so their
    // expectations are left out of the truth (negative cases stay: nothing may be reported).
    if (expected.options) options++;
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, input), encodeText(expandTokens(readFileSync(join(dir, input), 'utf8')), expected.encode ?? 'utf8'));
    const file = `${name}/${input}`;
    if (expected.findings.length === 0) negativeCases++;
    if (expected.options) excluded += expected.findings.length;
    else for (const f of expected.findings) positives.push({ file, line: f.line, ruleId: f.ruleId, form: f.ruleId });
  }
  return { root, files: cases.length, cases: cases.length, positives, negativeCases, casesWithOptions: options, excludedForOptions: excluded };
}
