import type { RuleRemediation } from '../types.js';

const command = 'az storage account keys renew --account-name {resource} --resource-group <group> --key primary|secondary';

export const remediation: RuleRemediation = {
  summary:
    'Rotate the account key (az storage account keys renew --account-name <account> --resource-group <group> --key primary|secondary), update every configuration, revoke SAS tokens signed with it, then move to Microsoft Entra ID and disallow Shared Key authorization.',
  where: 'Azure portal > the storage account > Security + networking > Access keys > Rotate key',
  command,
  steps: [
    `Rotate the key: ${command} (move apps to the other key first), then update every configuration and restart.`,
    'Service and account SAS tokens signed with the key stop working once it is rotated: reissue the ones still needed.',
    'Then stop using account keys: Microsoft Entra ID (managed identity) with Storage data roles, and set AllowSharedKeyAccess to false.',
  ],
  short: 'rotate it (az storage account keys renew --account-name {resource} ...) and move to Microsoft Entra ID',
};
