/**
 * Google's token endpoint for Gmail OAuth: a refresh token, with the Google Cloud OAuth client's ID and
 * secret, is exchanged for an access token (POST form `grant_type=refresh_token`,
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline).
 *
 * One request through the identity HTTP client (probes/https: step deadline and abort signal, HTTPS_PROXY /
 * NO_PROXY, `tls.caFile` at run time, the run's resolver, transport failures classified). What went wrong
 * is kept as data (an OAuth error body, an HTTP status, a transport code), never thrown: gmail.credentials
 * and the token provider turn it into a diagnosis.
 */
import type { Transcript } from '../core/transcript.js';
import type { DnsResolver } from '../core/services.js';
import { scrub, scrubAndClip } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';
import { fetchJson } from '../probes/https/client.js';
import { isHttpError, type HttpFailureCode, type RefusedCertificate } from '../probes/https/failure.js';

/** Most bytes of a token-endpoint answer we read: a real one is under 2 KB; a proxy's page is bounded. */
const MAX_BODY_BYTES = 64 * 1024;

export interface GoogleTokenRequest {
  /** `endpoints.googleToken`, default https://oauth2.googleapis.com/token. */
  readonly endpoint: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly refreshToken: Secret;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** PEM trust anchors from `tls.caFile`. */
  readonly extraCa: readonly string[];
  readonly resolver: DnsResolver;
  readonly transcript?: Transcript;
  /** For tests: the proxy variables are read from here (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

interface Common {
  readonly endpoint: string;
  readonly elapsedMs: number;
  /** The proxy the request went through (without credentials), when one was used. */
  readonly proxy?: string;
}

export type GoogleTokenResponse =
  | (Common & {
      readonly kind: 'token';
      readonly httpStatus: number;
      readonly accessToken: Secret;
      /** The granted scopes, as the endpoint lists them (space-separated `scope`). */
      readonly scopes: readonly string[];
      readonly expiresInSeconds?: number;
      readonly tokenType?: string;
      /** A code redemption's refresh token (a refresh does not return one). */
      readonly refreshToken?: Secret;
    })
  /** Google's documented error shape `{"error": "...", "error_description": "..."}` (RFC 6749 §5.2). */
  | (Common & { readonly kind: 'oauth-error'; readonly httpStatus: number; readonly error: string; readonly description?: string })
  /** An answer that is not Google's: a 5xx, or a page (a proxy's block page, a captive portal). */
  | (Common & { readonly kind: 'http-error'; readonly httpStatus: number; readonly contentType?: string; readonly body: string })
  /** No answer: the transport failure as probes/https classifies it (DNS, TCP, TLS, proxy, timeout). */
  | (Common & {
      readonly kind: 'network';
      readonly code: HttpFailureCode;
      readonly detail: string;
      readonly nodeCode?: string;
      /** The certificate refused on a direct connection: its issuer names a TLS-inspecting product. */
      readonly certificate?: RefusedCertificate;
      /** The proxy's answer to CONNECT, when it refused the tunnel. */
      readonly proxyStatus?: number;
    });

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? Reflect.get(value, name) : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' ? found : undefined;
}

/** The answer as the transcript shows it: every `*token*` member replaced, whatever the secret registry knows. */
function bodyForTranscript(parsed: unknown, raw: string): string {
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) shown[key] = /token/i.test(key) && typeof value === 'string' ? '[redacted]' : value;
    return JSON.stringify(shown);
  }
  return scrubAndClip(scrub(raw).replace(/\s+/g, ' ').trim(), 300, `… (${raw.length} bytes)`);
}

/**
 * One POST to the token endpoint. Never retried: a refused refresh token stays refused, and the mail checks
 * reuse the one answer through the token provider.
 */
export function requestGoogleToken(request: GoogleTokenRequest): Promise<GoogleTokenResponse> {
  return postToTokenEndpoint(
    request,
    { refresh_token: request.refreshToken.reveal(), grant_type: 'refresh_token' },
    `${request.endpoint} grant_type=refresh_token client_id=${request.clientId} client_secret=[redacted] refresh_token=[redacted]`,
  );
}

/** `--login`'s authorization code, to redeem with the PKCE verifier at the redirect URI it was sent to. */
export interface GoogleCodeRequest extends Omit<GoogleTokenRequest, 'refreshToken'> {
  readonly code: Secret;
  readonly verifier: Secret;
  readonly redirectUri: string;
}

/**
 * The authorization code → tokens (`grant_type=authorization_code` with PKCE,
 * https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code). The
 * answer has the same shapes as a refresh; a success also carries the refresh token (`refreshToken`).
 */
export function redeemGoogleCode(request: GoogleCodeRequest): Promise<GoogleTokenResponse> {
  return postToTokenEndpoint(
    request,
    { code: request.code.reveal(), code_verifier: request.verifier.reveal(), redirect_uri: request.redirectUri, grant_type: 'authorization_code' },
    `${request.endpoint} grant_type=authorization_code client_id=${request.clientId} client_secret=[redacted] code=[redacted] code_verifier=[redacted] redirect_uri=${request.redirectUri}`,
  );
}

async function postToTokenEndpoint(
  request: Omit<GoogleTokenRequest, 'refreshToken'>,
  grant: Record<string, string>,
  traceLabel: string,
): Promise<GoogleTokenResponse> {
  const body = new URLSearchParams({ client_id: request.clientId, client_secret: request.clientSecret.reveal(), ...grant });
  const settings = {
    timeoutMs: request.timeoutMs,
    ...(request.signal ? { signal: request.signal } : {}),
    extraCa: request.extraCa,
    resolver: request.resolver,
    ...(request.env ? { env: request.env } : {}),
    ...(request.transcript ? { transcript: request.transcript } : {}),
  };
  let response;
  try {
    response = await fetchJson(
      request.endpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        maxBytes: MAX_BODY_BYTES,
        traceLabel,
      },
      settings,
    );
  } catch (error) {
    if (!isHttpError(error)) throw error;
    return {
      kind: 'network',
      endpoint: request.endpoint,
      elapsedMs: error.elapsedMs,
      ...(error.proxy ? { proxy: error.proxy.url } : {}),
      code: error.code,
      detail: error.message,
      ...(error.nodeCode ? { nodeCode: error.nodeCode } : {}),
      ...(error.certificate ? { certificate: error.certificate } : {}),
      ...(error.proxyStatus !== undefined ? { proxyStatus: error.proxyStatus } : {}),
    };
  }

  const common = { endpoint: request.endpoint, elapsedMs: response.elapsedMs, ...(response.proxy ? { proxy: response.proxy.url } : {}) };
  const parsed = response.json;
  const accessToken = stringField(parsed, 'access_token');
  // Registered before anything is written: from here on every output scrubs the token.
  const secret = accessToken ? new Secret(accessToken, 'runtime') : undefined;
  const refresh = stringField(parsed, 'refresh_token');
  const refreshToken = refresh ? new Secret(refresh, 'runtime') : undefined;
  const idToken = stringField(parsed, 'id_token');
  if (idToken) new Secret(idToken, 'runtime');
  request.transcript?.add('server', bodyForTranscript(parsed, scrub(response.text)));
  const ok = response.status >= 200 && response.status < 300;
  if (ok && secret) {
    const expires = field(parsed, 'expires_in');
    const tokenType = stringField(parsed, 'token_type');
    return {
      kind: 'token',
      ...common,
      httpStatus: response.status,
      accessToken: secret,
      scopes: (stringField(parsed, 'scope') ?? '').split(/\s+/).filter(Boolean),
      ...(typeof expires === 'number' ? { expiresInSeconds: expires } : {}),
      ...(tokenType ? { tokenType } : {}),
      ...(refreshToken ? { refreshToken } : {}),
    };
  }
  const error = stringField(parsed, 'error');
  // A 5xx is Google's trouble whatever its body says; 4xx bodies carry the OAuth error (RFC 6749 §5.2).
  if (error && !ok && response.status < 500) {
    const description = stringField(parsed, 'error_description');
    return { kind: 'oauth-error', ...common, httpStatus: response.status, error, ...(description ? { description: scrub(description) } : {}) };
  }
  return {
    kind: 'http-error',
    ...common,
    httpStatus: response.status,
    ...(response.contentType ? { contentType: response.contentType } : {}),
    body: bodyForTranscript(parsed, scrub(response.text)),
  };
}
