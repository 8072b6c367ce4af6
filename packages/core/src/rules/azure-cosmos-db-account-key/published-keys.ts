/**
 * The Azure Cosmos DB emulator's account key, published by Microsoft for local development and
 * accepted by no Azure account: never a finding.
 * https://learn.microsoft.com/azure/cosmos-db/emulator#authentication
 */
export const EMULATOR_ACCOUNT_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
