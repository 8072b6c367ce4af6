import { key64Form } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { STORAGE_HOSTS, STORAGE_SIGNATURE } from './evidence.js';
import { meta } from './meta.js';
import { AZURITE_ACCOUNT_KEY } from './published-keys.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureStorageAccountKey: Detector = {
  ...meta,
  keywords: [],
  hosts: STORAGE_HOSTS,
  forms: [key64Form(STORAGE_SIGNATURE, "a storage connection string's AccountKey")],
  confidenceLevels: ['high', 'medium'],
  classify,
  publishedKeys: [AZURITE_ACCOUNT_KEY],
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
