/**
 * Entra ID through the real @azure/msal-node, configured so that tests and production send the same
 * single request (docs/testing.md §Entra stand-in, "The working configuration"): the authority from
 * `endpoints.login`, `knownAuthorities` + `authorityMetadata` built from it (no instance discovery, no
 * openid-configuration GET; AADSTS90002 stays a server error), and our own network client on top of
 * probes/https, because msal hides the cause of a network failure (`network_error`) and drops the token
 * endpoint's body on some paths. The network client keeps the last answer (status, Entra's error fields —
 * never the request body) so that every failure can be diagnosed.
 *
 * msal is loaded with `await import()` here only.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Secret } from '../secrets/secret.js';
import { scrub, scrubAndClip } from '../secrets/redact.js';
import { parseEntraError, aadstsNumber, type EntraErrorBody } from './aadsts.js';
import { createIdentityHttp, fetchJson, type HttpResponse, type HttpSettings, type IdentityHttp } from '../probes/https/client.js';
import { isHttpError, type HttpError } from '../probes/https/failure.js';
import type { ProxyUse } from '../probes/https/proxy.js';

/** The authority settings for one tenant on one login host (production or stand-in alike). */
export interface EntraAuthority {
  /** `https://login.microsoftonline.com/{tenant}` */
  readonly authority: string;
  /** Host[:port], no scheme: what msal's `knownAuthorities` wants. */
  readonly knownAuthority: string;
  readonly tokenEndpoint: string;
  /** The openid-configuration fields msal needs, as a JSON string (`authorityMetadata`). */
  readonly authorityMetadata: string;
}

/** `endpoints.login` without a trailing slash (it may carry a path prefix for a stand-in). */
export function loginBase(login: string): string {
  return login.replace(/\/+$/, '');
}

export function entraAuthority(login: string, tenant: string): EntraAuthority {
  const base = loginBase(login);
  const tenantBase = `${base}/${encodeURIComponent(tenant)}`;
  const tokenEndpoint = `${tenantBase}/oauth2/v2.0/token`;
  return {
    authority: tenantBase,
    knownAuthority: new URL(base).host,
    tokenEndpoint,
    authorityMetadata: JSON.stringify({
      token_endpoint: tokenEndpoint,
      authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
      jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
      issuer: `${tenantBase}/v2.0`,
    }),
  };
}

/** The OpenID discovery document's URL for a tenant (v2.0): what `entra.tenant` reads. */
/** The tenant GUID an issuer names: v2.0 `https://login.microsoftonline.com/{tid}/v2.0`, v1 `https://sts.windows.net/{tid}/`. */
export function tenantIdOfIssuer(issuer: string): string | undefined {
  return /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i.exec(issuer)?.[1]?.toLowerCase();
}

export function openIdConfigurationUrl(login: string, tenant: string): string {
  return `${loginBase(login)}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
}

/** Tenant-wide admin consent for a client (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent). */
export function adminConsentUrl(login: string, tenant: string, clientId: string): string {
  return `${loginBase(login)}/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

/** What the network client saw of the last request msal made. */
export interface CapturedExchange {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly response?: HttpResponse;
  readonly failure?: HttpError;
}

/**
 * msal's INetworkModule over probes/https. Answers are handed to msal parsed (an empty or non-JSON body as
 * `{}`, which msal turns into an empty token or a server error, never a parse crash); transport failures
 * are rethrown (msal wraps them as `network_error`) and kept here with their real cause.
 */
export class CapturingNetworkClient implements INetworkModule {
  readonly exchanges: CapturedExchange[] = [];
  readonly #http: IdentityHttp;
  readonly #traceLabel: (url: URL) => string;

  constructor(http: IdentityHttp, traceLabel: (url: URL) => string = (url) => `${url.origin}${url.pathname}`) {
    this.#http = http;
    this.#traceLabel = traceLabel;
  }

  get last(): CapturedExchange | undefined {
    return this.exchanges[this.exchanges.length - 1];
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>('GET', url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>('POST', url, options);
  }

  async #send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> {
    try {
      const response = await fetchJson(
        url,
        {
          method,
          ...(options?.headers ? { headers: options.headers } : {}),
          ...(options?.body !== undefined ? { body: options.body } : {}),
          traceLabel: this.#traceLabel(new URL(url)),
        },
        this.#http,
      );
      this.exchanges.push({ url, method, response });
      const body = response.json !== null && typeof response.json === 'object' ? response.json : {};
      // msal's NetworkResponse<T> is generic over the JSON it expects; the parsed body is what Entra sent.
      return { headers: { ...response.headers }, body: body as T, status: response.status };
    } catch (error) {
      if (isHttpError(error)) this.exchanges.push({ url, method, failure: error });
      throw error;
    }
  }
}

export interface AppTokenRequest {
  /** `endpoints.login` */
  readonly login: string;
  /** GUID or verified domain. */
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  /** `{resource}/.default` */
  readonly scope: string;
  readonly http: HttpSettings;
}

/** Why a token could not be had, with what the diagnosis needs. */
export type TokenFailure =
  /** Entra answered with an error (AADSTS number, description, IDs for Microsoft support). */
  | { readonly kind: 'entra'; readonly status?: number; readonly body: EntraErrorBody }
  /** No HTTP answer: DNS, connection, TLS, proxy, deadline. */
  | { readonly kind: 'network'; readonly error: HttpError }
  /** Something answered, but not Entra's JSON (a proxy's or captive portal's page). */
  | { readonly kind: 'unexpected-answer'; readonly status: number; readonly contentType: string; readonly snippet: string }
  /** A success-shaped answer without a token (msal returns `accessToken: ""`, e.g. for a 503 with an empty body). */
  | { readonly kind: 'empty-token'; readonly status?: number; readonly retryAfter?: string }
  /** msal refused before sending anything (a configuration msal rejects). */
  | { readonly kind: 'client'; readonly errorCode: string; readonly message: string };

export type AppTokenResult =
  | {
      readonly ok: true;
      readonly token: Secret;
      /** msal's expiry: this machine's clock at the request + `expires_in`. */
      readonly expiresOn?: Date;
      readonly tokenEndpoint: string;
      readonly proxy?: ProxyUse;
      readonly elapsedMs?: number;
    }
  | { readonly ok: false; readonly failure: TokenFailure; readonly tokenEndpoint: string; readonly proxy?: ProxyUse };

/**
 * A client-credentials token with `ConfidentialClientApplication.acquireTokenByClientCredential`: a new
 * application each time and `skipCache`, so the credentials are really tested (msal's cache is per instance).
 */
export async function acquireAppToken(request: AppTokenRequest): Promise<AppTokenResult> {
  const authority = entraAuthority(request.login, request.tenant);
  const http = await createIdentityHttp(request.http);
  const proxy = http.proxyFor(authority.tokenEndpoint);
  const base = { tokenEndpoint: authority.tokenEndpoint, ...(proxy ? { proxy } : {}) };
  const network = new CapturingNetworkClient(http, (url) =>
    url.pathname.endsWith('/oauth2/v2.0/token')
      ? `${url.origin}${url.pathname} (grant client_credentials, client_id ${request.clientId}, scope ${request.scope})`
      : `${url.origin}${url.pathname}`,
  );
  try {
    const { ConfidentialClientApplication, LogLevel } = await import('@azure/msal-node');
    let result;
    try {
      const application = new ConfidentialClientApplication({
        auth: {
          clientId: request.clientId,
          clientSecret: request.clientSecret.reveal(),
          authority: authority.authority,
          knownAuthorities: [authority.knownAuthority],
          authorityMetadata: authority.authorityMetadata,
        },
        // msal's own log stays silent: our transcript records the exchange, redacted.
        system: { networkClient: network, loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: LogLevel.Error } },
      });
      result = await application.acquireTokenByClientCredential({ scopes: [request.scope], skipCache: true });
    } catch (error) {
      // Configuration errors (thrown by the constructor) and every refusal end here; anything else is a bug.
      const failure = diagnoseMsalError(error, network.last);
      if (!failure) throw error;
      return { ok: false, failure, ...base };
    }
    const accessToken = result?.accessToken ?? '';
    if (accessToken.length === 0) return { ok: false, failure: diagnoseEmpty(network.last), ...base };
    return {
      ok: true,
      token: new Secret(accessToken, 'runtime'),
      ...(result?.expiresOn ? { expiresOn: result.expiresOn } : {}),
      ...(network.last?.response ? { elapsedMs: network.last.response.elapsedMs } : {}),
      ...base,
    };
  } finally {
    await http.close();
  }
}

/** A short, scrubbed excerpt of a non-JSON answer: its HTML title, else its first characters. */
export function answerSnippet(text: string): string {
  // Scrubbed before tags are stripped, whitespace folded and the text cut: each could split a secret.
  const scrubbed = scrub(text);
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(scrubbed)?.[1];
  const chosen = title ?? scrubbed.replace(/<[^>]*>/g, ' ');
  return scrubAndClip(chosen.replace(/\s+/g, ' ').trim(), 160);
}

function fromAnswer(response: HttpResponse): TokenFailure | undefined {
  const entra = parseEntraError(response.json);
  if (entra) return { kind: 'entra', status: response.status, body: entra };
  if (response.json === undefined && response.text.trim().length > 0) {
    return { kind: 'unexpected-answer', status: response.status, contentType: response.contentType, snippet: answerSnippet(response.text) };
  }
  return undefined;
}

function diagnoseEmpty(last: CapturedExchange | undefined): TokenFailure {
  const response = last?.response;
  if (!response) return { kind: 'empty-token' };
  const answer = fromAnswer(response);
  if (answer) return answer;
  const retryAfter = response.headers['retry-after'];
  return { kind: 'empty-token', status: response.status, ...(retryAfter ? { retryAfter } : {}) };
}

function text(error: unknown, field: string): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const value: unknown = Reflect.get(error, field);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** What an msal error (or a captured answer) says; undefined for an error that is not msal's (a bug). */
export function diagnoseMsalError(error: unknown, last: CapturedExchange | undefined): TokenFailure | undefined {
  if (last?.failure) return { kind: 'network', error: last.failure };
  if (last?.response) {
    const answer = fromAnswer(last.response);
    if (answer) return answer;
  }
  // No captured answer: read msal's own fields (ServerError: errorCode = OAuth error, errorNo = AADSTS).
  const errorCode = text(error, 'errorCode');
  if (errorCode === undefined) return undefined;
  const errorMessage = scrub(text(error, 'errorMessage') ?? (error instanceof Error ? error.message : String(error)));
  const errorNo: unknown = error && typeof error === 'object' ? Reflect.get(error, 'errorNo') : undefined;
  const aadsts = aadstsNumber(errorNo, errorMessage);
  if (aadsts !== undefined) {
    const description = /Description: (.*?)(?: - Correlation ID:|$)/.exec(errorMessage)?.[1] ?? errorMessage;
    return { kind: 'entra', body: { error: errorCode, description, aadsts } };
  }
  return { kind: 'client', errorCode, message: errorMessage };
}
