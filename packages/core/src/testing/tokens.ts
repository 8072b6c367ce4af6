import {
  breakChecksum,
  generateEntraClientSecret,
  generateIdentifiableKey,
  generateLegacyKey,
  generateNonCanonicalKey,
  generateOtherServiceKey,
} from './keygen.js';

/**
 * Fixture and sample tokens: `{{KG:<kind>:<seed>}}` or `{{KG:<kind>:<seed>:<encoding>}}`.
 * kinds: legacy, asrs, awps, asrs-badsum, awps-badsum, entra, noncanonical, svc-<signature>,
 * ident-<provider>, ident-<provider>-badsum. encodings: json (`\/` and `\u002B`), url (`%2B` `%2F` `%3D`).
 */
export const TOKEN_PATTERN = /\{\{KG:([a-zA-Z0-9+-]+):([A-Za-z0-9_-]+)(?::(json|url))?\}\}/g;

export function generateForToken(kind: string, seed: string): string {
  if (kind === 'legacy') return generateLegacyKey(seed);
  if (kind === 'asrs') return generateIdentifiableKey(seed, 'ASRS');
  if (kind === 'awps') return generateIdentifiableKey(seed, 'AWPS');
  if (kind === 'asrs-badsum') return breakChecksum(generateIdentifiableKey(seed, 'ASRS'));
  if (kind === 'awps-badsum') return breakChecksum(generateIdentifiableKey(seed, 'AWPS'));
  if (kind === 'entra') return generateEntraClientSecret(seed);
  if (kind === 'noncanonical') return generateNonCanonicalKey(seed);
  if (kind.startsWith('svc-')) return generateOtherServiceKey(seed, kind.slice(4));
  if (kind.startsWith('ident-') && kind.endsWith('-badsum')) return breakChecksum(generateIdentifiableKey(seed, kind.slice(6, -7)));
  if (kind.startsWith('ident-')) return generateIdentifiableKey(seed, kind.slice(6));
  throw new Error(`unknown key token kind: ${kind}`);
}

export function encodeKey(key: string, encoding: 'json' | 'url' | undefined): string {
  if (encoding === 'json') return key.replaceAll('/', '\\/').replaceAll('+', '\\u002B');
  if (encoding === 'url') return key.replaceAll('%', '%25').replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D');
  return key;
}

/** Replaces every token with its generated (and encoded) key. */
export function expandTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, (_m, kind: string, seed: string, encoding?: 'json' | 'url') =>
    encodeKey(generateForToken(kind, seed), encoding),
  );
}

/** The decoded key a token stands for (what a finding's `secret` must equal). */
export function secretOfToken(token: string): string {
  const m = new RegExp(TOKEN_PATTERN.source).exec(token);
  if (m === null) return token;
  return generateForToken(m[1]!, m[2]!);
}
