import type { RuleId } from './finding.js';
import { type JoinedMatch, MAX_RUN_REACH, matchesInRun } from './joined-runs.js';
import type { DecodeValue } from './matcher.js';
import { splitLiteralRuns } from './split-literals.js';
import { wrappedLineRuns } from './wrapped-lines.js';

/**
 * How far past a window's range joins are looked for: a secret starting in the range may cross
 * its first join this much later (the longest key, 88 characters, split into many literals).
 */
export const JOIN_SLACK = 256;

/**
 * The text after a window's range and before it that joined scans read: joins up to JOIN_SLACK
 * late, runs reaching MAX_RUN_REACH from them, and their context (joined-runs.ts).
 */
export const JOINED_LOOKAHEAD = JOIN_SLACK + MAX_RUN_REACH + 1024;
export const JOINED_LOOKBEHIND = MAX_RUN_REACH + 1024;

/**
 * Secrets written in pieces (split literals, wrapped console lines) whose first character lies
 * in [from, to), each once, in source order. `text` must hold JOINED_LOOKBEHIND characters
 * before `from` (or start the source) and JOINED_LOOKAHEAD after `to` (or end it).
 */
export function findJoinedMatches(text: string, from: number, to: number, enabled: ReadonlySet<RuleId>, decode: DecodeValue): JoinedMatch[] {
  const joinsTo = Math.min(text.length, to + JOIN_SLACK);
  const runs = [...splitLiteralRuns(text, from, joinsTo), ...wrappedLineRuns(text, from, joinsTo)];
  if (runs.length === 0) return [];
  const seen = new Set<number>();
  const out: JoinedMatch[] = [];
  for (const run of runs) {
    for (const match of matchesInRun(text, run, enabled, decode)) {
      if (match.start < from || match.start >= to || seen.has(match.start)) continue;
      seen.add(match.start);
      out.push(match);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Bytes of a base64 key as written (base64 and the escapes' `%` and `\\`). */
const KEY_BYTE = (() => {
  const t = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/%\\') t[c.charCodeAt(0)] = 1;
  return t;
})();
/** The longest piece of a key before its padding: a 64-byte key's 86 characters. */
const LONGEST_KEY_PIECE = 86;

/**
 * Is some `=` the padding of a key's last piece: after at most LONGEST_KEY_PIECE key bytes that
 * follow a quote or a line break? Every key written in pieces has one (an identifiable key has
 * no padding, but the pre-filter already passes any text holding its signature; a client secret
 * is passed for its `ClientSecret=`, an identifiable key cut inside its signature is looked for
 * apart). Reads the bytes as they are: no string is made.
 */
function hasPaddedPiece(bytes: Uint8Array): boolean {
  for (let eq = bytes.indexOf(61); eq !== -1; eq = bytes.indexOf(61, eq + 1)) {
    let k = eq;
    while (k > 0 && eq - k < LONGEST_KEY_PIECE && KEY_BYTE[bytes[k - 1]!] === 1) k--;
    const before = k > 0 ? bytes[k - 1]! : -1;
    if (before === 34 || before === 39 || before === 96 || before === 10 || before === 13) return true;
  }
  return false;
}

/** How a piece may end inside an identifiable key's signature `JQQJ9` (cut after J, JQ, JQQ or JQQJ): its last letter, then a quote or a break. */
const SIGNATURE_PIECE_ENDS = ['J', 'Q'].flatMap((last) => ['"', "'", '`', '\n', '\r'].map((end) => Buffer.from(last + end, 'latin1')));

/**
 * Might an identifiable key be split inside its signature (which the pre-filter then misses)?
 * Its first piece ends in J or Q, then a quote or a line break.
 */
const mayCutSignature = (bytes: Buffer): boolean => SIGNATURE_PIECE_ENDS.some((end) => bytes.includes(end));

/**
 * Could a secret written in pieces be in `bytes` (UTF-8)? False lets scanBytes skip a source
 * the pre-filter cleared: most sources fail the padding test, the rest look for runs.
 */
export function mayHoldJoinedSecret(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!hasPaddedPiece(bytes) && !mayCutSignature(buffer)) return false;
  const text = buffer.toString('latin1');
  return splitLiteralRuns(text, 0, text.length).length > 0 || wrappedLineRuns(text, 0, text.length).length > 0;
}
