import type { RuleRemediation } from '../types.js';

export const remediation: RuleRemediation = {
  summary:
    "Regenerate the key in the Azure portal on the resource it belongs to (its provider signature, characters 77-80, names the service: ACOG Azure AI services, AZEG Event Grid, AZSB Service Bus, ...), update every configuration, then move to Microsoft Entra ID (managed identity) and disable key access where the service allows it.",
  where: 'Azure portal > the resource the key belongs to (its service is named by the provider signature) > Keys / Access keys > Regenerate',
  command: 'az resource list --name {resource} --output table',
  steps: [
    'Find the resource (az resource list --name {resource} --output table): the key\'s provider signature (characters 77-80) names the service (ACOG Azure AI services / Azure OpenAI, AZEG Event Grid, AZSE Azure AI Search, APIM API Management, AZFU Functions, ACDB Cosmos DB, AZSB Service Bus, AZEH Event Hubs, AZRL Relay, AZST Storage).',
    'Rotate the key: Azure portal > the resource {resource} > Keys / Access keys > Regenerate (move apps to the other key first), then update every configuration and restart.',
    'Then stop using keys: Microsoft Entra ID (managed identity) with a role on the resource, and disable key access where the service allows it.',
  ],
  short: 'regenerate it in the Azure portal (the resource {resource} > Keys) and move to Microsoft Entra ID',
};
