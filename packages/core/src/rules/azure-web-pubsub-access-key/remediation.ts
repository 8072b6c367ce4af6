import type { RuleRemediation } from '../types.js';

const command = 'az webpubsub key regenerate --name {resource} --resource-group <group> --key-type primary|secondary';

export const remediation: RuleRemediation = {
  summary:
    'Regenerate the key (az webpubsub key regenerate --name <resource> --resource-group <group> --key-type primary|secondary), update every configuration, then move to Microsoft Entra ID and disable local auth.',
  where: 'Azure portal > the Web PubSub resource > Keys > Regenerate',
  command,
  steps: [
    `Rotate the key: ${command}, then update every configuration and restart.`,
    'Then stop using keys: Microsoft Entra ID (managed identity) with the Web PubSub Service Owner role, and disable local auth.',
  ],
  short: 'rotate it (az webpubsub key regenerate --name {resource} ...) and move to Microsoft Entra ID',
};
