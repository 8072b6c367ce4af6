/** What names Web PubSub near a key: its hosts and the configuration names apps use. */
export const WEB_PUBSUB_HOSTS = ['.webpubsub.azure.com', '.webpubsub.azure.cn'];

export const WEB_PUBSUB_KEYWORDS = [
  ...WEB_PUBSUB_HOSTS,
  'azure:webpubsub',
  'azure__webpubsub',
  'azure_webpubsub',
  'webpubsubconnectionstring',
  'webpubsub_connection_string',
];

export const WEB_PUBSUB_WEAK_KEYWORDS = ['webpubsub', 'web pubsub'];
