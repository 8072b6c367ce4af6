/** Cosmos DB account hosts (public, China and US Government clouds; the newer cosmos.azure.com endpoints). */
export const COSMOS_DB_HOSTS = ['.documents.azure.com', '.documents.azure.cn', '.documents.azure.us', '.cosmos.azure.com'];

/** The signature Cosmos DB writes into its keys (characters 77-80), and its checksum seeds (one per key kind). */
export const COSMOS_DB_SIGNATURE = 'ACDb';
export const CHECKSUM_SEEDS = ['MastRW00', 'MastRO00', 'SystRW00', 'SystRO00', 'SysAll00', 'Resour00', 'Encryp00'];
