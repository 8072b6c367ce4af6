import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-web-pubsub-access-key',
  title: 'Azure Web PubSub access key',
  description:
    "An Azure Web PubSub access key (SignalR's sibling service): the legacy 44-character base64 key with Web PubSub evidence, or the 84-character identifiable AWPS key (checksum-verified).",
  references: [
    'https://learn.microsoft.com/azure/azure-web-pubsub/howto-websocket-connect',
    'https://learn.microsoft.com/azure/azure-web-pubsub/howto-disable-local-auth',
  ],
  severity: { level: 'error', securitySeverity: 9.0 },
  service: 'web-pubsub',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['legacy', 'identifiable'],
  placeholder: '<web-pubsub-access-key>',
} as const satisfies RuleMetadata;
