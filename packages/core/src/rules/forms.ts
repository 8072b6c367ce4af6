import { IDENTIFIABLE_KEY_PATTERN, isIdentifiableKeyShape, providerOf } from '../identifiable-key.js';
import { KEY64_PATTERN, isKey64Shape } from '../key-64.js';
import { LEGACY_KEY_PATTERN, isLegacyAccessKey } from '../legacy-key.js';
import { keyPlaceholderReason } from '../placeholders.js';
import type { SecretForm } from './types.js';

export const legacyForm: SecretForm = {
  name: 'legacy',
  description:
    '44-character base64 access key (32 random bytes): 43rd character in AEIMQUYcgkosw048, no other Azure service signature at characters 34-37. Needs evidence.',
  pattern: LEGACY_KEY_PATTERN,
  validate: (key) => isLegacyAccessKey(key) && keyPlaceholderReason(key) === undefined,
};

export function identifiableForm(provider: 'ASRS' | 'AWPS'): SecretForm {
  return {
    name: 'identifiable',
    description: `84-character identifiable key (common annotated security key) with provider signature ${provider} and a valid Marvin32 checksum. Needs no evidence.`,
    pattern: IDENTIFIABLE_KEY_PATTERN,
    validate: (key) => isIdentifiableKeyShape(key) && providerOf(key) === provider,
  };
}

/** The 64-byte key form of a rule whose keys carry `signature` (Storage `+ASt`, Cosmos DB `ACDb`); `context` says where else it is found. */
export function key64Form(signature: string, context: string): SecretForm {
  return {
    name: 'key-64',
    description: `88-character base64 key (64 bytes): ${context}, or a key signed ${signature} at characters 77-80 with a valid Marvin32 checksum.`,
    pattern: KEY64_PATTERN,
    validate: isKey64Shape,
  };
}
