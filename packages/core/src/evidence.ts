/**
 * Keyword evidence around a key: the window and the name a value is assigned to. Which words name
 * which service is the rules' data (services.ts). The window is 300 characters on each side of the key,
 * Purview's proximity for sibling types; the assigned name is read on the key's own line.
 */
export const EVIDENCE_WINDOW = 300;

/**
 * Words that make a key-shaped value worth a low-confidence look and name no service (each rule
 * adds its own: `weakKeywords` in its folder).
 */
export const GENERIC_WEAK_KEYWORDS = ['accesskey', 'access_key', 'access-key', 'primarykey', 'secondarykey', 'connectionstring'];

/** Names a value is assigned to that make it an access key. */
const ACCESS_KEY_NAME = /access[_-]?key/i;
/** Names of other services' keys, which a SignalR finding must never claim. */
const OTHER_SERVICE_NAME = /sharedaccesskey|accountkey|shared_access_key|account_key|\bsas\b|storagekey|primarymasterkey|masterkey/i;

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
