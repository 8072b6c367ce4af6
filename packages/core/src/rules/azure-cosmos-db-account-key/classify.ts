import { hasSeededChecksum } from '../../seeded-checksum.js';
import type { Classify } from '../types.js';
import { CHECKSUM_SEEDS, COSMOS_DB_SIGNATURE } from './evidence.js';
import { EMULATOR_ACCOUNT_KEY } from './published-keys.js';

/**
 * A Cosmos DB account key: one Cosmos DB signed (checked by its checksum), or a connection
 * string's AccountKey, certain when its AccountEndpoint is a Cosmos DB host, likely when it is
 * another (a gateway, a private host).
 */
export const classify: Classify = (candidate) => {
  if (candidate.form !== 'key-64' || candidate.secret === EMULATOR_ACCOUNT_KEY) return undefined;
  if (candidate.provider !== undefined) {
    return candidate.provider === COSMOS_DB_SIGNATURE && hasSeededChecksum(candidate.secret, CHECKSUM_SEEDS) ? 'high' : undefined;
  }
  if (candidate.property !== 'accountkey') return undefined;
  if (candidate.service === 'cosmos-db') return 'high';
  return candidate.service === undefined && candidate.properties?.has('accountendpoint') === true ? 'medium' : undefined;
};
