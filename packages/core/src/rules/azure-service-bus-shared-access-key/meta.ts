import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-service-bus-shared-access-key',
  title: 'Azure Service Bus shared access key',
  description:
    "A shared access key of Azure Service Bus, Event Hubs or Relay (one namespace host and grammar): the 44-character key of a connection string's SharedAccessKey (Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…), or a key carrying its service's signature (+ASb, +AEh, +ARm) with a valid checksum. Whoever holds it has the rights of its policy (Send, Listen, Manage) on the namespace or entity.",
  references: [
    'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
    'https://learn.microsoft.com/azure/event-hubs/authenticate-shared-access-signature',
    'https://learn.microsoft.com/azure/service-bus-messaging/disable-local-authentication',
  ],
  severity: { level: 'error', securitySeverity: 8.5 },
  service: 'service-bus',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['legacy'],
  placeholder: '<shared-access-key>',
} as const satisfies RuleMetadata;
