/**
 * The Azure connection-string grammar, as the SDKs read it (SignalR, Web PubSub, Service Bus,
 * Storage, Cosmos DB): `;`-separated `key=value` pairs split on the first `=`, trimmed, keys
 * case-insensitive, empty segments ignored, duplicates and strings with fewer than two
 * properties rejected. Which service a string is for is the rules' business (services.ts).
 */

export const KNOWN_PROPERTIES = [
  // SignalR and Web PubSub
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
  // Service Bus, Event Hubs, Relay (and IoT Hub's HostName, so that its keys are left alone)
  'hostname',
  'deviceid',
  'sharedaccesskeyname',
  'sharedaccesskey',
  'sharedaccesssignature',
  'entitypath',
  'transporttype',
  // Storage and Cosmos DB
  'defaultendpointsprotocol',
  'accountname',
  'accountkey',
  'accountendpoint',
  'endpointsuffix',
  'blobendpoint',
  'queueendpoint',
  'tableendpoint',
  'fileendpoint',
] as const;

/** Properties whose value is the endpoint URL, in the order they are read. */
export const ENDPOINT_PROPERTIES = ['endpoint', 'accountendpoint', 'blobendpoint', 'queueendpoint', 'tableendpoint', 'fileendpoint'] as const;

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
  const endpoint = endpointOf(properties);
  if (endpoint === undefined) {
    if (!properties.has('accountname') && !properties.has('hostname')) problems.push('no Endpoint');
  } else if (!/^(?:https?|sb):\/\/[^\s/]+/i.test(endpoint)) problems.push('Endpoint is not an absolute http(s) or sb URL');
  return { properties, duplicates, problems };
}

/** The endpoint URL a connection string names (Endpoint, AccountEndpoint, BlobEndpoint, ...). */
export function endpointOf(properties: ReadonlyMap<string, ConnectionStringProperty>): string | undefined {
  for (const name of ENDPOINT_PROPERTIES) {
    const value = properties.get(name)?.value;
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Hosts of Azure services that use keys no rule covers (IoT Hub, Communication Services, App
 * Configuration, AI Search, Cache for Redis): a key beside one belongs to that service.
 */
export const UNCOVERED_AZURE_HOSTS = [
  '.azure-devices.net',
  '.communication.azure.com',
  '.azconfig.io',
  '.search.windows.net',
  '.redis.cache.windows.net',
];

export function hostOf(endpoint: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s;]+)/i.exec(endpoint.trim());
  return match?.[1]?.toLowerCase();
}

/** The scheme of an endpoint URL, lower-case (`https`, `sb`). */
export function schemeOf(endpoint: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(endpoint.trim())?.[1]?.toLowerCase();
}
