import type { Detector } from '../types.js';
import { classify } from './classify.js';
import { meta } from './meta.js';
import { remediation } from './remediation.js';
import { samples } from './samples.js';

export const azureSignalrClientSecret: Detector = {
  ...meta,
  // Its connection strings are SignalR's and Web PubSub's: their rules name the hosts.
  keywords: [],
  hosts: [],
  forms: [
    {
      name: 'client-secret',
      description: 'Any non-placeholder ClientSecret value; high confidence when it has the Entra secret shape (3 chars, a digit, Q~, 31-34 chars).',
      pattern: /^[^;]{8,}$/,
      validate: (secret) => secret.trim().length >= 8,
    },
  ],
  confidenceLevels: ['high', 'medium'],
  classify,
  remediation: remediation.summary,
  advice: remediation,
  samples,
};
