/**
 * Keyword evidence around a legacy key. The window is 300 characters on each side of the key,
 * Purview's proximity for sibling types; the assigned name is read on the key's own line.
 */
export const EVIDENCE_WINDOW = 300;

export type Service = 'signalr' | 'web-pubsub';

/** Host names and configuration names that only SignalR uses. */
export const SIGNALR_STRONG_KEYWORDS = [
  '.service.signalr.net',
  '.signalr.azure.cn',
  'azure:signalr',
  'azure__signalr',
  'azure_signalr',
  'azuresignalrconnectionstring',
  'signalrconnectionstring',
  'signalr_connection_string',
];

/** Host names and configuration names that only Web PubSub uses. */
export const WEB_PUBSUB_STRONG_KEYWORDS = [
  '.webpubsub.azure.com',
  '.webpubsub.azure.cn',
  'azure:webpubsub',
  'azure__webpubsub',
  'azure_webpubsub',
  'webpubsubconnectionstring',
  'webpubsub_connection_string',
];

/** Words that make a key-shaped value worth a low-confidence look, no more. */
export const WEAK_KEYWORDS = ['signalr', 'webpubsub', 'web pubsub', 'accesskey', 'access_key', 'access-key', 'primarykey', 'secondarykey', 'connectionstring'];

/** Names a value is assigned to that make it an access key. */
const ACCESS_KEY_NAME = /access[_-]?key/i;
/** Names of other services' keys, which a SignalR finding must never claim. */
const OTHER_SERVICE_NAME = /sharedaccesskey|accountkey|shared_access_key|account_key|\bsas\b|storagekey|primarymasterkey|masterkey/i;

export function firstKeyword(windowLower: string, needles: readonly string[]): string | undefined {
  return earliest(windowLower, needles)?.needle;
}

export interface EvidenceWindow {
  /** The original text of the window. */
  text: string;
  lower: string;
}

/** The text around a key, bounded by the evidence window. */
export function evidenceWindow(text: string, start: number, end: number): EvidenceWindow {
  const slice = text.slice(Math.max(0, start - EVIDENCE_WINDOW), Math.min(text.length, end + EVIDENCE_WINDOW));
  let lower = slice.toLowerCase();
  // 'İ' lower-cases to two characters: keep indexes aligned with `text` (keywords are ASCII).
  if (lower.length !== slice.length) lower = slice.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  return { text: slice, lower };
}

const NAME_BEFORE_VALUE: readonly RegExp[] = [
  // name = value, name: value, "name": "value", name => value, -Name value, { "Name", "value" }
  /([A-Za-z_$@][\w$.:-]*)["'`]?\]?\s*(?:=>|:=|::=|=|:|,|\s)\s*[@$]?["'`]?$/,
  // <Name>value or <add key="Name" value="
  /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*)?>\s*$/,
  /key\s*=\s*["']([^"']+)["']\s+value\s*=\s*["']$/i,
];

/** The name a value is assigned to on its own line (`accessKey: "…"`), if one is written. */
export function assignedName(text: string, start: number): string | undefined {
  let lineStart = start;
  const floor = Math.max(0, start - 200);
  while (lineStart > floor) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    lineStart--;
  }
  const before = text.slice(lineStart, start);
  for (const pattern of NAME_BEFORE_VALUE) {
    const match = pattern.exec(before);
    // `accessKey: "…"`: the name can swallow the YAML/JS colon; report it without.
    if (match?.[1] !== undefined) return match[1].replace(/:+$/, '');
  }
  return undefined;
}

export function isAccessKeyName(name: string): boolean {
  return ACCESS_KEY_NAME.test(name) && !OTHER_SERVICE_NAME.test(name);
}

export function isOtherServiceName(name: string): boolean {
  return OTHER_SERVICE_NAME.test(name);
}

export interface StrongEvidence {
  service: Service;
  /** Index of the keyword in the searched text. */
  at: number;
  length: number;
}

function earliest(textLower: string, needles: readonly string[]): { at: number; length: number; needle: string } | undefined {
  let found: { at: number; length: number; needle: string } | undefined;
  for (const needle of needles) {
    const at = textLower.indexOf(needle);
    if (at >= 0 && (found === undefined || at < found.at)) found = { at, length: needle.length, needle };
  }
  return found;
}

/** The host or configuration name that ties text to one service; SignalR wins a tie. */
export function strongEvidence(textLower: string): StrongEvidence | undefined {
  const signalr = earliest(textLower, SIGNALR_STRONG_KEYWORDS);
  if (signalr !== undefined) return { service: 'signalr', at: signalr.at, length: signalr.length };
  const pubsub = earliest(textLower, WEB_PUBSUB_STRONG_KEYWORDS);
  if (pubsub !== undefined) return { service: 'web-pubsub', at: pubsub.at, length: pubsub.length };
  return undefined;
}
