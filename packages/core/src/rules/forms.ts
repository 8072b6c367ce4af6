import { IDENTIFIABLE_KEY_PATTERN, isIdentifiableKeyShape, providerOf } from '../identifiable-key.js';
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
