import { accessKeyConfidence } from '../access-key-confidence.js';
import type { Classify } from '../types.js';

/**
 * A SignalR access key: an identifiable key signed ASRS, or a legacy key whose evidence names
 * SignalR or no service at all (SignalR is the default: Web PubSub keys need Web PubSub evidence).
 * A key another service signed, or another property's value (`SharedAccessKey`), is not SignalR's.
 */
export const classify: Classify = (candidate) => {
  if (candidate.form === 'identifiable') return candidate.provider === 'ASRS' ? accessKeyConfidence(candidate) : undefined;
  if (candidate.form !== 'legacy' || candidate.provider !== undefined) return undefined;
  if (candidate.property !== undefined && candidate.property !== 'accesskey') return undefined;
  return candidate.service === undefined || candidate.service === 'signalr' ? accessKeyConfidence(candidate) : undefined;
};
