/**
 * The stand-in's delegated flows: the authorization endpoint (`GET /{tenant}/oauth2/v2.0/authorize`) with a
 * test-control way to "sign in", and the token endpoint's `authorization_code` and `refresh_token` grants,
 * answering from a small model of users, delegated (admin) consent and the app's redirect URIs.
 *
 * Behaviour follows Microsoft's documents:
 * - authorization code flow: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
 *   (302 to the redirect URI with `code`, `state`, `session_state`; errors as `error`, `error_description`;
 *   codes live about 10 minutes and redeem once; PKCE S256);
 * - redirect URI matching: https://learn.microsoft.com/en-us/entra/identity-platform/reply-url (exact match,
 *   except that the port of a localhost / 127.0.0.1 URI is ignored; a URI registered only on the SPA
 *   platform cannot be redeemed with a secret: AADSTS9002327);
 * - error numbers and words: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
 *   (50011, 50020, 50034, 53003 shown on Microsoft's own page, since the browser cannot safely be sent
 *   back; 65004 access_denied sent back; 54005, 70008, 65001, 50076, 501481, 9002327 at the token endpoint).
 *
 * Delegated access tokens are v1 tokens for the Outlook resource (`aud=https://outlook.office.com`,
 * `scp`, `upn`, `unique_name`, `idtyp=user`), with an id_token and client_info for msal-node, and an
 * opaque refresh token when `offline_access` is asked for. They join `standin.tokens`, so Dovecot's
 * XOAUTH2 accepts them through `introspectionHandler` (the test says which mailbox each may open).
 *
 * Test control: add `standin_user=<upn>` to the authorization URL to sign that user in (and
 * `standin_action=cancel` to press "Cancel" on the consent screen); `browse()` plays the browser.
 * The code's issue and redemption, the error page and the token answer are auth-code.ts's, shared with
 * the `--admin` public client (admin-signin.ts).
 */
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { EntraStandin, RouteAnswer, RouteContext } from './index.js';
import { AADSTS, type EntraError } from './errors.js';
import { findApplication, findResource, findServicePrincipal, findTenant, type Application, type ServicePrincipal, type Tenant } from './directory.js';
import {
  consentRequired,
  entraError,
  errorPage,
  redeemCode,
  redirectMatches,
  scopesOf,
  sendBack,
  signInWithCode,
  splitScopes,
  userTokenAnswer,
  type IssuedCode,
} from './auth-code.js';

export type { IssuedCode } from './auth-code.js';

/** A user of a tenant, as far as signing in goes. */
export interface StandinUser {
  readonly id: string;
  readonly tenantId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** Conditional Access blocks this user's sign-in (AADSTS53003 on Microsoft's page). */
  blockedByConditionalAccess: boolean;
  /** The token endpoint demands MFA (AADSTS50076), as after a policy change between sign-in and redemption. */
  mfaRequiredAtTokenEndpoint: boolean;
}

interface RefreshGrant {
  readonly tenantId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

/** What a delegated token was issued for (tests read it; introspection goes through `standin.tokens`). */
export interface DelegatedToken {
  readonly token: string;
  readonly grantType: 'authorization_code' | 'refresh_token';
  readonly userPrincipalName: string;
  readonly userId: string;
  readonly clientId: string;
  readonly audience: string;
  readonly scp: string;
}

export interface DelegatedDirectory {
  /** Adds a user to a tenant (UPN, display name; a fresh object id unless given). */
  addUser(tenant: Tenant, options: { upn: string; displayName?: string; id?: string }): StandinUser;
  findUser(upn: string): StandinUser | undefined;
  /** The app's redirect URIs by platform (App registrations → Authentication). */
  setRedirectUris(appId: string, uris: { web?: readonly string[]; spa?: readonly string[] }): void;
  /** "Grant admin consent" for delegated permissions (scope names, e.g. `IMAP.AccessAsUser.All`, `offline_access`). */
  grantDelegatedConsent(tenant: Tenant, appId: string, scopes: readonly string[]): void;
  revokeDelegatedConsent(tenant: Tenant, appId: string): void;
  /** Codes live this long (Entra: about 10 minutes). */
  codeLifetimeSeconds: number;
  /** Ages every unredeemed code past its lifetime (AADSTS70008 on redemption). */
  expireCodes(): void;
  readonly codes: IssuedCode[];
  readonly delegatedTokens: DelegatedToken[];
  /** Every secret the delegated flows handed out (codes, access, refresh and id tokens): leak canaries. */
  issuedSecrets(): string[];
}

const directories = new WeakMap<EntraStandin, DelegatedDirectory>();

/** The delegated model of a stand-in (installed by `startEntraStandin`). */
export function delegatedOf(standin: EntraStandin): DelegatedDirectory {
  const found = directories.get(standin);
  if (!found) throw new Error('the stand-in has no delegated flows installed');
  return found;
}

const PAGE_ERRORS = {
  redirectMismatch: (uri: string, appId: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  }),
  userInOtherTenant: (upn: string, home: string, tenantName: string, appId: string, appName: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 50020,
    message: `User account '${upn}' from identity provider 'https://sts.windows.net/${home}/' does not exist in tenant '${tenantName}' and cannot access the application '${appId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  }),
  userNotFound: (upn: string, domain: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 50034,
    message: `The user account ${upn} does not exist in the ${domain} directory. To sign into this application, the account must be added to the directory.`,
  }),
} as const;

const TOKEN_ERRORS = {
  codeExpired: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70008,
    message:
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  }),
  refreshInvalid: (): EntraError => ({ status: 400, error: 'invalid_grant', code: 9002313, message: 'Invalid request. Request is malformed or invalid.' }),
  redirectMismatch: (uri: string, appId: string): EntraError => ({ ...PAGE_ERRORS.redirectMismatch(uri, appId), status: 400, error: 'invalid_client' }),
  spaRedeemedWithSecret: (): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 9002327,
    message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  }),
  mfaRequired: (resource: string): EntraError => ({
    status: 400,
    error: 'interaction_required',
    code: 50076,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
  }),
} as const;

/** The test plays the browser: one GET, no redirect followed (the answer's Location is what a browser would open). */
export interface BrowserAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
  /** The AADSTS line of Microsoft's error page, as a person would copy it. */
  readonly errorText?: string;
}

export function browse(url: string, options: { ca?: string } = {}): Promise<BrowserAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ...(options.ca ? { ca: options.ca } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const errorText = /<p id="message">([^<]*)<\/p>/
          .exec(body)?.[1]
          ?.replace(/&#39;|&quot;|&lt;|&gt;|&amp;/g, (entity) => ({ '&#39;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' })[entity] ?? entity);
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location ? { location: response.headers.location } : {}),
          body,
          ...(errorText ? { errorText } : {}),
        });
      });
    });
    request.on('error', reject);
  });
}

/** Signs `upn` in at an authorization URL the tool printed (what the person does in the browser). */
export function signInAt(authorizationUrl: string, upn: string, options: { ca?: string; action?: 'cancel' } = {}): Promise<BrowserAnswer> {
  const url = new URL(authorizationUrl);
  url.searchParams.set('standin_user', upn);
  if (options.action) url.searchParams.set('standin_action', options.action);
  return browse(url.href, options);
}

/** Registers the authorization endpoint and the two grants on a stand-in. */
export function installDelegatedFlows(standin: EntraStandin): void {
  const { directory } = standin;
  const users: StandinUser[] = [];
  const redirectUris = new Map<string, { web: string[]; spa: string[] }>();
  const consent = new Map<string, Set<string>>();
  const codes: IssuedCode[] = [];
  const refreshGrants = new Map<string, RefreshGrant>();
  const delegatedTokens: DelegatedToken[] = [];
  const secrets: string[] = [];
  const consentKey = (tenantId: string, appId: string): string => `${tenantId}|${appId.toLowerCase()}`;

  const model: DelegatedDirectory = {
    addUser(tenant, options) {
      const user: StandinUser = {
        id: options.id ?? randomUUID(),
        tenantId: tenant.id,
        userPrincipalName: options.upn,
        displayName: options.displayName ?? options.upn.split('@')[0] ?? options.upn,
        blockedByConditionalAccess: false,
        mfaRequiredAtTokenEndpoint: false,
      };
      users.push(user);
      return user;
    },
    findUser: (upn) => users.find((user) => user.userPrincipalName.toLowerCase() === upn.toLowerCase()),
    setRedirectUris(appId, uris) {
      redirectUris.set(appId.toLowerCase(), { web: [...(uris.web ?? [])], spa: [...(uris.spa ?? [])] });
    },
    grantDelegatedConsent(tenant, appId, scopes) {
      const key = consentKey(tenant.id, appId);
      const set = consent.get(key) ?? new Set<string>();
      for (const scope of scopes) set.add(scope);
      consent.set(key, set);
    },
    revokeDelegatedConsent(tenant, appId) {
      consent.delete(consentKey(tenant.id, appId));
    },
    codeLifetimeSeconds: 600,
    expireCodes() {
      for (const code of codes) code.issuedAt = Date.now() - (model.codeLifetimeSeconds + 60) * 1000;
    },
    codes,
    delegatedTokens,
    issuedSecrets: () => [...secrets],
  };
  directories.set(standin, model);

  const redirectsOf = (appId: string): { web: string[]; spa: string[] } => redirectUris.get(appId.toLowerCase()) ?? { web: [], spa: [] };

  /** Client authentication for the confidential grants, as for client credentials (index.ts). */
  const authenticateClient = (context: RouteContext, tenant: Tenant): { application: Application; principal: ServicePrincipal } | RouteAnswer => {
    const clientId = (context.form.get('client_id') ?? '').toLowerCase();
    if (!clientId) return entraError(context, AADSTS.missingParameter('client_id'));
    const principal = findServicePrincipal(tenant, clientId);
    const application = findApplication(directory, clientId);
    if (!principal || !application) return entraError(context, AADSTS.appNotFound(clientId, tenant.displayName));
    if (!principal.accountEnabled) return entraError(context, AADSTS.appDisabled(clientId, application.displayName));
    const presented = context.form.get('client_secret');
    if (!presented) return entraError(context, AADSTS.secretMissing());
    const credential = application.passwordCredentials.find((candidate) => candidate.secretText === presented);
    if (!credential) return entraError(context, AADSTS.secretInvalid(clientId));
    if (credential.endDateTime.getTime() <= Date.now()) return entraError(context, AADSTS.secretExpired(clientId));
    return { application, principal };
  };

  const missingConsent = (tenant: Tenant, appId: string, scopes: readonly string[]): boolean => {
    const granted = consent.get(consentKey(tenant.id, appId)) ?? new Set<string>();
    return splitScopes(scopes).resource.some((item) => !granted.has(item.name));
  };

  /** Access token (v1, the resource's), refresh token, id_token (v2, for the client) and client_info. */
  const issueTokens = (
    context: RouteContext,
    tenant: Tenant,
    application: Application,
    user: StandinUser,
    scopes: readonly string[],
    grantType: DelegatedToken['grantType'],
  ): RouteAnswer => {
    const { oidc, resource } = splitScopes(scopes);
    const audience = resource[0]?.resource.replace(/\/+$/, '') ?? 'https://graph.microsoft.com';
    const scp = [...new Set(resource.map((item) => item.name))].join(' ');
    const { accessToken, refreshToken, answer } = userTokenAnswer(standin, context, secrets, {
      tenant,
      application,
      user,
      grantType,
      audience,
      scp,
      granted: resource.map((item) => `${item.resource}/${item.name}`),
      oidc,
      confidential: true,
      amr: ['pwd'],
    });
    delegatedTokens.push({
      token: accessToken,
      grantType,
      userPrincipalName: user.userPrincipalName,
      userId: user.id,
      clientId: application.appId,
      audience,
      scp,
    });
    if (refreshToken)
      refreshGrants.set(refreshToken, { tenantId: tenant.id, clientId: application.appId, userId: user.id, scopes: [...scopes], revoked: false });
    return answer;
  };

  // The authorization endpoint: Microsoft's page for what cannot be sent back, else a 302 to the redirect URI.
  standin.route('GET', /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, (context) => {
    const tenant = findTenant(directory, decodeURIComponent(context.match[1] ?? ''));
    if (!tenant) return errorPage(context, AADSTS.tenantNotFound(decodeURIComponent(context.match[1] ?? '')));
    const query = context.url.searchParams;
    const clientId = (query.get('client_id') ?? '').toLowerCase();
    const application = findApplication(directory, clientId);
    const principal = findServicePrincipal(tenant, clientId);
    if (!application || !principal) return errorPage(context, AADSTS.appNotFound(clientId, tenant.displayName));
    const redirectUri = query.get('redirect_uri') ?? '';
    const registered = redirectsOf(clientId);
    if (![...registered.web, ...registered.spa].some((uri) => redirectMatches(uri, redirectUri)))
      return errorPage(context, PAGE_ERRORS.redirectMismatch(redirectUri, clientId));

    const back = sendBack(context, redirectUri);
    if (query.get('response_type') !== 'code')
      return back({
        error: 'unsupported_response_type',
        error_description: "AADSTS70005: response_type '" + (query.get('response_type') ?? '') + "' is not enabled for the application.",
      });
    const resources = new Set(splitScopes(scopesOf(query.get('scope'))).resource.map((item) => item.resource.replace(/\/+$/, '').toLowerCase()));
    if (resources.size > 1) {
      const failure = AADSTS.mixedResources();
      return back({ error: failure.error, error_description: `AADSTS${failure.code}: ${failure.message}` });
    }
    for (const item of resources) {
      if (!findResource(tenant, item))
        return back({
          error: 'invalid_resource',
          error_description: `AADSTS500011: The resource principal named ${item} was not found in the tenant named ${tenant.displayName}.`,
        });
    }

    const signIn = (upn: string): StandinUser | RouteAnswer => {
      const user = model.findUser(upn);
      if (!user || user.tenantId !== tenant.id) {
        if (user) return errorPage(context, PAGE_ERRORS.userInOtherTenant(upn, user.tenantId, tenant.displayName, clientId, application.displayName));
        return errorPage(context, PAGE_ERRORS.userNotFound(upn, tenant.domains[0] ?? tenant.id));
      }
      return user.blockedByConditionalAccess ? errorPage(context, AADSTS.conditionalAccess()) : user;
    };
    return signInWithCode(context, { tenantId: tenant.id, clientId, redirectUri, signIn, codes, secrets });
  });

  standin.grant('authorization_code', (context, tenant) => {
    const client = authenticateClient(context, tenant);
    if ('status' in client) return client;
    const { application } = client;
    const redirectUri = context.form.get('redirect_uri') ?? '';
    const registered = redirectsOf(application.appId);
    const onWeb = registered.web.some((uri) => redirectMatches(uri, redirectUri));
    if (!onWeb) {
      if (registered.spa.some((uri) => redirectMatches(uri, redirectUri))) return entraError(context, TOKEN_ERRORS.spaRedeemedWithSecret());
      return entraError(context, TOKEN_ERRORS.redirectMismatch(redirectUri, application.appId));
    }
    const lifetimeMs = model.codeLifetimeSeconds * 1000;
    const issued = redeemCode(context, tenant, { clientId: application.appId, redirectUri, codes, lifetimeMs, expired: TOKEN_ERRORS.codeExpired });
    if ('status' in issued) return issued;
    const user = users.find((candidate) => candidate.id === issued.userId);
    if (!user) return entraError(context, AADSTS.codeInvalid());
    const scopes = scopesOf(context.form.get('scope'), issued.scopes);
    if (missingConsent(tenant, application.appId, scopes)) return consentRequired(context, application);
    if (user.mfaRequiredAtTokenEndpoint) {
      const resource = splitScopes(scopes).resource[0]?.resource ?? 'https://outlook.office.com';
      return entraError(context, TOKEN_ERRORS.mfaRequired(resource), { suberror: 'basic_action' });
    }
    return issueTokens(context, tenant, application, user, scopes, 'authorization_code');
  });

  standin.grant('refresh_token', (context, tenant) => {
    const client = authenticateClient(context, tenant);
    if ('status' in client) return client;
    const grant = refreshGrants.get(context.form.get('refresh_token') ?? '');
    if (!grant || grant.tenantId !== tenant.id || grant.clientId !== client.application.appId) return entraError(context, TOKEN_ERRORS.refreshInvalid());
    if (grant.revoked) return entraError(context, TOKEN_ERRORS.codeExpired());
    const user = users.find((candidate) => candidate.id === grant.userId);
    if (!user) return entraError(context, TOKEN_ERRORS.refreshInvalid());
    const scopes = scopesOf(context.form.get('scope'), grant.scopes);
    if (missingConsent(tenant, client.application.appId, scopes)) return consentRequired(context, client.application);
    // Refresh tokens rotate: the old one keeps working until it expires, as Entra's do.
    return issueTokens(context, tenant, client.application, user, scopes, 'refresh_token');
  });
}
