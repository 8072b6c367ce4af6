/**
 * The Azure SignalR / Web PubSub connection-string grammar, as the SDK reads it:
 * `;`-separated `key=value` pairs split on the first `=`, trimmed, keys case-insensitive,
 * empty segments ignored, duplicates and strings with fewer than two properties rejected.
 */

export const KNOWN_PROPERTIES = [
  'endpoint',
  'port',
  'version',
  'clientendpoint',
  'serverendpoint',
  'authtype',
  'accesskey',
  'clientid',
  'tenantid',
  'clientsecret',
  'clientcertpath',
  'clientcert',
] as const;

export interface ConnectionStringProperty {
  /** The key as written. */
  name: string;
  value: string;
}

export interface ParsedConnectionString {
  /** Properties by lower-cased key; the first occurrence wins. */
  properties: Map<string, ConnectionStringProperty>;
  /** Lower-cased keys seen more than once (the SDK rejects such strings). */
  duplicates: string[];
  /** Why the SDK would reject this string, if it would. */
  problems: string[];
}

export function parseConnectionString(text: string): ParsedConnectionString {
  const properties = new Map<string, ConnectionStringProperty>();
  const duplicates: string[] = [];
  const problems: string[] = [];
  for (const segment of text.split(';')) {
    if (segment.trim() === '') continue;
    const eq = segment.indexOf('=');
    if (eq < 0) {
      problems.push(`segment without '=': ${segment.trim().slice(0, 20)}`);
      continue;
    }
    const name = segment.slice(0, eq).trim();
    const key = name.toLowerCase();
    const value = segment.slice(eq + 1).trim();
    if (properties.has(key)) {
      duplicates.push(key);
      continue;
    }
    properties.set(key, { name, value });
  }
  if (duplicates.length > 0) problems.push(`duplicate keys: ${duplicates.join(', ')}`);
  if (properties.size < 2) problems.push('fewer than two properties');
  if (!properties.has('endpoint')) problems.push('no Endpoint');
  else if (!/^https?:\/\/[^\s/]+/i.test(properties.get('endpoint')!.value)) problems.push('Endpoint is not an absolute http(s) URL');
  return { properties, duplicates, problems };
}

export type ServiceKind = 'signalr' | 'web-pubsub' | 'other-azure' | 'unknown';

const SIGNALR_HOSTS = ['.service.signalr.net', '.signalr.azure.cn'];
const WEB_PUBSUB_HOSTS = ['.webpubsub.azure.com', '.webpubsub.azure.cn'];
/** Hosts of Azure services that also use `Endpoint=...;...Key=` strings, to be left alone. */
const OTHER_AZURE_HOSTS = [
  '.servicebus.windows.net',
  '.servicebus.chinacloudapi.cn',
  '.azure-devices.net',
  '.communication.azure.com',
  '.documents.azure.com',
  '.core.windows.net',
  '.azconfig.io',
  '.search.windows.net',
  '.redis.cache.windows.net',
];

/** Does the text (lower-case) name a host of another Azure service that uses keys? */
export function namesOtherAzureHost(textLower: string): boolean {
  return OTHER_AZURE_HOSTS.some((suffix) => textLower.includes(suffix));
}

export function hostOf(endpoint: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s;]+)/i.exec(endpoint.trim());
  return match?.[1]?.toLowerCase();
}

export function serviceOfHost(host: string | undefined): ServiceKind {
  if (host === undefined) return 'unknown';
  if (SIGNALR_HOSTS.some((suffix) => host.endsWith(suffix))) return 'signalr';
  if (WEB_PUBSUB_HOSTS.some((suffix) => host.endsWith(suffix))) return 'web-pubsub';
  if (OTHER_AZURE_HOSTS.some((suffix) => host.endsWith(suffix))) return 'other-azure';
  return 'unknown';
}

/** `<name>` of `<name>.service.signalr.net` or `<name>.webpubsub.azure.com`. */
export function resourceNameOf(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const kind = serviceOfHost(host);
  if (kind !== 'signalr' && kind !== 'web-pubsub') return undefined;
  return host.split('.')[0];
}
