/**
 * `--login`, the delegated flow end to end: the tool prints the authorization URL, the test plays the
 * person and the browser (signs in at the Entra stand-in and pastes the address it was sent to), the
 * real msal-node redeems the code and tries the refresh token, and the mail checks log in with XOAUTH2 as
 * `user=<mailbox>` to the real Dovecot (IMAPS, POP3S) and smtp-server — one sign-in for both protocols.
 */
import type { Account } from '../../../src/config/types.js';
import { Secret } from '../../../src/secrets/secret.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { prepareSignIns } from '../../../src/signin/prepare.js';
import { Transcript } from '../../../src/runner/transcript.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { dnsIncomingCheck } from '../../../src/checks/dns/incoming.js';
import { dnsOutgoingCheck } from '../../../src/checks/dns/outgoing.js';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import { incomingAuthCheck } from '../../../src/checks/incoming/auth.js';
import { decodeAccessToken } from '../../../src/identity/token-claims.js';
import {
  REDIRECT_URI,
  SHARED_MAILBOX,
  USER_UPN,
  delegatedAccount,
  delegatedApp,
  evidenceOf,
  runAccount,
  startExchangeWorld,
  statuses,
  targets,
  type ExchangeWorld,
} from '../exchange/exchange-world.js';
import { browserAnswer, scriptedPerson } from './login-person.js';

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
  world.standin.resetLog();
});

const DELEGATED_PASS = {
  'entra.tenant': 'pass',
  'entra.credentials': 'pass',
  'entra.exchange-roles': 'skip NOT_APPLICABLE',
  'entra.object-id': 'skip NOT_APPLICABLE',
  'smtp.connect': 'pass',
  'smtp.tls': 'pass',
  'smtp.auth': 'pass',
  'smtp.send': 'pass',
  'incoming.connect': 'pass',
  'incoming.tls': 'pass',
  'incoming.auth': 'pass',
  'exchange.mailbox-access': 'pass',
};

function signsIn(upn = USER_UPN) {
  return scriptedPerson({ paste: (url) => browserAnswer(url, upn, world.ca.pem) });
}

describe('a user signs in and the mailbox opens with their token', () => {
  it.each(['imap', 'pop3'] as const)(
    'passes every check over %s and SMTP with one sign-in, the code redeemed and the refresh token tried',
    async (protocol) => {
      const app = delegatedApp(world);
      world.exchange.target = USER_UPN;
      const person = signsIn();
      const offset = world.dovecot.readLog().length;
      const { results, resolver } = await runAccount(world, delegatedAccount(world, app, protocol, { mailbox: USER_UPN }), {
        login: true,
        interaction: person.interaction,
      });
      expect(statuses(results)).toEqual(DELEGATED_PASS);
      // One sign-in for IMAP/POP and SMTP: one URL, one paste.
      expect(person.urls).toHaveLength(1);
      expect(person.prompts).toEqual(['exchange.login.pastePrompt']);
      const access = results['exchange.mailbox-access'];
      expect(access?.summary).toEqual({
        key: 'exchange.access.passDelegated',
        params: { upn: USER_UPN, mailbox: USER_UPN, protocols: `${protocol === 'imap' ? 'IMAP' : 'POP3'} + SMTP`, via: 'paste' },
      });
      expect(evidenceOf(access, 'exchange.evidence.signedInAs')).toEqual([USER_UPN]);
      expect(evidenceOf(access, 'exchange.evidence.scopes')).toEqual([`${protocol === 'imap' ? 'IMAP' : 'POP'}.AccessAsUser.All SMTP.Send`]);
      expect(evidenceOf(access, 'exchange.evidence.refreshToken')).toEqual(['ok']);
      expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.tokenOrigin')).toEqual(['entra-delegated']);
      expect(world.standin.requests.filter((request) => request.method === 'POST').map((request) => request.grantType)).toEqual([
        // The sign-in before the checks (as the CLI does it), then entra.credentials' app token.
        'authorization_code',
        'refresh_token',
        'client_credentials',
      ]);
      // The token the mail servers saw: a v1 Outlook token of the user, never Graph's.
      const issued = world.delegated.delegatedTokens.at(-1);
      const claims = decodeAccessToken(issued?.token ?? '');
      expect(claims).toMatchObject({ aud: 'https://outlook.office.com', upn: USER_UPN, ver: '1.0', idtyp: 'user' });
      expect(world.smtp.auths).toEqual([{ method: 'XOAUTH2', username: USER_UPN, accepted: true }]);
      expect(
        world.dovecot
          .readLog()
          .slice(offset)
          .match(/Login: user=<alice@contoso\.com\.br>/g) ?? [],
      ).toHaveLength(1);
      expect(resolver.unexpected).toEqual([]);
    },
  );

  it('prints an authorization URL with this client, the redirect URI, only the Outlook scopes, state and PKCE S256', async () => {
    const app = delegatedApp(world);
    world.exchange.target = USER_UPN;
    const person = signsIn();
    await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }), { login: true, interaction: person.interaction });
    const url = new URL(person.urls[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${world.standin.url()}/${world.contoso.id}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: app.application.appId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      response_mode: 'query',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send openid profile offline_access',
      code_challenge_method: 'S256',
      prompt: 'select_account',
    });
    expect(url.searchParams.get('scope')).not.toMatch(/graph/i);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('opens a shared mailbox with the signed-in user’s token when that user has FullAccess, and says so', async () => {
    const app = delegatedApp(world);
    world.exchange.target = SHARED_MAILBOX;
    world.exchange.grantFullAccess(SHARED_MAILBOX, world.user.id);
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: SHARED_MAILBOX }), {
      login: true,
      interaction: signsIn().interaction,
    });
    expect(results['incoming.auth']?.status).toBe('pass');
    expect(results['exchange.mailbox-access']).toMatchObject({
      status: 'pass',
      summary: { key: 'exchange.access.passDelegatedShared', params: { upn: USER_UPN, mailbox: SHARED_MAILBOX } },
    });
    expect(world.smtp.auths).toEqual([{ method: 'XOAUTH2', username: SHARED_MAILBOX, accepted: true }]);
  });

  it('names FullAccess and SendAs for the signed-in user when the shared mailbox refuses them', async () => {
    const app = delegatedApp(world);
    world.exchange.target = SHARED_MAILBOX;
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: SHARED_MAILBOX }), {
      login: true,
      interaction: signsIn().interaction,
    });
    expect(results['incoming.auth']?.status).toBe('fail');
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({
      status: 'fail',
      code: 'EXCHANGE_DELEGATE_NO_ACCESS',
      summary: { params: { upn: USER_UPN, mailbox: SHARED_MAILBOX, protocols: 'IMAP, SMTP' } },
    });
    expect(targets(access)).toEqual(
      expect.arrayContaining([
        `Connect-ExchangeOnline -Organization ${world.contoso.id}`,
        `Add-MailboxPermission -Identity ${SHARED_MAILBOX} -User ${USER_UPN} -AccessRights FullAccess`,
        `Add-RecipientPermission -Identity ${SHARED_MAILBOX} -Trustee ${USER_UPN} -AccessRights SendAs`,
        `Set-CASMailbox -Identity ${SHARED_MAILBOX} -ImapEnabled $true`,
      ]),
    );
    expect(targets(access)[1]).toBe(`Add-MailboxPermission -Identity ${SHARED_MAILBOX} -User ${USER_UPN} -AccessRights FullAccess`);
  });
});

describe('the CLI signs in before the checks (prepareSignIns)', () => {
  it('asks once per delegated account before the run, and the checks use that token (its token requests in their transcript)', async () => {
    const app = delegatedApp(world);
    world.exchange.target = USER_UPN;
    const person = signsIn();
    const account = delegatedAccount(world, app, 'imap', { mailbox: USER_UPN });
    const password: Account = { ...account, name: 'other', auth: { method: 'password', password: new Secret('not used', 'env') } };
    const config = { file: '/tmp/cliente.yaml', accounts: [account, password], tls: { extraCa: [world.ca.pem] } };
    const signIns = await prepareSignIns(config, [incomingAuthCheck, exchangeMailboxAccessCheck], {
      admin: false,
      login: true,
      t: createTranslator('en'),
      stepTimeoutMs: 3000,
      newTranscript: () => new Transcript(true),
      signal: new AbortController().signal,
      dns: world.resolver(),
      extraCa: [world.ca.pem],
      interaction: person.interaction,
    });
    // Signed in before any check ran: one URL, one paste, the code already redeemed.
    expect(person.prompts).toEqual(['exchange.login.pastePrompt']);
    expect(world.standin.requests.map((request) => request.grantType).filter(Boolean)).toEqual(['authorization_code', 'refresh_token']);
    const { results } = await runAccount(world, account, { login: true, signIns });
    expect(person.prompts).toHaveLength(1);
    expect(results['incoming.auth']?.status).toBe('pass');
    expect(results['exchange.mailbox-access']?.status).toBe('pass');
    const traces = Object.values(results).flatMap((result) => result.trace.map((entry) => entry.text));
    expect(traces.filter((text) => text.includes('(grant authorization_code, client_id'))).toHaveLength(1);
  });

  it('asks nothing when no selected check would use the token (--only dns)', async () => {
    const app = delegatedApp(world);
    const person = signsIn();
    const account = delegatedAccount(world, app, 'imap', { mailbox: USER_UPN });
    await prepareSignIns({ file: '/tmp/cliente.yaml', accounts: [account], tls: { extraCa: [] } }, [dnsIncomingCheck, dnsOutgoingCheck], {
      admin: false,
      login: true,
      t: createTranslator('en'),
      stepTimeoutMs: 3000,
      newTranscript: () => new Transcript(false),
      signal: new AbortController().signal,
      dns: world.resolver(),
      extraCa: [],
      interaction: person.interaction,
    });
    expect(person.prompts).toEqual([]);
    expect(person.shown).toEqual([]);
  });
});

describe('no sign-in without --login or without a person', () => {
  it('skips with “needs --login” and the command line to run, and never prompts, without --login', async () => {
    const app = delegatedApp(world);
    const person = signsIn();
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }));
    expect(results['incoming.auth']).toMatchObject({ status: 'skip', code: 'TOKEN_UNAVAILABLE', summary: { key: 'entra.token.needsLogin' } });
    expect(results['smtp.auth']).toMatchObject({ status: 'skip' });
    expect(results['exchange.mailbox-access']).toMatchObject({ status: 'skip', code: 'LOGIN_REQUIRED' });
    expect(targets(results['exchange.mailbox-access'])).toEqual(['tactium-preflight check /tmp/cliente.yaml --login --account atendimento']);
    expect(person.prompts).toEqual([]);
    expect(person.urls).toEqual([]);
  });

  it('skips with the reason and never prompts when no person is at a terminal (stdin/stderr not TTYs, or CI)', async () => {
    const app = delegatedApp(world);
    const person = scriptedPerson({ canPrompt: false, paste: (url) => browserAnswer(url, USER_UPN, world.ca.pem) });
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }), { login: true, interaction: person.interaction });
    expect(results['incoming.auth']).toMatchObject({ status: 'skip', code: 'TOKEN_UNAVAILABLE', summary: { key: 'exchange.login.noTerminal' } });
    expect(results['exchange.mailbox-access']).toMatchObject({ status: 'skip', code: 'LOGIN_NO_TERMINAL' });
    expect(person.prompts).toEqual([]);
    expect(person.shown).toEqual([]);
    expect(world.standin.requests.filter((request) => request.grantType === 'authorization_code')).toEqual([]);
  });

  it('uses the real terminal by default, which here (jest: no TTY) starts no sign-in either', async () => {
    const app = delegatedApp(world);
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }), { login: true });
    expect(results['exchange.mailbox-access']).toMatchObject({ status: 'skip', code: 'LOGIN_NO_TERMINAL' });
  });
});
