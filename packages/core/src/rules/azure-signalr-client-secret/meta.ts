import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-signalr-client-secret',
  title: 'Microsoft Entra client secret in a SignalR connection string',
  description:
    'The ClientSecret of an AuthType=azure.app (or legacy aad) SignalR connection string: a Microsoft Entra application credential that grants whatever roles the app holds.',
  references: [
    'https://learn.microsoft.com/azure/azure-signalr/concept-connection-string',
    'https://learn.microsoft.com/entra/identity-platform/howto-create-service-principal-portal',
  ],
  severity: { level: 'error', securitySeverity: 9.0 },
  service: 'signalr',
  secretKind: 'client-secret',
  // `Summer2024!` is a valid ClientSecret; only Entra-generated secrets are known to be random.
  mayBeChosen: true,
  randomForms: ['entra-client-secret'],
  placeholder: '<client-secret>',
  connectionStringEnv: 'Azure__SignalR__ConnectionString',
} as const satisfies RuleMetadata;
