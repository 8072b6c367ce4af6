import type { RuleRemediation } from '../types.js';

const command = 'az signalr key renew --name {resource} --resource-group <group> --key-type primary|secondary';

export const remediation: RuleRemediation = {
  summary:
    'Regenerate the key (az signalr key renew --name <resource> --resource-group <group> --key-type primary|secondary), update every configuration, then move to Microsoft Entra ID (AuthType=azure.msi) and disable local auth.',
  where: 'Azure portal > the SignalR resource > Keys > Regenerate',
  command,
  steps: [
    `Rotate the key: ${command} (move apps to the other key first), then update every configuration and restart.`,
    'Then stop using keys: Microsoft Entra ID (AuthType=azure.msi) with the SignalR App Server role, and disable local auth.',
  ],
  short: 'rotate it (az signalr key renew --name {resource} ...) and move to Microsoft Entra ID',
};
