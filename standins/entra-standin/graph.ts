/**
 * The stand-in's Microsoft Graph v1.0 data (the directory the `entra.*` directory checks read): the same
 * data model as the token endpoint (directory.ts) plus what Graph adds: app registration details
 * (redirect URIs per platform, required resource access, sign-in audience), the published permissions of
 * the Exchange and Graph service principals, delegated permission grants, users (licences, sign-in
 * blocked, guests, aliases), groups (role-assignable or not, nested), active role assignments and PIM
 * eligibilities of users and role-assignable groups. Graph's endpoints over it are graph-routes.ts.
 *
 * Installed on every stand-in by `startEntraStandin`; `graphOf(standin)` gives the test its model.
 */
import { randomUUID } from 'node:crypto';
import type { EntraStandin } from './index.js';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, findServicePrincipal, type Application, type ServicePrincipal, type Tenant } from './directory.js';
import { installAdminSignIn, type AdminSignInStandin } from './admin-signin.js';

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

/** Gives a stand-in Graph's data model (and the `--admin` sign-in flows); graph-routes.ts serves it. */
export function installDirectoryGraph(standin: EntraStandin): void {
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
}
