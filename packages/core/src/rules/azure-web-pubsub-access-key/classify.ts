import { accessKeyConfidence } from '../access-key-confidence.js';
import type { Classify } from '../types.js';

/** A Web PubSub access key: an identifiable key signed AWPS, or a legacy key whose evidence names Web PubSub. */
export const classify: Classify = (candidate) => {
  if (candidate.form === 'identifiable') return candidate.provider === 'AWPS' ? accessKeyConfidence(candidate) : undefined;
  if (candidate.form !== 'legacy' || candidate.provider !== undefined) return undefined;
  if (candidate.property !== undefined && candidate.property !== 'accesskey') return undefined;
  return candidate.service === 'web-pubsub' ? accessKeyConfidence(candidate) : undefined;
};
