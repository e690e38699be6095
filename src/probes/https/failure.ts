/**
 * Why an HTTPS request got no answer, in our codes: every transport failure (DNS, refused, timeout,
 * untrusted certificate — with the certificate's issuer when the connection is direct — proxy refused or
 * rejected) becomes an `HttpError`, read from the error's `cause` chain, never from message text (except
 * undici's proxy status, see below). The client's connectors raise the marker errors defined here.
 */
import type { DnsFailureCode } from '../dns.js';
import { scrub } from '../../secrets/redact.js';
import type { ProxyUse } from './proxy.js';

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

/**
 * Counters of steps under way on a dispatcher (one use, so usually one request at a time), kept by the
 * client's connectors and read here when the deadline passes.
 */
export interface PendingSteps {
  resolving: number;
  connecting: number;
  connectingToProxy: number;
}

/** A name-resolution failure on the way to a host (kept apart: c-ares says ECONNREFUSED for "no DNS server"). */
export class ResolveFailure extends Error {
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
export class CertificateRefused extends Error {
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
export const proxyErrors = new WeakSet<object>();

/** The answer was larger than the request allowed (a captive portal may send anything). */
export class ResponseTooLarge extends Error {}

export interface FailureContext {
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

export function codeOf(error: unknown): string | undefined {
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
  // proveChain's own refusals (probes/tls.ts): an issuer that is not a CA, a certificate not for servers.
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
  const tlsCode = codes.find(
    (code) =>
      UNTRUSTED.has(code) ||
      code === 'CERT_HAS_EXPIRED' ||
      code === 'CERT_NOT_YET_VALID' ||
      code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
      code.startsWith('ERR_SSL_'),
  );
  if (tlsCode)
    return new HttpError(certificateCode(tlsCode), `TLS with ${host} failed: ${tlsCode}`, { ...base, nodeCode: tlsCode, ...(address ? { address } : {}) });
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
    if (stuck && stuck.connectingToProxy > 0)
      return new HttpError('PROXY_UNREACHABLE', `no connection to the proxy in ${context.elapsedMs} ms`, { ...base, atProxy: true });
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
