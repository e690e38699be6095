/**
 * The stand-in's Microsoft Graph v1.0 (the directory the `entra.*` directory checks read), answering from
 * the same data model as the token endpoint (directory.ts) plus what Graph adds: app registration details
 * (redirect URIs per platform, required resource access, sign-in audience), the published permissions of
 * the Exchange and Graph service principals, delegated permission grants, users (licences, sign-in
 * blocked, guests, aliases), groups (role-assignable or not, nested) and a user's transitive group
 * memberships, active role assignments and PIM eligibilities of users and role-assignable groups.
 *
 * Shapes follow Microsoft's resource pages (application, servicePrincipal, passwordCredential,
 * appRoleAssignment, oAuth2PermissionGrant, user, group, unifiedRoleAssignment,
 * unifiedRoleEligibilityScheduleInstance) and errors Graph's `{error:{code,message,innerError}}`
 * (https://learn.microsoft.com/graph/errors) with `request-id` / `client-request-id` headers. Access is
 * checked like Graph does: the bearer token must be one the stand-in issued for Graph, app-only tokens need
 * one of the endpoint's application permissions in `roles`, delegated ones one of its scopes in `scp`
 * (401 InvalidAuthenticationToken / 403 Authorization_RequestDenied otherwise). A membership list read by a
 * caller that may read users but not groups shows the groups with "limited information" (ID only). Query
 * shapes a route does not know are answered 400 and recorded in `unexpected`.
 *
 * Installed on every stand-in by `startEntraStandin`; `graphOf(standin)` gives the test its model.
 */
import { randomUUID } from 'node:crypto';
import type { EntraStandin, RouteAnswer, RouteContext } from './index.js';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, findServicePrincipal, findTenant, type Application, type ServicePrincipal, type Tenant } from './directory.js';
import { MICROSOFT_TENANT_ID, installAdminSignIn, type AdminSignInStandin } from './admin-signin.js';

export { GRAPH_CLI_APP_ID, MICROSOFT_TENANT_ID } from './admin-signin.js';

/** Microsoft Graph application permissions the directory checks use (Graph permissions reference). */
export const GRAPH_APP_ROLES = {
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'RoleManagement.Read.Directory': '483bed4a-2ad3-4361-a73b-c83ccdbdc53c',
} as const;
export type GraphAppRole = keyof typeof GRAPH_APP_ROLES;

/** Microsoft Graph delegated permissions (scopes); the mail ones per docs/provider-facts.md §Exchange permissions. */
export const GRAPH_SCOPES = {
  'IMAP.AccessAsUser.All': '652390e4-393a-48de-9484-05f9b1212954',
  'POP.AccessAsUser.All': 'd7b7f2d9-0f45-4ea1-9d42-e50810c06991',
  'SMTP.Send': '258f6531-6087-4cc4-bb90-092c5fb3ed3f',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
  email: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Directory.Read.All': '06da0dbc-49e2-44d2-8312-53f166ab848a',
  'RoleManagement.Read.Directory': '741c54c3-0c1e-44a1-818b-3f97ab4e8c83',
  'Application.Read.All': 'c79f8feb-a9db-4090-85f9-90d820caa0eb',
  'User.Read.All': 'a154be20-db9c-4678-8ab7-66f6cc099a59',
} as const;
export type GraphScope = keyof typeof GRAPH_SCOPES;

/** Office 365 Exchange Online's delegated permissions (docs/provider-facts.md §Exchange permissions). */
export const EXCHANGE_SCOPES = {
  'IMAP.AccessAsUser.All': '195adc35-e27b-454b-a7ed-1ecdffa1c09f',
  'POP.AccessAsUser.All': 'fb698133-92fa-453e-a9ed-688e10f2e5ac',
  'SMTP.Send': '76faac2a-0f20-42f1-928a-50de5b9dbe52',
} as const;
export type ExchangeScope = keyof typeof EXCHANGE_SCOPES;

/** Built-in role template IDs (Microsoft Entra built-in roles, permissions-reference). */
export const ROLE_TEMPLATES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;
export type RoleName = keyof typeof ROLE_TEMPLATES;

/** An Exchange Online licence SKU (ENTERPRISEPACK, Office 365 E3), for users that have one. */
export const E3_SKU = '6fd2c87f-b296-42f0-b197-1e91e994b900';

export interface DirectoryUser {
  readonly id: string;
  readonly tenantId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  mail: string | null;
  proxyAddresses: string[];
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  licences: string[];
}

/**
 * A group (https://learn.microsoft.com/graph/api/resources/group). Only a group created with
 * `isAssignableToRole` can be assigned a role, and it cannot have groups as members (groups-concept).
 */
export interface DirectoryGroup {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly isAssignableToRole: boolean;
  /** Object IDs of the direct members: users and (for groups that are not role-assignable) groups. */
  readonly members: string[];
}

export interface RoleEntry {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId: string;
}

/** A delegated permission grant (what "Grant admin consent" or a user's own consent creates). */
export interface PermissionGrant {
  readonly id: string;
  /** The client's service principal Object ID. */
  readonly clientId: string;
  readonly consentType: 'AllPrincipals' | 'Principal';
  readonly principalId: string | null;
  /** The resource's service principal Object ID. */
  readonly resourceId: string;
  scope: string;
}

export interface RequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: { readonly id: string; readonly type: 'Role' | 'Scope' }[];
}

/** What Graph adds to an app registration (App registrations › Authentication, API permissions). */
export interface Registration {
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs' | 'AzureADandPersonalMicrosoftAccount' | 'PersonalMicrosoftAccount';
  isFallbackPublicClient: boolean;
  web: string[];
  spa: string[];
  publicClient: string[];
  requiredResourceAccess: RequiredResourceAccess[];
}

export interface TenantDirectory {
  readonly users: DirectoryUser[];
  readonly groups: DirectoryGroup[];
  readonly roleAssignments: RoleEntry[];
  readonly roleEligibilities: RoleEntry[];
  readonly grants: PermissionGrant[];
  /** Entra ID P2 (PIM): without it, eligibility reads answer AadPremiumLicenseRequired. */
  pim: 'licensed' | 'unlicensed';
  /** Objects on one page of a membership list without `$top` (Graph: 100); tests lower it to see paging. */
  pageSize: number;
}

export interface GraphDirectory {
  /** Graph's view of a tenant (created empty on first use). */
  tenant(tenant: Tenant): TenantDirectory;
  /** Graph's view of an app registration (a Web-only app without redirect URIs until set). */
  registration(application: Application): Registration;
  /**
   * Gives a tenant the Exchange and Graph service principals as Graph shows them (Graph's app roles, and
   * the stand-in's own origin as a name of Graph, so `{endpoints.graph}/.default` resolves to it).
   */
  equip(tenant: Tenant): { readonly exchange: ServicePrincipal | undefined; readonly graph: ServicePrincipal };
  addUser(
    tenant: Tenant,
    options: {
      upn: string;
      displayName?: string;
      id?: string;
      mail?: string | null;
      aliases?: readonly string[];
      accountEnabled?: boolean;
      userType?: 'Member' | 'Guest';
      licences?: readonly string[];
    },
  ): DirectoryUser;
  findUser(tenant: Tenant, idOrUpn: string): DirectoryUser | undefined;
  /** A group with these direct members (users, or groups when it is not role-assignable). */
  addGroup(
    tenant: Tenant,
    options: { displayName: string; isAssignableToRole?: boolean; id?: string; members?: readonly (DirectoryUser | DirectoryGroup)[] },
  ): DirectoryGroup;
  /** A role for a user or a role-assignable group (active, or eligible in PIM). */
  assignRole(tenant: Tenant, principal: DirectoryUser | DirectoryGroup, role: RoleName, options?: { eligible?: boolean; scope?: string }): void;
  /** Application permissions of Microsoft Graph granted (with admin consent) to an app's service principal. */
  grantGraphRoles(tenant: Tenant, principal: ServicePrincipal, roles: readonly GraphAppRole[]): void;
  /** A delegated grant on a resource (by its app ID) for a client service principal. */
  grantDelegated(
    tenant: Tenant,
    client: ServicePrincipal,
    resourceAppId: string,
    scopes: readonly string[],
    options?: { principal?: DirectoryUser },
  ): PermissionGrant;
  /** The delegated permissions a resource publishes (Graph's or Exchange's `oauth2PermissionScopes`). */
  publishedScopes(appId: string): readonly { readonly id: string; readonly value: string }[];
  /** Device code and the public-client authorization code flow (`--admin`). */
  readonly signIn: AdminSignInStandin;
}

const graphs = new WeakMap<EntraStandin, GraphDirectory>();

export function graphOf(standin: EntraStandin): GraphDirectory {
  const found = graphs.get(standin);
  if (!found) throw new Error('the stand-in has no Graph installed');
  return found;
}

type Json = Record<string, unknown>;

function graphError(context: RouteContext, status: number, code: string, message: string): RouteAnswer {
  const requestId = randomUUID();
  const clientRequestId = context.request.headers['client-request-id'];
  return {
    status,
    json: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
        },
      },
    },
    headers: { 'request-id': requestId, 'cache-control': 'no-cache' },
  };
}

function graphOk(context: RouteContext, body: Json): RouteAnswer {
  return { status: 200, json: body, headers: { 'request-id': randomUUID(), 'cache-control': 'no-cache', 'odata-version': '4.0' } };
}

function notFound(context: RouteContext, id: string): RouteAnswer {
  return graphError(
    context,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** `$select=a,b`: only those fields (and `@odata.*`), as Graph answers. */
function selected(context: RouteContext, object: Json): Json {
  const select = context.url.searchParams.get('$select');
  if (!select) return object;
  const wanted = new Set(select.split(',').map((field) => field.trim()));
  return Object.fromEntries(Object.entries(object).filter(([key]) => key.startsWith('@odata') || wanted.has(key)));
}

/** The string literals of an OData filter (`'…'`, with `''` for a quote). */
function literals(filter: string): string[] {
  return [...filter.matchAll(/'((?:[^']|'')*)'/g)].map((match) => (match[1] ?? '').replace(/''/g, "'"));
}

/** What an endpoint accepts, per token kind (Graph's permission tables, least privileged and higher). */
interface Accepts {
  readonly application: readonly string[];
  readonly delegated: readonly string[];
}

const ACCEPTS = {
  applications: {
    application: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'],
    delegated: ['Application.Read.All', 'Directory.Read.All', 'Directory.AccessAsUser.All'],
  },
  grants: {
    application: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All'],
    delegated: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.AccessAsUser.All'],
  },
  users: { application: ['User.Read.All', 'Directory.Read.All'], delegated: ['User.Read.All', 'Directory.Read.All', 'Directory.AccessAsUser.All'] },
  roleAssignments: {
    application: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All'],
    delegated: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All'],
  },
  eligibility: {
    application: ['RoleEligibilitySchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All'],
    delegated: ['RoleEligibilitySchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All'],
  },
  /** Another user's memberships (user-list-transitivememberof): User.Read.All is the least privileged. */
  memberOf: {
    application: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
} as const satisfies Record<string, Accepts>;

/** What lets a caller see a listed group's properties, not only its ID ("limited information"). */
const READS_GROUPS: readonly string[] = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** Graph's largest page of a directory list (`$top` at most 999). */
const MAX_PAGE = 999;

/** Who called: the token's tenant and the permissions it holds (`roles` or `scp`). */
interface Caller {
  readonly tenant: Tenant;
  readonly held: readonly string[];
}

/** Registers Graph (and the `--admin` sign-in flows) on a stand-in. */
export function installDirectoryGraph(standin: EntraStandin): void {
  const { directory } = standin;
  const tenants = new Map<string, TenantDirectory>();
  const registrations = new WeakMap<Application, Registration>();
  const signIn = installAdminSignIn(standin, () => model);

  const graphNames = (): string[] => [standin.url(), standin.origin, standin.url('localhost')];

  const model: GraphDirectory = {
    tenant(tenant) {
      let found = tenants.get(tenant.id);
      if (!found) {
        found = { users: [], groups: [], roleAssignments: [], roleEligibilities: [], grants: [], pim: 'licensed', pageSize: 100 };
        tenants.set(tenant.id, found);
      }
      return found;
    },
    registration(application) {
      let found = registrations.get(application);
      if (!found) {
        found = { signInAudience: 'AzureADMyOrg', isFallbackPublicClient: false, web: [], spa: [], publicClient: [], requiredResourceAccess: [] };
        registrations.set(application, found);
      }
      return found;
    },
    equip(tenant) {
      const index = tenant.servicePrincipals.findIndex((principal) => principal.appId === GRAPH_APP_ID);
      const current = tenant.servicePrincipals[index];
      const names = new Set([...(current?.servicePrincipalNames ?? [GRAPH_APP_ID, 'https://graph.microsoft.com']), ...graphNames()]);
      const graph: ServicePrincipal = {
        id: current?.id ?? randomUUID(),
        appId: GRAPH_APP_ID,
        displayName: 'Microsoft Graph',
        accountEnabled: true,
        servicePrincipalNames: [...names],
        appRoles: Object.entries(GRAPH_APP_ROLES).map(([value, id]) => ({ id, value, allowedMemberTypes: ['Application'] })),
        appRoleAssignments: current?.appRoleAssignments ?? [],
      };
      if (index >= 0) tenant.servicePrincipals.splice(index, 1, graph);
      else tenant.servicePrincipals.push(graph);
      return { exchange: findServicePrincipal(tenant, EXCHANGE_APP_ID), graph };
    },
    addUser(tenant, options) {
      const user: DirectoryUser = {
        id: options.id ?? randomUUID(),
        tenantId: tenant.id,
        userPrincipalName: options.upn,
        displayName: options.displayName ?? options.upn.split('@')[0] ?? options.upn,
        mail: options.mail === undefined ? options.upn : options.mail,
        proxyAddresses: [`SMTP:${options.mail ?? options.upn}`, ...(options.aliases ?? []).map((alias) => `smtp:${alias}`)],
        accountEnabled: options.accountEnabled ?? true,
        userType: options.userType ?? 'Member',
        licences: [...(options.licences ?? [E3_SKU])],
      };
      model.tenant(tenant).users.push(user);
      return user;
    },
    findUser(tenant, idOrUpn) {
      const wanted = idOrUpn.toLowerCase();
      return model.tenant(tenant).users.find((user) => user.id === wanted || user.userPrincipalName.toLowerCase() === wanted);
    },
    addGroup(tenant, options) {
      const members = options.members ?? [];
      if (options.isAssignableToRole && members.some((member) => 'isAssignableToRole' in member))
        throw new Error(`a role-assignable group cannot have groups as members (${options.displayName})`);
      const group: DirectoryGroup = {
        id: options.id ?? randomUUID(),
        tenantId: tenant.id,
        displayName: options.displayName,
        isAssignableToRole: options.isAssignableToRole ?? false,
        members: members.map((member) => member.id),
      };
      model.tenant(tenant).groups.push(group);
      return group;
    },
    assignRole(tenant, principal, role, options = {}) {
      // Entra refuses a role for a group that was not created role-assignable.
      if ('isAssignableToRole' in principal && !principal.isAssignableToRole) throw new Error(`group ${principal.displayName} is not role-assignable`);
      const entry: RoleEntry = { id: randomUUID(), principalId: principal.id, roleDefinitionId: ROLE_TEMPLATES[role], directoryScopeId: options.scope ?? '/' };
      (options.eligible ? model.tenant(tenant).roleEligibilities : model.tenant(tenant).roleAssignments).push(entry);
    },
    grantGraphRoles(tenant, principal, roles) {
      const { graph } = model.equip(tenant);
      for (const role of roles) principal.appRoleAssignments.push({ id: randomUUID(), appRoleId: GRAPH_APP_ROLES[role], resourceId: graph.id });
    },
    grantDelegated(tenant, client, resourceAppId, scopes, options = {}) {
      const resource = findServicePrincipal(tenant, resourceAppId);
      if (!resource) throw new Error(`tenant ${tenant.displayName} has no service principal for ${resourceAppId}`);
      const grant: PermissionGrant = {
        id: randomUUID(),
        clientId: client.id,
        consentType: options.principal ? 'Principal' : 'AllPrincipals',
        principalId: options.principal?.id ?? null,
        resourceId: resource.id,
        scope: scopes.join(' '),
      };
      model.tenant(tenant).grants.push(grant);
      return grant;
    },
    publishedScopes(appId) {
      const table: Readonly<Record<string, string>> = appId === GRAPH_APP_ID ? GRAPH_SCOPES : appId === EXCHANGE_APP_ID ? EXCHANGE_SCOPES : {};
      return Object.entries(table).map(([value, id]) => ({ id, value }));
    },
    signIn,
  };
  graphs.set(standin, model);

  /** The caller of a Graph request: the token's tenant, and whether it may do what the endpoint needs. */
  const caller = (context: RouteContext, accepts: Accepts): Caller | RouteAnswer => {
    const bearer = /^Bearer\s+(.+)$/i.exec(context.request.headers.authorization ?? '')?.[1];
    if (!bearer) return graphError(context, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const issued = standin.tokens.get(bearer);
    if (!issued || issued.expiresAt.getTime() <= Date.now()) return graphError(context, 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    const tenant = findTenant(directory, issued.tenantId);
    if (!tenant) return graphError(context, 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    const graph = findServicePrincipal(tenant, GRAPH_APP_ID);
    const audience = issued.audience.replace(/\/+$/, '').toLowerCase();
    const isGraph =
      graph?.servicePrincipalNames.some((name) => name.replace(/\/+$/, '').toLowerCase() === audience) || audience === 'https://graph.microsoft.com';
    if (!isGraph) return graphError(context, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    const delegated = signIn.delegatedToken(bearer);
    const held = delegated ? delegated.scopes : issued.roles;
    const wanted = delegated ? accepts.delegated : accepts.application;
    if (!held.some((permission) => wanted.includes(permission)))
      return graphError(context, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return { tenant, held };
  };
  const isAnswer = (value: Caller | RouteAnswer): value is RouteAnswer => 'status' in value;

  /** A query the stand-in does not model: Graph's 400, and the request recorded as unexpected. */
  const unknownQuery = (context: RouteContext, what: string): RouteAnswer => {
    standin.unexpected.push(context.log);
    return graphError(context, 400, 'Request_UnsupportedQuery', `The stand-in does not model this query: ${what}`);
  };

  const applicationJson = (context: RouteContext, application: Application): Json => {
    const registration = model.registration(application);
    return selected(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#applications/$entity`,
      id: application.id,
      deletedDateTime: null,
      appId: application.appId,
      displayName: application.displayName,
      isFallbackPublicClient: registration.isFallbackPublicClient,
      signInAudience: registration.signInAudience,
      publisherDomain: null,
      web: {
        homePageUrl: null,
        logoutUrl: null,
        redirectUris: [...registration.web],
        implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
        redirectUriSettings: registration.web.map((uri, index) => ({ uri, index })),
      },
      spa: { redirectUris: [...registration.spa] },
      publicClient: { redirectUris: [...registration.publicClient] },
      keyCredentials: [],
      passwordCredentials: application.passwordCredentials.map((credential) => ({
        customKeyIdentifier: null,
        displayName: credential.displayName,
        endDateTime: credential.endDateTime.toISOString(),
        hint: credential.hint,
        keyId: credential.keyId,
        secretText: null,
        startDateTime: credential.startDateTime.toISOString(),
      })),
      requiredResourceAccess: registration.requiredResourceAccess.map((entry) => ({
        resourceAppId: entry.resourceAppId,
        resourceAccess: entry.resourceAccess.map((access) => ({ ...access })),
      })),
    });
  };

  // The registration lives in its home tenant only (a multi-tenant app has only its service principal elsewhere).
  const findRegistration = (tenant: Tenant, key: { appId?: string; id?: string }): Application | undefined =>
    directory.applications.find(
      (application) =>
        application.homeTenantId === tenant.id && (key.appId ? application.appId === key.appId.toLowerCase() : application.id === key.id?.toLowerCase()),
    );

  standin.route('GET', /^\/v1\.0\/applications\(appId='([^']+)'\)$/, (context) => {
    const who = caller(context, ACCEPTS.applications);
    if (isAnswer(who)) return who;
    const appId = decodeURIComponent(context.match[1] ?? '');
    const application = findRegistration(who.tenant, { appId });
    return application ? graphOk(context, applicationJson(context, application)) : notFound(context, appId);
  });

  standin.route('GET', /^\/v1\.0\/applications\/([0-9a-fA-F-]{36})$/, (context) => {
    const who = caller(context, ACCEPTS.applications);
    if (isAnswer(who)) return who;
    const id = context.match[1] ?? '';
    const application = findRegistration(who.tenant, { id });
    return application ? graphOk(context, applicationJson(context, application)) : notFound(context, id);
  });

  const servicePrincipalJson = (context: RouteContext, principal: ServicePrincipal): Json => {
    const owner = directory.applications.find((application) => application.appId === principal.appId)?.homeTenantId ?? MICROSOFT_TENANT_ID;
    return selected(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#servicePrincipals/$entity`,
      id: principal.id,
      appId: principal.appId,
      displayName: principal.displayName,
      accountEnabled: principal.accountEnabled,
      appOwnerOrganizationId: owner,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [...principal.servicePrincipalNames],
      appRoles: principal.appRoles.map((role) => ({
        allowedMemberTypes: [...role.allowedMemberTypes],
        description: role.value,
        displayName: role.value,
        id: role.id,
        isEnabled: true,
        origin: 'Application',
        value: role.value,
      })),
      oauth2PermissionScopes: model.publishedScopes(principal.appId).map((scope) => ({
        adminConsentDescription: scope.value,
        adminConsentDisplayName: scope.value,
        id: scope.id,
        isEnabled: true,
        type: 'User',
        userConsentDescription: scope.value,
        userConsentDisplayName: scope.value,
        value: scope.value,
      })),
    });
  };

  standin.route('GET', /^\/v1\.0\/servicePrincipals\(appId='([^']+)'\)$/, (context) => {
    const who = caller(context, ACCEPTS.applications);
    if (isAnswer(who)) return who;
    const appId = decodeURIComponent(context.match[1] ?? '');
    const principal = findServicePrincipal(who.tenant, appId);
    return principal ? graphOk(context, servicePrincipalJson(context, principal)) : notFound(context, appId);
  });

  const principalById = (tenant: Tenant, id: string): ServicePrincipal | undefined =>
    tenant.servicePrincipals.find((principal) => principal.id === id.toLowerCase());

  standin.route('GET', /^\/v1\.0\/servicePrincipals\/([0-9a-fA-F-]{36})\/appRoleAssignments$/, (context) => {
    const who = caller(context, ACCEPTS.applications);
    if (isAnswer(who)) return who;
    const principal = principalById(who.tenant, context.match[1] ?? '');
    if (!principal) return notFound(context, context.match[1] ?? '');
    return graphOk(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#servicePrincipals('${principal.id}')/appRoleAssignments`,
      value: principal.appRoleAssignments.map((assignment) => ({
        id: assignment.id,
        deletedDateTime: null,
        appRoleId: assignment.appRoleId,
        createdDateTime: new Date().toISOString(),
        principalDisplayName: principal.displayName,
        principalId: principal.id,
        principalType: 'ServicePrincipal',
        resourceDisplayName: principalById(who.tenant, assignment.resourceId)?.displayName ?? null,
        resourceId: assignment.resourceId,
      })),
    });
  });

  standin.route('GET', /^\/v1\.0\/servicePrincipals\/([0-9a-fA-F-]{36})\/oauth2PermissionGrants$/, (context) => {
    const who = caller(context, ACCEPTS.grants);
    if (isAnswer(who)) return who;
    const principal = principalById(who.tenant, context.match[1] ?? '');
    if (!principal) return notFound(context, context.match[1] ?? '');
    return graphOk(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#oauth2PermissionGrants`,
      value: model
        .tenant(who.tenant)
        .grants.filter((grant) => grant.clientId === principal.id)
        .map((grant) => ({ ...grant })),
    });
  });

  const userJson = (context: RouteContext, user: DirectoryUser): Json =>
    selected(context, {
      id: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      mail: user.mail,
      accountEnabled: user.accountEnabled,
      userType: user.userType,
      assignedLicenses: user.licences.map((skuId) => ({ disabledPlans: [], skuId })),
      proxyAddresses: [...user.proxyAddresses],
    });

  standin.route('GET', /^\/v1\.0\/users\/([^/]+)$/, (context) => {
    const who = caller(context, ACCEPTS.users);
    if (isAnswer(who)) return who;
    const key = decodeURIComponent(context.match[1] ?? '');
    const user = model.findUser(who.tenant, key);
    return user ? graphOk(context, { '@odata.context': `${context.origin}/v1.0/$metadata#users/$entity`, ...userJson(context, user) }) : notFound(context, key);
  });

  // `mail eq '…' or proxyAddresses/any(x:x eq 'smtp:…')` (an advanced query: ConsistencyLevel eventual).
  standin.route('GET', /^\/v1\.0\/users$/, (context) => {
    const who = caller(context, ACCEPTS.users);
    if (isAnswer(who)) return who;
    const filter = context.url.searchParams.get('$filter') ?? '';
    if (/proxyAddresses\/any/.test(filter) && !/eventual/i.test(String(context.request.headers.consistencylevel ?? ''))) {
      return graphError(
        context,
        400,
        'Request_UnsupportedQuery',
        "Unsupported or invalid query filter clause specified for property 'proxyAddresses' of resource 'User'.",
      );
    }
    const wanted = literals(filter).map((value) => value.toLowerCase().replace(/^smtp:/, ''));
    const users = model
      .tenant(who.tenant)
      .users.filter((user) =>
        wanted.some((address) => user.mail?.toLowerCase() === address || user.proxyAddresses.some((proxy) => proxy.toLowerCase() === `smtp:${address}`)),
      );
    return graphOk(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#users`,
      '@odata.count': users.length,
      value: users.map((user) => userJson(context, user)),
    });
  });

  /** `$filter=principalId eq '…'` (the only query these lists are asked): the ID, `all`, or not modelled. */
  const principalFilter = (context: RouteContext): string | 'all' | undefined => {
    const params = [...context.url.searchParams.keys()];
    if (params.length === 0) return 'all';
    if (params.length !== 1 || params[0] !== '$filter') return undefined;
    const match = /^principalId eq '([^']*)'$/.exec(context.url.searchParams.get('$filter') ?? '');
    return match ? (match[1] ?? '').toLowerCase() : undefined;
  };

  standin.route('GET', /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/, (context) => {
    const who = caller(context, ACCEPTS.roleAssignments);
    if (isAnswer(who)) return who;
    const principalId = principalFilter(context);
    if (principalId === undefined) return unknownQuery(context, context.url.search);
    const entries = model.tenant(who.tenant).roleAssignments.filter((entry) => principalId === 'all' || entry.principalId === principalId);
    return graphOk(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#roleManagement/directory/roleAssignments`,
      value: entries.map((entry) => ({ ...entry })),
    });
  });

  standin.route('GET', /^\/v1\.0\/roleManagement\/directory\/roleEligibilityScheduleInstances$/, (context) => {
    const who = caller(context, ACCEPTS.eligibility);
    if (isAnswer(who)) return who;
    const tenantDirectory = model.tenant(who.tenant);
    if (tenantDirectory.pim === 'unlicensed')
      return graphError(context, 400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.');
    const principalId = principalFilter(context);
    if (principalId === undefined) return unknownQuery(context, context.url.search);
    const entries = tenantDirectory.roleEligibilities.filter((entry) => principalId === 'all' || entry.principalId === principalId);
    return graphOk(context, {
      '@odata.context': `${context.origin}/v1.0/$metadata#roleManagement/directory/roleEligibilityScheduleInstances`,
      value: entries.map((entry) => ({
        ...entry,
        appScopeId: null,
        startDateTime: new Date(Date.now() - 86_400_000).toISOString(),
        endDateTime: null,
        memberType: 'Direct',
        roleEligibilityScheduleId: entry.id,
      })),
    });
  });

  /** The groups a user is in, directly or through nested groups. */
  const transitiveGroups = (tenant: Tenant, userId: string): DirectoryGroup[] => {
    const groups = model.tenant(tenant).groups;
    const found = new Set<DirectoryGroup>();
    let reached = new Set([userId]);
    while (reached.size > 0) {
      const next = groups.filter((group) => !found.has(group) && group.members.some((member) => reached.has(member)));
      for (const group of next) found.add(group);
      reached = new Set(next.map((group) => group.id));
    }
    return [...found];
  };

  // A user's group memberships, direct and transitive, cast to groups (user-list-transitivememberof). The cast is
  // an advanced query: without ConsistencyLevel eventual and $count=true Graph answers 400 (aad-advanced-queries).
  // Pages of `$top` (default 100, or the tenant's pageSize), linked by `@odata.nextLink` with a `$skiptoken`.
  standin.route('GET', /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.group$/, (context) => {
    const who = caller(context, ACCEPTS.memberOf);
    if (isAnswer(who)) return who;
    const params = context.url.searchParams;
    const unknown = [...params.keys()].filter((key) => !['$select', '$count', '$top', '$skiptoken'].includes(key));
    if (unknown.length > 0) return unknownQuery(context, unknown.join(', '));
    if (!/^eventual$/i.test(String(context.request.headers.consistencylevel ?? '')) || params.get('$count') !== 'true') {
      return graphError(
        context,
        400,
        'Request_UnsupportedQuery',
        'OData cast on a membership list is supported only with the advanced query parameters (ConsistencyLevel: eventual and $count=true).',
      );
    }
    const key = decodeURIComponent(context.match[1] ?? '');
    const user = model.findUser(who.tenant, key);
    if (!user) return notFound(context, key);
    const tenantDirectory = model.tenant(who.tenant);
    const top = params.has('$top') ? Number(params.get('$top')) : tenantDirectory.pageSize;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) return unknownQuery(context, `$top=${params.get('$top') ?? ''}`);
    const token = params.get('$skiptoken');
    const offset = token === null ? 0 : Number(/^standin-(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))?.[1] ?? NaN);
    if (!Number.isInteger(offset)) return unknownQuery(context, `$skiptoken=${token ?? ''}`);
    const groups = transitiveGroups(who.tenant, user.id);
    const full = who.held.some((permission) => READS_GROUPS.includes(permission));
    const value = groups.slice(offset, offset + top).map((group) =>
      selected(context, {
        '@odata.type': '#microsoft.graph.group',
        id: group.id,
        // Limited information: a caller that may not read groups sees their ID, every other property null.
        displayName: full ? group.displayName : null,
        // Graph answers null, not false, for a group not created role-assignable (the group resource's list
        // examples: https://learn.microsoft.com/graph/api/group-list, user-list-memberof).
        isAssignableToRole: full && group.isAssignableToRole ? true : null,
      }),
    );
    const body: Json = {
      '@odata.context': `${context.origin}/v1.0/$metadata#groups${params.has('$select') ? `(${params.get('$select') ?? ''})` : ''}`,
      '@odata.count': groups.length,
    };
    if (offset + top < groups.length) {
      const next = new URLSearchParams(params);
      next.set('$skiptoken', Buffer.from(`standin-${offset + top}`).toString('base64url'));
      // Graph writes `$` and `,` as they are in its links.
      body['@odata.nextLink'] =
        `${context.origin}${context.url.pathname}?${[...next].map(([name, item]) => `${name}=${encodeURIComponent(item).replace(/%2C/g, ',')}`).join('&')}`;
    }
    return graphOk(context, { ...body, value });
  });
}
