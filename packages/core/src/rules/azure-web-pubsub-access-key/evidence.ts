/**
 * What names Web PubSub near a key: its hosts and the configuration names apps use.
 *
 * Hosts:
 * - `.webpubsub.azure.com`: global Azure; MicrosoftDocs/azure-docs
 *   articles/private-link/private-endpoint-dns.md (public DNS zone `webpubsub.azure.com`).
 * - `.webpubsub.azure.cn`: Azure China (listed before issue 15; no Microsoft page found for it yet).
 * - `.webpubsubdev.azure.com`: the service's development environment, as Azure's SDKs write it:
 *   Azure/azure-sdk-for-java sdk/webpubsub/azure-messaging-webpubsub/src/test/java/com/azure/messaging/webpubsub/TestUtils.java
 *   (`https://testendpoint.webpubsubdev.azure.com`), Azure/azure-sdk-for-js
 *   sdk/web-pubsub/web-pubsub/src/hubClient.ts (`https://xxxx.webpubsubdev.azure.com`).
 * Not listed: US Government (`.webpubsub.azure.us`), which no Microsoft page or Azure repository names.
 */
export const WEB_PUBSUB_HOSTS = ['.webpubsub.azure.com', '.webpubsub.azure.cn', '.webpubsubdev.azure.com'];

export const WEB_PUBSUB_KEYWORDS = [
  ...WEB_PUBSUB_HOSTS,
  'azure:webpubsub',
  'azure__webpubsub',
  'azure_webpubsub',
  'webpubsubconnectionstring',
  'webpubsub_connection_string',
];

export const WEB_PUBSUB_WEAK_KEYWORDS = ['webpubsub', 'web pubsub'];
