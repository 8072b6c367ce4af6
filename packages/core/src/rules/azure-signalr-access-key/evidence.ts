/**
 * What names SignalR near a key: its hosts and the configuration names apps use.
 *
 * Hosts, each from Microsoft's documentation (MicrosoftDocs/azure-docs):
 * - `.service.signalr.net`: global Azure; articles/private-link/private-endpoint-dns.md (public
 *   DNS zone `service.signalr.net`), articles/azure-signalr/howto-private-endpoints.md.
 * - `.signalr.azure.cn`: Azure China; articles/private-link/private-endpoint-dns.md, China table
 *   (public zone `service.signalr.azure.cn`, private zone `privatelink.signalr.azure.cn`).
 * - `.servicedev.signalr.net`: the service's development environment;
 *   articles/azure-signalr/signalr-howto-event-grid-integration.md (`az signalr create` output,
 *   `"hostName": "clitest.servicedev.signalr.net"`).
 * - `.signalr.azure.us`: Azure Government; Microsoft's landing-zone Bicep modules list the
 *   private zone `privatelink.signalr.azure.us` for `signalR` under `AzureUSGovernment`, and a
 *   government customer's firewall allow-list names `*-signalr.signalr.azure.us` (UiPath
 *   Automation Cloud Public Sector). Microsoft's private-endpoint DNS page has no row for it yet.
 */
export const SIGNALR_HOSTS = ['.service.signalr.net', '.signalr.azure.cn', '.servicedev.signalr.net', '.signalr.azure.us'];

export const SIGNALR_KEYWORDS = [
  ...SIGNALR_HOSTS,
  'azure:signalr',
  'azure__signalr',
  'azure_signalr',
  'azuresignalrconnectionstring',
  'signalrconnectionstring',
  'signalr_connection_string',
];

export const SIGNALR_WEAK_KEYWORDS = ['signalr'];
