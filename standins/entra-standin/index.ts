/**
 * A local HTTPS stand-in of Entra ID on 127.0.0.1 (ephemeral port), for the real @azure/msal-node and the
 * Entra checks: per-tenant OpenID discovery (AADSTS90002 for an unknown tenant, as a 400 JSON answer),
 * instance discovery, JWKS, and the v2.0 token endpoint with the client-credentials grant, all answering
 * from a data model of tenants, app registrations, secrets, service principals and consented app roles
 * (directory.ts). Its certificate comes from a test CA that the tests pass as `extraCa` (tls.caFile),
 * which also proves run-time trust.
 *
 * Strict like m365's fakes: a request no route knows is answered 404 and recorded in `unexpected`, which
 * tests assert empty. Every request is logged (never a secret: only whether one was presented). Faults
 * (a 503 with an empty body, an HTML page, a hang) are injected per request.
 *
 * Extension points for the next grants and for Graph: `grant(type, handler)` adds a token-endpoint grant,
 * `route(method, pattern, handler)` adds any endpoint (e.g. `/v1.0/applications(appId='…')`), both reading
 * the same `directory`.
 */
import https from 'node:https';
import type http from 'node:http';
import { issueCert, type TestCa } from '../certs.js';
import { introspectionHandler } from '../oauth-introspection.js';
import type { DnsResolver } from '../../src/core/services.js';
import { AADSTS, errorBody, type EntraError } from './errors.js';
import { emptyDirectory, findApplication, findResource, findServicePrincipal, findTenant, rolesOn, type Directory, type Tenant } from './directory.js';
import { IssuedTokens, appTokenClaims, jwks, signJwt, type IssuedToken } from './tokens.js';
import { installDelegatedFlows } from './delegated.js';
import { installDirectoryGraph } from './graph.js';
import { installGraphRoutes } from './graph-routes.js';

export * from './directory.js';
export { AADSTS, type EntraError } from './errors.js';
export type { IssuedToken } from './tokens.js';

/** The host name the stand-in's certificate carries besides localhost and 127.0.0.1. */
export const STANDIN_HOST = 'login.standin.test';

export interface EntraStandinOptions {
  readonly ca: TestCa;
  /** Names and addresses on the server certificate (default: login.standin.test, localhost, 127.0.0.1). */
  readonly hosts?: readonly string[];
  readonly directory?: Directory;
  /** The stand-in's clock minus the real one, applied to iat/nbf/exp. */
  readonly clockSkewSeconds?: number;
  readonly tokenLifetimeSeconds?: number;
  /** Send the CA certificate after the leaf, as TLS-inspecting products send their root (SELF_SIGNED_CERT_IN_CHAIN). */
  readonly sendChain?: boolean;
}

/** One request as the stand-in saw it. Never the secret: only whether one was presented. */
export interface StandinRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly host: string;
  readonly grantType?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly secretPresented?: boolean;
  status: number;
}

/** A per-request fault: the first matching requests (`times`, default 1) get it instead of the real answer. */
export interface Fault {
  readonly method?: string;
  readonly path?: RegExp;
  times?: number;
  readonly status?: number;
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Accept the request and never answer (a deadline test). */
  readonly hang?: boolean;
}

export interface RouteContext {
  readonly request: http.IncomingMessage;
  readonly url: URL;
  readonly match: RegExpExecArray;
  readonly body: string;
  readonly form: URLSearchParams;
  /** `https://<Host header>`: the stand-in builds its URLs from it, as Entra does from its own host. */
  readonly origin: string;
  /** The request's `client-request-id` (query, form field or header), echoed as Entra's correlation ID. */
  readonly correlationId: string | undefined;
  readonly log: StandinRequest;
}

export interface RouteAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (context: RouteContext) => RouteAnswer | Promise<RouteAnswer>;

/** A grant of the token endpoint, given the tenant the path names (already found). */
export type GrantHandler = (context: RouteContext, tenant: Tenant) => RouteAnswer | Promise<RouteAnswer>;

export interface EntraStandin {
  readonly port: number;
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  /** `https://<host>:<port>` for a name the certificate carries (resolved to 127.0.0.1 by the test's resolver). */
  url(host?: string): string;
  readonly directory: Directory;
  readonly tokens: IssuedTokens;
  /** The stand-in's clock minus the real one, applied to the next tokens' iat/nbf/exp (clock-skew tests). */
  clockSkewSeconds: number;
  readonly requests: StandinRequest[];
  /** Requests no route knew: a test asserts this stays empty. */
  readonly unexpected: StandinRequest[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Forgets the request logs (between tests). */
  resetLog(): void;
  route(method: string, pattern: RegExp, handler: RouteHandler): void;
  grant(type: string, handler: GrantHandler): void;
  /** An RFC 7662 endpoint handler accepting this stand-in's tokens (for Dovecot's XOAUTH2). */
  introspectionHandler(userFor: (token: IssuedToken) => string | undefined): http.RequestListener;
  close(): Promise<void>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What Entra accepts as a tenant identifier: a GUID or a DNS name (else AADSTS900023). */
const TENANT_IDENTIFIER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;

function json(status: number, body: unknown, headers: Record<string, string> = {}): RouteAnswer {
  return { status, json: body, headers: { 'cache-control': 'no-store, no-cache', ...headers } };
}

function entraError(context: RouteContext, failure: EntraError): RouteAnswer {
  return json(failure.status, errorBody(failure, context.correlationId, context.origin));
}

/** A tenant named by the path, or the error answer Entra gives for it. */
function tenantFrom(directory: Directory, context: RouteContext, identifier: string): Tenant | RouteAnswer {
  const decoded = decodeURIComponent(identifier);
  if (!TENANT_IDENTIFIER.test(decoded)) return entraError(context, AADSTS.tenantMalformed(decoded));
  const tenant = findTenant(directory, decoded);
  return tenant ?? entraError(context, AADSTS.tenantNotFound(decoded));
}

function isAnswer(value: Tenant | RouteAnswer): value is RouteAnswer {
  return 'status' in value;
}

export async function startEntraStandin(options: EntraStandinOptions): Promise<EntraStandin> {
  const directory = options.directory ?? emptyDirectory();
  const hosts = options.hosts ?? [STANDIN_HOST, 'localhost', '127.0.0.1'];
  const certificate = issueCert(options.ca, { hosts: [...hosts] });
  const tokens = new IssuedTokens();
  const requests: StandinRequest[] = [];
  const unexpected: StandinRequest[] = [];
  const faults: Fault[] = [];
  const routes: { method: string; pattern: RegExp; handler: RouteHandler }[] = [];
  const grants = new Map<string, GrantHandler>();
  const lifetime = options.tokenLifetimeSeconds ?? 3599;

  const route = (method: string, pattern: RegExp, handler: RouteHandler): void => {
    routes.push({ method, pattern, handler });
  };

  // OpenID discovery per tenant, v2.0 and v1 (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc).
  route('GET', /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, (context) => {
    const tenant = tenantFrom(directory, context, context.match[1] ?? '');
    if (isAnswer(tenant)) return tenant;
    const base = `${context.origin}/${tenant.id}`;
    return json(
      200,
      {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `https://${tenant.cloud.msgraphHost}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: [
          'sub',
          'iss',
          'cloud_instance_name',
          'cloud_instance_host_name',
          'cloud_graph_host_name',
          'msgraph_host',
          'aud',
          'exp',
          'iat',
          'auth_time',
          'acr',
          'nonce',
          'preferred_username',
          'name',
          'tid',
          'ver',
          'at_hash',
          'c_hash',
          'email',
        ],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: tenant.cloud.tenantRegionScope,
        ...(tenant.cloud.tenantRegionSubScope ? { tenant_region_sub_scope: tenant.cloud.tenantRegionSubScope } : {}),
        cloud_instance_name: tenant.cloud.cloudInstanceName,
        cloud_graph_host_name: tenant.cloud.cloudGraphHostName,
        msgraph_host: tenant.cloud.msgraphHost,
        rbac_url: 'https://pas.windows.net',
      },
      { 'cache-control': 'max-age=86400, private' },
    );
  });

  // Instance discovery (what msal asks login.microsoftonline.com for unknown hosts; nobody should here).
  route('GET', /^\/common\/discovery\/instance$/, (context) => {
    const host = context.url.host;
    return json(200, {
      tenant_discovery_endpoint: `${context.origin}/common/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  route('GET', /^\/([^/]+)\/discovery\/v2\.0\/keys$/, (context) => {
    const tenant = tenantFrom(directory, context, context.match[1] ?? '');
    if (isAnswer(tenant)) return tenant;
    return json(200, jwks(`${context.origin}/${tenant.id}/v2.0`));
  });

  route('POST', /^\/([^/]+)\/oauth2\/v2\.0\/token$/, async (context) => {
    const tenant = tenantFrom(directory, context, context.match[1] ?? '');
    if (isAnswer(tenant)) return tenant;
    const grantType = context.form.get('grant_type');
    if (!grantType) return entraError(context, AADSTS.missingParameter('grant_type'));
    const handler = grants.get(grantType);
    if (!handler) return entraError(context, AADSTS.unsupportedGrant(grantType));
    return handler(context, tenant);
  });

  // Client credentials (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
  // client → its service principal here → its secret → the scope's resource → Conditional Access → token.
  grants.set('client_credentials', (context, tenant) => {
    const basic = clientFromBasic(context.request.headers.authorization);
    const clientId = (context.form.get('client_id') ?? basic?.clientId ?? '').toLowerCase();
    if (!clientId) return entraError(context, AADSTS.missingParameter('client_id'));
    const principal = findServicePrincipal(tenant, clientId);
    const application = findApplication(directory, clientId);
    if (!principal || !application) return entraError(context, AADSTS.appNotFound(clientId, tenant.displayName));
    if (!principal.accountEnabled) return entraError(context, AADSTS.appDisabled(clientId, application.displayName));
    const presented = context.form.get('client_secret') ?? basic?.secret;
    if (!presented) return entraError(context, AADSTS.secretMissing());
    const credential = application.passwordCredentials.find((candidate) => candidate.secretText === presented);
    if (!credential) return entraError(context, AADSTS.secretInvalid(clientId));
    if (credential.endDateTime.getTime() <= Date.now()) return entraError(context, AADSTS.secretExpired(clientId));
    const scope = (context.form.get('scope') ?? '').split(' ').filter(Boolean);
    const wanted = scope.find((item) => !['openid', 'profile', 'offline_access', 'email'].includes(item));
    if (!wanted) return entraError(context, AADSTS.missingParameter('scope'));
    if (!wanted.endsWith('/.default')) return entraError(context, AADSTS.scopeWithoutDefault(wanted));
    const resourceName = wanted.slice(0, -'/.default'.length);
    if (!resourceName) return entraError(context, AADSTS.scopeInvalid(wanted));
    const resource = findResource(tenant, resourceName);
    if (!resource) return entraError(context, AADSTS.resourceNotFound(resourceName, tenant.displayName));
    if (tenant.conditionalAccess.blockedAppIds.includes(clientId)) return entraError(context, AADSTS.conditionalAccess());

    const roles = rolesOn(tenant, principal, resource);
    // v1 tokens carry the resource URI as requested (GUID-named resources keep the GUID).
    const audience = GUID.test(resourceName) ? resourceName : resourceName.replace(/\/+$/, '');
    const token = signJwt(
      appTokenClaims({
        tenantId: tenant.id,
        appId: clientId,
        appDisplayName: application.displayName,
        servicePrincipalId: principal.id,
        audience,
        roles,
        lifetimeSeconds: lifetime,
        clockSkewSeconds: standin.clockSkewSeconds,
      }),
    );
    tokens.add({
      token,
      grantType: 'client_credentials',
      tenantId: tenant.id,
      appId: clientId,
      oid: principal.id,
      audience,
      roles,
      expiresAt: new Date(Date.now() + lifetime * 1000),
    });
    return json(200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
  });

  const chain = options.sendChain ? `${certificate.cert}\n${options.ca.pem}` : certificate.cert;
  const server = https.createServer({ key: certificate.key, cert: chain }, (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 256 * 1024) chunks.push(chunk);
    });
    request.on('end', () => {
      void answer(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  server.keepAliveTimeout = 1000;

  async function answer(request: http.IncomingMessage, response: http.ServerResponse, body: string): Promise<void> {
    const host = request.headers.host ?? `127.0.0.1:${port}`;
    const url = new URL(request.url ?? '/', `https://${host}`);
    const form = /application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '') ? new URLSearchParams(body) : new URLSearchParams();
    const log: StandinRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      host,
      ...(form.get('grant_type') ? { grantType: form.get('grant_type') ?? '' } : {}),
      ...(form.get('client_id') ? { clientId: form.get('client_id') ?? '' } : {}),
      ...(form.get('scope') ? { scope: form.get('scope') ?? '' } : {}),
      ...(request.method === 'POST' ? { secretPresented: form.has('client_secret') || /^basic /i.test(request.headers.authorization ?? '') } : {}),
      status: 0,
    };
    requests.push(log);

    const fault = faults.find(
      (candidate) => (candidate.method === undefined || candidate.method === log.method) && (candidate.path === undefined || candidate.path.test(log.path)),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.hang) return;
      log.status = fault.status ?? 503;
      response
        .writeHead(log.status, { ...(fault.body ? { 'content-type': fault.contentType ?? 'text/html; charset=utf-8' } : {}), ...fault.headers })
        .end(fault.body ?? '');
      return;
    }

    for (const candidate of routes) {
      if (candidate.method !== log.method) continue;
      const match = candidate.pattern.exec(url.pathname);
      if (!match) continue;
      const correlationId = url.searchParams.get('client-request-id') ?? form.get('client-request-id') ?? headerValue(request.headers['client-request-id']);
      const context: RouteContext = { request, url, match, body, form, origin: `https://${host}`, correlationId, log };
      let result: RouteAnswer;
      try {
        result = await candidate.handler(context);
      } catch (error) {
        result = json(500, { error: 'standin_bug', error_description: error instanceof Error ? error.message : String(error) });
      }
      log.status = result.status;
      const headers: Record<string, string> = { ...result.headers };
      if (result.json !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
      if (correlationId) headers['client-request-id'] = correlationId;
      response.writeHead(result.status, headers).end(result.json !== undefined ? JSON.stringify(result.json) : (result.text ?? ''));
      return;
    }
    log.status = 404;
    unexpected.push(log);
    response
      .writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ error: 'not_found', error_description: `the stand-in has no ${log.method} ${url.pathname}` }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the Entra stand-in did not bind a TCP port');
  const port = address.port;

  const standin: EntraStandin = {
    port,
    origin: `https://127.0.0.1:${port}`,
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    url: (host = STANDIN_HOST) => `https://${host}:${port}`,
    directory,
    tokens,
    requests,
    unexpected,
    injectFault: (fault) => {
      faults.push({ ...fault });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    resetLog: () => {
      requests.length = 0;
      unexpected.length = 0;
    },
    route,
    grant: (type, handler) => {
      grants.set(type, handler);
    },
    introspectionHandler: (userFor) => introspectionHandler(tokens.introspectionTable(userFor)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  // Graph and the --admin sign-ins first: their public-client authorization code composes with the delegated flows'.
  installDirectoryGraph(standin);
  installGraphRoutes(standin);
  installDelegatedFlows(standin);
  return standin;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function clientFromBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * A resolver for tests: the names given resolve to their addresses, `.invalid` names (RFC 6761 §6.4) fail
 * with ENOTFOUND, and any other name is refused loudly and recorded in `unexpected` — so a request to a
 * real Microsoft host (msal's hard-coded instance discovery) fails the test instead of leaving the machine.
 */
export interface RecordingResolver extends DnsResolver {
  readonly asked: string[];
  readonly unexpected: string[];
}

export function standinResolver(names: Readonly<Record<string, string>> = { [STANDIN_HOST]: '127.0.0.1' }): RecordingResolver {
  const asked: string[] = [];
  const unexpected: string[] = [];
  const known = new Map(Object.entries(names).map(([name, address]) => [name.toLowerCase(), address]));
  return {
    asked,
    unexpected,
    async resolve(host) {
      const name = host.toLowerCase();
      asked.push(name);
      const address = known.get(name);
      if (address) return [{ address, family: address.includes(':') ? 6 : 4 }];
      if (!name.endsWith('.invalid')) unexpected.push(name);
      throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
    },
  };
}
