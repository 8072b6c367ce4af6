import { LEGACY_KEY_PATTERN, isLegacyKeyShape } from '../../legacy-key.js';
import type { Detector } from '../types.js';
import { classify, serviceOf } from './classify.js';
import { SERVICE_BUS_HOSTS, SIGNATURE_SERVICES } from './evidence.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureServiceBusSharedAccessKey: Detector = {
  ...meta,
  keywords: [],
  hosts: SERVICE_BUS_HOSTS,
  forms: [
    {
      name: 'legacy',
      description: `44-character base64 key (32 bytes): a connection string's SharedAccessKey, or a key signed ${Object.keys(SIGNATURE_SERVICES).join(', ')} at characters 34-37 with a valid Marvin32 checksum.`,
      pattern: LEGACY_KEY_PATTERN,
      validate: isLegacyKeyShape,
    },
  ],
  confidenceLevels: ['high', 'medium'],
  classify,
  serviceOf,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
