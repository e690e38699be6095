/**
 * What a tenant's public OpenID discovery document says (`{login}/{tenant}/v2.0/.well-known/openid-configuration`):
 * the tenant's GUID (in the issuer) and, in Microsoft's extension fields, its cloud. entra.tenant reads it
 * for the configured tenant, dns.mx and `init` for the mailbox's domain (no secret, no administrator).
 */
import type { Cloud } from '../config/types.js';
import { fetchJson, type HttpSettings } from '../probes/https/client.js';
import { isHttpError } from '../probes/https/failure.js';
import { parseEntraError } from './aadsts.js';
import { openIdConfigurationUrl, tenantIdOfIssuer } from './entra-client.js';

/** What a discovery document says about the tenant. */
export interface TenantDiscovery {
  readonly tenantId?: string;
  readonly issuer?: string;
  readonly cloudInstanceName?: string;
  readonly regionScope?: string;
  readonly regionSubScope?: string;
  readonly graphHost?: string;
  readonly cloudGraphHostName?: string;
}

function stringField(json: object, name: string): string | undefined {
  const value: unknown = Reflect.get(json, name);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function readDiscovery(json: unknown): TenantDiscovery | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const issuer = stringField(json, 'issuer');
  if (!issuer) return undefined;
  const tenantId = tenantIdOfIssuer(issuer);
  const fields = {
    tenantId,
    issuer,
    cloudInstanceName: stringField(json, 'cloud_instance_name'),
    regionScope: stringField(json, 'tenant_region_scope'),
    regionSubScope: stringField(json, 'tenant_region_sub_scope'),
    graphHost: stringField(json, 'msgraph_host'),
    cloudGraphHostName: stringField(json, 'cloud_graph_host_name'),
  };
  return fields;
}

/**
 * The cloud of a tenant from its discovery document: `cloud_instance_name` (microsoftonline.com, .us,
 * partner.microsoftonline.cn), and for US Government the sub-scope (DOD: DoD; DODCON: GCC High). GCC
 * (moderate) tenants are `microsoftonline.com` with sub-scope GCC and use the global endpoints.
 */
export function cloudOf(discovery: TenantDiscovery): Cloud | undefined {
  const instance = discovery.cloudInstanceName?.toLowerCase();
  if (!instance) return undefined;
  if (instance === 'microsoftonline.com') return 'global';
  if (instance === 'microsoftonline.us') return discovery.regionSubScope?.toUpperCase() === 'DOD' ? 'usgovdod' : 'usgov';
  if (instance.endsWith('microsoftonline.cn') || instance.endsWith('chinacloudapi.cn')) return 'china';
  return undefined;
}

/** What asking for a domain's (or tenant's) discovery document gave. */
export type DiscoveryLookup =
  | { readonly kind: 'found'; readonly discovery: TenantDiscovery; readonly url: string }
  | { readonly kind: 'notFound'; readonly url: string; readonly status: number; readonly aadsts?: number }
  | { readonly kind: 'unreachable'; readonly url: string; readonly code: string };

/**
 * One GET of the discovery document, bounded by the settings' deadline. A domain verified in no tenant is
 * an answer (`notFound`, AADSTS90002); a transport failure is `unreachable` with our HTTP code.
 */
export async function lookupTenant(login: string, tenant: string, settings: HttpSettings): Promise<DiscoveryLookup> {
  const url = openIdConfigurationUrl(login, tenant);
  let response;
  try {
    response = await fetchJson(url, { method: 'GET' }, settings);
  } catch (error) {
    if (!isHttpError(error)) throw error;
    return { kind: 'unreachable', url, code: error.code };
  }
  const discovery = response.status === 200 ? readDiscovery(response.json) : undefined;
  if (discovery?.tenantId) return { kind: 'found', discovery, url: response.url };
  const aadsts = parseEntraError(response.json)?.aadsts;
  return { kind: 'notFound', url: response.url, status: response.status, ...(aadsts !== undefined ? { aadsts } : {}) };
}
