import { WEB_PUBSUB_STRONG_KEYWORDS } from '../../evidence.js';
import { identifiableForm, legacyForm } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureWebPubsubAccessKey: Detector = {
  ...meta,
  keywords: WEB_PUBSUB_STRONG_KEYWORDS,
  forms: [legacyForm, identifiableForm('AWPS')],
  confidenceLevels: ['high', 'medium', 'low'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
