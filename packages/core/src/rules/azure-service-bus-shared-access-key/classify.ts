import { hasSeededChecksum } from '../../seeded-checksum.js';
import type { Candidate, Classify } from '../types.js';
import { CHECKSUM_SEEDS, SIGNATURE_SERVICES } from './evidence.js';

/**
 * A Service Bus, Event Hubs or Relay key: one its service signed (checked by its checksum), or a
 * connection string's SharedAccessKey, certain when the string names a namespace host or the
 * `sb://` scheme. Keys found by words alone are not claimed: SharedAccessKey names no service.
 */
export const classify: Classify = (candidate) => {
  if (candidate.form !== 'legacy') return undefined;
  if (candidate.provider !== undefined) {
    return Object.hasOwn(SIGNATURE_SERVICES, candidate.provider) && hasSeededChecksum(candidate.secret, CHECKSUM_SEEDS) ? 'high' : undefined;
  }
  if (candidate.property !== 'sharedaccesskey') return undefined;
  if (candidate.service !== undefined && candidate.service !== 'service-bus') return undefined;
  return candidate.service === 'service-bus' || candidate.scheme === 'sb' ? 'high' : 'medium';
};

/** The service a signed key names; unsigned keys may be any of the three. */
export const serviceOf = (candidate: Candidate): string | undefined =>
  candidate.provider !== undefined && Object.hasOwn(SIGNATURE_SERVICES, candidate.provider) ? SIGNATURE_SERVICES[candidate.provider] : undefined;
