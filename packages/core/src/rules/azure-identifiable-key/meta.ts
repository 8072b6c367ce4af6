import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-identifiable-key',
  title: 'Azure identifiable key (other service)',
  description:
    "An 84-character identifiable key (common annotated security key: the JQQJ99 anchor and a valid Marvin32 checksum) of an Azure service other than SignalR and Web PubSub: the provider signature at characters 77-80 names it (ACOG Azure AI services / Azure OpenAI, AZEG Event Grid, AZSE Azure AI Search, APIM API Management, AZFU Functions, ACDB Cosmos DB, AZSB Service Bus, AZEH Event Hubs, AZRL Relay, AZST Storage; any other signature: an Azure service). Needs no evidence.",
  references: [
    'https://github.com/microsoft/security-utilities',
    'https://learn.microsoft.com/azure/ai-services/authentication',
  ],
  severity: { level: 'error', securitySeverity: 8.5 },
  service: 'azure',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['identifiable'],
  placeholder: '<azure-key>',
} as const satisfies RuleMetadata;
