/** Storage endpoints (blob, queue, table, file, dfs) of the public, China, US Government and Germany clouds. */
export const STORAGE_HOSTS = ['.core.windows.net', '.core.chinacloudapi.cn', '.core.usgovcloudapi.net', '.core.cloudapi.de'];

/** The signature Storage writes into its keys (characters 77-80), and its checksum seed. */
export const STORAGE_SIGNATURE = '+ASt';
export const CHECKSUM_SEEDS = ['Default0'];
