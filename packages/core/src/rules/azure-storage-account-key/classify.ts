import { hasSeededChecksum } from '../../seeded-checksum.js';
import type { Classify } from '../types.js';
import { CHECKSUM_SEEDS, STORAGE_SIGNATURE } from './evidence.js';
import { AZURITE_ACCOUNT_KEY } from './published-keys.js';

/**
 * A Storage account key: one Storage signed (checked by its checksum), or a connection string's
 * AccountKey when the string is Storage's: a Storage host, or an AccountName with the
 * protocol or endpoint suffix (certain), or an AccountName alone (likely). Cosmos DB's strings
 * (AccountEndpoint) are not Storage's.
 */
export const classify: Classify = (candidate) => {
  if (candidate.form !== 'key-64' || candidate.secret === AZURITE_ACCOUNT_KEY) return undefined;
  if (candidate.provider !== undefined) {
    return candidate.provider === STORAGE_SIGNATURE && hasSeededChecksum(candidate.secret, CHECKSUM_SEEDS) ? 'high' : undefined;
  }
  if (candidate.property !== 'accountkey') return undefined;
  if (candidate.service !== undefined && candidate.service !== 'storage') return undefined;
  const properties = candidate.properties ?? new Set<string>();
  if (properties.has('accountendpoint')) return undefined;
  if (candidate.service === 'storage') return 'high';
  if (!properties.has('accountname')) return undefined;
  return properties.has('defaultendpointsprotocol') || properties.has('endpointsuffix') ? 'high' : 'medium';
};
