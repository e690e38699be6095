/**
 * The Entra stand-in's directory, as data: tenants with their service principals (enterprise
 * applications), app registrations with their client secrets, and the app-role assignments that admin
 * consent creates. Every endpoint of the stand-in answers from this model, so a test describes a tenant
 * (healthy, or with one thing wrong) and the stand-in behaves like Entra would for it. Graph endpoints
 * (applications, servicePrincipals, appRoleAssignments, oauth2PermissionGrants, users, directory roles)
 * and more grants (authorization code, device code, refresh token) are meant to read the same model.
 *
 * Shapes follow Microsoft Graph v1.0 names (application, servicePrincipal, passwordCredential,
 * appRoleAssignment) so that Graph answers can be built from them directly.
 */
import { randomUUID } from 'node:crypto';

/** Well-known first-party application IDs (docs/provider-facts.md §Exchange permissions). */
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Office 365 Exchange Online's application permissions (app roles), docs/provider-facts.md §Exchange permissions. */
export const EXCHANGE_APP_ROLES = {
  'IMAP.AccessAsApp': '5e5addcd-3e8d-4e90-baf5-964efab2b20a',
  'POP.AccessAsApp': 'cb842b43-da6e-4506-86fe-bb12199c656d',
  'SMTP.SendAsApp': '7146a1f0-8703-45b3-9eae-527a64c00995',
  full_access_as_app: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
} as const;
export type ExchangeRole = keyof typeof EXCHANGE_APP_ROLES;

/** The national cloud a tenant lives in, as its discovery document says (docs/provider-facts.md §National clouds). */
export interface TenantCloud {
  readonly cloudInstanceName: string;
  readonly tenantRegionScope: string;
  readonly tenantRegionSubScope?: string;
  readonly msgraphHost: string;
  readonly cloudGraphHostName: string;
}

export const CLOUDS = {
  global: { cloudInstanceName: 'microsoftonline.com', tenantRegionScope: 'SA', msgraphHost: 'graph.microsoft.com', cloudGraphHostName: 'graph.windows.net' },
  gcc: {
    cloudInstanceName: 'microsoftonline.com',
    tenantRegionScope: 'NA',
    tenantRegionSubScope: 'GCC',
    msgraphHost: 'graph.microsoft.com',
    cloudGraphHostName: 'graph.windows.net',
  },
  usgov: {
    cloudInstanceName: 'microsoftonline.us',
    tenantRegionScope: 'USGov',
    tenantRegionSubScope: 'DODCON',
    msgraphHost: 'graph.microsoft.us',
    cloudGraphHostName: 'graph.windows.net',
  },
  usgovdod: {
    cloudInstanceName: 'microsoftonline.us',
    tenantRegionScope: 'USGov',
    tenantRegionSubScope: 'DOD',
    msgraphHost: 'dod-graph.microsoft.us',
    cloudGraphHostName: 'graph.windows.net',
  },
  china: {
    cloudInstanceName: 'partner.microsoftonline.cn',
    tenantRegionScope: 'AS',
    msgraphHost: 'microsoftgraph.chinacloudapi.cn',
    cloudGraphHostName: 'graph.chinacloudapi.cn',
  },
} as const satisfies Record<string, TenantCloud>;

export interface AppRole {
  readonly id: string;
  readonly value: string;
  readonly allowedMemberTypes: readonly ('Application' | 'User')[];
}

/** An app-role assignment (what "Grant admin consent" creates for an application permission). */
export interface AppRoleAssignment {
  readonly id: string;
  readonly appRoleId: string;
  /** The resource service principal's object ID. */
  readonly resourceId: string;
}

/** A service principal (enterprise application) in one tenant. */
export interface ServicePrincipal {
  /** Object ID: the value `New-ServicePrincipal -ObjectId` needs, and the `oid` of app-only tokens. */
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  accountEnabled: boolean;
  /** Identifiers a token request's scope may name this resource by (resource URIs, the app ID). */
  readonly servicePrincipalNames: readonly string[];
  readonly appRoles: readonly AppRole[];
  /** App roles granted to this principal (application permissions with admin consent). */
  readonly appRoleAssignments: AppRoleAssignment[];
}

/** A client secret of an app registration (Graph `passwordCredential`). */
export interface PasswordCredential {
  /** The "Secret ID" column of the portal. */
  readonly keyId: string;
  /** The "Value", shown once; the only thing that authenticates. */
  readonly secretText: string;
  readonly displayName: string;
  readonly startDateTime: Date;
  readonly endDateTime: Date;
  /** The first three characters, as Graph returns them. */
  readonly hint: string;
}

/** An app registration (Graph `application`), in its home tenant. */
export interface Application {
  /** The App registrations "Object ID" — not the one Exchange needs. */
  readonly id: string;
  /** Application (client) ID, the same in every tenant. */
  readonly appId: string;
  readonly displayName: string;
  readonly homeTenantId: string;
  readonly passwordCredentials: PasswordCredential[];
}

/** Conditional Access, as far as app-only tokens see it: workload-identity policies that block an app. */
export interface ConditionalAccess {
  readonly blockedAppIds: readonly string[];
}

export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  /** Verified domains; the first `.onmicrosoft.com` one is the initial domain. */
  readonly domains: readonly string[];
  readonly cloud: TenantCloud;
  readonly servicePrincipals: ServicePrincipal[];
  conditionalAccess: ConditionalAccess;
}

export interface Directory {
  readonly tenants: Tenant[];
  readonly applications: Application[];
}

export function findTenant(directory: Directory, identifier: string): Tenant | undefined {
  const wanted = identifier.toLowerCase();
  return directory.tenants.find((tenant) => tenant.id === wanted || tenant.domains.some((domain) => domain.toLowerCase() === wanted));
}

export function findApplication(directory: Directory, appId: string): Application | undefined {
  return directory.applications.find((application) => application.appId === appId.toLowerCase());
}

export function findServicePrincipal(tenant: Tenant, appId: string): ServicePrincipal | undefined {
  return tenant.servicePrincipals.find((principal) => principal.appId === appId.toLowerCase());
}

/** The resource a scope's identifier names in this tenant (case-insensitive, trailing slash ignored). */
export function findResource(tenant: Tenant, identifier: string): ServicePrincipal | undefined {
  const wanted = identifier.replace(/\/+$/, '').toLowerCase();
  return tenant.servicePrincipals.find((principal) => principal.servicePrincipalNames.some((name) => name.replace(/\/+$/, '').toLowerCase() === wanted));
}

/** Office 365 Exchange Online's service principal as every tenant with an Exchange licence has it. */
export function exchangeServicePrincipal(): ServicePrincipal {
  return {
    id: randomUUID(),
    appId: EXCHANGE_APP_ID,
    displayName: 'Office 365 Exchange Online',
    accountEnabled: true,
    servicePrincipalNames: [
      EXCHANGE_APP_ID,
      'https://outlook.office365.com',
      'https://outlook.office.com',
      'https://ps.outlook.com',
      'https://outlook.office365.us',
      'https://outlook-dod.office365.us',
      'https://partner.outlook.cn',
      'outlook.office365.com',
    ],
    appRoles: Object.entries(EXCHANGE_APP_ROLES).map(([value, id]) => ({ id, value, allowedMemberTypes: ['Application'] })),
    appRoleAssignments: [],
  };
}

export function graphServicePrincipal(): ServicePrincipal {
  return {
    id: randomUUID(),
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    accountEnabled: true,
    servicePrincipalNames: [
      GRAPH_APP_ID,
      'https://graph.microsoft.com',
      'https://graph.microsoft.us',
      'https://dod-graph.microsoft.us',
      'https://microsoftgraph.chinacloudapi.cn',
    ],
    appRoles: [],
    appRoleAssignments: [],
  };
}

export interface TenantOptions {
  readonly id?: string;
  readonly displayName?: string;
  readonly domains?: readonly string[];
  readonly cloud?: TenantCloud;
  /** Whether the tenant has Exchange Online (its service principal); default true. */
  readonly exchange?: boolean;
}

export function createTenant(options: TenantOptions = {}): Tenant {
  const displayName = options.displayName ?? 'Contoso';
  const initial = `${displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`;
  return {
    id: options.id ?? randomUUID(),
    displayName,
    domains: options.domains ?? [initial],
    cloud: options.cloud ?? CLOUDS.global,
    servicePrincipals: options.exchange === false ? [graphServicePrincipal()] : [exchangeServicePrincipal(), graphServicePrincipal()],
    conditionalAccess: { blockedAppIds: [] },
  };
}

export interface SecretOptions {
  readonly value: string;
  readonly keyId?: string;
  readonly displayName?: string;
  /** Default: a year from now. */
  readonly endDateTime?: Date;
  readonly startDateTime?: Date;
}

export function createSecret(options: SecretOptions): PasswordCredential {
  return {
    keyId: options.keyId ?? randomUUID(),
    secretText: options.value,
    displayName: options.displayName ?? 'Tactium CRM',
    startDateTime: options.startDateTime ?? new Date(Date.now() - 86_400_000),
    endDateTime: options.endDateTime ?? new Date(Date.now() + 365 * 86_400_000),
    hint: options.value.slice(0, 3),
  };
}

export interface AppOptions {
  readonly home: Tenant;
  readonly displayName?: string;
  readonly appId?: string;
  readonly objectId?: string;
  readonly secrets?: readonly SecretOptions[];
  /** Create the service principal in the home tenant (what registering in the portal does); default true. */
  readonly servicePrincipal?: boolean;
  readonly servicePrincipalId?: string;
  /** Exchange application permissions granted with admin consent in the home tenant. */
  readonly exchangeRoles?: readonly ExchangeRole[];
}

/** Registers an app (and, by default, its enterprise application in the home tenant), like the portal does. */
export function registerApp(directory: Directory, options: AppOptions): { application: Application; servicePrincipal?: ServicePrincipal } {
  const application: Application = {
    id: options.objectId ?? randomUUID(),
    appId: options.appId ?? randomUUID(),
    displayName: options.displayName ?? 'Tactium CRM',
    homeTenantId: options.home.id,
    passwordCredentials: (options.secrets ?? []).map(createSecret),
  };
  directory.applications.push(application);
  if (options.servicePrincipal === false) return { application };
  const servicePrincipal = addServicePrincipal(options.home, application, options.servicePrincipalId);
  if (options.exchangeRoles && options.exchangeRoles.length > 0) grantExchangeRoles(options.home, servicePrincipal, options.exchangeRoles);
  return { application, servicePrincipal };
}

/** The enterprise application of an app in a tenant (what consent in another tenant creates). */
export function addServicePrincipal(tenant: Tenant, application: Application, id: string = randomUUID()): ServicePrincipal {
  const principal: ServicePrincipal = {
    id,
    appId: application.appId,
    displayName: application.displayName,
    accountEnabled: true,
    servicePrincipalNames: [application.appId],
    appRoles: [],
    appRoleAssignments: [],
  };
  tenant.servicePrincipals.push(principal);
  return principal;
}

/** "Grant admin consent" for Exchange application permissions: app-role assignments to Exchange's SP. */
export function grantExchangeRoles(tenant: Tenant, principal: ServicePrincipal, roles: readonly ExchangeRole[]): void {
  const exchange = findServicePrincipal(tenant, EXCHANGE_APP_ID);
  if (!exchange) throw new Error(`tenant ${tenant.displayName} has no Exchange Online service principal`);
  for (const role of roles) {
    principal.appRoleAssignments.push({ id: randomUUID(), appRoleId: EXCHANGE_APP_ROLES[role], resourceId: exchange.id });
  }
}

/** The values of the app roles a principal holds on a resource: the `roles` claim of its tokens. */
export function rolesOn(tenant: Tenant, principal: ServicePrincipal, resource: ServicePrincipal): string[] {
  const values = principal.appRoleAssignments
    .filter((assignment) => assignment.resourceId === resource.id)
    .map((assignment) => resource.appRoles.find((role) => role.id === assignment.appRoleId)?.value)
    .filter((value): value is string => value !== undefined);
  return [...new Set(values)];
}

export function emptyDirectory(): Directory {
  return { tenants: [], applications: [] };
}
