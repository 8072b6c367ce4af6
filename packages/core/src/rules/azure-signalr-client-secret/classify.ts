import type { Classify } from '../types.js';

/**
 * The ClientSecret of an AuthType=azure.app (or legacy aad) connection string: certain when it
 * has the shape Entra generates, likely otherwise. Any other AuthType carries no app secret.
 */
export const classify: Classify = (candidate) => {
  if (candidate.form !== 'client-secret') return undefined;
  // Another service's connection string (its host says so) is not an app credential of these.
  if (candidate.service !== undefined && candidate.service !== 'signalr' && candidate.service !== 'web-pubsub') return undefined;
  if (candidate.authType !== 'azure.app' && candidate.authType !== 'aad') return undefined;
  return candidate.entraShape === true ? 'high' : 'medium';
};
