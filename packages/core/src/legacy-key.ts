import { BASE64, LEGACY_LAST_CHAR } from './charclass.js';

/** A legacy access key: 32 random bytes in standard base64, 43 characters then `=`. */
export const LEGACY_KEY_LENGTH = 44;
export const LEGACY_KEY_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/**
 * Other Azure services tag their 32-byte keys: characters 34-37 (1-based) hold a service
 * signature and character 38 is in [A-P]. Such a key belongs to that service, not SignalR.
 */
export const OTHER_SERVICE_SIGNATURES: Readonly<Record<string, string>> = {
  '+ASb': 'Azure Service Bus',
  '+AEh': 'Azure Event Hubs',
  '+ARm': 'Azure Relay',
  AIoT: 'Azure IoT',
  AzFu: 'Azure Functions',
  '+ASt': 'Azure Storage',
  ACDb: 'Azure Cosmos DB',
  AzCa: 'Azure Cache for Redis',
  AzSe: 'Azure AI Search',
  '+ABa': 'Azure Batch',
  '+AMC': 'Azure Machine Learning',
  '+ACR': 'Azure Container Registry',
  '+SQL': 'Azure SQL',
  APIM: 'Azure API Management',
};

/** The service that tagged this 44-character key, if another service did. */
export function otherServiceOf(key: string): string | undefined {
  const signature = key.slice(33, 37);
  const marker = key.charCodeAt(37);
  if (marker < 65 || marker > 80) return undefined; // 'A'..'P'
  return OTHER_SERVICE_SIGNATURES[signature];
}

/** Structure of a 44-character key: base64 alphabet, canonical 43rd char, `=` padding. */
export function isLegacyKeyShape(key: string): boolean {
  if (key.length !== LEGACY_KEY_LENGTH || key.charCodeAt(43) !== 61) return false;
  for (let i = 0; i < 43; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128 || BASE64[c] !== 1) return false;
  }
  const last = key.charCodeAt(42);
  return last < 128 && LEGACY_LAST_CHAR[last] === 1;
}

/** The signature another service wrote into this 44-character key (`+ASb`), if it carries a known one. */
export function signatureOf(key: string): string | undefined {
  return otherServiceOf(key) === undefined ? undefined : key.slice(33, 37);
}

/** A legacy key that could be SignalR's (or Web PubSub's): right shape, no other service's tag. */
export function isLegacyAccessKey(key: string): boolean {
  return isLegacyKeyShape(key) && otherServiceOf(key) === undefined;
}
