import { connectionStrings, generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '@keyguard/core/testing';

/** Source lines holding keys generated at test time: nothing key-shaped is ever committed. */
export const keys = {
  legacy: (seed: string) => generateLegacyKey(`cli-test:${seed}`),
  asrs: (seed: string) => generateIdentifiableKey(`cli-test:${seed}`, 'ASRS'),
  awps: (seed: string) => generateIdentifiableKey(`cli-test:${seed}`, 'AWPS'),
  entra: (seed: string) => generateEntraClientSecret(`cli-test:${seed}`),
};

/** A connection-string line: a high-confidence finding for azure-signalr-access-key. */
export function connectionString(key: string, resource = 'chat-prod'): string {
  return `Azure__SignalR__ConnectionString=${connectionStrings.signalr(key, resource)}`;
}

/** An identifiable key alone on a line (found without evidence). */
export function asrsLine(key: string): string {
  return `const key = "${key}";`;
}
