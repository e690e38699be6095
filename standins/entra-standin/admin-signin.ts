/**
 * The stand-in's public-client sign-ins, as `--admin` uses them:
 * - device code (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
 *   `POST /{tenant}/oauth2/v2.0/devicecode`, then the token endpoint's `device_code` grant (msal-node sends
 *   `grant_type=device_code`; the RFC 8628 URN is accepted too) answering `authorization_pending`
 *   (AADSTS70016) until the person signs in, `authorization_declined`, `expired_token` (AADSTS70019),
 *   AADSTS7000218 for a client without "Allow public client flows", and — Conditional Access blocking
 *   device code — AADSTS53003 after the sign-in, as `az login --use-device-code` met it (Azure/azure-cli#32809);
 * - the authorization code flow of a public client with PKCE and a Mobile-and-desktop redirect URI
 *   (http://localhost, port ignored — reply-url "Localhost exceptions"), redeemed without a secret.
 * Tokens are v1 delegated tokens for the resource asked (Graph), with `scp`, `upn`, `oid`, an id_token
 * (echoing the nonce) and client_info for msal-node; consent is checked against the tenant's delegated
 * grants (graph.ts), else AADSTS65001.
 *
 * The confidential authorization code flow (`--login`) is another module's (delegated.ts): the
 * authorization endpoint and the `authorization_code` grant are shared, so this module registers them
 * first and hands every request that is not a public client's to the handler registered after it. What
 * the two flows do alike (code issue and redemption, PKCE, the error page, the token answer) is auth-code.ts.
 *
 * Test control: `POST /_standin/devicelogin` (`user_code`, `user`, `action=approve|decline`) is the person
 * entering the code at microsoft.com/devicelogin; `standin_user=<upn>` (and `standin_action=cancel`) on an
 * authorization URL signs that user in, as in delegated.ts.
 */
import { randomBytes } from 'node:crypto';
import type { EntraStandin, GrantHandler, RouteAnswer, RouteContext, RouteHandler } from './index.js';
import { AADSTS, type EntraError } from './errors.js';
import {
  addServicePrincipal,
  createTenant,
  findApplication,
  findResource,
  findServicePrincipal,
  findTenant,
  registerApp,
  type Application,
  type Tenant,
} from './directory.js';
import type { DirectoryUser, GraphDirectory } from './graph.js';
import {
  consentRequired,
  entraError,
  errorPage,
  json,
  redeemCode,
  redirectMatches,
  scopesOf,
  signInWithCode,
  splitScopes,
  userTokenAnswer,
  type IssuedCode,
} from './auth-code.js';

/** Microsoft's own tenant, home of the first-party apps. */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
/** Microsoft Graph Command Line Tools. */
export const GRAPH_CLI_APP_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

const DEVICE_GRANTS = ['device_code', 'urn:ietf:params:oauth:grant-type:device_code'];
const AUTHORIZE_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/;

export interface DeviceLogin {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  status: 'pending' | 'approved' | 'declined';
  userId?: string;
  expiresAt: number;
  polls: number;
}

export interface AdminSignInStandin {
  /** Microsoft Graph Command Line Tools as registered in Microsoft's tenant (a public client). */
  readonly graphCli: Application;
  /** Its enterprise application in a tenant, with these delegated Graph scopes consented tenant-wide. */
  consentPublicClient(tenant: Tenant, application: Application, scopes: readonly string[], options?: { principal?: DirectoryUser }): void;
  /** Conditional Access refuses device code in this tenant (the AADSTS number the token endpoint answers after sign-in). */
  blockDeviceCode(tenant: Tenant, aadsts?: number): void;
  /** Polling interval handed out (seconds; Entra says 5). */
  interval: number;
  readonly deviceLogins: DeviceLogin[];
  /** The person at microsoft.com/devicelogin (in-process; tests may use the control route instead). */
  approve(userCode: string, upn: string): void;
  /** What a delegated token issued here carries (Graph checks its scopes). */
  delegatedToken(token: string): { readonly userId: string; readonly scopes: readonly string[] } | undefined;
  /** Every code and token handed out: leak canaries. */
  issuedSecrets(): string[];
}

const ERRORS = {
  pending: (): EntraError => ({
    status: 400,
    error: 'authorization_pending',
    code: 70016,
    message: 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
  }),
  declined: (): EntraError => ({ status: 400, error: 'authorization_declined', code: 70000, message: 'The end user denied the authorization request.' }),
  expired: (): EntraError => ({ status: 400, error: 'expired_token', code: 70019, message: 'Verification code expired.' }),
  badCode: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70000,
    message: "The provided value for the 'device_code' parameter is not valid.",
  }),
  secretOnPublic: (): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 700025,
    message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  }),
  blocked: (code: number): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code,
    message:
      code === 530033
        ? 'Remote device flow blocked due to device based conditional access.'
        : 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  }),
  scope: (scope: string): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 70011,
    message: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
  codeExpired: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 70008,
    message: 'The provided authorization code or refresh token has expired due to inactivity.',
  }),
  redirect: (uri: string, appId: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'.`,
  }),
  userNotFound: (upn: string, domain: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 50034,
    message: `The user account ${upn} does not exist in the ${domain} directory.`,
  }),
} as const;

/** The loopback hosts whose port a public client's redirect URI may change ([::1] not among them here). */
const PUBLIC_LOOPBACK: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** The one resource the scopes are for (a v1 token has one audience), and the scope names on it. */
function resourceScopes(scopes: readonly string[]): { resource?: string; names: string[]; oidc: string[] } | 'mixed' {
  const { oidc, resource } = splitScopes(scopes);
  const owners = resource.map((item) => item.resource.replace(/\/+$/, ''));
  if (new Set(owners.map((owner) => owner.toLowerCase())).size > 1) return 'mixed';
  const owner = owners.at(-1);
  return { ...(owner !== undefined ? { resource: owner } : {}), names: resource.map((item) => item.name), oidc };
}

/** A user code as Entra shows it: nine letters and digits without look-alikes. */
function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(9)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function installAdminSignIn(standin: EntraStandin, graph: () => GraphDirectory): AdminSignInStandin {
  const { directory } = standin;
  const deviceLogins: DeviceLogin[] = [];
  const codes: IssuedCode[] = [];
  const delegated = new Map<string, { userId: string; scopes: string[] }>();
  const blocked = new Map<string, number>();
  const secrets: string[] = [];

  const microsoft = createTenant({ id: MICROSOFT_TENANT_ID, displayName: 'Microsoft Services', domains: ['microsoft.onmicrosoft.com'], exchange: false });
  const { application: graphCli } = registerApp(directory, {
    home: microsoft,
    appId: GRAPH_CLI_APP_ID,
    displayName: 'Microsoft Graph Command Line Tools',
    servicePrincipal: false,
  });

  const registrationOf = (application: Application) => {
    const registration = graph().registration(application);
    if (application.appId === GRAPH_CLI_APP_ID && registration.publicClient.length === 0) {
      registration.isFallbackPublicClient = true;
      registration.signInAudience = 'AzureADMultipleOrgs';
      registration.publicClient.push('http://localhost', 'https://login.microsoftonline.com/common/oauth2/nativeclient');
    }
    return registration;
  };

  const model: AdminSignInStandin = {
    graphCli,
    consentPublicClient(tenant, application, scopes, options = {}) {
      graph().equip(tenant);
      const principal = findServicePrincipal(tenant, application.appId) ?? addServicePrincipal(tenant, application);
      graph().grantDelegated(tenant, principal, '00000003-0000-0000-c000-000000000000', scopes, options.principal ? { principal: options.principal } : {});
    },
    blockDeviceCode(tenant, aadsts = 53003) {
      blocked.set(tenant.id, aadsts);
    },
    interval: 1,
    deviceLogins,
    approve(code, upn) {
      const login = deviceLogins.find((candidate) => candidate.userCode === code);
      if (!login) throw new Error(`no device login with the code ${code}`);
      const tenant = findTenant(directory, login.tenantId);
      const user = tenant ? graph().findUser(tenant, upn) : undefined;
      if (!user) throw new Error(`no user ${upn} in the device login's tenant`);
      login.status = 'approved';
      login.userId = user.id;
    },
    delegatedToken: (token) => delegated.get(token),
    issuedSecrets: () => [...secrets],
  };

  /** Consent for these scopes on the resource: a tenant-wide grant, or this user's own. */
  const consented = (tenant: Tenant, clientAppId: string, resourceId: string, names: readonly string[], userId: string): boolean => {
    const client = findServicePrincipal(tenant, clientAppId);
    if (!client) return false;
    const grants = graph()
      .tenant(tenant)
      .grants.filter(
        (grant) => grant.clientId === client.id && grant.resourceId === resourceId && (grant.consentType === 'AllPrincipals' || grant.principalId === userId),
      );
    const held = new Set(grants.flatMap((grant) => grant.scope.split(' ')));
    return names.every((name) => held.has(name));
  };

  /** Checks the scopes and consent, then issues the delegated tokens (or the error Entra gives). */
  const issue = (
    context: RouteContext,
    tenant: Tenant,
    application: Application,
    user: DirectoryUser,
    scopes: readonly string[],
    grantType: string,
    nonce?: string,
  ): RouteAnswer => {
    const split = resourceScopes(scopes);
    if (split === 'mixed') return entraError(context, AADSTS.mixedResources());
    const resourceName = split.resource ?? 'https://graph.microsoft.com';
    const resource = findResource(tenant, resourceName);
    if (!resource) return entraError(context, AADSTS.resourceNotFound(resourceName, tenant.displayName));
    const published = new Set(
      graph()
        .publishedScopes(resource.appId)
        .map((scope) => scope.value),
    );
    const unknown = split.names.find((name) => !published.has(name));
    if (unknown) return entraError(context, ERRORS.scope(unknown));
    if (!consented(tenant, application.appId, resource.id, split.names, user.id)) return consentRequired(context, application);

    const { accessToken, answer } = userTokenAnswer(standin, context, secrets, {
      tenant,
      application,
      user,
      grantType,
      audience: resourceName,
      scp: split.names.join(' '),
      granted: split.names.map((name) => `${resourceName}/${name}`),
      oidc: split.oidc,
      confidential: false,
      amr: ['pwd', 'mfa'],
      ...(nonce ? { nonce } : {}),
    });
    delegated.set(accessToken, { userId: user.id, scopes: split.names });
    return answer;
  };

  // Device authorization (RFC 8628 §3.1–3.2).
  standin.route('POST', /^\/([^/]+)\/oauth2\/v2\.0\/devicecode$/, (context) => {
    const name = decodeURIComponent(context.match[1] ?? '');
    const tenant = findTenant(directory, name);
    if (!tenant) return entraError(context, AADSTS.tenantNotFound(name));
    const clientId = (context.form.get('client_id') ?? '').toLowerCase();
    const application = findApplication(directory, clientId);
    if (!application) return entraError(context, AADSTS.appNotFound(clientId, tenant.displayName));
    const scopes = (context.form.get('scope') ?? '').split(' ').filter(Boolean);
    const login: DeviceLogin = {
      deviceCode: randomBytes(48).toString('base64url'),
      userCode: userCode(),
      tenantId: tenant.id,
      clientId,
      scopes,
      status: 'pending',
      expiresAt: Date.now() + 900_000,
      polls: 0,
    };
    deviceLogins.push(login);
    secrets.push(login.deviceCode);
    const verification = `${context.origin}/devicelogin`;
    return json(200, {
      user_code: login.userCode,
      device_code: login.deviceCode,
      verification_uri: verification,
      expires_in: 900,
      interval: model.interval,
      message: `To sign in, use a web browser to open the page ${verification} and enter the code ${login.userCode} to authenticate.`,
    });
  });

  const deviceGrant: GrantHandler = (context, tenant) => {
    const login = deviceLogins.find((candidate) => candidate.deviceCode === context.form.get('device_code'));
    if (!login || login.tenantId !== tenant.id || login.clientId !== (context.form.get('client_id') ?? '').toLowerCase())
      return entraError(context, ERRORS.badCode());
    login.polls++;
    const application = findApplication(directory, login.clientId);
    if (!application) return entraError(context, ERRORS.badCode());
    if (context.form.has('client_secret')) return entraError(context, ERRORS.secretOnPublic());
    // Public client flows off: Entra takes the app for a confidential client and asks for its secret (AADSTS7000218).
    if (!registrationOf(application).isFallbackPublicClient) return entraError(context, AADSTS.secretMissing());
    if (Date.now() > login.expiresAt) return entraError(context, ERRORS.expired());
    if (login.status === 'pending') return entraError(context, ERRORS.pending());
    if (login.status === 'declined') return entraError(context, ERRORS.declined());
    const aadsts = blocked.get(tenant.id);
    if (aadsts !== undefined) return entraError(context, ERRORS.blocked(aadsts));
    const user = graph().findUser(tenant, login.userId ?? '');
    if (!user) return entraError(context, ERRORS.badCode());
    return issue(context, tenant, application, user, login.scopes, 'device_code');
  };
  for (const type of DEVICE_GRANTS) standin.grant(type, deviceGrant);

  // The person at the verification page.
  standin.route('POST', /^\/_standin\/devicelogin$/, (context) => {
    const login = deviceLogins.find((candidate) => candidate.userCode === context.form.get('user_code'));
    if (!login) return json(404, { error: 'unknown user code' });
    const tenant = findTenant(directory, login.tenantId);
    const user = tenant ? graph().findUser(tenant, context.form.get('user') ?? '') : undefined;
    if (!user) return json(400, { error: 'unknown user in this tenant' });
    login.status = context.form.get('action') === 'decline' ? 'declined' : 'approved';
    login.userId = user.id;
    return json(200, { status: login.status });
  });

  // Authorization code for public clients, composed with the confidential flow registered after this module.
  let confidentialAuthorize: RouteHandler | undefined;
  let confidentialRedeem: GrantHandler | undefined;
  const route = standin.route;
  const grant = standin.grant;
  standin.route = (method, pattern, handler) => {
    if (method === 'GET' && pattern.source === AUTHORIZE_PATH.source && confidentialAuthorize === undefined) confidentialAuthorize = handler;
    else route(method, pattern, handler);
  };
  standin.grant = (type, handler) => {
    if (type === 'authorization_code' && confidentialRedeem === undefined) confidentialRedeem = handler;
    else grant(type, handler);
  };

  /** A request of a public client: its redirect URI is one of the app's Mobile-and-desktop URIs. */
  const publicClientOf = (clientId: string, redirectUri: string): Application | undefined => {
    const application = findApplication(directory, clientId);
    if (!application) return undefined;
    return registrationOf(application).publicClient.some((uri) => redirectMatches(uri, redirectUri, PUBLIC_LOOPBACK)) ? application : undefined;
  };

  route('GET', AUTHORIZE_PATH, (context) => {
    const query = context.url.searchParams;
    const clientId = (query.get('client_id') ?? '').toLowerCase();
    const redirectUri = query.get('redirect_uri') ?? '';
    const application = publicClientOf(clientId, redirectUri);
    if (!application) {
      if (confidentialAuthorize) return confidentialAuthorize(context);
      return errorPage(context, ERRORS.redirect(redirectUri, clientId));
    }
    const name = decodeURIComponent(context.match[1] ?? '');
    const tenant = findTenant(directory, name);
    if (!tenant) return errorPage(context, AADSTS.tenantNotFound(name));
    const signIn = (upn: string): DirectoryUser | RouteAnswer =>
      graph().findUser(tenant, upn) ?? errorPage(context, ERRORS.userNotFound(upn, tenant.domains[0] ?? tenant.id));
    return signInWithCode(context, { tenantId: tenant.id, clientId, redirectUri, signIn, codes, secrets });
  });

  grant('authorization_code', (context, tenant) => {
    const clientId = (context.form.get('client_id') ?? '').toLowerCase();
    const redirectUri = context.form.get('redirect_uri') ?? '';
    const application = context.form.has('client_secret') ? undefined : publicClientOf(clientId, redirectUri);
    if (!application) return confidentialRedeem ? confidentialRedeem(context, tenant) : entraError(context, AADSTS.unsupportedGrant('authorization_code'));
    const issued = redeemCode(context, tenant, { clientId, redirectUri, codes, lifetimeMs: 600_000, expired: ERRORS.codeExpired });
    if ('status' in issued) return issued;
    const user = graph().findUser(tenant, issued.userId);
    if (!user) return entraError(context, AADSTS.codeInvalid());
    return issue(context, tenant, application, user, scopesOf(context.form.get('scope'), issued.scopes), 'authorization_code', issued.nonce);
  });

  return model;
}
