/**
 * The stand-in's Microsoft Graph v1.0 endpoints, answering from the model in graph.ts. Shapes follow
 * Microsoft's resource pages (application, servicePrincipal, passwordCredential, appRoleAssignment,
 * oAuth2PermissionGrant, user, group, unifiedRoleAssignment, unifiedRoleEligibilityScheduleInstance) and
 * errors Graph's `{error:{code,message,innerError}}` (https://learn.microsoft.com/graph/errors) with
 * `request-id` / `client-request-id` headers. Access is checked like Graph does: the bearer token must be
 * one the stand-in issued for Graph, app-only tokens need one of the endpoint's application permissions in
 * `roles`, delegated ones one of its scopes in `scp` (401 InvalidAuthenticationToken / 403
 * Authorization_RequestDenied otherwise). A membership list read by a caller that may read users but not
 * groups shows the groups with "limited information" (ID only). Query shapes a route does not know are
 * answered 400 and recorded in `unexpected`.
 */
import { randomUUID } from 'node:crypto';
import type { EntraStandin, RouteAnswer, RouteContext } from './index.js';
import { GRAPH_APP_ID, findServicePrincipal, findTenant, type Application, type ServicePrincipal, type Tenant } from './directory.js';
import { MICROSOFT_TENANT_ID } from './admin-signin.js';
import { graphOf, type DirectoryGroup, type DirectoryUser } from './graph.js';

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

/** Registers Graph's endpoints on a stand-in, reading the model `installDirectoryGraph` put there. */
export function installGraphRoutes(standin: EntraStandin): void {
  const { directory } = standin;
  const model = graphOf(standin);
  const { signIn } = model;

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

  /** A list under `/v1.0/servicePrincipals/{id}/`: the caller's check, then Graph's 404 for an unknown Object ID. */
  const principalList = (list: string, accepts: Accepts, answer: (context: RouteContext, tenant: Tenant, principal: ServicePrincipal) => Json): void =>
    standin.route('GET', new RegExp(`^/v1\\.0/servicePrincipals/([0-9a-fA-F-]{36})/${list}$`), (context) => {
      const who = caller(context, accepts);
      if (isAnswer(who)) return who;
      const principal = principalById(who.tenant, context.match[1] ?? '');
      return principal ? graphOk(context, answer(context, who.tenant, principal)) : notFound(context, context.match[1] ?? '');
    });

  principalList('appRoleAssignments', ACCEPTS.applications, (context, tenant, principal) => ({
    '@odata.context': `${context.origin}/v1.0/$metadata#servicePrincipals('${principal.id}')/appRoleAssignments`,
    value: principal.appRoleAssignments.map((assignment) => ({
      id: assignment.id,
      deletedDateTime: null,
      appRoleId: assignment.appRoleId,
      createdDateTime: new Date().toISOString(),
      principalDisplayName: principal.displayName,
      principalId: principal.id,
      principalType: 'ServicePrincipal',
      resourceDisplayName: principalById(tenant, assignment.resourceId)?.displayName ?? null,
      resourceId: assignment.resourceId,
    })),
  }));

  principalList('oauth2PermissionGrants', ACCEPTS.grants, (context, tenant, principal) => ({
    '@odata.context': `${context.origin}/v1.0/$metadata#oauth2PermissionGrants`,
    value: model
      .tenant(tenant)
      .grants.filter((grant) => grant.clientId === principal.id)
      .map((grant) => ({ ...grant })),
  }));

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
