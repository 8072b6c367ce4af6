import { IDENTIFIABLE_KEY_PATTERN, isIdentifiableKeyShape, providerOf } from '../../identifiable-key.js';
import type { Detector, SecretForm } from '../types.js';
import { classify, serviceOfProvider } from './classify.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

const otherProviderForm: SecretForm = {
  name: 'identifiable',
  description:
    '84-character identifiable key (common annotated security key) with a valid Marvin32 checksum and a provider signature other than ASRS and AWPS. Needs no evidence.',
  pattern: IDENTIFIABLE_KEY_PATTERN,
  validate: (key) => isIdentifiableKeyShape(key) && providerOf(key) !== 'ASRS' && providerOf(key) !== 'AWPS',
};

export const azureIdentifiableKey: Detector = {
  ...meta,
  keywords: [],
  hosts: [],
  forms: [otherProviderForm],
  confidenceLevels: ['high'],
  classify,
  serviceOf: (candidate) => (candidate.provider === undefined ? undefined : serviceOfProvider(candidate.provider)),
  remediation: remediation.summary,
  advice: remediation,
  samples,
};

export { PROVIDER_SERVICES, serviceOfProvider } from './classify.js';
