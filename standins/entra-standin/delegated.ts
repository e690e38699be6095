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
 */
import https from 'node:https';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import type { EntraStandin, RouteAnswer, RouteContext } from './index.js';
import { AADSTS, errorBody, type EntraError } from './errors.js';
import { findApplication, findResource, findServicePrincipal, findTenant, type Application, type ServicePrincipal, type Tenant } from './directory.js';
import { userTokens } from './tokens.js';

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

/** An authorization code as issued. */
export interface IssuedCode {
  readonly code: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  issuedAt: number;
  redeemed: boolean;
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

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const TOKEN_LIFETIME = 3599;

function json(status: number, body: unknown): RouteAnswer {
  return { status, json: body, headers: { 'cache-control': 'no-store, no-cache' } };
}

function entraError(context: RouteContext, failure: EntraError, extra: Record<string, unknown> = {}): RouteAnswer {
  return json(failure.status, { ...errorBody(failure, context.correlationId, context.origin), ...extra });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Microsoft's own error page (the browser is not sent back): the AADSTS line, then the IDs for support. */
function errorPage(failure: EntraError, context: RouteContext): RouteAnswer {
  const body = errorBody(failure, context.correlationId, context.origin);
  const description = String(body.error_description);
  const headline = description.split(' Trace ID:')[0] ?? description;
  const html = [
    '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>',
    `<div id="error"><h1>Sorry, but we’re having trouble signing you in.</h1><p id="message">${escapeHtml(headline)}</p>`,
    `<p>Trace ID: ${escapeHtml(String(body.trace_id))}</p><p>Correlation ID: ${escapeHtml(String(body.correlation_id))}</p><p>Timestamp: ${escapeHtml(String(body.timestamp))}</p></div>`,
    '</body></html>',
  ].join('');
  return { status: 400, text: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
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
  codeRedeemed: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 54005,
    message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  }),
  codeExpired: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70008,
    message:
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  }),
  codeInvalid: (): EntraError => ({ status: 400, error: 'invalid_grant', code: 70000, message: "The provided value for the 'code' parameter is not valid." }),
  refreshInvalid: (): EntraError => ({ status: 400, error: 'invalid_grant', code: 9002313, message: 'Invalid request. Request is malformed or invalid.' }),
  redirectMismatch: (uri: string, appId: string): EntraError => ({ ...PAGE_ERRORS.redirectMismatch(uri, appId), status: 400, error: 'invalid_client' }),
  redirectNotTheCodes: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 500112,
    message: 'The reply address does not match the reply address provided when requesting Authorization code.',
  }),
  spaRedeemedWithSecret: (): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 9002327,
    message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  }),
  pkceMismatch: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 501481,
    message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  }),
  consentMissing: (appId: string, appName: string): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
  }),
  mfaRequired: (resource: string): EntraError => ({
    status: 400,
    error: 'interaction_required',
    code: 50076,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
  }),
  mixedResources: (): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 28000,
    message: 'Provided value for the input parameter scope is not valid because it contains more than one resource.',
  }),
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Entra's comparison: exact, except that a loopback URI's port is ignored (reply-url, "Localhost exceptions"). */
export function redirectMatches(registered: string, requested: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  if (LOOPBACK_HOSTS.has(a.hostname) && a.hostname === b.hostname) {
    return a.protocol === b.protocol && a.pathname === b.pathname && a.search === b.search;
  }
  return a.href === b.href;
}

/** A scope string split into the OIDC scopes and the resource scopes (`{resource}/{name}`; bare names are Graph's). */
function splitScopes(scope: string): { oidc: string[]; resource: { resource: string; name: string }[] } {
  const oidc: string[] = [];
  const resource: { resource: string; name: string }[] = [];
  for (const item of scope.split(' ').filter(Boolean)) {
    if (OIDC_SCOPES.has(item)) {
      oidc.push(item);
      continue;
    }
    const slash = item.lastIndexOf('/');
    if (slash > 'https://'.length) resource.push({ resource: item.slice(0, slash), name: item.slice(slash + 1) });
    else resource.push({ resource: 'https://graph.microsoft.com', name: item });
  }
  return { oidc, resource };
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

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
    return splitScopes(scopes.join(' ')).resource.some((item) => !granted.has(item.name));
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
    const { oidc, resource } = splitScopes(scopes.join(' '));
    const audience = resource[0]?.resource.replace(/\/+$/, '') ?? 'https://graph.microsoft.com';
    const scp = [...new Set(resource.map((item) => item.name))].join(' ');
    const { accessToken, idToken } = userTokens({
      tenantId: tenant.id,
      application,
      user,
      audience,
      scp,
      confidential: true,
      amr: ['pwd'],
      origin: context.origin,
      lifetimeSeconds: TOKEN_LIFETIME,
      clockSkewSeconds: standin.clockSkewSeconds,
    });
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME * 1000);
    standin.tokens.add({ token: accessToken, grantType, tenantId: tenant.id, appId: application.appId, oid: user.id, audience, roles: [], expiresAt });
    delegatedTokens.push({
      token: accessToken,
      grantType,
      userPrincipalName: user.userPrincipalName,
      userId: user.id,
      clientId: application.appId,
      audience,
      scp,
    });
    secrets.push(accessToken, idToken);
    const answer: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: [...resource.map((item) => `${item.resource}/${item.name}`), ...oidc.filter((item) => item !== 'offline_access')].join(' '),
      expires_in: TOKEN_LIFETIME,
      ext_expires_in: TOKEN_LIFETIME,
      access_token: accessToken,
      id_token: idToken,
      client_info: base64Url({ uid: user.id, utid: tenant.id }),
    };
    if (oidc.includes('offline_access')) {
      const refreshToken = `1.A${randomBytes(96).toString('base64url')}`;
      refreshGrants.set(refreshToken, { tenantId: tenant.id, clientId: application.appId, userId: user.id, scopes: [...scopes], revoked: false });
      secrets.push(refreshToken);
      answer.refresh_token = refreshToken;
    }
    return json(200, answer);
  };

  // The authorization endpoint: Microsoft's page for what cannot be sent back, else a 302 to the redirect URI.
  standin.route('GET', /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, (context) => {
    const tenant = findTenant(directory, decodeURIComponent(context.match[1] ?? ''));
    if (!tenant) return errorPage(AADSTS.tenantNotFound(decodeURIComponent(context.match[1] ?? '')), context);
    const query = context.url.searchParams;
    const clientId = (query.get('client_id') ?? '').toLowerCase();
    const application = findApplication(directory, clientId);
    const principal = findServicePrincipal(tenant, clientId);
    if (!application || !principal) return errorPage(AADSTS.appNotFound(clientId, tenant.displayName), context);
    const redirectUri = query.get('redirect_uri') ?? '';
    const registered = redirectsOf(clientId);
    if (![...registered.web, ...registered.spa].some((uri) => redirectMatches(uri, redirectUri)))
      return errorPage(PAGE_ERRORS.redirectMismatch(redirectUri, clientId), context);

    const back = (params: Record<string, string>): RouteAnswer => {
      const target = new URL(redirectUri);
      for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
      const state = query.get('state');
      if (state !== null) target.searchParams.set('state', state);
      return { status: 302, headers: { location: target.href, 'cache-control': 'no-store' }, text: '' };
    };
    if (query.get('response_type') !== 'code')
      return back({
        error: 'unsupported_response_type',
        error_description: "AADSTS70005: response_type '" + (query.get('response_type') ?? '') + "' is not enabled for the application.",
      });
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    const resources = new Set(splitScopes(scopes.join(' ')).resource.map((item) => item.resource.replace(/\/+$/, '').toLowerCase()));
    if (resources.size > 1) {
      const failure = TOKEN_ERRORS.mixedResources();
      return back({ error: failure.error, error_description: `AADSTS${failure.code}: ${failure.message}` });
    }
    for (const item of resources) {
      if (!findResource(tenant, item))
        return back({
          error: 'invalid_resource',
          error_description: `AADSTS500011: The resource principal named ${item} was not found in the tenant named ${tenant.displayName}.`,
        });
    }

    const upn = query.get('standin_user');
    if (!upn) {
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        text: '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><p>Entra stand-in: add standin_user=&lt;upn&gt; to this address to sign in.</p></body></html>',
      };
    }
    const user = model.findUser(upn);
    if (!user || user.tenantId !== tenant.id) {
      if (user) return errorPage(PAGE_ERRORS.userInOtherTenant(upn, user.tenantId, tenant.displayName, clientId, application.displayName), context);
      return errorPage(PAGE_ERRORS.userNotFound(upn, tenant.domains[0] ?? tenant.id), context);
    }
    if (user.blockedByConditionalAccess) return errorPage(AADSTS.conditionalAccess(), context);
    if (query.get('standin_action') === 'cancel') {
      return back({ error: 'access_denied', error_subcode: 'cancel', error_description: 'AADSTS65004: User declined to consent to access the app.' });
    }
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method');
    const code = `1.A${randomBytes(72).toString('base64url')}`;
    codes.push({
      code,
      tenantId: tenant.id,
      clientId,
      userId: user.id,
      redirectUri,
      scopes,
      ...(challenge ? { codeChallenge: challenge } : {}),
      ...(method ? { codeChallengeMethod: method } : {}),
      issuedAt: Date.now(),
      redeemed: false,
    });
    secrets.push(code);
    return back({ code, session_state: randomUUID() });
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
    const issued = codes.find((candidate) => candidate.code === context.form.get('code'));
    if (!issued || issued.tenantId !== tenant.id || issued.clientId !== application.appId) return entraError(context, TOKEN_ERRORS.codeInvalid());
    if (issued.redeemed) return entraError(context, TOKEN_ERRORS.codeRedeemed());
    if (Date.now() - issued.issuedAt > model.codeLifetimeSeconds * 1000) return entraError(context, TOKEN_ERRORS.codeExpired());
    // Single use: any attempt past this point spends the code, also one that fails below (a live callback
    // that redeems it without our PKCE verifier leaves the tool with AADSTS54005).
    issued.redeemed = true;
    if (issued.redirectUri !== redirectUri) return entraError(context, TOKEN_ERRORS.redirectNotTheCodes());
    if (issued.codeChallenge) {
      const verifier = context.form.get('code_verifier') ?? '';
      const computed = issued.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (computed !== issued.codeChallenge) return entraError(context, TOKEN_ERRORS.pkceMismatch());
    }
    const user = users.find((candidate) => candidate.id === issued.userId);
    if (!user) return entraError(context, TOKEN_ERRORS.codeInvalid());
    const scopes = (context.form.get('scope') ?? issued.scopes.join(' ')).split(' ').filter(Boolean);
    if (missingConsent(tenant, application.appId, scopes))
      return entraError(context, TOKEN_ERRORS.consentMissing(application.appId, application.displayName), { suberror: 'consent_required' });
    if (user.mfaRequiredAtTokenEndpoint) {
      const resource = splitScopes(scopes.join(' ')).resource[0]?.resource ?? 'https://outlook.office.com';
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
    const scopes = (context.form.get('scope') ?? grant.scopes.join(' ')).split(' ').filter(Boolean);
    if (missingConsent(tenant, client.application.appId, scopes))
      return entraError(context, TOKEN_ERRORS.consentMissing(client.application.appId, client.application.displayName), { suberror: 'consent_required' });
    // Refresh tokens rotate: the old one keeps working until it expires, as Entra's do.
    return issueTokens(context, tenant, client.application, user, scopes, 'refresh_token');
  });
}
