import { key64Form } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { COSMOS_DB_HOSTS, COSMOS_DB_SIGNATURE } from './evidence.js';
import { meta } from './meta.js';
import { EMULATOR_ACCOUNT_KEY } from './published-keys.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureCosmosDbAccountKey: Detector = {
  ...meta,
  keywords: [],
  hosts: COSMOS_DB_HOSTS,
  forms: [key64Form(COSMOS_DB_SIGNATURE, "a connection string's AccountKey beside its AccountEndpoint")],
  confidenceLevels: ['high', 'medium'],
  classify,
  publishedKeys: [EMULATOR_ACCOUNT_KEY],
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
