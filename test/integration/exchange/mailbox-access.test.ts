/**
 * exchange.mailbox-access, application flow, end to end: the real msal-node gets the app token from the
 * Entra stand-in, the real Dovecot (IMAPS, POP3S) and smtp-server accept or refuse it as Exchange would
 * (exchange-world.ts), and the check reads the mail checks' one login per protocol — never its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import { issueCert } from '../../../standins/certs.js';
import { secret } from '../../support/check-context.js';
import { EXCHANGE_IMAP_CAPABILITIES, EXCHANGE_IMAP_GREETING, startFakeImap, type FaultServer } from '../../support/incoming-fault-servers.js';
import {
  MAIL_CHECKS,
  MAILBOX,
  IMAP_HOST,
  SMTP_HOST,
  evidenceOf,
  fixKeys,
  officeAccount,
  runAccount,
  startExchangeWorld,
  statuses,
  targets,
  type ExchangeWorld,
} from './exchange-world.js';

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
  world.exchange.target = MAILBOX;
});

const ALL_PASS = {
  'entra.tenant': 'pass',
  'entra.credentials': 'pass',
  'entra.exchange-roles': 'pass',
  'entra.object-id': 'pass',
  'smtp.connect': 'pass',
  'smtp.tls': 'pass',
  'smtp.auth': 'pass',
  'smtp.send': 'pass',
  'incoming.connect': 'pass',
  'incoming.tls': 'pass',
  'incoming.auth': 'pass',
  'exchange.mailbox-access': 'pass',
};

describe('a healthy app: registered in Exchange, FullAccess on the mailbox', () => {
  it.each(['imap', 'pop3'] as const)('passes every check over %s and SMTP with one login per protocol and one token request', async (protocol) => {
    const app = world.healthyApp();
    world.standin.resetLog();
    const offset = world.dovecot.readLog().length;
    const { results, resolver } = await runAccount(world, officeAccount(world, app, protocol));
    expect(statuses(results)).toEqual(ALL_PASS);
    const access = results['exchange.mailbox-access'];
    expect(access?.summary).toEqual({
      key: 'exchange.access.passApplication',
      params: { app: app.application.appId, oid: app.servicePrincipal.id, mailbox: MAILBOX, protocols: `${protocol === 'imap' ? 'IMAP' : 'POP3'} + SMTP` },
    });
    expect(evidenceOf(access, 'exchange.evidence.protocol')).toEqual([
      protocol === 'imap' ? 'IMAP: ok (EXAMINE INBOX: 3)' : 'POP3: ok (STAT: 3)',
      'SMTP: ok (AUTH XOAUTH2, MAIL FROM/RCPT TO)',
    ]);
    expect(evidenceOf(access, 'entra.evidence.roles')).toEqual(['IMAP.AccessAsApp, POP.AccessAsApp, SMTP.SendAsApp']);
    // The mail checks logged in once each; exchange.mailbox-access read their stages.
    expect(world.smtp.auths).toEqual([{ method: 'XOAUTH2', username: MAILBOX, accepted: true }]);
    expect(world.smtp.envelopes).toHaveLength(1);
    expect(
      world.dovecot
        .readLog()
        .slice(offset)
        .match(/Login: user=</g) ?? [],
    ).toHaveLength(1);
    expect(world.standin.requests.filter((request) => request.method === 'POST').map((request) => request.grantType)).toEqual(['client_credentials']);
    expect(resolver.unexpected).toEqual([]);
  });

  it('runs the mail stages itself when selected alone (--only exchange.mailbox-access): still one login per protocol', async () => {
    const app = world.healthyApp();
    const offset = world.dovecot.readLog().length;
    const { results } = await runAccount(world, officeAccount(world, app, 'imap'), {}, [exchangeMailboxAccessCheck]);
    expect(statuses(results)).toEqual({ 'exchange.mailbox-access': 'pass' });
    expect(world.smtp.auths).toHaveLength(1);
    expect(
      world.dovecot
        .readLog()
        .slice(offset)
        .match(/Login: user=</g) ?? [],
    ).toHaveLength(1);
  });
});

describe('roles in the token and the right Object ID, yet Exchange refuses the login', () => {
  it('names the remaining causes, ranked, with this account’s PowerShell lines, when the service principal is not registered', async () => {
    const app = world.register(world.contoso);
    const offset = world.dovecot.readLog().length;
    const { results } = await runAccount(world, officeAccount(world, app, 'imap'));
    expect(results['entra.exchange-roles']?.status).toBe('pass');
    expect(results['entra.object-id']?.status).toBe('pass');
    expect(results['incoming.auth']?.status).toBe('fail');
    expect(results['smtp.auth']?.status).toBe('fail');
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_ACCESS_DENIED' });
    expect(access?.summary).toEqual({
      key: 'exchange.access.denied',
      params: {
        protocols: 'IMAP, SMTP',
        mailbox: MAILBOX,
        roles: 'IMAP.AccessAsApp, POP.AccessAsApp, SMTP.SendAsApp',
        oid: app.servicePrincipal.id,
        // The servers' own words, in the summary and not only in the evidence.
        said: expect.stringMatching(/^IMAP: .*NO .*; SMTP: 535 /),
      },
    });
    const oid = app.servicePrincipal.id;
    const clientId = app.application.appId;
    expect(targets(access)).toEqual([
      `Connect-ExchangeOnline -Organization ${world.contoso.id}`,
      `New-ServicePrincipal -AppId ${clientId} -ObjectId ${oid} -DisplayName "Tactium CRM"`,
      `Get-ServicePrincipal -Identity ${clientId} | Format-List DisplayName,AppId,ObjectId`,
      `Add-MailboxPermission -Identity ${MAILBOX} -User ${oid} -AccessRights FullAccess`,
      `Get-MailboxPermission -Identity ${MAILBOX} | Format-Table User,AccessRights,IsInherited`,
      `Set-CASMailbox -Identity ${MAILBOX} -ImapEnabled $true`,
      `Get-CASMailbox -Identity ${MAILBOX} | Format-List ImapEnabled,PopEnabled,SmtpClientAuthenticationDisabled`,
    ]);
    expect(fixKeys(access).filter((key) => key.startsWith('exchange.cause.'))).toEqual([
      'exchange.cause.servicePrincipal',
      'exchange.cause.fullAccess',
      'exchange.cause.protocolDisabled',
    ]);
    expect(access?.remediation[1]?.message.params).toMatchObject({ rank: 1 });
    // The server's own words are the evidence; Dovecot saw one attempt, never a retry.
    expect(evidenceOf(access, 'incoming.evidence.loginReply').join(' ')).toMatch(/NO \[AUTHENTICATIONFAILED\]/);
    expect(evidenceOf(access, 'exchange.evidence.protocol')).toEqual(['IMAP: refused', 'SMTP: refused']);
    expect(
      world.dovecot
        .readLog()
        .slice(offset)
        .match(/auth-worker|oauth2/g)?.length ?? 0,
    ).toBeGreaterThan(0);
    expect(world.smtp.auths).toEqual([{ method: 'XOAUTH2', username: MAILBOX, accepted: false }]);
  });

  it('ranks FullAccess after the registration when the service principal is registered but has no access to this mailbox (POP3)', async () => {
    const app = world.register(world.contoso);
    world.exchange.servicePrincipals.add(app.servicePrincipal.id);
    const { results } = await runAccount(world, officeAccount(world, app, 'pop3'));
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_ACCESS_DENIED' });
    expect(fixKeys(access).filter((key) => key.startsWith('exchange.cause.'))).toEqual([
      'exchange.cause.servicePrincipal',
      'exchange.cause.fullAccess',
      'exchange.cause.protocolDisabled',
    ]);
    expect(targets(access)).toContain(`Set-CASMailbox -Identity ${MAILBOX} -PopEnabled $true`);
    expect(targets(access)).toContain(`Add-MailboxPermission -Identity ${MAILBOX} -User ${app.servicePrincipal.id} -AccessRights FullAccess`);
  });

  it('puts the Object ID first when the one sent is the App registration’s: Exchange was most likely given that one', async () => {
    const app = world.register(world.contoso);
    const { results } = await runAccount(world, officeAccount(world, app, 'imap', { auth: { objectId: app.application.id } }));
    expect(results['entra.object-id']).toMatchObject({ status: 'fail', code: 'ENTRA_OBJECT_ID_MISMATCH' });
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_OBJECT_ID_MISMATCH' });
    expect(access?.summary.params).toMatchObject({ sent: app.application.id, oid: app.servicePrincipal.id });
    const list = targets(access);
    expect(list.indexOf(`Remove-ServicePrincipal -Identity ${app.application.appId}`)).toBeLessThan(
      list.indexOf(`New-ServicePrincipal -AppId ${app.application.appId} -ObjectId ${app.servicePrincipal.id} -DisplayName "Tactium CRM"`),
    );
    expect(list).not.toContain(`New-ServicePrincipal -AppId ${app.application.appId} -ObjectId ${app.application.id} -DisplayName "Tactium CRM"`);
    expect(fixKeys(access).filter((key) => key.startsWith('exchange.cause.'))).toEqual(['exchange.cause.wrongObjectId', 'exchange.cause.protocolDisabled']);
    expect(list).toContain(`Add-MailboxPermission -Identity ${MAILBOX} -User ${app.servicePrincipal.id} -AccessRights FullAccess`);
    expect(evidenceOf(access, 'exchange.evidence.entraCheck')).toContain('entra.object-id: fail ENTRA_OBJECT_ID_MISMATCH');
  });

  it('sends SendAs when SMTP logs in but the envelope is refused as “send as” (550 5.7.60)', async () => {
    const app = world.healthyApp();
    const sendAs: SmtpTestServer = await startSmtpServer({
      certificate: issueCert(world.ca, { hosts: [SMTP_HOST] }),
      tokens: new Proxy<Record<string, string>>(
        {},
        { get: (_target, key) => (typeof key === 'string' && world.standin.tokens.get(key) ? MAILBOX : undefined) },
      ),
      refuseSender: { [MAILBOX]: { code: 550, text: '5.7.60 SMTP; Client does not have permissions to send as this sender' } },
    });
    try {
      const { results } = await runAccount(
        world,
        officeAccount(world, app, 'imap', { outgoing: { host: SMTP_HOST, port: sendAs.port, security: 'starttls' } }),
      );
      expect(results['smtp.send']).toMatchObject({ status: 'fail', code: 'SMTP_SEND_AS_DENIED' });
      const access = results['exchange.mailbox-access'];
      expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_SEND_AS_DENIED' });
      expect(targets(access)).toContain(`Add-RecipientPermission -Identity ${MAILBOX} -Trustee ${app.servicePrincipal.id} -AccessRights SendAs`);
    } finally {
      await sendAs.close();
    }
  });
});

describe('what the token itself proves comes first', () => {
  it('names the missing role (and the consent URL) when the token lacks IMAP.AccessAsApp', async () => {
    const app = world.healthyApp({ roles: ['SMTP.SendAsApp'] });
    const { results } = await runAccount(world, officeAccount(world, app, 'imap'));
    expect(results['entra.exchange-roles']).toMatchObject({ status: 'fail', code: 'ENTRA_ROLES_MISSING' });
    // entra.credentials passed, so this check still runs and says why the mailbox stays shut.
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_ROLE_MISSING', summary: { params: { missing: 'IMAP.AccessAsApp' } } });
    expect(targets(access)).toContain(`${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${app.application.appId}`);
    expect(results['smtp.auth']?.status).toBe('pass');
  });

  it('explains both roads when the token carries no roles at all: admin consent, or RBAC for Applications on the Exchange side', async () => {
    const app = world.healthyApp({ roles: [] });
    const { results } = await runAccount(world, officeAccount(world, app, 'imap'));
    expect(results['entra.exchange-roles']).toMatchObject({ status: 'warn', code: 'ENTRA_ROLES_NONE' });
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({ status: 'fail', code: 'EXCHANGE_ROLES_NONE' });
    expect(fixKeys(access).filter((key) => key.startsWith('exchange.cause.'))).toEqual([
      'exchange.cause.noRolesConsent',
      'exchange.cause.rbacForApplications',
      'exchange.cause.servicePrincipal',
      'exchange.cause.fullAccess',
    ]);
    const rbac = targets(access);
    expect(rbac).toContain(`New-ManagementScope -Name "Tactium CRM ${MAILBOX}" -RecipientRestrictionFilter "PrimarySmtpAddress -eq '${MAILBOX}'"`);
    expect(
      rbac.indexOf(
        `New-ManagementRoleAssignment -App ${app.servicePrincipal.id} -Role "Application SMTP.SendAsApp" -CustomResourceScope "Tactium CRM ${MAILBOX}"`,
      ),
    ).toBe(rbac.findIndex((line) => line.startsWith('New-ManagementScope')) + 1);
  });
});

describe('“User is authenticated but not connected” (Exchange accepts the token, not the mailbox)', () => {
  let fake: FaultServer;
  beforeAll(async () => {
    fake = await startFakeImap({
      tls: issueCert(world.ca, { hosts: [IMAP_HOST] }),
      greeting: EXCHANGE_IMAP_GREETING,
      capabilities: EXCHANGE_IMAP_CAPABILITIES,
      login: () => ({ status: 'OK AUTHENTICATE completed.' }),
      afterLogin: (command, connection) => {
        if (command === 'ID') return undefined;
        setImmediate(() => connection.close());
        return ['{tag} BAD User is authenticated but not connected.', '* BYE Connection closed. 14'];
      },
    });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('puts FullAccess on this mailbox first, then the service principal’s Object ID, then the address', async () => {
    const app = world.healthyApp();
    const { results } = await runAccount(
      world,
      officeAccount(world, app, 'imap', { incoming: { protocol: 'imap', host: IMAP_HOST, port: fake.port, security: 'tls' } }),
    );
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'EXCHANGE_NOT_CONNECTED' });
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({
      status: 'fail',
      code: 'EXCHANGE_NOT_CONNECTED',
      summary: { key: 'exchange.access.notConnected', params: { protocol: 'IMAP', mailbox: MAILBOX, oid: app.servicePrincipal.id } },
    });
    expect(fixKeys(access).filter((key) => key.startsWith('exchange.cause.'))).toEqual([
      'exchange.cause.fullAccess',
      'exchange.cause.servicePrincipalOther',
      'exchange.cause.mailboxAddress',
    ]);
    expect(targets(access)[1]).toBe(`Add-MailboxPermission -Identity ${MAILBOX} -User ${app.servicePrincipal.id} -AccessRights FullAccess`);
    expect(evidenceOf(access, 'incoming.evidence.mailboxReply').join(' ')).toMatch(/BAD User is authenticated but not connected\./);
  });
});

describe('applicability', () => {
  it('applies to Office 365 OAuth accounts with a secret, not to password accounts, accounts without a secret or a token given in the file', () => {
    const app = world.app;
    expect(exchangeMailboxAccessCheck.appliesTo(officeAccount(world, app, 'imap', { auth: { method: 'password', clientSecret: undefined } }))).toEqual({
      key: 'entra.notApplicable.notOAuth',
    });
    expect(exchangeMailboxAccessCheck.appliesTo(officeAccount(world, app, 'imap', { auth: { clientSecret: undefined } }))).toEqual({
      key: 'entra.notApplicable.noSecret',
    });
    expect(exchangeMailboxAccessCheck.appliesTo(officeAccount(world, app, 'imap', { auth: { accessToken: secret('eyJ0eXAi.given.token') } }))).toEqual({
      key: 'entra.notApplicable.tokenGiven',
    });
    expect(exchangeMailboxAccessCheck.appliesTo(officeAccount(world, app, 'imap'))).toBe(true);
    expect(MAIL_CHECKS).toContain(exchangeMailboxAccessCheck);
  });
});
