import { KNOWN_PROPERTIES, type ParsedConnectionString, endpointOf, hostOf, parseConnectionString, schemeOf } from './connection-string.js';
import { decodeRegion } from './escapes.js';
import type { RuleService } from './rules/types.js';
import { resourceNameOf, serviceOfHost } from './services.js';

/** How far a connection string may reach on either side of a secret. */
export const REGION_REACH = 1024;

const isRegionDelimiter = (c: number): boolean =>
  c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 0;

/** Any property of the grammar, longest names first so that `clientcertpath` is not read as `clientcert`; built on first use. */
let propertyStart: RegExp | undefined;
const propertyStartPattern = (): RegExp =>
  (propertyStart ??= new RegExp(`(?:^|[^A-Za-z0-9_])(${[...KNOWN_PROPERTIES].sort((x, y) => y.length - x.length).join('|')})\\s*=`, 'gi'));

/** The properties that start a connection string: a second one on a line starts another string. */
const ENDPOINT_START = /(?:^|[^A-Za-z0-9_])(?:endpoint|accountendpoint|defaultendpointsprotocol)\s*=/gi;

/** The connection-string properties a secret may be the value of. */
export type SecretProperty = 'accesskey' | 'sharedaccesskey' | 'accountkey' | 'clientsecret';

export interface ConnectionContext {
  parsed: ParsedConnectionString;
  endpoint?: string;
  host?: string;
  /** The endpoint's scheme, lower-case (`https`, `sb`). */
  scheme?: string;
  /** The service the endpoint's host names (services.ts), if it names one. */
  service: RuleService | undefined;
  resourceName?: string;
  /** Which property the secret is the value of, lower-case. */
  property: SecretProperty;
  authType?: string;
  /** The property name as written, when the secret is that property's value. */
  propertyName?: string;
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2');
}

/**
 * The connection string around a secret, decoded, cut to the one string that holds it, and
 * parsed. Undefined when the secret is not the value of `property` in any connection string.
 */
export function connectionContextAround(
  text: string,
  start: number,
  end: number,
  secret: string,
  properties: readonly SecretProperty[],
): ConnectionContext | undefined {
  let left = start;
  const leftFloor = Math.max(0, start - REGION_REACH);
  while (left > leftFloor && !isRegionDelimiter(text.charCodeAt(left - 1))) left--;
  let right = end;
  const rightCeil = Math.min(text.length, end + REGION_REACH);
  while (right < rightCeil && !isRegionDelimiter(text.charCodeAt(right))) right++;
  const region = decodeRegion(text.slice(left, right));
  const at = region.indexOf(secret);
  if (at < 0) return undefined;

  let csStart = -1;
  for (const m of region.matchAll(ENDPOINT_START)) {
    if (m.index >= at) break;
    csStart = m.index + m[0].length - m[0].replace(/^[^A-Za-z]/, '').length;
  }
  const endpointBefore = csStart >= 0;
  if (csStart < 0) {
    const propertyStart = propertyStartPattern();
    propertyStart.lastIndex = 0;
    const first = propertyStart.exec(region);
    if (first === null || first.index > at) return undefined;
    csStart = first.index + first[0].length - first[0].replace(/^[^A-Za-z]/, '').length;
  }
  let csEnd = region.length;
  ENDPOINT_START.lastIndex = at + secret.length;
  let next = ENDPOINT_START.exec(region);
  // Properties come in any order: with no Endpoint before the secret, the first one after it
  // belongs to the same string (`AccessKey=…;Endpoint=…`); the next one starts another string.
  if (next !== null && !endpointBefore) next = ENDPOINT_START.exec(region);
  if (next !== null) csEnd = next.index + 1;
  ENDPOINT_START.lastIndex = 0;

  const parsed = parseConnectionString(region.slice(csStart, csEnd));
  const property = properties.find((name) => {
    const prop = parsed.properties.get(name);
    return prop !== undefined && unquote(prop.value) === secret;
  });
  if (property === undefined) return undefined;
  const prop = parsed.properties.get(property)!;
  const endpoint = endpointOf(parsed.properties);
  // IoT Hub strings name a bare HostName instead of an endpoint URL.
  const host = endpoint === undefined ? parsed.properties.get('hostname')?.value.trim().toLowerCase() : hostOf(endpoint);
  const context: ConnectionContext = { parsed, service: serviceOfHost(host), propertyName: prop.name, property };
  if (endpoint !== undefined) context.endpoint = endpoint;
  if (host !== undefined) context.host = host;
  const scheme = endpoint === undefined ? undefined : schemeOf(endpoint);
  if (scheme !== undefined) context.scheme = scheme;
  // A storage string names its account instead of an endpoint.
  const resourceName = resourceNameOf(host) ?? parsed.properties.get('accountname')?.value;
  if (resourceName !== undefined) context.resourceName = resourceName;
  const authType = parsed.properties.get('authtype')?.value;
  if (authType !== undefined) context.authType = authType;
  return context;
}
