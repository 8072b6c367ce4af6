import { SIGNALR_STRONG_KEYWORDS } from '../../evidence.js';
import { identifiableForm, legacyForm } from '../forms.js';
import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureSignalrAccessKey: Detector = {
  ...meta,
  keywords: ['accesskey', ...SIGNALR_STRONG_KEYWORDS],
  forms: [legacyForm, identifiableForm('ASRS')],
  confidenceLevels: ['high', 'medium', 'low'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
