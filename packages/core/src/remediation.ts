import type { Finding } from './finding.js';

/**
 * Azure names SignalR and Web PubSub resources with 3-63 letters, digits and hyphens, starting
 * with a letter and ending with a letter or digit. Anything else came from a hostile or broken
 * endpoint (`x$(id)`): it is never pasted into a command a user may copy into a shell.
 */
const AZURE_RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9-]{1,61}[A-Za-z0-9]$/;

/** The resource name to print in a command, or the placeholder when it is unknown or unsafe. */
function commandName(finding: Pick<Finding, 'context'>): string {
  const name = finding.context.resourceName;
  return name !== undefined && AZURE_RESOURCE_NAME.test(name) ? name : '<resource>';
}

/** The next steps for one finding, with the resource name filled in when it is known. */
export function remediationFor(finding: Pick<Finding, 'ruleId' | 'context'>): string[] {
  const name = commandName(finding);
  switch (finding.ruleId) {
    case 'azure-signalr-access-key':
      return [
        `Rotate the key: az signalr key renew --name ${name} --resource-group <group> --key-type primary|secondary (move apps to the other key first), then update every configuration and restart.`,
        'Then stop using keys: Microsoft Entra ID (AuthType=azure.msi) with the SignalR App Server role, and disable local auth.',
      ];
    case 'azure-web-pubsub-access-key':
      return [
        `Rotate the key: az webpubsub key regenerate --name ${name} --resource-group <group> --key-type primary|secondary, then update every configuration and restart.`,
        'Then stop using keys: Microsoft Entra ID (managed identity) with the Web PubSub Service Owner role, and disable local auth.',
      ];
    case 'azure-signalr-client-secret':
      return [
        'Revoke the secret on the Entra app registration (az ad app credential delete --id <app-id> --key-id <key-id>) and issue a new one into a secret store.',
        'Better: AuthType=azure.msi (managed identity) carries no secret at all.',
      ];
  }
}

/** One line, for places with room for one (ESLint messages, annotations). */
export function shortRemediation(finding: Pick<Finding, 'ruleId' | 'context'>): string {
  const name = commandName(finding);
  switch (finding.ruleId) {
    case 'azure-signalr-access-key':
      return `rotate it (az signalr key renew --name ${name} ...) and move to Microsoft Entra ID`;
    case 'azure-web-pubsub-access-key':
      return `rotate it (az webpubsub key regenerate --name ${name} ...) and move to Microsoft Entra ID`;
    case 'azure-signalr-client-secret':
      return 'revoke the app secret and use a managed identity (AuthType=azure.msi)';
  }
}
