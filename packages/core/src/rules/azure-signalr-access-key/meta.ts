import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-signalr-access-key',
  title: 'Azure SignalR access key',
  description:
    'An Azure SignalR Service access key: the legacy 44-character base64 key (with connection-string or keyword evidence) or the 84-character identifiable ASRS key (checksum-verified). Whoever holds it can act as the app server: send to every client, mint client tokens, manage groups.',
  references: [
    'https://learn.microsoft.com/azure/azure-signalr/signalr-howto-key-rotation',
    'https://learn.microsoft.com/azure/azure-signalr/concept-connection-string',
    'https://learn.microsoft.com/purview/sit-defn-azure-signalr-access-key',
  ],
  severity: { level: 'error', securitySeverity: 9.0 },
  service: 'signalr',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['legacy', 'identifiable'],
  placeholder: '<signalr-access-key>',
  connectionStringEnv: 'Azure__SignalR__ConnectionString',
} as const satisfies RuleMetadata;
