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
 * Not listed: US Government (`.signalr.azure.us`), which neither Microsoft's private-endpoint
 * DNS tables nor Azure's SDK repositories name (only third-party allow-lists do).
 */
export const SIGNALR_HOSTS = ['.service.signalr.net', '.signalr.azure.cn', '.servicedev.signalr.net'];

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
