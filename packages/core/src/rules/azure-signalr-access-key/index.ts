import { identifiableForm, legacyForm } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { SIGNALR_HOSTS, SIGNALR_KEYWORDS, SIGNALR_WEAK_KEYWORDS } from './evidence.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureSignalrAccessKey: Detector = {
  ...meta,
  keywords: SIGNALR_KEYWORDS,
  hosts: SIGNALR_HOSTS,
  weakKeywords: SIGNALR_WEAK_KEYWORDS,
  nameWords: ['signalr'],
  forms: [legacyForm, identifiableForm('ASRS')],
  confidenceLevels: ['high', 'medium', 'low'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
