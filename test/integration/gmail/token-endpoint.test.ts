/**
 * gmail.credentials against the local stand-in of Google's token endpoint: every documented refusal
 * (invalid_client ×2, invalid_grant — revoked, expired, the 7-day life of apps in Testing, unknown —
 * unauthorized_client, admin_policy_enforced, invalid_scope, a token without https://mail.google.com/),
 * Google's 5xx, an answer that is not Google's, and the network between: untrusted certificate (a
 * TLS-inspecting proxy), refused port, unknown name, silence, and an HTTPS proxy that tunnels, asks for
 * credentials, refuses the tunnel or is not there. Each: status, code, evidence and the fix's path.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { gmailCredentialsCheck } from '../../../src/checks/gmail/credentials.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { DnsResolver } from '../../../src/core/services.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, makeContext, secret, type AccountOverrides, type ContextOverrides } from '../../support/check-context.js';
import { GMAIL_SCOPE, startGoogleTokenStandin, type GoogleTokenStandin, type StandinRefreshToken } from '../../../standins/google-token-standin.js';
import { closedPort, startTarpit, type FaultServer } from '../../support/incoming-fault-servers.js';

const DAY = 86_400_000;
const CLIENT = { id: '123456789012-production0client.apps.googleusercontent.com', secret: 'GOCSPX-production-Secret-1a2b' };
const TESTING = { id: '123456789012-testing0client0.apps.googleusercontent.com', secret: 'GOCSPX-testing-Secret-3c4d', publishing: 'testing' as const };
const BLOCKED = { id: '123456789012-blocked0client0.apps.googleusercontent.com', secret: 'GOCSPX-blocked-Secret-5e6f', blockedByAdmin: true };
const MAILBOX = 'atendimento@empresa.test';

const TOKENS = {
  good: { token: '1//0good-Refresh-Token-aaaa', clientId: CLIENT.id, user: MAILBOX, scopes: [GMAIL_SCOPE] },
  revoked: { token: '1//0revoked-Refresh-Token-bbbb', clientId: CLIENT.id, user: MAILBOX, scopes: [GMAIL_SCOPE], state: 'revoked' },
  expired: { token: '1//0expired-Refresh-Token-cccc', clientId: CLIENT.id, user: MAILBOX, scopes: [GMAIL_SCOPE], state: 'expired' },
  testingOld: { token: '1//0testing-8-days-old-dddd', clientId: TESTING.id, user: MAILBOX, scopes: [GMAIL_SCOPE], issuedAt: new Date(Date.now() - 8 * DAY) },
  testingFresh: { token: '1//0testing-2-days-old-eeee', clientId: TESTING.id, user: MAILBOX, scopes: [GMAIL_SCOPE], issuedAt: new Date(Date.now() - 2 * DAY) },
  blocked: { token: '1//0blocked-client-token-ffff', clientId: BLOCKED.id, user: MAILBOX, scopes: [GMAIL_SCOPE] },
  sendOnly: { token: '1//0send-only-scope-token-gggg', clientId: CLIENT.id, user: MAILBOX, scopes: ['https://www.googleapis.com/auth/gmail.send', 'openid'] },
  invalidScope: {
    token: '1//0invalid-scope-token-hhhh',
    clientId: CLIENT.id,
    user: MAILBOX,
    scopes: [GMAIL_SCOPE],
    answer: {
      status: 400,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: 'invalid_scope', error_description: 'Some requested scopes were invalid.' }),
    },
  },
  serverError: {
    token: '1//0server-error-token-iiii',
    clientId: CLIENT.id,
    user: MAILBOX,
    scopes: [GMAIL_SCOPE],
    answer: {
      status: 503,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: 'internal_failure', error_description: 'Backend Error' }),
    },
  },
  blockPage: {
    token: '1//0block-page-token-jjjj',
    clientId: CLIENT.id,
    user: MAILBOX,
    scopes: [GMAIL_SCOPE],
    answer: {
      status: 403,
      contentType: 'text/html',
      body: '<html><body><h1>Access denied</h1><p>This site is blocked by corporate web policy.</p></body></html>',
    },
  },
} satisfies Record<string, StandinRefreshToken>;

const ca = createCa();
const certificate = issueCert(ca, { hosts: ['127.0.0.1'] });
let google: GoogleTokenStandin;
const faults: FaultServer[] = [];

beforeAll(async () => {
  google = await startGoogleTokenStandin({
    certificate,
    clients: [{ ...CLIENT, publishing: 'production' }, TESTING, BLOCKED],
    refreshTokens: Object.values(TOKENS),
  });
});

afterAll(async () => {
  await Promise.all([google?.stop(), ...faults.map((server) => server.stop())]);
});

afterEach(() => {
  expect(google.unexpected).toEqual([]);
});

function oauthAccount(client: { id: string; secret: string }, refreshToken: string, overrides: AccountOverrides = {}) {
  return makeAccount({
    provider: 'gmail',
    mailbox: MAILBOX,
    ...overrides,
    auth: {
      method: 'oauth2',
      password: undefined,
      clientId: client.id,
      clientSecret: secret(client.secret, 'env', '${env:GOOGLE_CLIENT_SECRET}'),
      refreshToken: secret(refreshToken, 'env', '${env:GOOGLE_REFRESH_TOKEN}'),
      ...overrides.auth,
    },
    endpoints: { googleToken: google.url, ...overrides.endpoints },
  });
}

async function credentials(
  client: { id: string; secret: string },
  refreshToken: string,
  overrides: AccountOverrides = {},
  context: ContextOverrides = {},
): Promise<CheckOutcome> {
  google.clear();
  return gmailCredentialsCheck.run(
    makeContext(oauthAccount(client, refreshToken, overrides), { extraCa: [ca.pem], options: { stepTimeoutMs: 2000 }, ...context }),
  );
}

function evidence(outcome: CheckOutcome, label: string): string | undefined {
  return outcome.evidence?.find((entry) => entry.label === label)?.value;
}

function fixes(outcome: CheckOutcome): string[] {
  return (outcome.remediation ?? []).map((step) => `${step.message.key}${step.target ? ` ${step.target}` : ''}`);
}

/** Status, code, evidence and a fix: every failure has them. */
function expectFailure(outcome: CheckOutcome, code: string): void {
  expect({ status: outcome.status, code: outcome.code }).toEqual({ status: 'fail', code });
  expect(outcome.evidence?.length).toBeGreaterThan(2);
  expect(outcome.remediation?.length).toBeGreaterThan(0);
}

describe('Google answers', () => {
  it('passes with the token, its scopes and lifetime as evidence, after exactly one request', async () => {
    const outcome = await credentials(CLIENT, TOKENS.good.token);
    expect(outcome).toMatchObject({ status: 'pass', summary: { key: 'gmail.token.pass', params: { clientId: CLIENT.id, minutes: 60 } } });
    expect(evidence(outcome, 'gmail.evidence.scopes')).toBe(GMAIL_SCOPE);
    expect(evidence(outcome, 'gmail.evidence.expiresIn')).toBe('3599 s');
    expect(evidence(outcome, 'gmail.evidence.httpStatus')).toBe('200');
    expect(google.requests).toEqual([{ clientId: CLIENT.id, grantType: 'refresh_token', hasSecret: true, hasRefreshToken: true, status: 200 }]);
  });

  it('fails with GOOGLE_CLIENT_NOT_FOUND for an unknown client ID ("The OAuth client was not found."), pointing at Google Cloud, not Azure', async () => {
    const outcome = await credentials({ id: '999999999999-unknown0client0.apps.googleusercontent.com', secret: CLIENT.secret }, TOKENS.good.token);
    expectFailure(outcome, 'GOOGLE_CLIENT_NOT_FOUND');
    expect(evidence(outcome, 'gmail.evidence.httpStatus')).toBe('401');
    expect(evidence(outcome, 'gmail.evidence.oauthError')).toBe('invalid_client');
    expect(evidence(outcome, 'gmail.evidence.errorDescription')).toBe('The OAuth client was not found.');
    expect(fixes(outcome)).toEqual(['gmail.fix.findClient https://console.cloud.google.com/auth/clients', 'gmail.fix.notAzure']);
    expect(google.requests).toHaveLength(1);
  });

  it('fails with GOOGLE_CLIENT_SECRET_WRONG for a wrong client secret (invalid_client "Unauthorized")', async () => {
    const outcome = await credentials({ id: CLIENT.id, secret: 'GOCSPX-not-the-Secret-9999' }, TOKENS.good.token);
    expectFailure(outcome, 'GOOGLE_CLIENT_SECRET_WRONG');
    expect(evidence(outcome, 'gmail.evidence.errorDescription')).toBe('Unauthorized');
    expect(outcome.summary.params).toMatchObject({ reference: '${env:GOOGLE_CLIENT_SECRET}' });
    expect(fixes(outcome)).toEqual(['gmail.fix.newClientSecret https://console.cloud.google.com/auth/clients']);
  });

  it.each([
    ['revoked', TOKENS.revoked.token],
    ['expired', TOKENS.expired.token],
  ])('fails with GOOGLE_INVALID_GRANT for a %s refresh token, naming the Testing 7-day rule and the Audience › Publish app fix', async (_name, token) => {
    const outcome = await credentials(CLIENT, token);
    expectFailure(outcome, 'GOOGLE_INVALID_GRANT');
    expect(outcome.summary.key).toBe('gmail.token.grantExpired');
    expect(evidence(outcome, 'gmail.evidence.errorDescription')).toBe('Token has been expired or revoked.');
    expect(fixes(outcome)).toEqual([
      'gmail.fix.publishApp https://console.cloud.google.com/auth/audience',
      'gmail.fix.revokedCauses https://myaccount.google.com/connections',
      'gmail.fix.reauthorise',
    ]);
  });

  it('fails with GOOGLE_INVALID_GRANT when the app is in Testing and the refresh token is 8 days old — and passes at 2 days', async () => {
    const old = await credentials(TESTING, TOKENS.testingOld.token);
    expectFailure(old, 'GOOGLE_INVALID_GRANT');
    expect(fixes(old)[0]).toBe('gmail.fix.publishApp https://console.cloud.google.com/auth/audience');
    const fresh = await credentials(TESTING, TOKENS.testingFresh.token);
    expect(fresh.status).toBe('pass');
  });

  it('fails with GOOGLE_INVALID_GRANT "Bad Request" for a refresh token Google does not know, and asks to check it was copied whole', async () => {
    const outcome = await credentials(CLIENT, '1//0truncated-Refresh-Tok');
    expectFailure(outcome, 'GOOGLE_INVALID_GRANT');
    expect(outcome.summary.key).toBe('gmail.token.grantUnknown');
    expect(fixes(outcome)[0]).toBe('gmail.fix.copyRefreshToken');
  });

  it('fails with GOOGLE_UNAUTHORIZED_CLIENT when the refresh token was issued to another OAuth client', async () => {
    const outcome = await credentials(CLIENT, TOKENS.testingFresh.token);
    expectFailure(outcome, 'GOOGLE_UNAUTHORIZED_CLIENT');
    expect(evidence(outcome, 'gmail.evidence.oauthError')).toBe('unauthorized_client');
    expect(fixes(outcome)).toEqual(['gmail.fix.sameClient', 'gmail.fix.reauthorise']);
  });

  it('fails with GOOGLE_ADMIN_POLICY_ENFORCED when the Workspace blocks the client, with the API controls path and the admin named in the file', async () => {
    const outcome = await credentials(BLOCKED, TOKENS.blocked.token, { admin: { user: 'ti@empresa.test' } });
    expectFailure(outcome, 'GOOGLE_ADMIN_POLICY_ENFORCED');
    expect(evidence(outcome, 'gmail.evidence.httpStatus')).toBe('400');
    expect(outcome.remediation?.[0]).toMatchObject({ kind: 'portal', message: { key: 'gmail.fix.trustClient', params: { clientId: BLOCKED.id } } });
    expect(outcome.remediation?.[1]).toMatchObject({ message: { key: 'gmail.fix.adminIs', params: { admin: 'ti@empresa.test' } } });
  });

  it('fails with GOOGLE_SCOPE_MISSING when the token lacks https://mail.google.com/, with the Data access fix and re-authorisation', async () => {
    const outcome = await credentials(CLIENT, TOKENS.sendOnly.token);
    expectFailure(outcome, 'GOOGLE_SCOPE_MISSING');
    expect(evidence(outcome, 'gmail.evidence.scopes')).toBe('https://www.googleapis.com/auth/gmail.send openid');
    expect(fixes(outcome)).toEqual(['gmail.fix.dataAccess https://console.cloud.google.com/auth/scopes', 'gmail.fix.reauthorise']);
  });

  it('fails with GOOGLE_INVALID_SCOPE on invalid_scope', async () => {
    const outcome = await credentials(CLIENT, TOKENS.invalidScope.token);
    expectFailure(outcome, 'GOOGLE_INVALID_SCOPE');
    expect(fixes(outcome)[0]).toBe('gmail.fix.dataAccess https://console.cloud.google.com/auth/scopes');
  });

  it('fails with GOOGLE_TOKEN_SERVER_ERROR on a 503, whatever its body says', async () => {
    const outcome = await credentials(CLIENT, TOKENS.serverError.token);
    expectFailure(outcome, 'GOOGLE_TOKEN_SERVER_ERROR');
    expect(evidence(outcome, 'gmail.evidence.httpStatus')).toBe('503');
    expect(fixes(outcome)).toEqual(['gmail.fix.tryLater']);
  });

  it('fails with GOOGLE_TOKEN_UNEXPECTED_REPLY when a block page answers, showing the start of the page', async () => {
    const outcome = await credentials(CLIENT, TOKENS.blockPage.token);
    expectFailure(outcome, 'GOOGLE_TOKEN_UNEXPECTED_REPLY');
    expect(evidence(outcome, 'gmail.evidence.contentType')).toBe('text/html');
    expect(evidence(outcome, 'gmail.evidence.body')).toContain('blocked by corporate web policy');
    expect(fixes(outcome)[0]).toBe('gmail.fix.somethingAnswered');
  });
});

describe('the network between', () => {
  it('fails with TLS_CERT_UNTRUSTED when the certificate is not trusted (a TLS-inspecting proxy), proposing tls.caFile', async () => {
    const outcome = await credentials(CLIENT, TOKENS.good.token, {}, { extraCa: [] });
    expectFailure(outcome, 'TLS_CERT_UNTRUSTED');
    expect(outcome.summary).toEqual({
      key: 'gmail.net.untrustedIssuer',
      params: { host: '127.0.0.1', issuer: 'Tactium Preflight Test CA, tactium-preflight tests' },
    });
    expect(evidence(outcome, 'gmail.evidence.certificateIssuer')).toBe('Tactium Preflight Test CA, tactium-preflight tests');
    expect(evidence(outcome, 'gmail.evidence.failure')).toMatch(
      /^UNABLE_TO_VERIFY_LEAF_SIGNATURE|^SELF_SIGNED_CERT_IN_CHAIN|^UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    );
    expect(outcome.remediation?.[0]).toMatchObject({ message: { key: 'gmail.fix.caFile' }, target: 'tls:\n  caFile: ./corporate-root.pem' });
    expect(google.requests).toEqual([]);
  });

  it('fails with TCP_REFUSED when nothing listens, and says to open HTTPS or set HTTPS_PROXY', async () => {
    const port = await closedPort();
    const outcome = await credentials(CLIENT, TOKENS.good.token, { endpoints: { googleToken: `https://127.0.0.1:${port}/token` } });
    expectFailure(outcome, 'TCP_REFUSED');
    expect(evidence(outcome, 'gmail.evidence.failure')).toMatch(/^ECONNREFUSED/);
    expect(fixes(outcome)).toEqual(['gmail.fix.openHttps', 'gmail.fix.proxyVariable']);
  });

  it("fails with DNS_NOT_FOUND when the name does not resolve (asked through the run's resolver)", async () => {
    const asked: string[] = [];
    const nxdomain: DnsResolver = {
      async resolve(host) {
        asked.push(host);
        throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      },
    };
    // A loopback name (the network guard refuses any other), answered NXDOMAIN by the injected resolver.
    const outcome = await credentials(CLIENT, TOKENS.good.token, { endpoints: { googleToken: `https://localhost:${google.port}/token` } }, { dns: nxdomain });
    expectFailure(outcome, 'DNS_NOT_FOUND');
    expect(asked).toEqual(['localhost']);
    expect(outcome.summary).toEqual({ key: 'gmail.net.dnsNotFound', params: { host: 'localhost' } });
    expect(google.requests).toEqual([]);
  });

  it('fails with TCP_TIMEOUT within the step timeout when the port accepts but never completes TLS', async () => {
    const tarpit = await startTarpit();
    faults.push(tarpit);
    const started = Date.now();
    const outcome = await credentials(
      CLIENT,
      TOKENS.good.token,
      { endpoints: { googleToken: `https://127.0.0.1:${tarpit.port}/token` } },
      { options: { stepTimeoutMs: 500 } },
    );
    expectFailure(outcome, 'TCP_TIMEOUT');
    expect(fixes(outcome)).toEqual(['gmail.fix.openHttps', 'gmail.fix.proxyVariable']);
    expect(Date.now() - started).toBeLessThan(500 + 1000);
  });

  it('fails with HTTP_TIMEOUT within the step timeout when the endpoint takes the request and never answers', async () => {
    const silent = https.createServer({ key: certificate.key, cert: certificate.cert }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    try {
      const started = Date.now();
      const outcome = await credentials(
        CLIENT,
        TOKENS.good.token,
        { endpoints: { googleToken: `https://127.0.0.1:${port}/token` } },
        { options: { stepTimeoutMs: 500 } },
      );
      expectFailure(outcome, 'HTTP_TIMEOUT');
      expect(outcome.summary).toEqual({ key: 'gmail.net.timeout', params: { host: '127.0.0.1', seconds: 1 } });
      expect(Date.now() - started).toBeLessThan(500 + 1000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** A tiny HTTP CONNECT proxy: tunnels to loopback, or answers the CONNECT with `status`. */
async function startProxy(status?: number): Promise<{ port: number; connects: string[]; stop(): Promise<void> }> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
    connects.push(`${request.url ?? ''} ${request.headers['proxy-authorization'] ? 'with credentials' : 'without credentials'}`);
    sockets.add(client);
    client.on('error', () => undefined);
    if (status) {
      client.end(
        `HTTP/1.1 ${status} ${status === 407 ? 'Proxy Authentication Required' : 'Forbidden'}\r\n${status === 407 ? 'Proxy-Authenticate: Basic realm="corp"\r\n' : ''}Content-Length: 0\r\n\r\n`,
      );
      return;
    }
    const [, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    sockets.add(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no proxy port');
  return {
    port: address.port,
    connects,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('through HTTPS_PROXY', () => {
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('tunnels through the proxy and names it in the evidence, without its credentials', async () => {
    const proxy = await startProxy();
    try {
      process.env.HTTPS_PROXY = `http://proxyuser:proxy-Pass-77@127.0.0.1:${proxy.port}`;
      const outcome = await credentials(CLIENT, TOKENS.good.token);
      expect(outcome.status).toBe('pass');
      expect(evidence(outcome, 'gmail.evidence.proxy')).toBe(`http://127.0.0.1:${proxy.port}`);
      expect(proxy.connects).toEqual([`127.0.0.1:${google.port} with credentials`]);
      expect(JSON.stringify(outcome)).not.toContain('proxy-Pass-77');
    } finally {
      await proxy.stop();
    }
  });

  it('goes direct when NO_PROXY names the host', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${await closedPort()}`;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const outcome = await credentials(CLIENT, TOKENS.good.token);
    expect(outcome.status).toBe('pass');
    expect(evidence(outcome, 'gmail.evidence.proxy')).toBeUndefined();
  });

  it.each([
    [407, 'PROXY_AUTH_REQUIRED', 'gmail.fix.proxyAuth'],
    [403, 'PROXY_REJECTED', 'gmail.fix.proxyAllow'],
  ])('fails when the proxy answers CONNECT with %i (%s)', async (status, code, fix) => {
    const proxy = await startProxy(status);
    try {
      process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`;
      const outcome = await credentials(CLIENT, TOKENS.good.token);
      expectFailure(outcome, code);
      expect(evidence(outcome, 'gmail.evidence.proxyStatus')).toBe(String(status));
      expect(fixes(outcome)).toEqual([fix]);
      expect(proxy.connects).toHaveLength(1);
      expect(google.requests).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('fails with PROXY_UNREACHABLE when nothing listens at HTTPS_PROXY', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${await closedPort()}`;
    const outcome = await credentials(CLIENT, TOKENS.good.token);
    expectFailure(outcome, 'PROXY_UNREACHABLE');
    expect(outcome.summary.key).toBe('gmail.net.proxyUnreachable');
    expect(fixes(outcome)).toEqual(['gmail.fix.checkProxy']);
  });
});
