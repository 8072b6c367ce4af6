/** What names SignalR near a key: its hosts and the configuration names apps use. */
export const SIGNALR_HOSTS = ['.service.signalr.net', '.signalr.azure.cn'];

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
