import type { Confidence } from '../finding.js';
import type { Candidate } from './types.js';

/**
 * How sure an access-key finding is, from its evidence (shared by the access-key rules): a
 * checksum-verified identifiable key or a connection string with its endpoint is certain; a
 * connection string without one, an access-key name or a service keyword is likely; a weak word
 * nearby is possible. A legacy key whose endpoint is loopback is possible only: local emulators
 * and simulators take any key (an identifiable key's checksum still makes it certain).
 */
export function accessKeyConfidence(candidate: Candidate): Confidence {
  if (candidate.form === 'legacy' && candidate.loopback === true) return 'low';
  switch (candidate.evidence) {
    case 'checksum':
    case 'signature':
    case 'connection-string-endpoint':
      return 'high';
    case 'connection-string':
    case 'assigned-name':
    case 'keyword':
      return 'medium';
    case 'weak-keyword':
      return 'low';
  }
}
