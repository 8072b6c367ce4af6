import type { Classify } from '../types.js';

/** Provider signatures whose keys other rules report (SignalR, Web PubSub). */
const CLAIMED_ELSEWHERE: ReadonlySet<string> = new Set(['ASRS', 'AWPS']);

/**
 * The Azure services whose identifiable-key provider signature (characters 77-80) is known.
 * Only signatures of the 84-character layout; the 44-character layout's (`+ASt`, `AzFu`, ...)
 * are other keys.
 */
export const PROVIDER_SERVICES: Readonly<Record<string, string>> = {
  ACOG: 'Azure AI services (Cognitive Services, Azure OpenAI)',
  AZEG: 'Azure Event Grid',
  AZSE: 'Azure AI Search',
  APIM: 'Azure API Management',
  AZFU: 'Azure Functions',
  ACDB: 'Azure Cosmos DB',
  AZSB: 'Azure Service Bus',
  AZEH: 'Azure Event Hubs',
  AZRL: 'Azure Relay',
  AZST: 'Azure Storage',
};

/** The service an identifiable key's provider signature names, or "an Azure service" when it is not known. */
export function serviceOfProvider(provider: string): string {
  return Object.hasOwn(PROVIDER_SERVICES, provider) ? PROVIDER_SERVICES[provider]! : 'an Azure service';
}

/**
 * Another Azure service's identifiable key: the engine hands over only keys whose shape and
 * Marvin32 checksum are valid; any provider signature but SignalR's and Web PubSub's is this rule's.
 */
export const classify: Classify = (candidate) => {
  if (candidate.form !== 'identifiable' || candidate.provider === undefined) return undefined;
  if (!/^[A-Z]{4}$/.test(candidate.provider) || CLAIMED_ELSEWHERE.has(candidate.provider)) return undefined;
  return candidate.evidence === 'checksum' ? 'high' : undefined;
};
