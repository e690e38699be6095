/**
 * HTTP for the identity providers (Entra ID, Microsoft Graph, Google's token endpoint): one undici
 * dispatcher that
 * - honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY through undici's `EnvHttpProxyAgent` (Node 20's global
 *   fetch, which msal-node 7 uses, ignores them: docs/testing.md §Entra stand-in, "Trusting the CA"), with
 *   the variables read as proxy.ts says;
 * - trusts `tls.caFile` at run time (`ca` on every TLS connection; NODE_EXTRA_CA_CERTS is read only when
 *   the process starts);
 * - resolves names with the run's resolver (`HttpSettings.resolver`), as the mail probes do, so a DNS failure
 *   is named as such and tests can point names at loopback;
 * - turns every transport failure into an `HttpError` with our code (failure.ts): its connectors mark
 *   what happened (a DNS failure, a refused certificate with its issuer, a failure on the way to the proxy).
 *
 * undici is loaded with `await import()` so that start-up stays fast.
 */
import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { Dispatcher, buildConnector } from 'undici';
import type { DnsResolver } from '../../core/services.js';
import type { Transcript } from '../../core/transcript.js';
import { classifyDnsError } from '../dns.js';
import { anchorsFor, presentedChain, proveChain, trustAnchors } from '../tls-chain.js';
import {
  CertificateRefused,
  ResolveFailure,
  ResponseTooLarge,
  classifyFailure,
  codeOf,
  proxyErrors,
  type PendingSteps,
  type RefusedCertificate,
} from './failure.js';
import { proxyFor, proxyVariables, type ProxyUse } from './proxy.js';

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

/** A dispatcher for identity requests, and which proxy (if any) a URL goes through. Close it after use. */
export interface IdentityHttp {
  readonly dispatcher: Dispatcher;
  readonly settings: HttpSettings;
  proxyFor(url: string | URL): ProxyUse | undefined;
  close(): Promise<void>;
  /** Steps still in progress, so that a request's deadline can say where it was stuck. */
  readonly pending: PendingSteps;
}

function isIdentityHttp(value: HttpSettings | IdentityHttp): value is IdentityHttp {
  return 'dispatcher' in value;
}

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
  const toProxy = resolvingConnector(
    counted(undici.buildConnector({ ...tlsOptions, maxCachedSessions: 0, timeout: connectTimeout }), pending, 'connectingToProxy'),
    settings,
    pending,
  );
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
    resolved.then(
      () => pending.resolving--,
      () => pending.resolving--,
    );
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
    fields
      ? [fields.CN, fields.O]
          .flat()
          .filter((part): part is string => typeof part === 'string' && part.length > 0)
          .join(', ')
      : '';
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
    return {
      url: `${target.origin}${target.pathname}`,
      status: response.status,
      headers,
      contentType,
      text,
      json,
      elapsedMs: elapsed(),
      ...(proxy ? { proxy } : {}),
    };
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
