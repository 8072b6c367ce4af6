import { LEGACY_LAST_CHAR, BASE64 } from './charclass.js';
import { type ConnectionContext, connectionContextAround } from './connection-context.js';
import { namesOtherAzureHost } from './connection-string.js';
import {
  WEAK_KEYWORDS,
  assignedName,
  evidenceWindow,
  firstKeyword,
  isAccessKeyName,
  isOtherServiceName,
  strongEvidence,
  type Service,
} from './evidence.js';
import { continuesBase64, paddingAt, readBase64Backward } from './escapes.js';
import type { Confidence, FindingContext, RuleId, SecretEncoding } from './finding.js';
import {
  IDENTIFIABLE_ANCHOR,
  IDENTIFIABLE_KEY_LENGTH,
  IDENTIFIABLE_SIGNATURE_OFFSET,
  isIdentifiableKeyShape,
  providerOf,
} from './identifiable-key.js';
import { isLegacyAccessKey } from './legacy-key.js';
import { ENTRA_SECRET_SHAPE, keyPlaceholderReason, secretPlaceholderReason } from './placeholders.js';

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

/** The longest source span a secret can take (an 84-char key, or 44 with every char escaped). */
export const MAX_SECRET_SPAN = 44 * 6;

const ruleFor = (service: Service): RuleId =>
  service === 'web-pubsub' ? 'azure-web-pubsub-access-key' : 'azure-signalr-access-key';

function connectionFields(cs: ConnectionContext | undefined, context: FindingContext): FindingContext {
  if (cs === undefined) return context;
  if (cs.endpoint !== undefined) context.endpoint = cs.endpoint;
  if (cs.resourceName !== undefined) context.resourceName = cs.resourceName;
  if (cs.authType !== undefined) context.authType = cs.authType;
  if (cs.propertyName !== undefined) context.keyword = cs.propertyName;
  return context;
}

const HASH_PREFIX = /(?:sha(?:1|224|256|384|512)|md5)[-:_]$/i;

/** Decide whether a structurally valid legacy key is a SignalR / Web PubSub finding. */
function classifyLegacyKey(text: string, start: number, end: number, key: string, encoding: SecretEncoding): RawMatch | undefined {
  if (!isLegacyAccessKey(key) || keyPlaceholderReason(key) !== undefined) return undefined;
  if (HASH_PREFIX.test(text.slice(Math.max(0, start - 7), start))) return undefined; // integrity digests
  const context: FindingContext = { keyFormat: 'legacy' };
  if (encoding !== 'plain') context.encoding = encoding;
  const cs = connectionContextAround(text, start, end, key, 'accesskey');
  const window = evidenceWindow(text, start, end);
  const strong = strongEvidence(window.lower);
  const named = strong?.service;

  if (cs !== undefined) {
    if (cs.service === 'other-azure') return undefined;
    const service: Service = cs.service === 'web-pubsub' ? 'web-pubsub' : cs.service === 'signalr' ? 'signalr' : (named ?? 'signalr');
    const confidence: Confidence = cs.endpoint !== undefined && cs.host !== undefined ? 'high' : 'medium';
    return { start, end, ruleId: ruleFor(service), confidence, secret: key, context: connectionFields(cs, context) };
  }

  const name = assignedName(text, start);
  if (name !== undefined && isOtherServiceName(name)) return undefined;
  if (name !== undefined && isAccessKeyName(name)) {
    context.keyword = name;
    const service = strongEvidence(name.toLowerCase())?.service ?? (/pubsub/i.test(name) ? 'web-pubsub' : named);
    return { start, end, ruleId: ruleFor(service ?? 'signalr'), confidence: 'medium', secret: key, context };
  }
  if (strong !== undefined) {
    context.keyword = window.text.slice(strong.at, strong.at + strong.length);
    return { start, end, ruleId: ruleFor(strong.service), confidence: 'medium', secret: key, context };
  }
  // Weak words near another Azure service's host speak of that service's keys, not SignalR's.
  if (namesOtherAzureHost(window.lower)) return undefined;
  const weak = firstKeyword(window.lower, WEAK_KEYWORDS);
  if (weak !== undefined) {
    context.keyword = weak;
    const service: Service = weak.includes('pubsub') ? 'web-pubsub' : 'signalr';
    return { start, end, ruleId: ruleFor(service), confidence: 'low', secret: key, context };
  }
  return undefined;
}

function legacyMatchAt(text: string, padAt: number): RawMatch | undefined {
  const last = text.charCodeAt(padAt - 1);
  if (last >= 128 || LEGACY_LAST_CHAR[last] !== 1) return undefined;
  const padding = paddingAt(text, padAt);
  if (padding === undefined) return undefined;
  const run = readBase64Backward(text, padAt, 43);
  if (run === undefined) return undefined;
  const end = padAt + padding.width;
  if (continuesBase64(text, end)) return undefined;
  const encoding: SecretEncoding = run.encoding !== 'plain' ? run.encoding : padding.encoding;
  return classifyLegacyKey(text, run.start, end, `${run.value}=`, encoding);
}

function identifiableMatchAt(text: string, anchorAt: number): RawMatch | undefined {
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
  const provider = providerOf(key);
  if (provider !== 'ASRS' && provider !== 'AWPS') return undefined;
  const context: FindingContext = { keyFormat: 'identifiable' };
  connectionFields(connectionContextAround(text, start, end, key, 'accesskey'), context);
  return { start, end, ruleId: ruleFor(provider === 'AWPS' ? 'web-pubsub' : 'signalr'), confidence: 'high', secret: key, context };
}

const VALUE_END = (c: number): boolean =>
  c === 59 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || Number.isNaN(c);

const CLIENT_SECRET = 'clientsecret';

/** Is `ClientSecret` (any casing, then optional blanks) written just before index `eqAt`? */
function isClientSecretBefore(text: string, eqAt: number): boolean {
  let i = eqAt;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i < CLIENT_SECRET.length || (text.charCodeAt(i - 1) | 32) !== 116 /* t */) return false;
  return text.slice(i - CLIENT_SECRET.length, i).toLowerCase() === CLIENT_SECRET;
}

function clientSecretMatchAt(text: string, eqAt: number, eqWidth: number, decode: DecodeValue): RawMatch | undefined {
  let i = eqAt + eqWidth;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const start = i;
  while (i < text.length && i - start < 512 && !VALUE_END(text.charCodeAt(i)) && !text.startsWith('%3B', i) && !text.startsWith('%3b', i)) i++;
  let end = i;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end <= start) return undefined;
  const raw = text.slice(start, end);
  const secret = raw.includes('%') ? raw.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
  // Judge the characters the source holds (a UTF-8 '…' is three latin1 characters here).
  if (secretPlaceholderReason(decode(secret)) !== undefined) return undefined;
  const cs = connectionContextAround(text, start, end, secret, 'clientsecret');
  if (cs === undefined) return undefined;
  const authType = cs.authType?.toLowerCase();
  if (authType !== 'azure.app' && authType !== 'aad') return undefined;
  if (cs.service === 'other-azure') return undefined;
  const entra = ENTRA_SECRET_SHAPE.test(secret);
  const context = connectionFields(cs, { keyFormat: entra ? 'entra-client-secret' : 'client-secret' });
  if (secret !== raw) context.encoding = 'url-encoded';
  return { start, end, ruleId: 'azure-signalr-client-secret', confidence: entra ? 'high' : 'medium', secret, context };
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
  const wantKeys = enabled.has('azure-signalr-access-key') || enabled.has('azure-web-pubsub-access-key');
  const wantClientSecrets = enabled.has('azure-signalr-client-secret');
  const push = (m: RawMatch | undefined): void => {
    if (m !== undefined) matches.push(m);
  };

  // One pass over '=' serves both the legacy key's padding and `ClientSecret=`; the character
  // before '=' rejects almost every hit at the cost of one load.
  for (let at = text.indexOf('=', from); at !== -1 && at < to; at = text.indexOf('=', at + 1)) {
    const last = text.charCodeAt(at - 1);
    if (last < 128 && LEGACY_LAST_CHAR[last] === 1) {
      if (wantKeys) push(legacyMatchAt(text, at));
    } else if (wantClientSecrets && ((last | 32) === 116 || last === 32 || last === 9) && isClientSecretBefore(text, at)) {
      push(clientSecretMatchAt(text, at, 1, decode));
    }
  }
  // Encoded '=' (`%3D`, `\u003D`): rare, so their own passes cost little.
  const encodedPads: number[] = [];
  collectAnchors(text, '%3', from, to, encodedPads);
  collectAnchors(text, '\\u003', from, to, encodedPads);
  for (const pad of encodedPads) {
    if (paddingAt(text, pad) === undefined) continue;
    if (wantKeys) push(legacyMatchAt(text, pad));
    if (wantClientSecrets && text.charCodeAt(pad) === 37 && isClientSecretBefore(text, pad)) push(clientSecretMatchAt(text, pad, 3, decode));
  }
  if (wantKeys) {
    for (let at = text.indexOf(IDENTIFIABLE_ANCHOR, from); at !== -1 && at < to; at = text.indexOf(IDENTIFIABLE_ANCHOR, at + 1)) {
      push(identifiableMatchAt(text, at));
    }
  }
  matches.sort((a, b) => a.start - b.start);
  return matches.filter((m) => enabled.has(m.ruleId));
}
