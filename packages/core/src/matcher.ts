import { LEGACY_LAST_CHAR, BASE64 } from './charclass.js';
import { type ConnectionContext, REGION_REACH, connectionContextAround } from './connection-context.js';
import { KNOWN_PROPERTIES, isLoopbackHost } from './connection-string.js';
import { EVIDENCE_WINDOW, GENERIC_WEAK_KEYWORDS, assignedName, evidenceWindow, isAccessKeyName, isOtherServiceName } from './evidence.js';
import { continuesBase64, paddingAt, readBase64Backward } from './escapes.js';
import type { Confidence, FindingContext, RuleId, SecretEncoding } from './finding.js';
import {
  IDENTIFIABLE_ANCHOR,
  IDENTIFIABLE_KEY_LENGTH,
  IDENTIFIABLE_SIGNATURE_OFFSET,
  isIdentifiableKeyShape,
  providerOf,
} from './identifiable-key.js';
import { KEY64_DATA_LENGTH, isKey64LastChar, key64SignatureOf } from './key-64.js';
import { isLegacyKeyShape, signatureOf } from './legacy-key.js';
import { NearbyWords, Word } from './nearby-words.js';
import { detectors } from './rules/index.js';
import type { Candidate, Detector, SecretForm } from './rules/types.js';
import { ENTRA_SECRET_SHAPE, keyPlaceholderReason, secretPlaceholderReason } from './placeholders.js';
import { namedHostService, serviceOfName, strongEvidence, weakEvidence } from './services.js';

/** Turns a value read from the scanned text into the source's characters (see text-model). */
export type DecodeValue = (value: string) => string;

/** A match inside one text window, before positions and options are applied. */
export interface RawMatch {
  /** Index of the secret's first source character in the window. */
  start: number;
  /** Index just past the secret's last source character. */
  end: number;
  ruleId: RuleId;
  confidence: Confidence;
  secret: string;
  context: FindingContext;
}

/** The longest source span a secret can take (88 characters, every one escaped). */
export const MAX_SECRET_SPAN = 88 * 6;

/** The longest ClientSecret value read (source characters). */
export const MAX_CLIENT_SECRET_SPAN = 512;

/**
 * How far before a candidate the word index is asked for evidence words beyond the evidence
 * window itself: a word the index records may hide another that starts up to this much later.
 */
const WORD_SLACK = 16;

/** What every candidate of one findMatches call shares. */
interface Scan {
  text: string;
  decode: DecodeValue;
  /** Built on the first candidate that gets past the shape checks (most windows have none). */
  words: NearbyWords | undefined;
  /** A ClientSecret value read earlier found no end of value in [openFrom, openTo). */
  openFrom: number;
  openTo: number;
  /** An '=' already known to follow `ClientSecret` (seen as the previous candidate's "value"). */
  clientSecretEqAt: number;
}

const wordsOf = (scan: Scan): NearbyWords => (scan.words ??= new NearbyWords(scan.text));

const isBase64 = (c: number): boolean => c < 128 && BASE64[c] === 1;
/** Finds where a run of base64 characters ends (a regex reads a long run faster than a loop). */
const NOT_BASE64 = /[^A-Za-z0-9+/]/g;

/**
 * The rules that may claim each key form, in rule-id order. The engine finds candidates and
 * their evidence; the first rule whose `classify` claims one makes the finding (rules/<id>/classify.ts).
 */
const RULES_BY_FORM: Readonly<Record<SecretForm['name'], readonly Detector[]>> = {
  legacy: detectors.filter((d) => d.forms.some((f) => f.name === 'legacy')),
  identifiable: detectors.filter((d) => d.forms.some((f) => f.name === 'identifiable')),
  'key-64': detectors.filter((d) => d.forms.some((f) => f.name === 'key-64')),
  'client-secret': detectors.filter((d) => d.forms.some((f) => f.name === 'client-secret')),
};
const KEY_RULES: readonly RuleId[] = [...new Set([...RULES_BY_FORM.legacy, ...RULES_BY_FORM.identifiable].map((d) => d.id))];
const KEY64_RULES: readonly RuleId[] = RULES_BY_FORM['key-64'].map((d) => d.id);
const CLIENT_SECRET_RULES: readonly RuleId[] = RULES_BY_FORM['client-secret'].map((d) => d.id);

/** The finding the first rule to claim `candidate` makes of it, or undefined when none does. */
function decide(candidate: Candidate, start: number, end: number, secret: string, context: FindingContext): RawMatch | undefined {
  for (const rule of RULES_BY_FORM[candidate.form]) {
    const confidence = rule.classify(candidate);
    if (confidence === undefined) continue;
    const service = rule.serviceOf?.(candidate);
    if (service !== undefined) context.service = service;
    return { start, end, ruleId: rule.id, confidence, secret, context };
  }
  return undefined;
}

/** A candidate that is a connection string's property value. */
function fromConnectionString(form: Candidate['form'], secret: string, cs: ConnectionContext, service: Candidate['service']): Candidate {
  const candidate: Candidate = {
    form,
    secret,
    service,
    evidence: cs.endpoint !== undefined && cs.host !== undefined ? 'connection-string-endpoint' : 'connection-string',
    property: cs.property,
    properties: new Set(cs.parsed.properties.keys()),
  };
  if (cs.scheme !== undefined) candidate.scheme = cs.scheme;
  if (cs.authType !== undefined) candidate.authType = cs.authType.toLowerCase();
  if (isLoopbackHost(cs.host)) candidate.loopback = true;
  return candidate;
}

function connectionFields(cs: ConnectionContext | undefined, context: FindingContext): FindingContext {
  if (cs === undefined) return context;
  if (cs.endpoint !== undefined) context.endpoint = cs.endpoint;
  if (cs.resourceName !== undefined) context.resourceName = cs.resourceName;
  if (cs.authType !== undefined) context.authType = cs.authType;
  if (cs.propertyName !== undefined) context.keyword = cs.propertyName;
  return context;
}

const HASH_PREFIX = /(?:sha(?:1|224|256|384|512)|md5)[-:_]$/i;

/**
 * Decide whether a structurally valid 44-character key is a finding, and whose. A key is a
 * candidate when it is a connection string's AccessKey or SharedAccessKey, when evidence words
 * (or an access-key name, which matches /access[_-]?key/i) lie within EVIDENCE_WINDOW of it, or
 * when it carries another service's signature (that service's rule checks its checksum). The
 * word index says in a few lookups when none can be, so the many key-shaped strings of a data
 * file (base64 blobs, hashes, tokens) cost no window reads at all.
 */
function classifyLegacyKey(scan: Scan, start: number, end: number, value: string, encoding: SecretEncoding): RawMatch | undefined {
  const key = `${value}=`;
  const provider = signatureOf(key);
  const words = wordsOf(scan);
  // A connection string names its AccessKey within its region (REGION_REACH either side), maybe escaped.
  const mayBeConnectionString = words.has(Word.AccessKey | Word.Escape, start - REGION_REACH, end + REGION_REACH);
  const mayHaveEvidence = provider === undefined && words.has(Word.Evidence, start - EVIDENCE_WINDOW - WORD_SLACK, end + EVIDENCE_WINDOW);
  if (!mayBeConnectionString && !mayHaveEvidence && provider === undefined) return undefined;
  if (!isLegacyKeyShape(key)) return undefined;
  const text = scan.text;
  if (keyPlaceholderReason(key) !== undefined) return undefined;
  if (HASH_PREFIX.test(text.slice(Math.max(0, start - 7), start))) return undefined; // integrity digests
  const context: FindingContext = { keyFormat: 'legacy' };
  if (encoding !== 'plain') context.encoding = encoding;
  const cs = mayBeConnectionString ? connectionContextAround(text, start, end, key, ['accesskey', 'sharedaccesskey']) : undefined;
  if (provider !== undefined) {
    // A key its service signed: that rule checks the checksum; a connection string only adds context.
    const candidate: Candidate = cs === undefined ? { form: 'legacy', secret: key, service: undefined, evidence: 'signature' } : { ...fromConnectionString('legacy', key, cs, cs.service), evidence: 'signature' };
    candidate.provider = provider;
    return decide(candidate, start, end, key, connectionFields(cs, context));
  }
  if (cs === undefined && !mayHaveEvidence) return undefined;
  // Without an evidence word in reach there is no strong keyword either.
  const window = mayHaveEvidence ? evidenceWindow(text, start, end) : undefined;
  const strong = window === undefined ? undefined : strongEvidence(window.lower);
  const named = strong?.service;

  if (cs !== undefined) {
    return decide(fromConnectionString('legacy', key, cs, cs.service ?? named), start, end, key, connectionFields(cs, context));
  }
  if (window === undefined) return undefined;

  const name = assignedName(text, start);
  if (name !== undefined && isOtherServiceName(name)) return undefined;
  if (name !== undefined && isAccessKeyName(name)) {
    context.keyword = name;
    const service = serviceOfName(name.toLowerCase()) ?? named;
    return decide({ form: 'legacy', secret: key, service, evidence: 'assigned-name' }, start, end, key, context);
  }
  if (strong !== undefined) {
    context.keyword = window.text.slice(strong.at, strong.at + strong.length);
    return decide({ form: 'legacy', secret: key, service: strong.service, evidence: 'keyword' }, start, end, key, context);
  }
  const weak = weakEvidence(window.lower, GENERIC_WEAK_KEYWORDS);
  if (weak === undefined) return undefined;
  context.keyword = weak.keyword;
  // Weak words near another Azure service's host speak of that service's keys.
  const service = namedHostService(window.lower) ?? weak.service;
  return decide({ form: 'legacy', secret: key, service, evidence: 'weak-keyword' }, start, end, key, context);
}

function legacyMatchAt(scan: Scan, padAt: number): RawMatch | undefined {
  const text = scan.text;
  const last = text.charCodeAt(padAt - 1);
  if (last >= 128 || LEGACY_LAST_CHAR[last] !== 1) return undefined;
  const padding = paddingAt(text, padAt);
  if (padding === undefined) return undefined;
  const run = readBase64Backward(text, padAt, 43);
  if (run === undefined) return undefined;
  const end = padAt + padding.width;
  if (continuesBase64(text, end)) return undefined;
  const encoding: SecretEncoding = run.encoding !== 'plain' ? run.encoding : padding.encoding;
  return classifyLegacyKey(scan, run.start, end, run.value, encoding);
}

function identifiableMatchAt(scan: Scan, anchorAt: number): RawMatch | undefined {
  const text = scan.text;
  const start = anchorAt - IDENTIFIABLE_SIGNATURE_OFFSET;
  const end = start + IDENTIFIABLE_KEY_LENGTH;
  if (start < 0 || end > text.length) return undefined;
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before < 128 && BASE64[before] === 1) return undefined;
  }
  if (continuesBase64(text, end)) return undefined;
  const key = text.slice(start, end);
  if (!isIdentifiableKeyShape(key)) return undefined;
  // The provider signature says whose key it is: a rule claims it before its context is read.
  const context: FindingContext = { keyFormat: 'identifiable' };
  const match = decide({ form: 'identifiable', secret: key, service: undefined, evidence: 'checksum', provider: providerOf(key) }, start, end, key, context);
  if (match === undefined) return undefined;
  if (wordsOf(scan).has(Word.AccessKey | Word.Escape, start - REGION_REACH, end + REGION_REACH)) {
    connectionFields(connectionContextAround(text, start, end, key, ['accesskey']), context);
  }
  return match;
}

/**
 * A 64-byte key (86 base64 characters, then `==`) whose second padding starts at `padAt` +
 * the first's width. A candidate only when it carries a service signature or is a connection
 * string's AccountKey: 88 base64 characters are also every SHA-512 digest's shape.
 */
function key64MatchAt(scan: Scan, padAt: number): RawMatch | undefined {
  const text = scan.text;
  const first = paddingAt(text, padAt);
  if (first === undefined) return undefined;
  const second = paddingAt(text, padAt + first.width);
  if (second === undefined) return undefined;
  const run = readBase64Backward(text, padAt, KEY64_DATA_LENGTH);
  if (run === undefined || !isKey64LastChar(run.value.charCodeAt(KEY64_DATA_LENGTH - 1))) return undefined;
  const end = padAt + first.width + second.width;
  if (continuesBase64(text, end)) return undefined;
  const start = run.start;
  const key = `${run.value}==`;
  const provider = key64SignatureOf(key);
  const mayBeConnectionString = wordsOf(scan).has(Word.AccountKey | Word.Escape, start - REGION_REACH, end + REGION_REACH);
  if (provider === undefined && !mayBeConnectionString) return undefined;
  if (keyPlaceholderReason(key) !== undefined) return undefined;
  if (HASH_PREFIX.test(text.slice(Math.max(0, start - 7), start))) return undefined; // integrity digests
  const cs = mayBeConnectionString ? connectionContextAround(text, start, end, key, ['accountkey']) : undefined;
  if (provider === undefined && cs === undefined) return undefined;
  const context: FindingContext = { keyFormat: 'key-64' };
  const encoding: SecretEncoding = run.encoding !== 'plain' ? run.encoding : first.encoding !== 'plain' ? first.encoding : second.encoding;
  if (encoding !== 'plain') context.encoding = encoding;
  const candidate: Candidate = cs === undefined ? { form: 'key-64', secret: key, service: undefined, evidence: 'signature' } : fromConnectionString('key-64', key, cs, cs.service);
  if (provider !== undefined) {
    candidate.provider = provider;
    candidate.evidence = 'signature';
  }
  return decide(candidate, start, end, key, connectionFields(cs, context));
}

const VALUE_END = (c: number): boolean =>
  c === 59 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || Number.isNaN(c);

const CLIENT_SECRET = 'clientsecret';

/** Is `ClientSecret` (any casing, then optional blanks) written just before index `eqAt`? */
function isClientSecretBefore(text: string, eqAt: number): boolean {
  let i = eqAt;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i >= CLIENT_SECRET.length && isClientSecretAt(text, i - CLIENT_SECRET.length);
}

/** Connection-string property names by length, for comparing in place. */
const PROPERTY_NAMES_BY_LENGTH: readonly (readonly string[])[] = (() => {
  const byLength: string[][] = [];
  for (const name of KNOWN_PROPERTIES) (byLength[name.length] ??= []).push(name);
  return byLength;
})();
const LONGEST_PROPERTY_NAME = PROPERTY_NAMES_BY_LENGTH.length - 1;
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

/** Is `ClientSecret` written at `i`, in any ASCII casing (the usual casing costs one compare)? */
function isClientSecretAt(text: string, i: number): boolean {
  return (text.charCodeAt(i) | 32) === 99 /* c */ && (text.startsWith('ClientSecret', i) || isWordAt(text, i, CLIENT_SECRET));
}

/** Is `word` (lower-case letters) written at `i`, in any ASCII casing? */
function isWordAt(text: string, i: number, word: string): boolean {
  for (let k = word.length - 1; k >= 0; k--) if ((text.charCodeAt(i + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** Is text[i, i + length) a connection-string property name, in any ASCII casing? */
function isPropertyNameAt(text: string, i: number, length: number): boolean {
  for (const name of PROPERTY_NAMES_BY_LENGTH[length] ?? []) if (isWordAt(text, i, name)) return true;
  return false;
}
/** A value that is itself `Name=…` with a connection-string property name, once decoded. */
const PROPERTY_ASSIGNMENT = new RegExp(`^\\s*(?:${KNOWN_PROPERTIES.join('|')})\\s*=`, 'i');

/**
 * Does `Name=` (or `Name%3D`, `Name\u003D`) start at `i`, Name being a connection-string
 * property? Then a ClientSecret "value" read from `i` is the next property of the string (as
 * in `ClientSecret=AuthType=azure.app;…` or `ClientSecret=` repeated), never a secret.
 */
function isPropertyAssignmentAt(scan: Scan, i: number): boolean {
  const text = scan.text;
  let j = i;
  // `ClientSecret=` repeated is the one flood this meets on every candidate: read it first.
  const clientSecret = isClientSecretAt(text, i) && !isAsciiLetter(text.charCodeAt(i + CLIENT_SECRET.length));
  if (clientSecret) j = i + CLIENT_SECRET.length;
  else {
    const limit = Math.min(text.length, i + LONGEST_PROPERTY_NAME + 1);
    while (j < limit && isAsciiLetter(text.charCodeAt(j))) j++;
    if (j === i || j === limit || !isPropertyNameAt(text, i, j - i)) return false;
  }
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  if (paddingAt(text, j) === undefined) return false;
  // The next candidate's name is this one, already read.
  if (clientSecret && text.charCodeAt(j) === 61) scan.clientSecretEqAt = j;
  return true;
}

function clientSecretMatchAt(scan: Scan, eqAt: number, eqWidth: number): RawMatch | undefined {
  const text = scan.text;
  let i = eqAt + eqWidth;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const start = i;
  if (isPropertyAssignmentAt(scan, start)) return undefined;
  // The secret must be an AuthType=azure.app (or aad) string's ClientSecret: no "authtype" within
  // the region the connection string is read from (escapes aside) means no finding.
  if (!wordsOf(scan).has(Word.AuthType | Word.Escape, start - REGION_REACH, start + MAX_CLIENT_SECRET_SPAN + REGION_REACH)) return undefined;
  // The value runs to a delimiter or MAX_CLIENT_SECRET_SPAN. Values read for earlier candidates
  // may already cover this one (`ClientSecret=x ClientSecret=x …`): skip what they read.
  const cap = Math.min(text.length, start + MAX_CLIENT_SECRET_SPAN);
  if (start >= scan.openFrom && start < scan.openTo) i = Math.min(scan.openTo, cap);
  while (i < cap && !VALUE_END(text.charCodeAt(i)) && !text.startsWith('%3B', i) && !text.startsWith('%3b', i)) i++;
  scan.openFrom = start;
  scan.openTo = i;
  let end = i;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end <= start) return undefined;
  const raw = text.slice(start, end);
  const secret = raw.includes('%') ? raw.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
  if (PROPERTY_ASSIGNMENT.test(secret)) return undefined;
  // Judge the characters the source holds (a UTF-8 '…' is three latin1 characters here).
  if (secretPlaceholderReason(scan.decode(secret)) !== undefined) return undefined;
  const cs = connectionContextAround(text, start, end, secret, ['clientsecret']);
  if (cs === undefined) return undefined;
  const entra = ENTRA_SECRET_SHAPE.test(secret);
  const candidate: Candidate = { ...fromConnectionString('client-secret', secret, cs, cs.service), entraShape: entra };
  const context: FindingContext = { keyFormat: entra ? 'entra-client-secret' : 'client-secret' };
  const match = decide(candidate, start, end, secret, context);
  if (match === undefined) return undefined;
  connectionFields(cs, context);
  if (secret !== raw) context.encoding = 'url-encoded';
  return match;
}

function collectAnchors(text: string, needle: string, from: number, to: number, out: number[]): void {
  let at = text.indexOf(needle, from);
  while (at !== -1 && at < to) {
    out.push(at);
    at = text.indexOf(needle, at + 1);
  }
}

/**
 * Every match whose anchor lies in [from, to). The text beyond `to` and before `from` is
 * context only: the caller keeps enough of it on both sides (see the stream scanner).
 */
export function findMatches(
  text: string,
  from: number,
  to: number,
  enabled: ReadonlySet<RuleId>,
  decode: DecodeValue = (value) => value,
): RawMatch[] {
  const matches: RawMatch[] = [];
  const wantKeys = KEY_RULES.some((id) => enabled.has(id));
  const wantKeys64 = KEY64_RULES.some((id) => enabled.has(id));
  const wantClientSecrets = CLIENT_SECRET_RULES.some((id) => enabled.has(id));
  const scan: Scan = { text, decode, words: undefined, openFrom: 0, openTo: 0, clientSecretEqAt: -1 };
  const push = (m: RawMatch | undefined): void => {
    if (m !== undefined) matches.push(m);
  };

  // One pass over '=' serves both the legacy key's padding and `ClientSecret=`; the character
  // before '=' rejects almost every hit at the cost of one load.
  for (let at = text.indexOf('=', from); at !== -1 && at < to; at = text.charCodeAt(at + 1) === 61 ? afterEqualsRun(text, at + 1, to) : text.indexOf('=', at + 1)) {
    const last = text.charCodeAt(at - 1);
    if (last < 128 && LEGACY_LAST_CHAR[last] === 1) {
      if (wantKeys) push(legacyMatchAt(scan, at));
      // A 64-byte key's last character is one of a legacy key's, and two paddings follow it.
      if (wantKeys64 && isKey64LastChar(last) && text.charCodeAt(at + 1) === 61) push(key64MatchAt(scan, at));
    } else if (wantClientSecrets && ((last | 32) === 116 || last === 32 || last === 9) && (at === scan.clientSecretEqAt || isClientSecretBefore(text, at))) {
      push(clientSecretMatchAt(scan, at, 1));
    }
  }
  // Encoded '=' (`%3D`, `\u003D`): rare, so their own passes cost little.
  const encodedPads: number[] = [];
  collectAnchors(text, '%3', from, to, encodedPads);
  collectAnchors(text, '\\u003', from, to, encodedPads);
  for (const pad of encodedPads) {
    const padding = paddingAt(text, pad);
    if (padding === undefined) continue;
    if (wantKeys) push(legacyMatchAt(scan, pad));
    if (wantKeys64) push(key64MatchAt(scan, pad));
    if (wantClientSecrets && text.charCodeAt(pad) === 37 && isClientSecretBefore(text, pad)) push(clientSecretMatchAt(scan, pad, 3));
  }
  if (wantKeys) {
    for (let at = text.indexOf(IDENTIFIABLE_ANCHOR, from); at !== -1 && at < to; ) {
      // A key is a whole run of base64 characters, IDENTIFIABLE_KEY_LENGTH long with the anchor
      // at IDENTIFIABLE_SIGNATURE_OFFSET, so a run holds one key at most, starting where the run
      // does: only that anchor is looked at, and the search goes on after the run (a run of
      // `JQQJ99` repeated is read once, not once per anchor).
      NOT_BASE64.lastIndex = at + IDENTIFIABLE_ANCHOR.length;
      const runEnd = NOT_BASE64.exec(text)?.index ?? text.length;
      const keyStart = at - IDENTIFIABLE_SIGNATURE_OFFSET;
      let runStart = at;
      while (runStart > 0 && runStart > keyStart - 1 && isBase64(text.charCodeAt(runStart - 1))) runStart--;
      if (runStart >= keyStart) {
        // The run starts at or after this anchor's key: the run's one possible key starts with it.
        const anchor = runStart + IDENTIFIABLE_SIGNATURE_OFFSET;
        if (anchor < to && text.startsWith(IDENTIFIABLE_ANCHOR, anchor)) push(identifiableMatchAt(scan, anchor));
      }
      at = text.indexOf(IDENTIFIABLE_ANCHOR, runEnd);
    }
  }
  matches.sort((a, b) => a.start - b.start);
  return matches.filter((m) => enabled.has(m.ruleId));
}

/**
 * The first '=' after the run of '=' that starts at `i`, or -1 (before `to`). A run of '=' would
 * cost an indexOf call per character, and an '=' right after '=' is no candidate (neither a
 * key's last character nor `ClientSecret`).
 */
function afterEqualsRun(text: string, i: number, to: number): number {
  while (i < to && text.charCodeAt(i) === 61) i++;
  return i >= to ? -1 : text.indexOf('=', i);
}
