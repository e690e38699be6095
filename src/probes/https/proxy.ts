/**
 * Which proxy an HTTPS request takes: HTTPS_PROXY / HTTP_PROXY / NO_PROXY read with the same rules as
 * undici's `EnvHttpProxyAgent`, so that what the evidence says is what the agent does, and the proxy's URL
 * shown without its credentials.
 */

/** The proxy a request went through, as configured (credentials removed). */
export interface ProxyUse {
  readonly url: string;
  readonly variable: 'HTTPS_PROXY' | 'HTTP_PROXY';
}

export interface ProxyVariables {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  /** Which variable the HTTPS proxy came from (HTTP_PROXY when HTTPS_PROXY is unset). */
  readonly httpsFrom: ProxyUse['variable'];
  readonly noProxy: string;
}

/** The same precedence as undici's EnvHttpProxyAgent: lower case first, HTTPS falls back to HTTP. */
export function proxyVariables(env: NodeJS.ProcessEnv): ProxyVariables {
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
export function proxyFor(url: URL, proxies: ProxyVariables): ProxyUse | undefined {
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
