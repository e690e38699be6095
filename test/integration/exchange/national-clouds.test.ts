/**
 * Every check that prints `Connect-ExchangeOnline` prints it for the tenant's cloud: Exchange Online
 * PowerShell signs in to the worldwide service unless told otherwise, so a US Government or China admin who
 * pastes the line without `-ExchangeEnvironmentName` gets a failed sign-in, not a session in their tenant.
 * Values per https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/connect-exchangeonline
 * (`-ExchangeEnvironmentName`): O365USGovGCCHigh, O365USGovDoD, O365China; worldwide needs none.
 *
 * The checks run for real: smtp.auth and incoming.auth against servers that answer as Exchange does, the
 * Entra checks and exchange.mailbox-access against the Entra stand-in, Dovecot and smtp-server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { Cloud } from '../../../src/config/types.js';
import { RunMemo } from '../../../src/core/memo.js';
import { issueCert } from '../../../standins/certs.js';
import { makeAccount, makeContext, secret, type AccountOverrides } from '../../support/check-context.js';
import { REPLIES, closeFaultServers, startScriptedSmtp, type FaultServer } from '../../../standins/fault-servers.js';
import {
  EXCHANGE_IMAP_CAPABILITIES,
  EXCHANGE_IMAP_GREETING,
  startFakeImap,
  type FakeImapOptions,
  type FaultServer as IncomingFaultServer,
} from '../../support/incoming-fault-servers.js';
import { entraAccount, entraContext } from '../entra/entra-world.js';
import { runIncoming } from '../incoming/run-incoming.js';
import { lintPowerShell } from '../../support/powershell-lint.js';
import { officeAccount, runAccount, startExchangeWorld, type ExchangeWorld } from './exchange-world.js';

const CLOUDS: readonly Cloud[] = ['global', 'usgov', 'usgovdod', 'china'];

/** What each cloud's line ends with. */
const ENVIRONMENT: Readonly<Record<Cloud, string>> = {
  global: '',
  usgov: ' -ExchangeEnvironmentName O365USGovGCCHigh',
  usgovdod: ' -ExchangeEnvironmentName O365USGovDoD',
  china: ' -ExchangeEnvironmentName O365China',
};

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '6f1c2a4e-1111-4222-8333-944455556666';
const OBJECT_ID = '9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff';
const HOST = 'mail.contoso.test';
/** smtp.auth and incoming.auth print lines for this mailbox: an apostrophe, which the lint checks is quoted right. */
const APOSTROPHE_MAILBOX = "o'neill@contoso.com.br";

let world: ExchangeWorld;
const smtp: Record<string, FaultServer> = {};
const imap: Record<string, IncomingFaultServer> = {};

beforeAll(async () => {
  world = await startExchangeWorld();
  const certificate = issueCert(world.ca, { hosts: [HOST] });
  const scripted = (reply: string) =>
    startScriptedSmtp({
      certificate,
      ehloAfterTls: ['AUTH LOGIN XOAUTH2'],
      auth: (lines) => (lines[0] === 'AUTH LOGIN' && lines.length < 3 ? `334 ${lines.length === 1 ? 'VXNlcm5hbWU6' : 'UGFzc3dvcmQ6'}` : reply),
    });
  [smtp.tenantDisabled, smtp.unsuccessful] = await Promise.all([scripted(REPLIES.exchangeTenantDisabled), scripted(REPLIES.exchangeUnsuccessful)]);
  const exchangeImap = (login: string, afterLogin?: FakeImapOptions['afterLogin']) =>
    startFakeImap({
      tls: certificate,
      greeting: EXCHANGE_IMAP_GREETING,
      capabilities: EXCHANGE_IMAP_CAPABILITIES,
      login: () => ({ status: login }),
      afterLogin,
    });
  [imap.rejected, imap.notConnected] = await Promise.all([
    exchangeImap('NO AUTHENTICATE failed.'),
    exchangeImap('OK AUTHENTICATE completed.', (command) => (command === 'ID' ? undefined : ['{tag} BAD User is authenticated but not connected.'])),
  ]);
}, 30_000);

afterAll(async () => {
  const unexpected = [...world.standin.unexpected];
  await Promise.all([...Object.values(imap).map((server) => server.stop()), closeFaultServers(), world.stopAll()]);
  expect(unexpected).toEqual([]);
});

/**
 * Every `Connect-ExchangeOnline` line among the outcome's remediation targets (a target may hold several
 * lines); on the way, every PowerShell command of the outcome must pass the lint (quotes, brackets, no
 * unfilled placeholder).
 */
function connectLines(outcome: Pick<CheckOutcome, 'remediation'> | undefined): string[] {
  const commands = (outcome?.remediation ?? []).filter((step) => step.kind === 'command' && step.target !== undefined && POWERSHELL.test(step.target));
  for (const { target } of commands) expect({ target, problems: lintPowerShell(target!) }).toEqual({ target, problems: [] });
  return (outcome?.remediation ?? []).flatMap((step) => (step.target ?? '').split('\n')).filter((line) => line.startsWith('Connect-ExchangeOnline'));
}

/** A PowerShell command: a Verb-Noun cmdlet or an environment variable set for the session. */
const POWERSHELL = /^(?:[A-Z][a-z]+-[A-Z][A-Za-z]+|\$env:)/;

const APPLICATION = {
  method: 'oauth2' as const,
  flow: 'application' as const,
  password: undefined,
  tenantId: TENANT,
  clientId: CLIENT_ID,
  objectId: OBJECT_ID,
  accessToken: secret('eyJ0eXAiOiJKV1Qi.cloud-test-token.signature', 'env', '${env:ACCESS_TOKEN}'),
};

/** smtp.connect → smtp.tls → smtp.auth on one memo, against a server answering AUTH as Exchange does. */
async function runSmtpAuth(server: FaultServer, overrides: AccountOverrides): Promise<CheckOutcome> {
  const account = makeAccount({
    provider: 'office365',
    mailbox: APOSTROPHE_MAILBOX,
    outgoing: { host: HOST, port: server.port, security: 'starttls' },
    ...overrides,
    auth: { method: 'password', password: secret('Cloud-Test-Password-3'), ...overrides.auth },
  });
  const shared = new RunMemo();
  try {
    let outcome: CheckOutcome | undefined;
    for (const check of [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck]) {
      outcome = await check.run(makeContext(account, { shared, extraCa: [world.ca.pem], options: { stepTimeoutMs: 2000 } }));
      if (check !== smtpAuthCheck) expect(outcome.status).toBe('pass');
    }
    return outcome!;
  } finally {
    await shared.dispose();
  }
}

async function runImapAuth(server: IncomingFaultServer, cloud: Cloud): Promise<CheckOutcome | undefined> {
  const account = makeAccount({
    provider: 'office365',
    cloud,
    mailbox: APOSTROPHE_MAILBOX,
    auth: APPLICATION,
    incoming: { protocol: 'imap', host: HOST, port: server.port, security: 'tls' },
  });
  return (await runIncoming(account, { extraCa: [world.ca.pem], options: { stepTimeoutMs: 1000 } })).auth.outcome;
}

describe.each(CLOUDS)('Connect-ExchangeOnline for a %s tenant', (cloud) => {
  const environment = ENVIRONMENT[cloud];

  it('smtp.auth, SMTP AUTH disabled (password login, an Exchange admin named in the file)', async () => {
    const outcome = await runSmtpAuth(smtp.tenantDisabled!, { cloud, admin: { user: 'admin@contoso.com.br' } });
    expect(outcome.code).toBe('SMTP_AUTH_DISABLED_TENANT');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -UserPrincipalName admin@contoso.com.br${environment}`]);
  });

  it('smtp.auth, SMTP AUTH disabled (password login, no admin, no tenant)', async () => {
    const outcome = await runSmtpAuth(smtp.tenantDisabled!, { cloud });
    expect(outcome.code).toBe('SMTP_AUTH_DISABLED_TENANT');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline${environment}`]);
  });

  it('smtp.auth, 535 5.7.3 for an app token', async () => {
    const outcome = await runSmtpAuth(smtp.unsuccessful!, { cloud, auth: APPLICATION });
    expect(outcome.code).toBe('SMTP_AUTH_UNSUCCESSFUL');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -Organization ${TENANT}${environment}`]);
  });

  it('incoming.auth, Exchange refuses the token (ranked causes)', async () => {
    const outcome = await runImapAuth(imap.rejected!, cloud);
    expect(outcome?.code).toBe('EXCHANGE_OAUTH_REJECTED');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -Organization ${TENANT}${environment}`]);
  });

  it('incoming.auth, "User is authenticated but not connected"', async () => {
    const outcome = await runImapAuth(imap.notConnected!, cloud);
    expect(outcome?.code).toBe('EXCHANGE_NOT_CONNECTED');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -Organization ${TENANT}${environment}`]);
  });

  it('entra.exchange-roles, no roles in the token (RBAC for Applications)', async () => {
    const none = world.register(world.contoso, { roles: [] });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, none, { cloud })).context);
    expect(outcome.code).toBe('ENTRA_ROLES_NONE');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -Organization ${world.contoso.id}${environment}`]);
  });

  it('entra.object-id, the App registrations Object ID', async () => {
    const account = entraAccount(world, world.app, { cloud, auth: { objectId: world.app.application.id } });
    const outcome = await entraObjectIdCheck.run(entraContext(world, account).context);
    expect(outcome.code).toBe('ENTRA_OBJECT_ID_MISMATCH');
    expect(connectLines(outcome)).toEqual([`Connect-ExchangeOnline -Organization ${world.contoso.id}${environment}`]);
  });

  it('exchange.mailbox-access, the app not registered in Exchange', async () => {
    const app = world.register(world.contoso);
    // Alone (as with --only): entra.tenant would fail a national cloud against the stand-in's worldwide discovery.
    const { results } = await runAccount(world, officeAccount(world, app, 'imap', { cloud }), {}, [exchangeMailboxAccessCheck]);
    const access = results['exchange.mailbox-access'];
    expect(access?.code).toBe('EXCHANGE_ACCESS_DENIED');
    expect(connectLines(access)).toEqual([`Connect-ExchangeOnline -Organization ${world.contoso.id}${environment}`]);
  });
});
