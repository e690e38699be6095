/**
 * HTTP for the identity providers (Entra ID, Microsoft Graph, Google's token endpoint): one undici
 * dispatcher that
 * - honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY through undici's `EnvHttpProxyAgent` (Node 20's global
 *   fetch, which msal-node 7 uses, ignores them: docs/testing.md §Entra stand-in, "Trusting the CA");
 * - trusts `tls.caFile` at run time (`ca` on every TLS connection; NODE_EXTRA_CA_CERTS is read only when
 *   the process starts);
 * - resolves names with the run's resolver (`HttpSettings.resolver`), as the mail probes do, so a DNS failure
 *   is named as such and tests can point names at loopback;
 * - turns every transport failure into an `HttpError` with our code (DNS, refused, timeout, untrusted
 *   certificate — with the certificate's issuer when the connection is direct — proxy refused or rejected),
 *   read from the error's `cause` chain, never from message text (except undici's proxy status, see below).
 *
 * undici is loaded with `await import()` so that start-up stays fast.
 */
import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { Dispatcher, buildConnector } from 'undici';
import type { DnsResolver } from '../core/services.js';
import type { Transcript } from '../core/transcript.js';
import { classifyDnsError, type DnsFailureCode } from '../probes/dns.js';
import { anchorsFor, presentedChain, proveChain, trustAnchors } from '../probes/tls-chain.js';
import { scrub } from '../secrets/redact.js';

/** What every identity request needs from the run: deadline, abort, trust anchors, resolver, proxy variables. */
export interface HttpSettings {
  /** Deadline of one request (DNS, connect, TLS and the whole answer), in milliseconds. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** PEM trust anchors from `tls.caFile`, added to Node's bundled roots. */
  readonly extraCa: readonly string[];
  readonly resolver: DnsResolver;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives one line per request and answer (never a body) for `--trace`. */
  readonly transcript?: Transcript;
}

/** Our codes for a request that got no HTTP answer, by family (network, TLS, proxy), one meaning each. */
export type HttpFailureCode =
  | DnsFailureCode
  | 'TCP_REFUSED'
  | 'TCP_TIMEOUT'
  | 'TCP_RESET'
  | 'NETWORK_UNREACHABLE'
  | 'TLS_CERT_UNTRUSTED'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_HOSTNAME_MISMATCH'
  | 'TLS_HANDSHAKE_FAILED'
  | 'PROXY_UNREACHABLE'
  | 'PROXY_REJECTED'
  | 'PROXY_AUTH_REQUIRED'
  | 'HTTP_TIMEOUT'
  | 'HTTP_RESPONSE_TOO_LARGE'
  | 'ABORTED'
  | 'HTTP_FAILED';

/** The proxy a request went through, as configured (credentials removed). */
export interface ProxyUse {
  readonly url: string;
  readonly variable: 'HTTPS_PROXY' | 'HTTP_PROXY';
}

/** The certificate a TLS server presented when we refused it (direct connections only). */
export interface RefusedCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly selfSigned: boolean;
}

export interface HttpErrorDetails {
  readonly url: URL;
  /** Node's / OpenSSL's / undici's code of the underlying error (`ECONNREFUSED`, `SELF_SIGNED_CERT_IN_CHAIN`…). */
  readonly nodeCode?: string;
  /** The address tried, when known. */
  readonly address?: string;
  readonly proxy?: ProxyUse;
  /** The failure happened on the way to the proxy, or the proxy refused the tunnel. */
  readonly atProxy?: boolean;
  /** The proxy's answer to CONNECT, when it was not 200. */
  readonly proxyStatus?: number;
  readonly certificate?: RefusedCertificate;
  readonly elapsedMs: number;
  readonly cause?: unknown;
}

/** A request that produced no HTTP answer. Its message is scrubbed; it never carries a request body. */
export class HttpError extends Error {
  readonly code: HttpFailureCode;
  /** `https://host:port/path`, without the query string. */
  readonly target: string;
  readonly host: string;
  readonly port: number;
  readonly nodeCode?: string;
  readonly address?: string;
  readonly proxy?: ProxyUse;
  readonly atProxy: boolean;
  readonly proxyStatus?: number;
  readonly certificate?: RefusedCertificate;
  readonly elapsedMs: number;

  constructor(code: HttpFailureCode, message: string, details: HttpErrorDetails) {
    super(scrub(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HttpError';
    this.code = code;
    this.target = `${details.url.origin}${details.url.pathname}`;
    this.host = details.url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(details.url.port) || (details.url.protocol === 'https:' ? 443 : 80);
    this.atProxy = details.atProxy === true;
    this.elapsedMs = details.elapsedMs;
    if (details.nodeCode !== undefined) this.nodeCode = details.nodeCode;
    if (details.address !== undefined) this.address = details.address;
    if (details.proxy !== undefined) this.proxy = details.proxy;
    if (details.proxyStatus !== undefined) this.proxyStatus = details.proxyStatus;
    if (details.certificate !== undefined) this.certificate = details.certificate;
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

/** A dispatcher for identity requests, and which proxy (if any) a URL goes through. Close it after use. */
export interface IdentityHttp {
  readonly dispatcher: Dispatcher;
  readonly settings: HttpSettings;
  proxyFor(url: string | URL): ProxyUse | undefined;
  close(): Promise<void>;
  /** Steps still in progress, so that a request's deadline can say where it was stuck. */
  readonly pending: PendingSteps;
}

/** Counters of steps under way on a dispatcher (one use, so usually one request at a time). */
export interface PendingSteps {
  resolving: number;
  connecting: number;
  connectingToProxy: number;
}

function isIdentityHttp(value: HttpSettings | IdentityHttp): value is IdentityHttp {
  return 'dispatcher' in value;
}

/** A name-resolution failure on the way to a host (kept apart: c-ares says ECONNREFUSED for "no DNS server"). */
class ResolveFailure extends Error {
  constructor(
    readonly host: string,
    readonly dnsCode: DnsFailureCode,
    readonly original: unknown,
  ) {
    super(`${dnsCode} resolving ${host}`);
    this.name = 'ResolveFailure';
  }
}

/** The certificate did not verify; raised by our connector before any byte of the request is sent. */
class CertificateRefused extends Error {
  constructor(
    readonly code: string,
    readonly certificate: RefusedCertificate | undefined,
    readonly address: string,
  ) {
    super(`certificate refused: ${code}`);
    this.name = 'CertificateRefused';
  }
}

/** Errors raised while reaching the proxy itself (not the host behind it). */
const proxyErrors = new WeakSet<object>();

/**
 * Builds the dispatcher for one use (a check, a token request). Proxy variables are read now, from
 * `settings.env`, and passed explicitly so that what `proxyFor` reports is what the agent does.
 */
export async function createIdentityHttp(settings: HttpSettings): Promise<IdentityHttp> {
  const undici = await import('undici');
  const env = settings.env ?? process.env;
  const proxies = proxyVariables(env);
  const ca = trustAnchors(settings.extraCa);
  const tlsOptions = { ...(ca ? { ca } : {}), minVersion: 'TLSv1.2' as const };
  const connectTimeout = settings.timeoutMs;
  const pending: PendingSteps = { resolving: 0, connecting: 0, connectingToProxy: 0 };

  // Direct connections: our resolver, then TLS verified by us after the handshake, so that a refused
  // certificate can be described (its issuer names the TLS-inspecting product). No session cache: a
  // session from an unverified handshake must never be resumed.
  const direct = undici.buildConnector({ ...tlsOptions, rejectUnauthorized: false, maxCachedSessions: 0, timeout: connectTimeout });
  const directConnector = resolvingConnector(counted(verifyingConnector(direct, settings.extraCa), pending, 'connecting'), settings, pending);

  // The connection to the proxy itself (plain or TLS), also through our resolver.
  const toProxy = resolvingConnector(counted(undici.buildConnector({ ...tlsOptions, maxCachedSessions: 0, timeout: connectTimeout }), pending, 'connectingToProxy'), settings, pending);
  const proxyConnector: buildConnector.connector = (options, callback) =>
    toProxy(options, (...args) => {
      if (args[0]) proxyErrors.add(args[0]);
      callback(...args);
    });

  const dispatcher = new undici.EnvHttpProxyAgent({
    httpProxy: proxies.httpProxy ?? '',
    httpsProxy: proxies.httpsProxy ?? '',
    noProxy: proxies.noProxy,
    connect: directConnector,
    // TLS to the host through the CONNECT tunnel: undici verifies it (rejectUnauthorized stays on).
    requestTls: { ...tlsOptions, maxCachedSessions: 0, timeout: connectTimeout },
    proxyTls: { ...tlsOptions, maxCachedSessions: 0, timeout: connectTimeout },
    clientFactory: (origin: URL) => new undici.Pool(origin, { connect: proxyConnector }),
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connections: 2,
  });
  return {
    dispatcher,
    settings,
    pending,
    proxyFor: (url) => proxyFor(new URL(url), proxies),
    close: async () => {
      await dispatcher.close().catch(() => undefined);
    },
  };
}

interface ProxyVariables {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  /** Which variable the HTTPS proxy came from (HTTP_PROXY when HTTPS_PROXY is unset). */
  readonly httpsFrom: ProxyUse['variable'];
  readonly noProxy: string;
}

/** The same precedence as undici's EnvHttpProxyAgent: lower case first, HTTPS falls back to HTTP. */
function proxyVariables(env: NodeJS.ProcessEnv): ProxyVariables {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : httpProxy ? { httpsProxy: httpProxy } : {}),
    httpsFrom: httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/** undici's NO_PROXY rules (env-http-proxy-agent.js): `*`, host, `.suffix` / `*.suffix`, optional `:port`. */
function proxyFor(url: URL, proxies: ProxyVariables): ProxyUse | undefined {
  const https = url.protocol === 'https:';
  const configured = https ? proxies.httpsProxy : proxies.httpProxy;
  if (!configured) return undefined;
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(url.port) || (https ? 443 : 80);
  const entries = proxies.noProxy.split(/[,\s]/).filter(Boolean);
  if (proxies.noProxy === '*') return undefined;
  for (const entry of entries) {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed ? Number(parsed[2]) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === name || hostname.endsWith(`.${name}`)) return undefined;
  }
  return { url: withoutCredentials(configured), variable: https ? proxies.httpsFrom : 'HTTP_PROXY' };
}

/** A proxy URL for evidence: `http://user:pass@proxy:3128` → `http://proxy:3128`. */
function withoutCredentials(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//');
  }
}

/**
 * Resolves the host with the run's resolver and connects to the first address (then the next, up to
 * three), keeping the name for SNI and certificate checks. IP literals are used as they are.
 */
function resolvingConnector(base: buildConnector.connector, settings: HttpSettings, pending: PendingSteps): buildConnector.connector {
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (net.isIP(host) !== 0) {
      base(options, callback);
      return;
    }
    pending.resolving++;
    const resolved = settings.resolver.resolve(host, { timeoutMs: settings.timeoutMs, ...(settings.signal ? { signal: settings.signal } : {}) });
    resolved.then(() => pending.resolving--, () => pending.resolving--);
    resolved.then(
      (addresses) => {
        const candidates = addresses.slice(0, 3).map((entry) => entry.address);
        if (candidates.length === 0) {
          callback(new ResolveFailure(host, 'DNS_NO_ADDRESS', undefined), null);
          return;
        }
        settings.transcript?.add('info', `${host} → ${candidates.join(', ')}`);
        const attempt = (index: number): void => {
          const address = candidates[index]!;
          base({ ...options, hostname: address, servername: options.servername || host }, (error, socket) => {
            if (error && index + 1 < candidates.length && isConnectFailure(error)) {
              attempt(index + 1);
              return;
            }
            if (error) callback(error, null);
            else if (socket) callback(null, socket);
          });
        };
        attempt(0);
      },
      (error: unknown) => callback(new ResolveFailure(host, classifyDnsError(error), error), null),
    );
  };
}

/** Counts a connector's attempts in progress. */
function counted(base: buildConnector.connector, pending: PendingSteps, counter: 'connecting' | 'connectingToProxy'): buildConnector.connector {
  return (options, callback) => {
    pending[counter]++;
    let settled = false;
    base(options, (...args) => {
      if (!settled) pending[counter]--;
      settled = true;
      callback(...args);
    });
  };
}

function isConnectFailure(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ECONNREFUSED' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}

/**
 * Checks the handshake's verdict (chain and host name, which Node computes even with
 * `rejectUnauthorized: false`) before handing the socket to undici: nothing is sent on a refused one.
 * OpenSSL reports only its last error, and dates come last: a date error is named as such only when the
 * chain is otherwise proven (probes/tls-chain.ts `proveChain`); else the proof's reason is the code, so that
 * an inspecting product's own expired root is reported as untrusted, not merely expired.
 */
function verifyingConnector(base: buildConnector.connector, extraCa: readonly string[]): buildConnector.connector {
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('no socket'), null);
        return;
      }
      if (socket instanceof tls.TLSSocket && !socket.authorized) {
        const reason = socket.authorizationError;
        let code = typeof reason === 'string' ? reason : reason instanceof Error ? (codeOf(reason) ?? reason.message) : 'CERT_UNTRUSTED';
        if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
          const proof = proveChain(presentedChain(socket.getPeerCertificate(true)), anchorsFor(extraCa));
          if (!proof.ok) code = proof.code;
        }
        const refused = new CertificateRefused(code, describePeer(socket), options.hostname);
        socket.destroy();
        callback(refused, null);
        return;
      }
      callback(null, socket);
    });
  };
}

function describePeer(socket: tls.TLSSocket): RefusedCertificate | undefined {
  const peer = socket.getPeerCertificate(true);
  if (!peer || !peer.subject) return undefined;
  const name = (fields: tls.Certificate | undefined): string =>
    fields ? [fields.CN, fields.O].flat().filter((part): part is string => typeof part === 'string' && part.length > 0).join(', ') : '';
  const subject = name(peer.subject);
  const issuer = name(peer.issuer);
  return { subject, issuer, selfSigned: peer.fingerprint256 === peer.issuerCertificate?.fingerprint256 || subject === issuer };
}

/** The answer to an identity request. `json` is the parsed body when it was JSON, else undefined. */
export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  /** The body as text (at most `maxBytes`); scrub it before showing any of it. */
  readonly text: string;
  readonly json: unknown;
  readonly elapsedMs: number;
  readonly proxy?: ProxyUse;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** Never logged, never put in an error. */
  readonly body?: string;
  /** Largest answer accepted (default 1 MiB): a captive portal may send anything. */
  readonly maxBytes?: number;
  /** What the transcript shows instead of the URL (e.g. without a query that carries a code). */
  readonly traceLabel?: string;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * One request with the step deadline and the run's abort signal; HTTP error statuses are answers (the
 * caller reads them), transport failures throw `HttpError`. Uses `http` when given, else a dispatcher
 * built and closed for this request.
 */
export async function fetchJson(url: string, request: HttpRequest, settingsOrHttp: HttpSettings | IdentityHttp): Promise<HttpResponse> {
  if (isIdentityHttp(settingsOrHttp)) return send(url, request, settingsOrHttp);
  const own = await createIdentityHttp(settingsOrHttp);
  try {
    return await send(url, request, own);
  } finally {
    await own.close();
  }
}

async function send(url: string, request: HttpRequest, http: IdentityHttp): Promise<HttpResponse> {
  const { settings } = http;
  const { fetch } = await import('undici');
  const target = new URL(url);
  const proxy = http.proxyFor(target);
  const method = request.method ?? 'GET';
  const label = request.traceLabel ?? `${target.origin}${target.pathname}`;
  settings.transcript?.add('client', `${method} ${label}${proxy ? ` (proxy ${proxy.url})` : ''}`);

  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = settings.signal ? AbortSignal.any([settings.signal, timeout]) : timeout;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const response = await fetch(target, {
      method,
      headers: { accept: 'application/json', ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      dispatcher: http.dispatcher,
      signal,
      redirect: 'manual',
    });
    const text = await readLimited(response.body, request.maxBytes ?? DEFAULT_MAX_BYTES, url);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const contentType = headers['content-type'] ?? '';
    const json = parseJson(text, contentType);
    settings.transcript?.add('server', `${response.status} ${contentType || '(no content type)'} ${text.length} bytes, ${elapsed()} ms`);
    return { url: `${target.origin}${target.pathname}`, status: response.status, headers, contentType, text, json, elapsedMs: elapsed(), ...(proxy ? { proxy } : {}) };
  } catch (error) {
    const failure = classifyFailure(error, {
      url: target,
      proxy,
      elapsedMs: elapsed(),
      timedOut: timeout.aborted,
      aborted: settings.signal?.aborted === true,
      pending: { ...http.pending },
    });
    settings.transcript?.add('info', `${failure.code}${failure.nodeCode ? ` (${failure.nodeCode})` : ''} after ${failure.elapsedMs} ms`);
    throw failure;
  }
}

class ResponseTooLarge extends Error {}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number, url: string): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(`answer from ${new URL(url).host} larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, contentType: string): unknown {
  const trimmed = text.trim();
  if (trimmed.length === 0) return undefined;
  // Entra and Graph say application/json; an HTML page from a proxy or captive portal is not an answer.
  if (!/json/i.test(contentType) && !/^[[{]/.test(trimmed)) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

interface FailureContext {
  readonly url: URL;
  readonly proxy: ProxyUse | undefined;
  readonly elapsedMs: number;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** What was still under way when the failure happened (the deadline names the stuck step). */
  readonly pending?: PendingSteps;
}

/** Every error in a cause chain (and inside AggregateErrors), outermost first. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 16) {
    const item = queue.shift();
    if (item === undefined || item === null || chain.includes(item)) continue;
    chain.push(item);
    if (typeof item === 'object') {
      if ('errors' in item && Array.isArray(item.errors)) queue.push(...item.errors);
      if ('cause' in item) queue.push(item.cause);
    }
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function addressOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'address' in error && typeof error.address === 'string') return error.address;
  return undefined;
}

/** OpenSSL's verdicts that mean "no path to a trusted root" (unknown CA, missing intermediate, inspection). */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  // proveChain's own refusals (probes/tls-chain.ts): an issuer that is not a CA, a certificate not for servers.
  'INVALID_CA',
  'INVALID_PURPOSE',
  'NO_CERTIFICATE',
]);

const CONNECT_CODES: Readonly<Record<string, HttpFailureCode>> = {
  ECONNREFUSED: 'TCP_REFUSED',
  UND_ERR_CONNECT_TIMEOUT: 'TCP_TIMEOUT',
  ETIMEDOUT: 'TCP_TIMEOUT',
  ECONNRESET: 'TCP_RESET',
  EPIPE: 'TCP_RESET',
  UND_ERR_SOCKET: 'TCP_RESET',
  ENETUNREACH: 'NETWORK_UNREACHABLE',
  EHOSTUNREACH: 'NETWORK_UNREACHABLE',
  EADDRNOTAVAIL: 'NETWORK_UNREACHABLE',
  UND_ERR_HEADERS_TIMEOUT: 'HTTP_TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'HTTP_TIMEOUT',
};

export function classifyFailure(error: unknown, context: FailureContext): HttpError {
  const chain = causeChain(error);
  const atProxy = chain.some((item) => typeof item === 'object' && item !== null && proxyErrors.has(item));
  const base: HttpErrorDetails = { url: context.url, elapsedMs: context.elapsedMs, cause: error, atProxy, ...(context.proxy ? { proxy: context.proxy } : {}) };
  const host = context.url.host;
  if (context.aborted) return new HttpError('ABORTED', `request to ${host} interrupted`, base);
  if (chain.some((item) => item instanceof ResponseTooLarge)) return new HttpError('HTTP_RESPONSE_TOO_LARGE', `answer from ${host} too large`, base);

  const dns = chain.find((item): item is ResolveFailure => item instanceof ResolveFailure);
  if (dns) {
    const nodeCode = codeOf(dns.original);
    if (atProxy) return new HttpError('PROXY_UNREACHABLE', `proxy host ${dns.host}: ${dns.dnsCode}`, { ...base, ...(nodeCode ? { nodeCode } : {}) });
    return new HttpError(dns.dnsCode, `${dns.dnsCode} resolving ${dns.host}`, { ...base, ...(nodeCode ? { nodeCode } : {}) });
  }
  const refused = chain.find((item): item is CertificateRefused => item instanceof CertificateRefused);
  if (refused) {
    return new HttpError(certificateCode(refused.code), `certificate of ${host} refused: ${refused.code}`, {
      ...base,
      nodeCode: refused.code,
      address: refused.address,
      ...(refused.certificate ? { certificate: refused.certificate } : {}),
    });
  }
  // undici reports a CONNECT answered with anything but 200 only in its message (proxy-agent.js):
  // "Proxy response (407) !== 200 when HTTP Tunneling". The one place we read a library's text.
  for (const item of chain) {
    const text = item instanceof Error ? item.message : '';
    const status = /Proxy response \((\d{3})\)/.exec(text)?.[1];
    if (status) {
      const code: HttpFailureCode = status === '407' ? 'PROXY_AUTH_REQUIRED' : 'PROXY_REJECTED';
      return new HttpError(code, `proxy answered ${status} to CONNECT ${host}`, { ...base, atProxy: true, proxyStatus: Number(status) });
    }
  }
  const codes = chain.map(codeOf).filter((code): code is string => code !== undefined);
  const address = chain.map(addressOf).find((value) => value !== undefined);
  const tlsCode = codes.find((code) => UNTRUSTED.has(code) || code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code.startsWith('ERR_SSL_'));
  if (tlsCode) return new HttpError(certificateCode(tlsCode), `TLS with ${host} failed: ${tlsCode}`, { ...base, nodeCode: tlsCode, ...(address ? { address } : {}) });
  for (const code of codes) {
    const mapped = CONNECT_CODES[code];
    if (!mapped) continue;
    if (atProxy && mapped !== 'HTTP_TIMEOUT') {
      return new HttpError('PROXY_UNREACHABLE', `proxy ${context.proxy?.url ?? ''}: ${code}`, { ...base, nodeCode: code, ...(address ? { address } : {}) });
    }
    return new HttpError(mapped, `${code} from ${host}`, { ...base, nodeCode: code, ...(address ? { address } : {}) });
  }
  if (context.timedOut || chain.some((item) => item instanceof Error && item.name === 'TimeoutError')) {
    const stuck = context.pending;
    if (stuck && stuck.resolving > 0) return new HttpError('DNS_TIMEOUT', `no DNS answer for ${context.url.hostname} in ${context.elapsedMs} ms`, base);
    if (stuck && stuck.connectingToProxy > 0) return new HttpError('PROXY_UNREACHABLE', `no connection to the proxy in ${context.elapsedMs} ms`, { ...base, atProxy: true });
    if (stuck && stuck.connecting > 0) return new HttpError('TCP_TIMEOUT', `no connection to ${host} in ${context.elapsedMs} ms`, base);
    return new HttpError('HTTP_TIMEOUT', `no answer from ${host} in ${context.elapsedMs} ms`, base);
  }
  return new HttpError('HTTP_FAILED', `request to ${host} failed: ${codes[0] ?? (error instanceof Error ? error.message : String(error))}`, {
    ...base,
    ...(codes[0] ? { nodeCode: codes[0] } : {}),
  });
}

function certificateCode(code: string): HttpFailureCode {
  if (UNTRUSTED.has(code)) return 'TLS_CERT_UNTRUSTED';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'TLS_CERT_EXPIRED';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'TLS_HOSTNAME_MISMATCH';
  return 'TLS_HANDSHAKE_FAILED';
}
