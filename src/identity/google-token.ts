/**
 * Google's token endpoint for Gmail OAuth: a refresh token, with the Google Cloud OAuth client's ID and
 * secret, is exchanged for an access token (POST form `grant_type=refresh_token`,
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline; providers.md §4.5).
 *
 * One HTTPS request through undici, bounded by the step timeout and the run's abort signal, honouring
 * HTTPS_PROXY / NO_PROXY (SPEC "Networks") and `tls.caFile` (extra trust anchors applied at run time), with
 * host names resolved by the run's resolver (the same one the dns.* checks use). What went wrong is kept
 * as data (an OAuth error body, an HTTP status, a network code), never thrown: the gmail.credentials check
 * and the token provider turn it into a diagnosis.
 *
 * Note for the Entra work: `src/identity/http.ts` is meant to hold a shared proxy-aware `fetchJson`; this
 * file does the same for one endpoint and can move onto it once it exists.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';
import type { Dispatcher } from 'undici';
import { classifyDnsError, nodeCodeOf } from '../probes/dns.js';
import { trustAnchors } from '../probes/tls.js';
import type { Transcript } from '../runner/transcript.js';
import type { DnsResolver } from '../runner/services.js';
import { scrub } from '../secrets/redact.js';
import { Secret } from '../secrets/secret.js';

/** The scope IMAP, POP and SMTP need (https://developers.google.com/workspace/gmail/imap/xoauth2-protocol). */
export const GMAIL_SCOPE = 'https://mail.google.com/';

/** Most bytes of a token-endpoint answer we read: a real one is under 2 KB; a proxy's error page is bounded. */
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
  /** For tests: the environment proxy variables are read from here (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Why the request did not reach an answer from Google (our codes, STYLE §7.4 network and TLS families). */
export type GoogleNetworkCode =
  | 'DNS_NOT_FOUND'
  | 'DNS_NO_ADDRESS'
  | 'DNS_TIMEOUT'
  | 'DNS_NO_NETWORK'
  | 'DNS_SERVER_FAILURE'
  | 'DNS_LOOKUP_FAILED'
  | 'TCP_REFUSED'
  | 'TCP_TIMEOUT'
  | 'TCP_RESET'
  | 'TCP_BLOCKED_LOCALLY'
  | 'NETWORK_UNREACHABLE'
  | 'TLS_CERT_UNTRUSTED'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_CERT_NOT_YET_VALID'
  | 'TLS_HOSTNAME_MISMATCH'
  | 'TLS_HANDSHAKE_FAILED'
  /** The proxy itself could not be reached (refused, no answer). */
  | 'PROXY_UNREACHABLE'
  | 'PROXY_AUTH_REQUIRED'
  /** The proxy refused to open a tunnel to the endpoint (a CONNECT answer other than 200 or 407). */
  | 'PROXY_REJECTED'
  | 'HTTP_TIMEOUT'
  | 'CONNECTION_CLOSED'
  | 'ABORTED';

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
    })
  /** Google's documented error shape `{"error": "...", "error_description": "..."}` (RFC 6749 §5.2). */
  | (Common & { readonly kind: 'oauth-error'; readonly httpStatus: number; readonly error: string; readonly description?: string })
  /** An answer that is not Google's: a 5xx, or a page (a proxy's block page, a captive portal). */
  | (Common & { readonly kind: 'http-error'; readonly httpStatus: number; readonly contentType?: string; readonly body: string })
  | (Common & { readonly kind: 'network'; readonly code: GoogleNetworkCode; readonly detail: string; readonly nodeCode?: string });

/** HTTPS_PROXY (or HTTP_PROXY) for this URL unless NO_PROXY excludes it, as curl and undici read them. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const proxy = url.protocol === 'https:' ? env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY : env.http_proxy ?? env.HTTP_PROXY;
  if (!proxy) return undefined;
  const noProxy = (env.no_proxy ?? env.NO_PROXY ?? '').trim();
  if (noProxy === '*') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/).filter(Boolean)) {
    const [entryHost = '', entryPort] = raw.toLowerCase().replace(/^\*?\./, '.').split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost.replace(/^\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  return proxy;
}

/** A proxy URL for evidence: `user:password@` removed. */
export function proxyForEvidence(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return proxy.replace(/\/\/[^@/]*@/, '//');
  }
}

/** `net.connect`'s `lookup`, answered by the run's resolver (the same one the dns.* checks use). */
function lookupWith(resolver: DnsResolver, timeoutMs: number, signal: AbortSignal | undefined): net.LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    resolver
      .resolve(hostname, { timeoutMs, ...(signal ? { signal } : {}) })
      .then((found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = found.filter((entry) => !family || entry.family === family).map((entry) => ({ address: entry.address, family: entry.family }));
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENODATA' }), '', 4);
        if (options.all) return callback(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 4));
  };
}

/** Node's TLS verification codes → ours (tls.ts uses the same families for the mail servers). */
const TLS_CODES: Readonly<Record<string, GoogleNetworkCode>> = {
  CERT_HAS_EXPIRED: 'TLS_CERT_EXPIRED',
  CERT_NOT_YET_VALID: 'TLS_CERT_NOT_YET_VALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS_HOSTNAME_MISMATCH',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS_CERT_UNTRUSTED',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS_CERT_UNTRUSTED',
  UNABLE_TO_GET_ISSUER_CERT: 'TLS_CERT_UNTRUSTED',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS_CERT_UNTRUSTED',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS_CERT_UNTRUSTED',
  CERT_UNTRUSTED: 'TLS_CERT_UNTRUSTED',
  CERT_SIGNATURE_FAILURE: 'TLS_CERT_UNTRUSTED',
};

const PROXY_CONNECT_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND', 'ENODATA', 'ETIMEOUT', 'EAI_AGAIN', 'ESERVFAIL', 'EREFUSED', 'EAI_FAIL', 'EAI_NONAME',
  'ECONNREFUSED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN',
]);

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? Reflect.get(value, name) : undefined;
}

/** Names a failed fetch by the code of its cause (undici wraps it as `TypeError: fetch failed`). */
export function classifyFetchError(error: unknown, viaProxy: boolean): { code: GoogleNetworkCode; detail: string; nodeCode?: string } {
  const name = field(error, 'name');
  if (name === 'TimeoutError') return { code: 'HTTP_TIMEOUT', detail: 'no answer in time' };
  if (name === 'AbortError') return { code: 'ABORTED', detail: 'aborted' };
  // The innermost cause carries the code (fetch failed → connect error → TLS error).
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && field(cause, 'cause') !== undefined; depth++) cause = field(cause, 'cause');
  const code = nodeCodeOf(cause);
  const message = field(cause, 'message');
  const detail = scrub(typeof message === 'string' && message.length > 0 ? message : String(cause)).slice(0, 300);
  const base = code ? { detail, nodeCode: code } : { detail };
  if (typeof message === 'string') {
    // undici's ProxyAgent: `Proxy response (407) !== 200 when HTTP Tunneling`.
    const proxyStatus = /Proxy response \((\d{3})\)/.exec(message)?.[1];
    if (proxyStatus === '407') return { code: 'PROXY_AUTH_REQUIRED', ...base };
    if (proxyStatus) return { code: 'PROXY_REJECTED', ...base };
  }
  if (code && TLS_CODES[code]) return { code: TLS_CODES[code], ...base };
  // Through a proxy only the proxy's name is resolved and only the proxy is connected to.
  if (viaProxy && code && PROXY_CONNECT_CODES.has(code)) return { code: 'PROXY_UNREACHABLE', ...base };
  if (code && /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code)) return { code: 'TLS_HANDSHAKE_FAILED', ...base };
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
    case 'ETIMEOUT':
    case 'EAI_AGAIN':
    case 'ESERVFAIL':
    case 'EREFUSED':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return { code: classifyDnsError(cause), ...base };
    case 'ECONNREFUSED':
      return { code: 'TCP_REFUSED', ...base };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { code: 'TCP_TIMEOUT', ...base };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'TCP_RESET', ...base };
    case 'EACCES':
    case 'EPERM':
      return { code: 'TCP_BLOCKED_LOCALLY', ...base };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return { code: 'NETWORK_UNREACHABLE', ...base };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { code: 'HTTP_TIMEOUT', ...base };
    case 'UND_ERR_ABORTED':
      return { code: 'ABORTED', ...base };
    default:
      return { code: 'CONNECTION_CLOSED', ...base };
  }
}

/** Reads at most MAX_BODY_BYTES of the body as text. */
async function boundedText(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size >= MAX_BODY_BYTES) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

/** The answer as the transcript shows it: every `*token*` member replaced, whatever the secret registry knows. */
function bodyForTranscript(parsed: unknown, raw: string): string {
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const shown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) shown[key] = /token/i.test(key) && typeof value === 'string' ? '[redacted]' : value;
    return JSON.stringify(shown);
  }
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}… (${raw.length} bytes)` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' ? found : undefined;
}

/**
 * One POST to the token endpoint. Never retried: a refused refresh token stays refused, and the mail checks
 * reuse the one answer through the token provider.
 */
export async function requestGoogleToken(request: GoogleTokenRequest): Promise<GoogleTokenResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(request.endpoint);
  const proxy = proxyFor(url, request.env);
  const common = { endpoint: request.endpoint, ...(proxy ? { proxy: proxyForEvidence(proxy) } : {}) };
  const transcript = request.transcript;

  const { Agent, ProxyAgent, fetch } = await import('undici');
  const ca = trustAnchors(request.extraCa);
  const lookup = lookupWith(request.resolver, request.timeoutMs, request.signal);
  // The request's own deadline (below) ends it first, so a silent server is "no answer in time" whether it
  // stalls the TCP connect, the TLS handshake or the answer; undici's connect timeout is only a backstop.
  const tlsOptions = { ...(ca ? { ca } : {}), timeout: request.timeoutMs + 1000 };
  // One connection for one request: nothing is kept alive after the answer.
  const dispatcher: Dispatcher = proxy
    ? new ProxyAgent({ uri: proxy, requestTls: tlsOptions, proxyTls: { ...tlsOptions, lookup }, connections: 1 })
    : new Agent({ connect: { ...tlsOptions, lookup }, connections: 1, pipelining: 0 });

  const signal = request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]) : AbortSignal.timeout(request.timeoutMs);
  const body = new URLSearchParams({
    client_id: request.clientId,
    client_secret: request.clientSecret.reveal(),
    refresh_token: request.refreshToken.reveal(),
    grant_type: 'refresh_token',
  });
  transcript?.add('client', `POST ${request.endpoint}${proxy ? ` (via proxy ${proxyForEvidence(proxy)})` : ''} grant_type=refresh_token client_id=${request.clientId} client_secret=[redacted] refresh_token=[redacted]`);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      signal,
      dispatcher,
      redirect: 'manual',
    });
    const text = await boundedText(response.body);
    const contentType = response.headers.get('content-type') ?? undefined;
    const parsed = /json/i.test(contentType ?? '') || /^\s*\{/.test(text) ? parseJson(text) : undefined;
    const accessToken = stringField(parsed, 'access_token');
    // Registered before anything is written: from here on every output scrubs the token.
    const secret = accessToken ? new Secret(accessToken, 'runtime') : undefined;
    transcript?.add('server', `HTTP ${response.status} ${contentType ?? ''} ${bodyForTranscript(parsed, scrub(text))}`.replace(/\s+/g, ' ').trim());
    if (response.ok && secret) {
      const scope = stringField(parsed, 'scope') ?? '';
      const expires = field(parsed, 'expires_in');
      const tokenType = stringField(parsed, 'token_type');
      return {
        kind: 'token',
        ...common,
        httpStatus: response.status,
        accessToken: secret,
        scopes: scope.split(/\s+/).filter(Boolean),
        ...(typeof expires === 'number' ? { expiresInSeconds: expires } : {}),
        ...(tokenType ? { tokenType } : {}),
        elapsedMs: elapsed(),
      };
    }
    const error = stringField(parsed, 'error');
    // A 5xx is Google's trouble whatever its body says; 4xx bodies carry the OAuth error (RFC 6749 §5.2).
    if (error && !response.ok && response.status < 500) {
      const description = stringField(parsed, 'error_description');
      return { kind: 'oauth-error', ...common, httpStatus: response.status, error, ...(description ? { description: scrub(description) } : {}), elapsedMs: elapsed() };
    }
    return {
      kind: 'http-error',
      ...common,
      httpStatus: response.status,
      ...(contentType ? { contentType } : {}),
      body: bodyForTranscript(parsed, scrub(text)),
      elapsedMs: elapsed(),
    };
  } catch (error) {
    const failure = classifyFetchError(error, proxy !== undefined);
    // Ctrl-C or the check's budget: say so rather than "timeout".
    const code = request.signal?.aborted ? 'ABORTED' : failure.code;
    transcript?.add('info', `token request failed: ${code} ${failure.detail}`);
    return { kind: 'network', ...common, ...failure, code, elapsedMs: elapsed() };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}
