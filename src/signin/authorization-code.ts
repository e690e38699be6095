/**
 * The pieces of the OAuth 2.0 authorization code flow with Entra ID that `--login` uses
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow):
 * - the authorization URL for this client, redirect URI and the Outlook scopes only — one token, one
 *   audience: a request that mixes Graph scopes in can give a Graph-audience token that IMAP refuses
 *   (docs/provider-facts.md §Exchange permissions) — with `state` (RFC 6749 §10.12) and PKCE S256
 *   (RFC 7636 §4.2);
 * - reading back what the browser was sent to (the pasted address, or what the loopback receiver got),
 *   or the AADSTS line of Microsoft's own error page when the browser was not sent back;
 * - redeeming the code with the client secret through the real msal-node
 *   (`ConfidentialClientApplication.acquireTokenByCode`, the same authority configuration as
 *   entra-client.ts: one POST, no discovery), and proving the refresh token the CRM will live on
 *   (`acquireTokenSilent` with `forceRefresh`: the `refresh_token` grant). msal rather than a direct POST
 *   because it is what the CRM-side libraries do (code + verifier + client_info, cache of the refresh
 *   token), and our network client still sees every answer, so nothing of Entra's diagnosis is lost.
 *
 * Codes, verifiers, tokens and the pasted address are `Secret`s; every token in an answer is registered
 * with the redactor the moment it arrives, even the refresh token msal keeps to itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Account } from '../config/types.js';
import { CLOUD_HOSTS } from '../config/defaults.js';
import { Secret } from '../secrets/secret.js';
import { registerSecretValue, scrub, scrubAndClip } from '../secrets/redact.js';
import { aadstsNumber } from '../identity/aadsts.js';
import { CapturingNetworkClient, diagnoseMsalError, entraAuthority, loginBase, type TokenFailure } from '../identity/entra-client.js';
import { createIdentityHttp, type HttpSettings } from '../probes/https/client.js';
import type { ProxyUse } from '../probes/https/proxy.js';

/** OpenID Connect scopes msal adds to every request; they name no resource, so the token's audience stays Outlook's. */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access'] as const;

/**
 * The resource delegated Outlook scopes are requested under: `https://outlook.office.com` in the global
 * cloud (Microsoft's IMAP/POP/SMTP OAuth article), the Exchange resource of the national clouds elsewhere.
 */
export function outlookResource(account: Account): string {
  return account.cloud === 'global' ? 'https://outlook.office.com' : CLOUD_HOSTS[account.cloud].exchangeResource;
}

/** The delegated scopes the configured protocols need: IMAP or POP, and SMTP.Send for the outgoing server. */
export function outlookScopeNames(account: Account): string[] {
  return [account.incoming.protocol === 'pop3' ? 'POP.AccessAsUser.All' : 'IMAP.AccessAsUser.All', 'SMTP.Send'];
}

export function outlookScopes(account: Account): string[] {
  const resource = outlookResource(account);
  return outlookScopeNames(account).map((name) => `${resource}/${name}`);
}

export interface Pkce {
  readonly verifier: Secret;
  readonly challenge: string;
}

/** RFC 7636 §4.1–4.2: a 43-character verifier from 32 random bytes, its S256 challenge. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier: new Secret(verifier, 'runtime'), challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An unguessable `state` that binds the answer to this sign-in (RFC 6749 §10.12). */
export function createState(): string {
  return randomBytes(16).toString('base64url');
}

export interface AuthorizationRequest {
  /** `endpoints.login` */
  readonly login: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Resource scopes (Outlook's); the OIDC scopes are added here. */
  readonly scopes: readonly string[];
  readonly state: string;
  readonly codeChallenge: string;
}

/** `https://login…/{tenant}/oauth2/v2.0/authorize?…` — `prompt=select_account` so that the right account is chosen. */
export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(`${loginBase(request.login)}/${encodeURIComponent(request.tenant)}/oauth2/v2.0/authorize`);
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_mode', 'query');
  url.searchParams.set('scope', [...request.scopes, ...OIDC_SCOPES].join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('prompt', 'select_account');
  return url.href;
}

/** What the person pasted (or the loopback receiver got), read. */
export type RedirectReading =
  | { readonly kind: 'code'; readonly code: Secret }
  /** Entra sent the browser back with an error (`access_denied`, `consent_required`…). */
  | { readonly kind: 'error'; readonly error: string; readonly description?: string; readonly aadsts?: number; readonly subcode?: string }
  /** An answer, but not to this sign-in (another run's, or forged). */
  | { readonly kind: 'state-mismatch' }
  /** Microsoft's error page text (the browser was not sent back), with its AADSTS number. */
  | { readonly kind: 'page-error'; readonly aadsts: number; readonly text: string }
  /** An address without code or error: the sign-in page itself, or the redirect URI without its query. */
  | { readonly kind: 'no-code'; readonly host?: string }
  | { readonly kind: 'empty' };

function parseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the redirected address (query, or fragment for `response_mode=fragment`), checking `state`. */
export function readRedirectUrl(url: URL, expectedState: string): RedirectReading {
  const query = url.searchParams.has('code') || url.searchParams.has('error') ? url.searchParams : new URLSearchParams(url.hash.replace(/^#/, ''));
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return { kind: 'no-code', host: url.host };
  if (query.get('state') !== expectedState) return { kind: 'state-mismatch' };
  if (error) {
    const description = query.get('error_description') ?? undefined;
    const aadsts = aadstsNumber(undefined, description);
    const subcode = query.get('error_subcode') ?? undefined;
    return {
      kind: 'error',
      error,
      ...(description ? { description: scrub(description) } : {}),
      ...(aadsts !== undefined ? { aadsts } : {}),
      ...(subcode ? { subcode } : {}),
    };
  }
  return { kind: 'code', code: new Secret(code ?? '', 'runtime') };
}

/**
 * Reads what was pasted: the redirected address, or the AADSTS line of Microsoft's page. The text becomes a
 * `Secret` at once (it may carry the code, or anything pasted by mistake) — except Microsoft's error line,
 * which carries no code and is the evidence the person needs to see.
 */
export function readPasted(text: string, expectedState: string): RedirectReading {
  const trimmed = text.trim().replace(/^[<"']+|[>"']+$/g, '');
  if (trimmed.length === 0) return { kind: 'empty' };
  const url = parseUrl(trimmed);
  const aadsts = url ? undefined : aadstsNumber(undefined, trimmed);
  if (aadsts !== undefined && !/[?&#]code=/.test(trimmed)) return { kind: 'page-error', aadsts, text: scrubAndClip(scrub(trimmed).replace(/\s+/g, ' '), 500) };
  new Secret(text, 'prompt');
  if (url) return readRedirectUrl(url, expectedState);
  return { kind: 'no-code' };
}

export interface CodeRedemption {
  readonly login: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly code: Secret;
  readonly verifier: Secret;
  readonly http: HttpSettings;
}

/** Whether the refresh token (what the CRM keeps) really gives new tokens. */
export type RefreshOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no-refresh-token' }
  | { readonly ok: false; readonly reason: 'refused'; readonly failure: TokenFailure };

export type RedemptionResult =
  | {
      readonly ok: true;
      readonly token: Secret;
      readonly expiresOn?: Date;
      readonly refresh: RefreshOutcome;
      readonly tokenEndpoint: string;
      readonly proxy?: ProxyUse;
    }
  | { readonly ok: false; readonly failure: TokenFailure; readonly tokenEndpoint: string; readonly proxy?: ProxyUse };

const TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const;

/**
 * msal's network module: the capturing client (entra-client.ts), plus every token of an answer registered
 * with the redactor before msal sees it — the refresh token never reaches our code, but cannot leak either.
 */
class RegisteringNetworkClient implements INetworkModule {
  constructor(readonly inner: CapturingNetworkClient) {}

  async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#register(await this.inner.sendGetRequestAsync<T>(url, options));
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#register(await this.inner.sendPostRequestAsync<T>(url, options));
  }

  #register<T>(response: NetworkResponse<T>): NetworkResponse<T> {
    const body: unknown = response.body;
    if (body && typeof body === 'object') {
      for (const field of TOKEN_FIELDS) {
        const value: unknown = Reflect.get(body, field);
        if (typeof value === 'string') registerSecretValue(value);
      }
    }
    return response;
  }
}

/**
 * Redeems the code (one POST) and then tries the refresh token once (one POST). A new msal application
 * each time: its cache lives in memory only and dies with it (no cachePlugin, nothing on disk).
 */
export async function redeemCode(request: CodeRedemption): Promise<RedemptionResult> {
  const authority = entraAuthority(request.login, request.tenant);
  const http = await createIdentityHttp(request.http);
  const proxy = http.proxyFor(authority.tokenEndpoint);
  const base = { tokenEndpoint: authority.tokenEndpoint, ...(proxy ? { proxy } : {}) };
  let grant = 'authorization_code';
  const capturing = new CapturingNetworkClient(http, (url) =>
    url.pathname.endsWith('/oauth2/v2.0/token')
      ? `${url.origin}${url.pathname} (grant ${grant}, client_id ${request.clientId}, redirect_uri ${request.redirectUri}, scope ${request.scopes.join(' ')})`
      : `${url.origin}${url.pathname}`,
  );
  const network = new RegisteringNetworkClient(capturing);
  try {
    const { ConfidentialClientApplication, LogLevel } = await import('@azure/msal-node');
    let application;
    let result;
    try {
      application = new ConfidentialClientApplication({
        auth: {
          clientId: request.clientId,
          clientSecret: request.clientSecret.reveal(),
          authority: authority.authority,
          knownAuthorities: [authority.knownAuthority],
          authorityMetadata: authority.authorityMetadata,
        },
        system: { networkClient: network, loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: LogLevel.Error } },
      });
      result = await application.acquireTokenByCode({
        code: request.code.reveal(),
        redirectUri: request.redirectUri,
        scopes: [...request.scopes],
        codeVerifier: request.verifier.reveal(),
      });
    } catch (error) {
      const failure = diagnoseMsalError(error, capturing.last);
      if (!failure) throw error;
      return { ok: false, failure, ...base };
    }
    const accessToken = result?.accessToken ?? '';
    if (accessToken.length === 0) {
      const status = capturing.last?.response?.status;
      return { ok: false, failure: { kind: 'empty-token', ...(status !== undefined ? { status } : {}) }, ...base };
    }
    const token = new Secret(accessToken, 'runtime');

    // The refresh token: what the CRM keeps to stay signed in (`offline_access`).
    let refresh: RefreshOutcome = { ok: true };
    grant = 'refresh_token';
    const before = capturing.exchanges.length;
    try {
      if (!result.account) throw Object.assign(new Error('no account in the answer'), { errorCode: 'no_account_in_silent_request' });
      const refreshed = await application.acquireTokenSilent({ account: result.account, scopes: [...request.scopes], forceRefresh: true });
      if (!refreshed?.accessToken) refresh = { ok: false, reason: 'no-refresh-token' };
    } catch (error) {
      // msal did not send anything: no refresh token was issued (offline_access not granted).
      const sent = capturing.exchanges.length > before;
      const failure = sent ? diagnoseMsalError(error, capturing.last) : undefined;
      refresh = failure ? { ok: false, reason: 'refused', failure } : { ok: false, reason: 'no-refresh-token' };
    }
    return { ok: true, token, ...(result.expiresOn ? { expiresOn: result.expiresOn } : {}), refresh, ...base };
  } finally {
    await http.close();
  }
}
