import { detectors } from '../rules/index.js';
import type { RuleService } from '../rules/types.js';
import {
  breakChecksum,
  breakSeededChecksum,
  generateBase64Key64,
  generateSignedAzureKey,
  generateEntraClientSecret,
  generateIdentifiableKey,
  generateLegacyKey,
  generateNonCanonicalKey,
  generateOtherServiceKey,
} from './keygen.js';

/**
 * Fixture and sample tokens: `{{KG:<kind>:<seed>}}` or `{{KG:<kind>:<seed>:<encoding>}}`.
 * kinds: legacy, asrs, awps, asrs-badsum, awps-badsum, entra, noncanonical, svc-<signature>,
 * ident-<provider>, ident-<provider>-badsum; the sibling services' keys: sb, eh, relay (32 bytes,
 * signed), storage, cosmos (64 bytes, signed), each also `-badsum`; key64 (64 bytes, unsigned);
 * azurite, cosmos-emulator (the published development keys, whatever the seed).
 * encodings: json (`\/` and `\u002B`), url (`%2B` `%2F` `%3D`).
 * A slice `@<from>-<to>` (`{{KG:legacy:a@0-20}}`, `{{KG:legacy:a:json@20-99}}`) writes only
 * characters [from, to) of the written key: a key split across literals or wrapped lines is
 * written as two tokens of the same key, and never whole.
 *
 * Base64 blocks: `{{B64:<text>:B64}}` (standard alphabet, padded) or `{{B64URL:<text>:B64}}`
 * (URL-safe, unpadded) stand for the base64 of `<text>` once its tokens are expanded; a block
 * may hold blocks (a secret encoded twice). A fixture thus never holds a key, even encoded.
 */

/** The signed sibling keys: byte length, signature, checksum seed. */
const SIGNED: Readonly<Record<string, [32 | 64, string, string]>> = {
  sb: [32, '+ASb', 'Send0000'],
  eh: [32, '+AEh', 'Listen00'],
  relay: [32, '+ARm', 'Manage00'],
  storage: [64, '+ASt', 'Default0'],
  cosmos: [64, 'ACDb', 'MastRW00'],
};
export const TOKEN_PATTERN = /\{\{KG:([a-zA-Z0-9+-]+):([A-Za-z0-9_-]+)(?::(json|url))?(?:@(\d+)-(\d+))?\}\}/g;

export function generateForToken(kind: string, seed: string): string {
  if (kind === 'legacy') return generateLegacyKey(seed);
  if (kind === 'asrs') return generateIdentifiableKey(seed, 'ASRS');
  if (kind === 'awps') return generateIdentifiableKey(seed, 'AWPS');
  if (kind === 'asrs-badsum') return breakChecksum(generateIdentifiableKey(seed, 'ASRS'));
  if (kind === 'awps-badsum') return breakChecksum(generateIdentifiableKey(seed, 'AWPS'));
  if (kind === 'entra') return generateEntraClientSecret(seed);
  if (kind === 'noncanonical') return generateNonCanonicalKey(seed);
  if (Object.hasOwn(SIGNED, kind)) return generateSignedAzureKey(seed, ...SIGNED[kind]!);
  if (kind.endsWith('-badsum') && Object.hasOwn(SIGNED, kind.slice(0, -7))) return breakSeededChecksum(generateSignedAzureKey(seed, ...SIGNED[kind.slice(0, -7)]!));
  if (kind === 'key64') return generateBase64Key64(seed);
  if (kind === 'azurite') return publishedKeyOf('storage');
  if (kind === 'cosmos-emulator') return publishedKeyOf('cosmos-db');
  if (kind.startsWith('svc-')) return generateOtherServiceKey(seed, kind.slice(4));
  if (kind.startsWith('ident-') && kind.endsWith('-badsum')) return breakChecksum(generateIdentifiableKey(seed, kind.slice(6, -7)));
  if (kind.startsWith('ident-')) return generateIdentifiableKey(seed, kind.slice(6));
  throw new Error(`unknown key token kind: ${kind}`);
}

/** The published development key of the rule for `service` (Azurite's, the Cosmos DB emulator's). */
function publishedKeyOf(service: RuleService): string {
  const key = detectors.find((d) => d.service === service)?.publishedKeys?.[0];
  if (key === undefined) throw new Error(`no published key for ${service}`);
  return key;
}

export function encodeKey(key: string, encoding: 'json' | 'url' | undefined): string {
  if (encoding === 'json') return key.replaceAll('/', '\\/').replaceAll('+', '\\u002B');
  if (encoding === 'url') return key.replaceAll('%', '%25').replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D');
  return key;
}

/** An innermost base64 block (one that holds no other block). */
const BASE64_BLOCK = /\{\{B64(URL)?:((?:(?!\{\{B64)[\s\S])*?):B64\}\}/g;

/** Replaces every token with its generated (and encoded) key, then every base64 block by its encoding. */
export function expandTokens(text: string): string {
  let out = text.replace(TOKEN_PATTERN, (_m, kind: string, seed: string, encoding?: 'json' | 'url', from?: string, to?: string) => {
    const written = encodeKey(generateForToken(kind, seed), encoding);
    return from === undefined ? written : written.slice(Number(from), Number(to));
  });
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(BASE64_BLOCK, (_m, url: string | undefined, inner: string) => Buffer.from(inner, 'utf8').toString(url === undefined ? 'base64' : 'base64url'));
  }
  return out;
}

/** The decoded key a token stands for (what a finding's `secret` must equal), the whole key for a slice. */
export function secretOfToken(token: string): string {
  const m = new RegExp(TOKEN_PATTERN.source).exec(token);
  if (m === null) return token;
  return generateForToken(m[1]!, m[2]!);
}
