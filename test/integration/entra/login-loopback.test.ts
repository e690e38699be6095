/**
 * `--login`'s loopback alternative: when the registered redirect URI is a live callback that redeems the
 * code first (AADSTS54005), the person registers a temporary http://localhost Web redirect URI and the tool
 * listens on 127.0.0.1 and receives the code itself; a loopback redirect URI in the file is used at once.
 * The test is the browser: it signs in at the stand-in and follows the redirect to the tool's listener.
 */
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import { signInAt } from '../../../standins/entra-standin/delegated.js';
import {
  REDIRECT_URI,
  USER_UPN,
  delegatedAccount,
  delegatedApp,
  evidenceOf,
  runAccount,
  startExchangeWorld,
  statuses,
  type ExchangeWorld,
} from '../exchange/exchange-world.js';
import type { RegisteredApp } from './entra-world.js';
import { browserAnswer, onLoopback, scriptedPerson } from './login-person.js';

let world: ExchangeWorld;

beforeAll(async () => {
  world = await startExchangeWorld();
}, 30_000);

afterAll(async () => {
  const unexpected = [...world.standin.unexpected];
  await world.stopAll();
  expect(unexpected).toEqual([]);
});

beforeEach(() => {
  world.smtp.clear();
  world.exchange.reset();
  world.exchange.target = USER_UPN;
  world.standin.resetLog();
});

/** The CRM's live callback redeems whatever code reaches it (without the tool's PKCE verifier). */
function redeemAsCallback(app: RegisteredApp, location: string): Promise<void> {
  const code = new URL(location).searchParams.get('code') ?? '';
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: app.application.appId,
    client_secret: app.secret,
    code,
    redirect_uri: REDIRECT_URI,
  }).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${world.standin.origin}/${world.contoso.id}/oauth2/v2.0/token`,
      { method: 'POST', ca: world.ca.pem, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function loopbackBrowser(url: string) {
  return signInAt(onLoopback(url), USER_UPN, { ca: world.ca.pem });
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('after AADSTS54005, the loopback alternative', () => {
  it('receives the code itself on 127.0.0.1 once the person registers http://localhost/ and accepts, and the mailbox opens', async () => {
    const app = delegatedApp(world);
    const person = scriptedPerson({
      paste: async (url) => {
        const location = await browserAnswer(url, USER_UPN, world.ca.pem);
        await redeemAsCallback(app, location);
        return location;
      },
      confirm: (message) => {
        // "Is http://localhost:<port>/ saved?": the person adds it in the portal first.
        if (message.key === 'exchange.login.loopbackReady')
          world.delegated.setRedirectUris(app.application.appId, { web: [REDIRECT_URI, 'http://localhost/'] });
        return true;
      },
      loopbackBrowser,
    });
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }), { login: true, interaction: person.interaction });
    expect(statuses(results)).toMatchObject({ 'incoming.auth': 'pass', 'smtp.auth': 'pass', 'smtp.send': 'pass', 'exchange.mailbox-access': 'pass' });
    expect(person.prompts).toEqual(['exchange.login.pastePrompt', 'exchange.login.offerLoopback', 'exchange.login.loopbackReady']);
    const loopbackUrl = new URL(person.urls[1] ?? '');
    const redirect = new URL(loopbackUrl.searchParams.get('redirect_uri') ?? '');
    expect(redirect.protocol).toBe('http:');
    expect(redirect.hostname).toBe('localhost');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    expect(person.loopbackVisits).toHaveLength(1);
    const access = results['exchange.mailbox-access'];
    expect(access?.summary.params).toMatchObject({ via: 'loopback' });
    expect(evidenceOf(access, 'exchange.evidence.redirectUri')).toEqual([redirect.href]);
    // The listener is closed after it got the code.
    expect(await portIsClosed(Number(redirect.port))).toBe(true);
  });

  it('gives up within the bound when the browser never comes back, and closes the listener', async () => {
    const app = delegatedApp(world);
    const person = scriptedPerson({
      paste: async (url) => {
        const location = await browserAnswer(url, USER_UPN, world.ca.pem);
        await redeemAsCallback(app, location);
        return location;
      },
      confirm: () => true,
    });
    const started = Date.now();
    // The sign-in waits 12 steps; a step of 500 ms (not less) leaves the real HTTPS exchanges with the
    // stand-in room on a busy machine, where 100 ms steps timed out before the wait was ever reached.
    const stepTimeoutMs = 500;
    const { results } = await runAccount(
      world,
      delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }),
      { login: true, interaction: person.interaction, stepTimeoutMs },
      [exchangeMailboxAccessCheck],
    );
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'LOGIN_TIMEOUT' });
    expect(evidenceOf(access, 'exchange.evidence.firstAttempt')).toEqual(['AADSTS54005']);
    expect(Date.now() - started).toBeLessThan(12 * stepTimeoutMs + 3000);
    const port = Number(new URL(new URL(person.urls[1] ?? '').searchParams.get('redirect_uri') ?? '').port);
    expect(await portIsClosed(port)).toBe(true);
  });
});

describe('a loopback redirect URI in the file', () => {
  it('listens on its port and path at once: no paste, the browser’s redirect brings the code', async () => {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/callback`;
    const app = delegatedApp(world, { redirectUris: { web: ['http://localhost/callback'] } });
    const person = scriptedPerson({ loopbackBrowser });
    const { results } = await runAccount(world, delegatedAccount(world, app, 'pop3', { mailbox: USER_UPN, auth: { redirectUri } }), {
      login: true,
      interaction: person.interaction,
    });
    expect(results['exchange.mailbox-access']).toMatchObject({ status: 'pass', summary: { params: { via: 'loopback' } } });
    expect(person.prompts).toEqual([]);
    expect(new URL(person.urls[0] ?? '').searchParams.get('redirect_uri')).toBe(redirectUri);
  });

  it('fails with LOOPBACK_PORT_UNAVAILABLE when another program holds the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const app = delegatedApp(world, { redirectUris: { web: ['http://localhost/'] } });
      const { results } = await runAccount(
        world,
        delegatedAccount(world, app, 'imap', { mailbox: USER_UPN, auth: { redirectUri: `http://localhost:${port}/` } }),
        { login: true, interaction: scriptedPerson({ loopbackBrowser }).interaction },
        [exchangeMailboxAccessCheck],
      );
      expect(results['exchange.mailbox-access']).toMatchObject({ status: 'fail', code: 'LOOPBACK_PORT_UNAVAILABLE', summary: { params: { port } } });
      expect(evidenceOf(results['exchange.mailbox-access'], 'exchange.evidence.loopbackPort')).toEqual([`127.0.0.1:${port} (EADDRINUSE)`]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
