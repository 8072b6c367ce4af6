/**
 * Connection strings as apps write them, one per rule's service, around a key the tests
 * generate: what each rule reports at high confidence (the resource names are examples).
 */
export const connectionStrings = {
  /** SignalR: `Endpoint=https://<resource>.service.signalr.net;AccessKey=…;Version=1.0;`. */
  signalr: (key: string, resource = 'chat-prod'): string => `Endpoint=https://${resource}.service.signalr.net;AccessKey=${key};Version=1.0;`,
  /** Web PubSub. */
  webPubSub: (key: string, resource = 'chat'): string => `Endpoint=https://${resource}.webpubsub.azure.com;AccessKey=${key};Version=1.0;`,
  /** SignalR with a Microsoft Entra application's client secret (AuthType=azure.app). */
  signalrApp: (secret: string, resource = 'chat-prod'): string =>
    `Endpoint=https://${resource}.service.signalr.net;AuthType=azure.app;ClientId=00000000-0000-0000-0000-000000000000;ClientSecret=${secret};TenantId=00000000-0000-0000-0000-000000000000;Version=1.0;`,
  /** Service Bus (Event Hubs and Relay write the same). */
  serviceBus: (key: string, namespace = 'orders', policy = 'send'): string =>
    `Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=${policy};SharedAccessKey=${key}`,
  /** Storage. */
  storage: (key: string, account = 'contosodata'): string =>
    `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`,
  /** Cosmos DB. */
  cosmosDb: (key: string, account = 'ordersdb'): string => `AccountEndpoint=https://${account}.documents.azure.com:443/;AccountKey=${key};`,
};
