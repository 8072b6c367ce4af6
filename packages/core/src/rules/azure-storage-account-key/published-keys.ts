/**
 * The account key of Azurite and the Storage Emulator (account `devstoreaccount1`), published
 * by Microsoft for local development and accepted by no Azure account: never a finding.
 * https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings
 */
export const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
