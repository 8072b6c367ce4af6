import type { RuleRemediation } from '../types.js';

const command = 'az ad app credential delete --id <app-id> --key-id <key-id>';

export const remediation: RuleRemediation = {
  summary:
    'Delete the secret from the app registration (az ad app credential delete), create a new one in a secret store, and prefer a managed identity (AuthType=azure.msi) which carries no secret.',
  where: 'Azure portal > Microsoft Entra ID > App registrations > the app > Certificates & secrets > Delete',
  command,
  steps: [
    `Revoke the secret on the Entra app registration (${command}) and issue a new one into a secret store.`,
    'Better: AuthType=azure.msi (managed identity) carries no secret at all.',
  ],
  short: 'revoke the app secret and use a managed identity (AuthType=azure.msi)',
};
