/**
 * Fixture corpus: one folder per case, `input.<ext>` + `expected.json`: the input-format cases
 * under /fixtures, a rule's own cases in its folder (src/rules/<id>/fixtures/, see fixtureCases).
 * Inputs hold tokens (`{{KG:...}}`), never keys; keys are generated here at test time.
 *
 *   KEYGUARD_UPDATE_FIXTURES=1 npx vitest run --project core
 *
 * rewrites every expected.json's `findings` (other fields are kept). Review them by eye.
 * Without the flag the tests never write anything.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FixtureCase, fixtureCases } from '@keyguard/test-kit';
import { describe, expect, it } from 'vitest';
import { type Finding, type ScanOptions, scanText } from '../src/index.js';
import { keyPlaceholderReason } from '../src/placeholders.js';
import { TOKEN_PATTERN, expandTokens, secretOfToken } from '../src/testing/index.js';
import {
  KEY_SHAPED,
  type TextEncoding,
  byteOffsetOf,
  decodeSourceForm,
  encodeText,
  indexOfPosition,
  randomSizes,
  scanBytes,
  where,
} from './helpers.js';

const UPDATE = process.env.KEYGUARD_UPDATE_FIXTURES === '1';

interface ExpectedFinding {
  ruleId: Finding['ruleId'];
  confidence: Finding['confidence'];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  /** The token whose generated key the finding's secret must be. */
  secretToken: string;
  context: Finding['context'];
}

interface Expected {
  description: string;
  /** How the loader encodes the (UTF-8) input before streaming it. Default utf8, no BOM. */
  encode?: TextEncoding;
  options?: ScanOptions;
  findings: ExpectedFinding[];
}

interface Fixture {
  name: string;
  dir: string;
  inputFile: string;
  raw: string;
  text: string;
  encoding: TextEncoding;
  bytes: Buffer;
  expected: Expected;
}

function loadFixture({ name, dir }: FixtureCase): Fixture {
  const files = readdirSync(dir);
  const inputs = files.filter((f) => f.startsWith('input.'));
  if (inputs.length !== 1) throw new Error(`${name}: expected exactly one input.* file, found ${inputs.join(', ')}`);
  const inputFile = inputs[0]!;
  const raw = readFileSync(join(dir, inputFile), 'utf8');
  const expectedPath = join(dir, 'expected.json');
  const expected: Expected = existsSync(expectedPath)
    ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected)
    : { description: name, findings: [] };
  const encoding = expected.encode ?? 'utf8';
  const text = expandTokens(raw);
  return { name, dir, inputFile, raw, text, encoding, bytes: encodeText(text, encoding), expected };
}

const fixtures = fixtureCases().map(loadFixture);

/**
 * A secret written in pieces, its pieces put together: the glue between two literals runs from
 * one quote to the next (a key holds no quote), wrapped lines are joined at their breaks.
 */
function withoutGlue(written: string, joined: Finding['context']['joined']): string {
  if (joined === 'split-literal') return written.replace(/["'`][^"'`]*["'`]/g, '');
  if (joined === 'wrapped-line') return written.replace(/\r\n|\r|\n/g, '');
  return written;
}

function tokenOfSecret(fixture: Fixture, secret: string): string {
  for (const m of fixture.raw.matchAll(new RegExp(TOKEN_PATTERN.source, 'g'))) {
    if (secretOfToken(m[0]) === secret) return m[0].replace(/(?::(json|url))?(?:@\d+-\d+)?\}\}$/, '}}');
  }
  throw new Error(`${fixture.name}: finding for a secret no token produced (${secret.slice(0, 4)}…)`);
}

function serialize(fixture: Fixture, f: Finding): ExpectedFinding {
  return {
    ruleId: f.ruleId,
    confidence: f.confidence,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    offset: f.offset,
    length: f.length,
    secretToken: tokenOfSecret(fixture, f.secret),
    context: f.context,
  };
}

/**
 * Do base64 characters (whole 4-character groups of their run) decode to bytes that hold
 * `secret`, or (twice encoded) to base64 text one of whose runs does, at some alignment?
 */
function base64Holds(written: string, secret: string, depth: number): boolean {
  const decoded = Buffer.from(written, 'base64').toString('latin1');
  if (decoded.includes(secret)) return true;
  if (depth === 1) return false;
  const runs = decoded.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [];
  return runs.some((run) => [0, 1, 2, 3].some((skip) => base64Holds(run.slice(skip), secret, depth - 1)));
}

describe('fixture corpus', () => {
  // With the update flag, expected.json files are being (re)written by the tests below.
  it.skipIf(UPDATE)('has cases, each one folder with one input and an expected.json', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const f of fixtures) {
      expect(existsSync(join(f.dir, 'expected.json')), f.name).toBe(true);
      expect(readdirSync(f.dir).sort(), f.name).toEqual(['expected.json', f.inputFile].sort());
    }
  });

  it.skipIf(UPDATE)('covers positives and negatives', () => {
    const positives = fixtures.filter((f) => f.expected.findings.length > 0);
    const negatives = fixtures.filter((f) => f.expected.findings.length === 0);
    expect(positives.length).toBeGreaterThanOrEqual(15);
    expect(negatives.length).toBeGreaterThanOrEqual(12);
    for (const n of negatives) expect(n.name, 'negative cases are named neg-*').toMatch(/^neg-/);
  });

  it('keeps raw line endings (CRLF and CR fixtures are not normalised by git)', () => {
    const crlf = fixtures.filter((f) => f.name.includes('crlf'));
    expect(crlf.length).toBeGreaterThan(0);
    for (const f of crlf) expect(f.raw.split('\r\n').length, f.name).toBeGreaterThan(3);
    const cr = fixtures.filter((f) => f.name.includes('lone-cr'));
    for (const f of cr) expect(/\r(?!\n)/.test(f.raw) && !f.raw.includes('\n'), f.name).toBe(true);
  });
});

describe.each(fixtures.map((f) => [f.name, f] as const))('fixture %s', (_name, fixture) => {
  const options = fixture.expected.options;

  it('scanStream (whole input) matches expected.json', async () => {
    const findings = await scanBytes(fixture.bytes, () => fixture.bytes.length || 1, options);
    const actual = findings.map((f) => serialize(fixture, f));
    if (UPDATE) {
      const next: Expected = { ...fixture.expected, findings: actual };
      writeFileSync(join(fixture.dir, 'expected.json'), `${JSON.stringify(next, null, 2)}\n`);
      fixture.expected = next;
    }
    expect(actual).toEqual(fixture.expected.findings);
    for (const f of findings) expect(f.secret).toBe(secretOfToken(tokenOfSecret(fixture, f.secret)));
  });

  it('expected positions point at the secret as written (checked without the scanner)', () => {
    for (const e of fixture.expected.findings) {
      if (e.context.joined === undefined) expect(e.endLine).toBe(e.line);
      const index = indexOfPosition(fixture.text, e.line, e.column);
      const written = fixture.text.slice(index, indexOfPosition(fixture.text, e.endLine, e.endColumn));
      if (e.context.encoding === 'base64') expect(base64Holds(written, secretOfToken(e.secretToken), 2)).toBe(true);
      else expect(decodeSourceForm(withoutGlue(written, e.context.joined))).toBe(secretOfToken(e.secretToken));
      expect(e.offset).toBe(byteOffsetOf(fixture.text, index, fixture.encoding));
      const width = fixture.encoding.startsWith('utf16') ? 2 * written.length : Buffer.byteLength(written, 'utf8');
      expect(e.length).toBe(width);
      expect([...fixture.bytes.subarray(e.offset, e.offset + e.length)]).toEqual([
        ...encodeText(written, fixture.encoding).subarray(fixture.encoding === 'utf8' ? 0 : fixture.encoding === 'utf8bom' ? 3 : 2),
      ]);
    }
  });

  it('scanStream gives the same findings for every chunking', async () => {
    const whole = (await scanBytes(fixture.bytes, () => fixture.bytes.length || 1, options)).map(where);
    const sizings: [string, () => number][] = [
      ['1 byte', () => 1],
      ['3 bytes', () => 3],
      ['random 1-16', randomSizes(1, 1, 16)],
      ['random 1-64', randomSizes(2, 1, 64)],
      ['random 1-1024', randomSizes(3, 1, 1024)],
    ];
    for (const [label, size] of sizings) {
      expect((await scanBytes(fixture.bytes, size, options)).map(where), label).toEqual(whole);
    }
  });

  it('scanText agrees with expected.json', () => {
    const findings = scanText(fixture.text, options);
    const bomBytes = fixture.encoding === 'utf8bom' ? 3 : 0;
    expect(findings.map((f) => ({ ...serialize(fixture, f), offset: 0, length: 0 }))).toEqual(
      fixture.expected.findings.map((e) => ({ ...e, offset: 0, length: 0 })),
    );
    if (!fixture.encoding.startsWith('utf16')) {
      expect(findings.map((f) => [f.offset + bomBytes, f.length])).toEqual(fixture.expected.findings.map((e) => [e.offset, e.length]));
    }
  });

  it('raw input (tokens, not keys) yields no finding and holds nothing key-shaped', async () => {
    const strict: ScanOptions = { minConfidence: 'low', inlineIgnore: false };
    expect(scanText(fixture.raw, strict)).toEqual([]);
    expect(await scanBytes(Buffer.from(fixture.raw, 'utf8'), () => 4096, strict)).toEqual([]);
    for (const pattern of KEY_SHAPED) {
      for (const m of fixture.raw.matchAll(pattern)) {
        // Only public, visibly fake values (emulator, docs, low diversity, sequences) may be written out.
        expect(keyPlaceholderReason(m[0]), `${fixture.name}: key-shaped literal ${m[0].slice(0, 6)}…`).toBeDefined();
      }
    }
  });
});

describe('negative fixtures fail for the stated reason', () => {
  // The same text with the defect removed (a clean key instead of a tagged, non-canonical or
  // badly summed one) must be found: so each negative case rejects what it claims to reject.
  const repaired: [string, (raw: string) => string, number][] = [
    ['neg-signature-tagged-keys', (raw) => raw.replace(/\{\{KG:svc-[^:]+:/g, '{{KG:legacy:'), 14],
    ['neg-noncanonical-padding', (raw) => raw.replaceAll('{{KG:noncanonical:', '{{KG:legacy:'), 2],
    ['neg-broken-checksums', (raw) => raw.replaceAll('-badsum:', ':').replace(/ident-[A-Z]{4}/g, 'asrs'), 5],
    ['neg-sri-html', (raw) => raw.replace(/sha\d+-/g, 'accessKey='), 2],
    ['neg-integrity-hashes', (raw) => raw.replace(/sha256[-:]/g, ''), 2],
    ['neg-longer-base64-runs', (raw) => raw.replace('QQ{{', '{{').replace('+QUJD', '').replace('}}AAAA', '}}'), 3],
    ['neg-split-literal-samples', (raw) => raw.replace('}}", "{{', '}}" + "{{'), 1],
  ];
  it.each(repaired)('%s', (name, repair, count) => {
    const fixture = fixtures.find((f) => f.name === name);
    expect(fixture, name).toBeDefined();
    expect(scanText(expandTokens(fixture!.raw), { minConfidence: 'low' })).toEqual([]);
    expect(scanText(expandTokens(repair(fixture!.raw)), { minConfidence: 'low' })).toHaveLength(count);
  });
});
