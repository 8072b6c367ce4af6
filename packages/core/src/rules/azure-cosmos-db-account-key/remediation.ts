import type { RuleRemediation } from '../types.js';

const command = 'az cosmosdb keys regenerate --name {resource} --resource-group <group> --key-kind primary|secondary|primaryReadonly|secondaryReadonly';

export const remediation: RuleRemediation = {
  summary:
    'Regenerate the key (az cosmosdb keys regenerate --name <account> --resource-group <group> --key-kind primary|secondary|primaryReadonly|secondaryReadonly), update every configuration, then move to Microsoft Entra ID (data-plane RBAC) and disable key-based authentication.',
  where: 'Azure portal > the Cosmos DB account > Settings > Keys > Regenerate',
  command,
  steps: [
    `Regenerate the key: ${command} (move apps to the other key first), then update every configuration and restart.`,
    'Then stop using account keys: Microsoft Entra ID with Cosmos DB data-plane roles, and set disableLocalAuth to true.',
  ],
  short: 'regenerate it (az cosmosdb keys regenerate --name {resource} ...) and move to Microsoft Entra ID',
};
