import type { RuleRemediation } from '../types.js';

const command = 'az servicebus namespace authorization-rule keys renew --namespace-name {resource} --resource-group <group> --name <policy> --key PrimaryKey|SecondaryKey';

export const remediation: RuleRemediation = {
  summary:
    "Regenerate the policy's key (az servicebus namespace authorization-rule keys renew; for Event Hubs az eventhubs namespace authorization-rule keys renew; for Relay az relay namespace authorization-rule keys renew; an entity's own policy with the entity's authorization-rule command), update every configuration, then move to Microsoft Entra ID and disable local authentication.",
  where: 'Azure portal > the namespace (or entity) > Shared access policies > the policy > Regenerate primary or secondary key',
  command,
  steps: [
    `Regenerate the key of the policy the connection string names (SharedAccessKeyName): ${command} (Event Hubs: az eventhubs namespace authorization-rule keys renew; Relay: az relay namespace authorization-rule keys renew), then update every configuration and restart.`,
    'SAS tokens already issued with the key stay valid until they expire: regenerate both keys if tokens leaked too.',
    'Then stop using shared access keys: Microsoft Entra ID (managed identity) with the Data Sender / Data Receiver roles, and disable local authentication on the namespace.',
  ],
  short:
    'regenerate it (az servicebus namespace authorization-rule keys renew --namespace-name {resource} ...; az eventhubs or az relay for those namespaces) and move to Microsoft Entra ID',
};
