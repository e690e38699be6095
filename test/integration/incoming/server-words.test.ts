/**
 * incoming.auth reports the server's own words, and explains Exchange's "User is authenticated but not
 * connected." by how the account signed in (app-only token, delegated token, password), whatever the
 * configured provider. Fault servers (test/support/incoming-fault-servers.ts) answer with Exchange's texts.
 */
import { createCa, issueCert } from '../../../standins/certs.js';
import { EXCHANGE_IMAP_CAPABILITIES, EXCHANGE_IMAP_GREETING, startFakeImap, type FaultServer } from '../../support/incoming-fault-servers.js';
import { makeAccount, secret } from '../../support/check-context.js';
import { translate } from '../../../src/i18n/index.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { evidence, remediationText, runIncoming } from './run-incoming.js';

const HOST = 'imap.contoso.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST] });
const fast = { extraCa: [ca.pem], options: { stepTimeoutMs: 3000 } };
const servers: FaultServer[] = [];
const NOT_CONNECTED = 'BAD User is authenticated but not connected.';

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** A JWT-shaped token with these claims (decoded for diagnosis only; the fault server never checks it). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const APP_TOKEN = jwt({ aud: 'https://outlook.office365.com', idtyp: 'app', roles: ['IMAP.AccessAsApp'], oid: '9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff' });
const DELEGATED_TOKEN = jwt({ aud: 'https://outlook.office.com', scp: 'IMAP.AccessAsUser.All', upn: 'joana@contoso.com.br' });

/** An Exchange IMAP server that accepts the login and NAMESPACE, then answers the mailbox commands from `refuse`. */
async function exchangeRefusing(refuse: (command: string) => string[] | undefined): Promise<FaultServer> {
  const server = await startFakeImap({
    tls: certificate,
    greeting: EXCHANGE_IMAP_GREETING,
    capabilities: EXCHANGE_IMAP_CAPABILITIES,
    login: () => ({ status: 'OK AUTHENTICATE completed.' }),
    afterLogin: (command) => refuse(command),
  });
  servers.push(server);
  return server;
}

/** `provider: imap` (not office365): the diagnosis must come from the sign-in, not from the provider. */
function imapAccount(port: number, auth: Parameters<typeof makeAccount>[0] extends infer O ? (O extends { auth?: infer A } ? A : never) : never) {
  return makeAccount({ provider: 'imap', mailbox: 'atendimento@contoso.com.br', auth, incoming: { protocol: 'imap', host: HOST, port, security: 'tls' } });
}

function summaryText(outcome: CheckOutcome | undefined): string {
  return outcome ? translate('en', outcome.summary.key, outcome.summary.params) : '';
}

const listRefused = (command: string) => (command === 'LIST' ? [`{tag} ${NOT_CONNECTED}`] : undefined);

describe('"User is authenticated but not connected." after the login, provider: imap', () => {
  it('app-only token, refused at LIST: the service principal fixes, with the reply in the summary and evidence (not CONNECTION_CLOSED)', async () => {
    const server = await exchangeRefusing(listRefused);
    const run = await runIncoming(imapAccount(server.port, { method: 'oauth2', password: undefined, accessToken: secret(APP_TOKEN) }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_NOT_CONNECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.command')).toBe('LIST');
    expect(evidence(run.auth.outcome, 'incoming.evidence.mailboxReply')).toMatch(/BAD User is authenticated but not connected\./);
    expect(summaryText(run.auth.outcome)).toContain('User is authenticated but not connected.');
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('New-ServicePrincipal');
    expect(fixes).toContain('Add-MailboxPermission -Identity atendimento@contoso.com.br');
    expect(fixes).not.toContain('incoming.auth.fix.connectionLost');
  });

  it('delegated token, refused at EXAMINE: the signed-in user lacks FullAccess or the mailbox is elsewhere (no service principal)', async () => {
    const server = await exchangeRefusing((command) => (command === 'EXAMINE' ? [`{tag} ${NOT_CONNECTED}`] : undefined));
    const run = await runIncoming(imapAccount(server.port, { method: 'oauth2', password: undefined, accessToken: secret(DELEGATED_TOKEN) }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'MAILBOX_NOT_ACCESSIBLE' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.command')).toBe('EXAMINE');
    expect(summaryText(run.auth.outcome)).toMatch(/joana@contoso\.com\.br.*atendimento@contoso\.com\.br.*User is authenticated but not connected\./);
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('Add-MailboxPermission -Identity atendimento@contoso.com.br -User joana@contoso.com.br -AccessRights FullAccess');
    expect(fixes).toContain('Get-Recipient -Identity atendimento@contoso.com.br | Format-List RecipientTypeDetails');
    expect(fixes).not.toContain('New-ServicePrincipal');
  });

  it('password login to its own mailbox, refused at LIST: where the mailbox lives (hybrid), no service principal, no FullAccess', async () => {
    const server = await exchangeRefusing(listRefused);
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'MAILBOX_NOT_ACCESSIBLE' });
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('incoming.auth.fix.mailboxHybrid');
    expect(fixes).not.toContain('New-ServicePrincipal');
    expect(fixes).not.toContain('Add-MailboxPermission');
  });
});

describe('the server’s last words when no status line answers', () => {
  it('a timeout at EXAMINE quotes the last line the server sent, in the summary and the evidence', async () => {
    const server = await exchangeRefusing((command) => (command === 'EXAMINE' ? ['* OK [ALERT] Mailbox is being moved to another server'] : undefined));
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'REPLY_TIMEOUT' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.lastReply')).toBe('* OK [ALERT] Mailbox is being moved to another server');
    expect(summaryText(run.auth.outcome)).toContain('Mailbox is being moved to another server');
  });

  it('a refusal at LIST is diagnosed from its reply, not as a lost connection', async () => {
    const server = await exchangeRefusing((command) => (command === 'LIST' ? ['{tag} NO [UNAVAILABLE] Mailbox database offline'] : undefined));
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_TEMPORARY_FAILURE' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.command')).toBe('LIST');
    expect(summaryText(run.auth.outcome)).toContain('Mailbox database offline');
  });

  it('"the connection ended" when the server really closed, with its last line in the summary', async () => {
    const server = await startFakeImap({
      tls: certificate,
      greeting: EXCHANGE_IMAP_GREETING,
      capabilities: EXCHANGE_IMAP_CAPABILITIES,
      afterLogin: (command, connection) => {
        if (command !== 'EXAMINE') return undefined;
        setImmediate(() => connection.close());
        return ['* BYE Mailbox store is shutting down'];
      },
    });
    servers.push(server);
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'CONNECTION_CLOSED' });
    expect(summaryText(run.auth.outcome)).toContain('Mailbox store is shutting down');
  });
});

describe('the server family decides the vendor advice, not provider: imap', () => {
  const ON_PREMISES_GREETING = '* OK The Microsoft Exchange IMAP4 service is ready. [RQBYAEMASAAwADEALgBjAG8AbgB0AG8AcwBvAC4AbABvAGMAYQBsAA==]';

  async function refusingLogin(greeting: string, status: string): Promise<FaultServer> {
    const server = await startFakeImap({ tls: certificate, greeting, capabilities: 'IMAP4rev1 AUTH=PLAIN SASL-IR ID NAMESPACE', login: () => ({ status }) });
    servers.push(server);
    return server;
  }

  it('an on-premises Exchange refusing a password gets Exchange Server advice, not "Exchange Online turned off basic auth"', async () => {
    const server = await refusingLogin(ON_PREMISES_GREETING, 'NO AUTHENTICATE failed.');
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('incoming.auth.fix.exchangeServerLogin');
    expect(fixes).toContain('Set-CASMailbox -Identity atendimento@contoso.com.br -ImapEnabled $true');
    expect(fixes).toContain('Get-ImapSettings | Format-List LoginType,X509CertificateName');
    expect(fixes).not.toContain('incoming.auth.fix.exchangeBasicAuth');
    for (const step of [run.connect, run.tls, run.auth]) {
      expect(evidence(step.outcome, 'mail.evidence.serverFamily')).toMatch(/^Microsoft Exchange Server \(on-premises\) .*server EXCH01\.contoso\.local\)$/);
    }
  });

  it('a Dovecot answering "NO AUTHENTICATE failed." is an ordinary refused password, without any Exchange advice', async () => {
    const server = await refusingLogin('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR ID] Dovecot ready.', 'NO AUTHENTICATE failed.');
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    expect(evidence(run.auth.outcome, 'mail.evidence.serverFamily')).toMatch(/^Dovecot /);
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('incoming.auth.fix.checkPassword');
    expect(fixes).not.toMatch(/exchange|Set-CASMailbox/i);
  });

  it('Exchange Online behind provider: imap still gets the Exchange Online diagnosis of a password', async () => {
    const server = await refusingLogin(EXCHANGE_IMAP_GREETING, 'NO AUTHENTICATE failed.');
    const run = await runIncoming(imapAccount(server.port, { method: 'password', password: secret('Pass-Word-9') }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_BASIC_AUTH_DISABLED' });
    expect(evidence(run.connect.outcome, 'mail.evidence.serverFamily')).toMatch(/^Microsoft Exchange Online \(Office 365\).*prod\.outlook\.com\)$/);
  });
});
