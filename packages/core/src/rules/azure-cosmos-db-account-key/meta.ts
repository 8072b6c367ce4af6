import type { RuleMetadata } from '../types.js';

export const meta = {
  id: 'azure-cosmos-db-account-key',
  title: 'Azure Cosmos DB account key',
  description:
    "An Azure Cosmos DB account key: the 88-character key of a connection string's AccountKey (AccountEndpoint=https://<account>.documents.azure.com:443/;AccountKey=…), or a key carrying Cosmos DB's signature (ACDb) with a valid checksum. A primary key grants full control of the account's data. The emulator's published key is not reported.",
  references: [
    'https://learn.microsoft.com/azure/cosmos-db/database-security#primary-keys',
    'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth',
  ],
  severity: { level: 'error', securitySeverity: 9.0 },
  service: 'cosmos-db',
  secretKind: 'access-key',
  mayBeChosen: false,
  randomForms: ['key-64'],
  placeholder: '<cosmos-db-account-key>',
} as const satisfies RuleMetadata;
