import { classifyFetchError, proxyFor, proxyForEvidence } from './google-token.js';

const TOKEN_URL = new URL('https://oauth2.googleapis.com/token');

describe('proxyFor', () => {
  it('uses HTTPS_PROXY (either case), else HTTP_PROXY, for an https URL', () => {
    expect(proxyFor(TOKEN_URL, { HTTPS_PROXY: 'http://proxy:3128' })).toBe('http://proxy:3128');
    expect(proxyFor(TOKEN_URL, { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128' })).toBe('http://lower:3128');
    expect(proxyFor(TOKEN_URL, { HTTP_PROXY: 'http://plain:8080' })).toBe('http://plain:8080');
    expect(proxyFor(TOKEN_URL, {})).toBeUndefined();
  });

  it.each(['*', 'googleapis.com', '.googleapis.com', '*.googleapis.com', 'oauth2.googleapis.com', 'intranet, oauth2.googleapis.com:443'])('goes direct when NO_PROXY is %s', (noProxy) => {
    expect(proxyFor(TOKEN_URL, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy })).toBeUndefined();
  });

  it.each(['google.com', 'oauth2.googleapis.com:8443', 'leapis.com'])('still uses the proxy when NO_PROXY is %s', (noProxy) => {
    expect(proxyFor(TOKEN_URL, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy })).toBe('http://proxy:3128');
  });
});

describe('proxyForEvidence', () => {
  it('drops the credentials of a proxy URL', () => {
    expect(proxyForEvidence('http://user:s3cret@proxy.corp:3128')).toBe('http://proxy.corp:3128');
    expect(proxyForEvidence('http://proxy.corp:3128/')).toBe('http://proxy.corp:3128');
  });
});

function fetchFailed(cause: object): Error {
  return Object.assign(new TypeError('fetch failed'), { cause });
}

describe('classifyFetchError', () => {
  it.each([
    ['ENOTFOUND', 'DNS_NOT_FOUND'],
    ['EAI_AGAIN', 'DNS_TIMEOUT'],
    ['ECONNREFUSED', 'TCP_REFUSED'],
    ['UND_ERR_CONNECT_TIMEOUT', 'TCP_TIMEOUT'],
    ['ECONNRESET', 'TCP_RESET'],
    ['EHOSTUNREACH', 'NETWORK_UNREACHABLE'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS_CERT_UNTRUSTED'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'TLS_CERT_UNTRUSTED'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS_CERT_UNTRUSTED'],
    ['CERT_HAS_EXPIRED', 'TLS_CERT_EXPIRED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_HOSTNAME_MISMATCH'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS_HANDSHAKE_FAILED'],
  ])('names a direct connection failing with %s as %s', (nodeCode, code) => {
    expect(classifyFetchError(fetchFailed({ code: nodeCode, message: `x ${nodeCode}` }), false)).toMatchObject({ code, nodeCode });
  });

  it('blames the proxy when the proxy itself cannot be resolved or reached', () => {
    expect(classifyFetchError(fetchFailed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }), true).code).toBe('PROXY_UNREACHABLE');
    expect(classifyFetchError(fetchFailed({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND proxy' }), true).code).toBe('PROXY_UNREACHABLE');
  });

  it("reads undici's CONNECT refusal: 407 asks for credentials, anything else refuses the tunnel", () => {
    expect(classifyFetchError(fetchFailed({ code: 'UND_ERR_ABORTED', message: 'Proxy response (407) !== 200 when HTTP Tunneling' }), true).code).toBe('PROXY_AUTH_REQUIRED');
    expect(classifyFetchError(fetchFailed({ code: 'UND_ERR_ABORTED', message: 'Proxy response (403) !== 200 when HTTP Tunneling' }), true).code).toBe('PROXY_REJECTED');
  });

  it('tells the deadline from an interruption', () => {
    expect(classifyFetchError(new DOMException('timed out', 'TimeoutError'), false).code).toBe('HTTP_TIMEOUT');
    expect(classifyFetchError(new DOMException('aborted', 'AbortError'), false).code).toBe('ABORTED');
  });

  it('follows the cause chain to the innermost code', () => {
    expect(classifyFetchError(fetchFailed({ message: 'connect failed', cause: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' } }), false)).toMatchObject({ code: 'TLS_CERT_EXPIRED', detail: 'certificate has expired' });
  });
});
