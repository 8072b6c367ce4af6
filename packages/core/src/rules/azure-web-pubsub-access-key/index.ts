import { identifiableForm, legacyForm } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { WEB_PUBSUB_HOSTS, WEB_PUBSUB_KEYWORDS, WEB_PUBSUB_WEAK_KEYWORDS } from './evidence.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureWebPubsubAccessKey: Detector = {
  ...meta,
  keywords: WEB_PUBSUB_KEYWORDS,
  hosts: WEB_PUBSUB_HOSTS,
  weakKeywords: WEB_PUBSUB_WEAK_KEYWORDS,
  nameWords: ['pubsub'],
  forms: [legacyForm, identifiableForm('AWPS')],
  confidenceLevels: ['high', 'medium', 'low'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
