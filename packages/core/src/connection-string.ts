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

/** The host of an endpoint URL, lower-case; an IPv6 literal keeps its brackets (`[::1]`). */
export function hostOf(endpoint: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[^/:?#\s;[]+)/i.exec(endpoint.trim());
  return match?.[1]?.toLowerCase();
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isLoopbackIpv4(address: string): boolean {
  const octets = IPV4.exec(address)?.slice(1).map(Number);
  return octets !== undefined && octets[0] === 127 && octets.every((o) => o <= 255);
}

/** The 8 groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read as two groups), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = IPV4.exec(tail)?.slice(1).map(Number);
    if (v4 === undefined || v4.some((o) => o > 255)) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4[0]! * 256 + v4[1]!).toString(16)}:${(v4[2]! * 256 + v4[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const read = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
    return groups.some(Number.isNaN) ? undefined : groups;
  };
  const head = read(halves[0]!);
  const rest = halves.length === 2 ? read(halves[1]!) : [];
  if (head === undefined || rest === undefined) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  return [...head, ...Array<number>(8 - known).fill(0), ...rest];
}

/**
 * Is `host` (as hostOf returns it) this machine or the local network, where emulators and
 * simulators listen: `localhost`, 127.0.0.0/8, `[::1]` (and IPv4-mapped `[::ffff:127.x.y.z]`), `*.local`.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === 'localhost' || name.endsWith('.local')) return true;
  if (isLoopbackIpv4(name)) return true;
  if (!name.startsWith('[') || !name.endsWith(']')) return false;
  const groups = ipv6Groups(name.slice(1, -1));
  if (groups === undefined) return false;
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return true;
  // ::ffff:127.0.0.1
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff && groups[6]! >> 8 === 127;
}

/** The scheme of an endpoint URL, lower-case (`https`, `sb`). */
export function schemeOf(endpoint: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(endpoint.trim())?.[1]?.toLowerCase();
}
