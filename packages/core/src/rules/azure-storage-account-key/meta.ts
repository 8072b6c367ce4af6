import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-storage-account-key',
  title: 'Azure Storage account key',
  description:
    "An Azure Storage account key: the 88-character key of a storage connection string's AccountKey (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net), or a key carrying Storage's signature (+ASt) with a valid checksum. Whoever holds it has full access to every blob, queue, table and file share of the account and can sign SAS tokens. Azurite's published development key is not reported.",
  references: [
    'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string',
    'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
  ],
  severity: { level: 'error', securitySeverity: 9.0 },
  service: 'storage',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['key-64'],
  placeholder: '<storage-account-key>',
} as const satisfies RuleMetadata;
