import { describe, expect, it } from '@jest/globals';
import { createIdentityHttp, type HttpSettings } from './client.js';
import { classifyFailure } from './failure.js';

const settings = (env: NodeJS.ProcessEnv): HttpSettings => ({
  timeoutMs: 1000,
  extraCa: [],
  resolver: { resolve: async () => [] },
  env,
});

async function proxyOf(env: NodeJS.ProcessEnv, url: string) {
  const http = await createIdentityHttp(settings(env));
  try {
    return http.proxyFor(url);
  } finally {
    await http.close();
  }
}

describe('which proxy a request takes (undici EnvHttpProxyAgent rules)', () => {
  it('uses HTTPS_PROXY for https, falling back to HTTP_PROXY, and never shows the proxy’s credentials', async () => {
    expect(await proxyOf({ HTTPS_PROXY: 'http://user:pw@proxy.corp:3128' }, 'https://login.microsoftonline.com/x')).toEqual({
      url: 'http://proxy.corp:3128',
      variable: 'HTTPS_PROXY',
    });
    expect(await proxyOf({ HTTP_PROXY: 'http://proxy.corp:8080' }, 'https://login.microsoftonline.com/x')).toEqual({
      url: 'http://proxy.corp:8080',
      variable: 'HTTP_PROXY',
    });
    expect(await proxyOf({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://a.example')).toEqual({
      url: 'http://lower:1',
      variable: 'HTTPS_PROXY',
    });
    expect(await proxyOf({}, 'https://login.microsoftonline.com/x')).toBeUndefined();
  });

  it('skips the proxy for NO_PROXY hosts, suffixes, ports and *', async () => {
    const proxy = { HTTPS_PROXY: 'http://proxy.corp:3128' };
    expect(await proxyOf({ ...proxy, NO_PROXY: 'microsoftonline.com' }, 'https://login.microsoftonline.com/x')).toBeUndefined();
    expect(await proxyOf({ ...proxy, NO_PROXY: '.microsoftonline.com' }, 'https://login.microsoftonline.com/x')).toBeUndefined();
    expect(await proxyOf({ ...proxy, NO_PROXY: '*.microsoftonline.com' }, 'https://login.microsoftonline.com/x')).toBeUndefined();
    expect(await proxyOf({ ...proxy, NO_PROXY: 'login.microsoftonline.com:8443' }, 'https://login.microsoftonline.com/x')).toEqual({
      url: 'http://proxy.corp:3128',
      variable: 'HTTPS_PROXY',
    });
    expect(await proxyOf({ ...proxy, NO_PROXY: '*' }, 'https://anything.example')).toBeUndefined();
    expect(await proxyOf({ ...proxy, NO_PROXY: 'crosoftonline.com' }, 'https://login.microsoftonline.com/x')).toBeDefined();
  });
});

describe('classifyFailure', () => {
  const context = { url: new URL('https://login.microsoftonline.com/t/oauth2/v2.0/token'), proxy: undefined, elapsedMs: 12, timedOut: false, aborted: false };
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

  it('reads Node’s and undici’s codes from the cause chain', () => {
    expect(
      classifyFailure(fetchFailed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', address: '20.190.1.1' })), context),
    ).toMatchObject({ code: 'TCP_REFUSED', nodeCode: 'ECONNREFUSED', address: '20.190.1.1', host: 'login.microsoftonline.com', port: 443 });
    expect(classifyFailure(fetchFailed(Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' })), context).code).toBe(
      'TCP_TIMEOUT',
    );
    expect(
      classifyFailure(fetchFailed(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })), context)
        .code,
    ).toBe('TLS_CERT_UNTRUSTED');
    expect(classifyFailure(fetchFailed(Object.assign(new Error('Hostname/IP does not match'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })), context).code).toBe(
      'TLS_HOSTNAME_MISMATCH',
    );
    expect(classifyFailure(fetchFailed(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' })), context).code).toBe(
      'TLS_CERT_EXPIRED',
    );
    expect(classifyFailure(fetchFailed(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })), context).code).toBe(
      'HTTP_TIMEOUT',
    );
  });

  it('names the proxy’s answer to CONNECT, and a run interrupted by the user', () => {
    const proxy = { url: 'http://proxy.corp:3128', variable: 'HTTPS_PROXY' as const };
    const rejected = classifyFailure(fetchFailed(Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), { code: 'UND_ERR_ABORTED' })), {
      ...context,
      proxy,
    });
    expect(rejected).toMatchObject({ code: 'PROXY_AUTH_REQUIRED', proxyStatus: 407, atProxy: true, proxy });
    expect(classifyFailure(fetchFailed(new Error('Proxy response (403) !== 200 when HTTP Tunneling')), { ...context, proxy }).code).toBe('PROXY_REJECTED');
    expect(classifyFailure(new DOMException('aborted', 'AbortError'), { ...context, aborted: true }).code).toBe('ABORTED');
  });

  it('says where a request was stuck when its deadline passed', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyFailure(timeout, { ...context, timedOut: true, pending: { resolving: 1, connecting: 0, connectingToProxy: 0 } }).code).toBe('DNS_TIMEOUT');
    expect(classifyFailure(timeout, { ...context, timedOut: true, pending: { resolving: 0, connecting: 1, connectingToProxy: 0 } }).code).toBe('TCP_TIMEOUT');
    expect(classifyFailure(timeout, { ...context, timedOut: true, pending: { resolving: 0, connecting: 0, connectingToProxy: 1 } }).code).toBe(
      'PROXY_UNREACHABLE',
    );
    expect(classifyFailure(timeout, { ...context, timedOut: true, pending: { resolving: 0, connecting: 0, connectingToProxy: 0 } }).code).toBe('HTTP_TIMEOUT');
  });
});
