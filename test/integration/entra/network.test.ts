/**
 * entra.credentials when the network is in the way, through the real msal-node (which reports all of these
 * as one `network_error`): DNS failure, refused port, untrusted certificate (TLS inspection) and a silent
 * server told apart; HTTPS_PROXY honoured through a loopback CONNECT proxy (and NO_PROXY bypassing it),
 * the proxy's own failures (unreachable, 407, 403) named; tls.caFile trusted at run time through the proxy.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { createCa, daysFromNow } from '../../../standins/certs.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { startEntraStandin } from '../../../standins/entra-standin/index.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;
let proxy: ConnectProxy;
let authProxy: ConnectProxy;
let refusingProxy: ConnectProxy;
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;
const savedEnvironment = new Map<string, string | undefined>();

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  world = await startWorld();
  const names = { 'login.standin.test': '127.0.0.1' };
  proxy = await startConnectProxy({ names });
  authProxy = await startConnectProxy({ names, credentials: 'tactium:proxy-password' });
  refusingProxy = await startConnectProxy({ names, refuseWith: 403 });
});

beforeEach(() => {
  world.standin.resetLog();
  world.standin.clearFaults();
  for (const name of PROXY_VARIABLES) {
    savedEnvironment.set(name, process.env[name]);
    delete process.env[name];
  }
});

afterEach(() => {
  for (const [name, value] of savedEnvironment) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

afterAll(async () => {
  await Promise.all([proxy.close(), authProxy.close(), refusingProxy.close(), world.close()]);
});

describe('entra.credentials on a difficult network', () => {
  it('fails with DNS_NOT_FOUND for a sign-in host that does not resolve', async () => {
    const account = entraAccount(world, world.app, { endpoints: { login: 'https://login.nowhere.invalid' } });
    const { context, resolver } = entraContext(world, account);
    const outcome = await entraCredentialsCheck.run(context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      'the name login.nowhere.invalid does not exist in DNS: the sign-in host is misspelt, or this network’s DNS does not resolve it',
    );
    expect(resolver.asked).toEqual(['login.nowhere.invalid']);
    expect(evidenceOf(outcome, 'entra.evidence.networkError')).toEqual(['DNS_NOT_FOUND (ENOTFOUND)']);
    expect(outcome.remediation).toContainEqual(expect.objectContaining({ kind: 'command', target: 'nslookup login.nowhere.invalid' }));
    expect(world.standin.requests).toEqual([]);
  });

  it('fails with TCP_REFUSED for a closed port, with the address tried', async () => {
    const port = await closedPort();
    const account = entraAccount(world, world.app, { endpoints: { login: `https://login.standin.test:${port}` } });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'TCP_REFUSED' });
    expect(evidenceOf(outcome, 'entra.evidence.address')).toEqual([`127.0.0.1:${port}`]);
    expect(evidenceOf(outcome, 'entra.evidence.networkError')).toEqual(['TCP_REFUSED (ECONNREFUSED)']);
    expect(fixesText(outcome)[0]).toBe(`Outbound HTTPS (TCP 443) to login.standin.test must be allowed from this machine (and from Tactium’s servers).`);
    expect(fixesText(outcome)).toContainEqual(expect.stringContaining('$env:HTTPS_PROXY = "http://proxy.example.com:3128"'));
  });

  it('fails with TLS_CERT_UNTRUSTED, naming the issuer, when the inspecting root is not in tls.caFile', async () => {
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app), { extraCa: [] }).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(evidenceOf(outcome, 'entra.evidence.certificateIssuer')).toEqual(['Tactium Preflight Test CA, tactium-preflight tests']);
    expect(evidenceOf(outcome, 'entra.evidence.certificateSubject')).toEqual(['login.standin.test, tactium-preflight tests']);
    expect(fixesText(outcome)).toContainEqual(expect.stringContaining('point tls.caFile at it: => tls:\n  caFile: ./corporate-root.pem'));
    // Nothing was sent on the refused connection: the stand-in saw no request.
    expect(world.standin.requests).toEqual([]);
  });

  it("fails with TLS_CERT_UNTRUSTED, not TLS_CERT_EXPIRED, when the inspecting product's own root in the chain has expired", async () => {
    // OpenSSL reports only its last error, CERT_HAS_EXPIRED, which hides SELF_SIGNED_CERT_IN_CHAIN.
    const expiredRoot = createCa('Expired Inspecting Root', 'expired-inspecting-root', { notBefore: daysFromNow(-2000), notAfter: daysFromNow(-1500) });
    const inspecting = await startEntraStandin({ ca: expiredRoot, sendChain: true });
    try {
      const account = entraAccount(world, world.app, { endpoints: { login: inspecting.url() } });
      const outcome = await entraCredentialsCheck.run(entraContext(world, account, { extraCa: [] }).context);
      expect(outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
      expect(evidenceOf(outcome, 'entra.evidence.networkError')).toEqual(['TLS_CERT_UNTRUSTED (SELF_SIGNED_CERT_IN_CHAIN)']);
      expect(inspecting.requests).toEqual([]);
    } finally {
      await inspecting.close();
    }
  });

  it('fails with TLS_CERT_UNTRUSTED (SELF_SIGNED_CERT_IN_CHAIN) when the inspecting product sends its own root in the chain', async () => {
    const inspecting = await startEntraStandin({ ca: world.ca, sendChain: true });
    try {
      const account = entraAccount(world, world.app, { endpoints: { login: inspecting.url() } });
      const outcome = await entraCredentialsCheck.run(entraContext(world, account, { extraCa: [] }).context);
      expect(outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
      expect(evidenceOf(outcome, 'entra.evidence.networkError')).toEqual(['TLS_CERT_UNTRUSTED (SELF_SIGNED_CERT_IN_CHAIN)']);
      expect(inspecting.requests).toEqual([]);
    } finally {
      await inspecting.close();
    }
  });

  it('fails with HTTP_TIMEOUT when the server accepts and never answers, within the step timeout', async () => {
    world.standin.injectFault({ method: 'POST', hang: true });
    const started = Date.now();
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app), { options: { stepTimeoutMs: 600 } }).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'HTTP_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('goes through HTTPS_PROXY (a CONNECT tunnel) and still trusts tls.caFile for the host behind it', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    const before = proxy.connects.length;
    const { context, resolver } = entraContext(world, entraAccount(world, world.app));
    const outcome = await entraCredentialsCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(proxy.connects.slice(before)).toEqual([{ target: `login.standin.test:${world.standin.port}`, status: 200, authorized: true }]);
    expect(evidenceOf(outcome, 'entra.evidence.proxy')).toEqual([`${proxy.url} (HTTPS_PROXY)`]);
    // The proxy resolves the host: this machine only looked up nothing (the proxy is an IP literal).
    expect(resolver.asked).toEqual([]);
    expect(world.standin.requests).toHaveLength(1);
  });

  it('does not use the proxy for a host listed in NO_PROXY', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    process.env.NO_PROXY = 'localhost,.standin.test';
    const before = proxy.connects.length;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome.status).toBe('pass');
    expect(proxy.connects.length).toBe(before);
    expect(evidenceOf(outcome, 'entra.evidence.proxy')).toEqual([]);
  });

  it('fails with TLS_CERT_UNTRUSTED through the proxy too (inspection behind an explicit proxy)', async () => {
    process.env.HTTPS_PROXY = proxy.url;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app), { extraCa: [] }).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(evidenceOf(outcome, 'entra.evidence.proxy')).toEqual([`${proxy.url} (HTTPS_PROXY)`]);
  });

  it('fails with PROXY_AUTH_REQUIRED when the proxy answers 407, without the credentials in any output', async () => {
    process.env.HTTPS_PROXY = authProxy.url;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'PROXY_AUTH_REQUIRED' });
    expect(evidenceOf(outcome, 'entra.evidence.proxyStatus')).toEqual(['407']);
    expect(english(outcome.summary)).toBe(`the proxy ${authProxy.url} demands a login (HTTP 407)`);
  });

  it('passes through a proxy that needs a login when the variable carries it, and shows the proxy without it', async () => {
    process.env.HTTPS_PROXY = `http://tactium:proxy-password@127.0.0.1:${authProxy.port}`;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.proxy')).toEqual([`${authProxy.url} (HTTPS_PROXY)`]);
    expect(JSON.stringify(outcome)).not.toContain('proxy-password');
  });

  it('fails with PROXY_REJECTED when the proxy refuses the tunnel (403)', async () => {
    process.env.HTTPS_PROXY = refusingProxy.url;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'PROXY_REJECTED' });
    expect(english(outcome.summary)).toBe(`the proxy ${refusingProxy.url} refused to open a tunnel to login.standin.test (HTTP 403)`);
  });

  it('fails with PROXY_UNREACHABLE when nothing listens at the proxy’s address', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${await closedPort()}`;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'PROXY_UNREACHABLE' });
    expect(fixesText(outcome)[0]).toContain(`Check HTTPS_PROXY (${process.env.HTTPS_PROXY})`);
  });
});
