import { KEY64_PATTERN, isKey64Shape } from '../../key-64.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { STORAGE_HOSTS, STORAGE_SIGNATURE } from './evidence.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureStorageAccountKey: Detector = {
  ...meta,
  keywords: [],
  hosts: STORAGE_HOSTS,
  forms: [
    {
      name: 'key-64',
      description: `88-character base64 key (64 bytes): a storage connection string's AccountKey, or a key signed ${STORAGE_SIGNATURE} at characters 77-80 with a valid Marvin32 checksum.`,
      pattern: KEY64_PATTERN,
      validate: isKey64Shape,
    },
  ],
  confidenceLevels: ['high', 'medium'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
