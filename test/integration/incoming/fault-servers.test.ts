/**
 * incoming.* against small fault servers, for what a real Dovecot cannot be made to do: tarpit, reset,
 * refused port, no STARTTLS, LOGINDISABLED before STARTTLS, Exchange's and Gmail's reply texts, a
 * megabyte line, an endless reply. Short step timeouts: the machine has 2 cores.
 */
import { createCa, issueCert } from '../../../standins/certs.js';
import {
  EXCHANGE_IMAP_CAPABILITIES,
  EXCHANGE_IMAP_GREETING,
  EXCHANGE_POP3_GREETING,
  GMAIL_IMAP_CAPABILITIES,
  GMAIL_IMAP_GREETING,
  closedPort,
  startFakeImap,
  startFakePop3,
  startLineServer,
  startResetter,
  startTarpit,
  type FaultServer,
} from '../../support/incoming-fault-servers.js';
import { makeAccount, secret, type AccountOverrides } from '../../support/check-context.js';
import { translate } from '../../../src/i18n/index.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { evidence, remediationText, runIncoming } from './run-incoming.js';

/** "Run again" / "try again" in either language. */
const NO_RUN_AGAIN = /\b(run|try)\b[^.]*\bagain\b|de novo|novamente/i;

/** Every remediation as the user reads it, in English and Portuguese. */
function renderedFixes(outcome: CheckOutcome | undefined): string {
  return (['en', 'pt-BR'] as const)
    .flatMap((locale) => (outcome?.remediation ?? []).map((entry) => translate(locale, entry.message.key, entry.message.params)))
    .join('\n');
}

const HOST = 'mail.example.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST] });
const trusted = { extraCa: [ca.pem] };
const fast = { ...trusted, options: { stepTimeoutMs: 500 } };
const servers: FaultServer[] = [];

async function serve(server: Promise<FaultServer>): Promise<FaultServer> {
  const started = await server;
  servers.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

function account(protocol: 'imap' | 'pop3', port: number, security: 'tls' | 'starttls' | 'none', overrides: AccountOverrides = {}) {
  return makeAccount({
    ...overrides,
    auth: { method: 'password', password: secret('Fault-Server-Password-7'), ...overrides.auth },
    incoming: { protocol, host: HOST, port, security, ...overrides.incoming },
  });
}

const EXCHANGE_APP = {
  method: 'oauth2' as const,
  flow: 'application' as const,
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '6f1c2a4e-1111-4222-8333-944455556666',
  objectId: '9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff',
  password: undefined,
  accessToken: secret('eyJ0eXAiOiJKV1Qi.exchange-app-token.signature', 'env', '${env:ACCESS_TOKEN}'),
};

function exchangeAccount(protocol: 'imap' | 'pop3', port: number) {
  return account(protocol, port, 'tls', { provider: 'office365', mailbox: 'atendimento@contoso.com.br', auth: EXCHANGE_APP });
}

describe('connect: what the network and the port do', () => {
  it('fails with GREETING_TIMEOUT on a tarpit, within the step timeout plus a second', async () => {
    const tarpit = await serve(startTarpit());
    for (const protocol of ['imap', 'pop3'] as const) {
      const run = await runIncoming(account(protocol, tarpit.port, 'starttls'), fast);
      expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'GREETING_TIMEOUT', summary: { key: 'mail.connect.greetingTimeout' } });
      expect(evidence(run.connect.outcome, 'mail.evidence.address')).toBe('127.0.0.1');
      expect(run.connect.outcome?.evidence).toContainEqual({ label: 'config.evidence.settingDefault', value: `incoming.port: ${tarpit.port}` });
      expect(remediationText(run.connect.outcome)).toContain('mail.fix.tarpit');
      expect(run.connect.ms).toBeLessThan(500 + 1000);
    }
  });

  it('fails with TLS_HANDSHAKE_TIMEOUT when an implicit-TLS port never answers, within the step timeout plus a second', async () => {
    const tarpit = await serve(startTarpit());
    const run = await runIncoming(account('imap', tarpit.port, 'tls'), fast);
    expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'TLS_HANDSHAKE_TIMEOUT' });
    expect(run.connect.ms).toBeLessThan(500 + 1000);
  });

  it('fails with TCP_RESET when the server resets the connection', async () => {
    const resetter = await serve(startResetter());
    for (const security of ['starttls', 'tls'] as const) {
      const run = await runIncoming(account('imap', resetter.port, security), fast);
      expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'TCP_RESET' });
      expect(evidence(run.connect.outcome, 'mail.evidence.systemError')).toMatch(/ECONNRESET/);
    }
  });

  it('fails with TCP_REFUSED, the address and the firewall hint when nothing listens', async () => {
    const port = await closedPort();
    const run = await runIncoming(account('pop3', port, 'tls'), fast);
    expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'TCP_REFUSED' });
    expect(evidence(run.connect.outcome, 'mail.evidence.address')).toBe('127.0.0.1');
    expect(evidence(run.connect.outcome, 'mail.evidence.elapsed')).toMatch(/^CONNECT \d+ ms$/);
    expect(remediationText(run.connect.outcome)).toContain(`Test-NetConnection -ComputerName ${HOST} -Port ${port}`);
    expect(remediationText(run.connect.outcome)).toContain('mail.fix.firewall');
    expect(remediationText(run.connect.outcome)).not.toContain('mail.fix.proxy');
  });

  it('says that mail cannot use the HTTP proxy when one is configured and the port is unreachable', async () => {
    const port = await closedPort();
    process.env.HTTPS_PROXY = 'http://proxy.example.test:3128';
    try {
      const run = await runIncoming(account('imap', port, 'tls'), fast);
      expect(run.connect.outcome?.code).toBe('TCP_REFUSED');
      expect(evidence(run.connect.outcome, 'mail.evidence.proxy')).toBe('HTTPS_PROXY');
      expect(run.connect.outcome?.remediation?.[0]).toMatchObject({ message: { key: 'mail.fix.proxy', params: { port, variable: 'HTTPS_PROXY' } } });
    } finally {
      delete process.env.HTTPS_PROXY;
    }
  });

  it('fails with GREETING_REFUSED when the greeting is a BYE, quoting it', async () => {
    const server = await serve(startFakeImap({ greeting: '* BYE Too many connections from your IP address', capabilities: 'IMAP4rev1' }));
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'GREETING_REFUSED' });
    expect(evidence(run.connect.outcome, 'mail.evidence.greeting')).toBe('* BYE Too many connections from your IP address');
  });

  it('fails with PROTOCOL_UNEXPECTED_REPLY when a POP3 server answers on the IMAP port', async () => {
    const server = await serve(startFakePop3({ capa: ['USER'] }));
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'PROTOCOL_UNEXPECTED_REPLY' });
    expect(remediationText(run.connect.outcome)).toContain('incoming.connect.fix.wrongProtocol');
    // Not this protocol: nothing is sent to it, not even a goodbye.
    expect(server.received.flat()).toEqual([]);
  });

  it('fails with LINE_TOO_LONG on a megabyte greeting without a line end, and stops reading', async () => {
    const server = await serve(
      startLineServer({
        onConnect: (connection) => connection.send(`* OK ${'A'.repeat(1024 * 1024)}`),
        onLine: () => undefined,
      }),
    );
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(run.connect.outcome).toMatchObject({ status: 'fail', code: 'LINE_TOO_LONG' });
    expect(JSON.stringify(run).length).toBeLessThan(50_000);
  });
});

describe('tls: what the server offers', () => {
  it('fails with STARTTLS_NOT_OFFERED over IMAP and POP3, with the YAML fix for implicit TLS', async () => {
    const imap = await serve(startFakeImap({ capabilities: 'IMAP4rev1 AUTH=PLAIN' }));
    const pop3 = await serve(startFakePop3({ capa: ['USER', 'UIDL'] }));
    for (const [protocol, port, tlsPort] of [
      ['imap', imap.port, 993],
      ['pop3', pop3.port, 995],
    ] as const) {
      const run = await runIncoming(account(protocol, port, 'starttls'), fast);
      expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_NOT_OFFERED' });
      expect(remediationText(run.tls.outcome)).toContain(`port: ${tlsPort}\n  security: tls`);
      // No credentials on an unencrypted connection.
      expect(run.transcript.filter((line) => /^client: .*(LOGIN|AUTHENTICATE|USER|PASS)/.test(line))).toEqual([]);
    }
  });

  it('uses the capabilities after STARTTLS: LOGINDISABLED before it does not stop the login', async () => {
    const server = await serve(
      startFakeImap({ startTls: certificate, capabilities: 'IMAP4rev1 STARTTLS LOGINDISABLED', capabilitiesSecure: 'IMAP4rev1 AUTH=PLAIN' }),
    );
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesBefore')).toBe('IMAP4REV1 STARTTLS LOGINDISABLED');
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesAfter')).toBe('IMAP4REV1 AUTH=PLAIN');
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { params: { method: 'AUTHENTICATE PLAIN', count: 5 } } });
  });

  it('warns with TLS_NOT_CONFIGURED for security: none, and fails with CLEARTEXT_AUTH_REFUSED when the server offers STARTTLS and LOGINDISABLED', async () => {
    const server = await serve(startFakeImap({ startTls: certificate, capabilities: 'IMAP4rev1 STARTTLS LOGINDISABLED' }));
    const run = await runIncoming(account('imap', server.port, 'none'), fast);
    expect(run.tls.outcome).toMatchObject({ status: 'warn', code: 'TLS_NOT_CONFIGURED', summary: { key: 'incoming.tls.noneButOffered' } });
    expect(remediationText(run.tls.outcome)).toContain('security: starttls');
    expect(run.auth.outcome).toMatchObject({
      status: 'fail',
      code: 'CLEARTEXT_AUTH_REFUSED',
      summary: { key: 'mail.auth.cleartextOffered', params: { command: 'STARTTLS' } },
    });
    expect(evidence(run.auth.outcome, 'incoming.evidence.capabilitiesBefore')).toBe('IMAP4REV1 STARTTLS LOGINDISABLED');
    expect(remediationText(run.auth.outcome)).toContain(`port: ${server.port}\n  security: starttls`);
    expect(run.transcript.filter((line) => /^client: .*(LOGIN|AUTHENTICATE)/.test(line))).toEqual([]);
  });

  it('fails with STARTTLS_REJECTED when the server advertises STARTTLS and then refuses it, quoting it', async () => {
    const server = await serve(startFakeImap({ capabilities: 'IMAP4rev1 STARTTLS AUTH=PLAIN' }));
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_REJECTED' });
    expect(evidence(run.tls.outcome, 'incoming.evidence.starttlsReply')).toBe('P2 BAD Command not supported.');
  });

  it('fails with STARTTLS_INJECTION when plaintext follows the STARTTLS answer', async () => {
    const server = await serve(
      startLineServer({
        onConnect: (connection) => connection.send('* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready'),
        onLine: (line, connection) => {
          const tag = line.split(' ')[0] ?? '*';
          if (/ STARTTLS$/i.test(line))
            connection.send(`${tag} OK Begin TLS negotiation now.`, '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED] injected');
        },
      }),
    );
    const run = await runIncoming(account('imap', server.port, 'starttls'), fast);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_INJECTION' });
    expect(remediationText(run.tls.outcome)).toContain('mail.fix.injection');
  });

  it('fails with TLS_VERSION_TOO_OLD when the server only speaks TLS 1.0/1.1, naming the version', async () => {
    const legacy = { ...certificate, options: { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } };
    const server = await serve(startFakeImap({ tls: legacy, capabilities: 'IMAP4rev1 AUTH=PLAIN' }));
    const run = await runIncoming(account('imap', server.port, 'tls'), fast);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
    expect(evidence(run.tls.outcome, 'mail.evidence.tlsProtocol')).toMatch(/^TLSv1(\.1)? \(only with TLS 1\.0\/1\.1 allowed\)$/);
    expect(run.auth.outcome).toBeUndefined();
    expect(server.received.flat()).toEqual([]);
  });

  it('fails with REPLY_TOO_LONG when the CAPA answer never ends', async () => {
    const server = await serve(
      startFakePop3({
        capa: ['STLS'],
        onCapa: (connection) => {
          connection.send('+OK Capability list follows');
          const flood = setInterval(() => {
            if (connection.closed) clearInterval(flood);
            else connection.send(...Array.from({ length: 200 }, (_, index) => `X-ENDLESS-${index}`));
          }, 5);
          return true;
        },
      }),
    );
    const run = await runIncoming(account('pop3', server.port, 'starttls'), fast);
    expect(run.tls.outcome).toMatchObject({
      status: 'fail',
      code: 'REPLY_TOO_LONG',
      summary: { key: 'mail.connect.replyTooLong', params: { stage: 'CAPA', protocol: 'POP3' } },
    });
    expect(run.tls.ms).toBeLessThan(1500);
  });
});

describe('auth: Exchange Online replies (docs/provider-facts.md §XOAUTH2, §IMAP/POP OAuth failures)', () => {
  it('fails with EXCHANGE_OAUTH_REJECTED on "NO AUTHENTICATE failed." with the ranked causes and this app’s commands', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        greeting: EXCHANGE_IMAP_GREETING,
        capabilities: EXCHANGE_IMAP_CAPABILITIES,
        login: () => ({ status: 'NO AUTHENTICATE failed.' }),
      }),
    );
    const run = await runIncoming(exchangeAccount('imap', server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_OAUTH_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.method')).toBe('AUTHENTICATE XOAUTH2');
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toMatch(/NO AUTHENTICATE failed\.$/);
    const fixes = remediationText(run.auth.outcome);
    expect(fixes).toContain('New-ServicePrincipal -AppId 6f1c2a4e-1111-4222-8333-944455556666 -ObjectId 9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff');
    expect(fixes).toContain('Add-MailboxPermission -Identity atendimento@contoso.com.br -User 9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff -AccessRights FullAccess');
    expect(fixes).toContain('Set-CASMailbox -Identity atendimento@contoso.com.br -ImapEnabled $true');
    expect(fixes).toContain('incoming.auth.fix.exchangeAudience');
    // One login, never retried.
    expect(server.received.flat().filter((line) => /AUTHENTICATE/.test(line))).toHaveLength(1);
  });

  it('fails with EXCHANGE_NOT_CONNECTED when the token is accepted and the first command after it gets "BAD User is authenticated but not connected."', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        greeting: EXCHANGE_IMAP_GREETING,
        capabilities: EXCHANGE_IMAP_CAPABILITIES,
        login: () => ({ status: 'OK AUTHENTICATE completed.' }),
        afterLogin: (command, connection) => {
          if (command === 'ID') return undefined;
          setImmediate(() => connection.close());
          return ['{tag} BAD User is authenticated but not connected.', '* BYE Connection closed. 14'];
        },
      }),
    );
    const run = await runIncoming(exchangeAccount('imap', server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_NOT_CONNECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toMatch(/OK AUTHENTICATE completed\./);
    expect(evidence(run.auth.outcome, 'incoming.evidence.mailboxReply')).toMatch(/BAD User is authenticated but not connected\./);
    expect(evidence(run.auth.outcome, 'incoming.evidence.bye')).toBe('* BYE Connection closed. 14');
    const targets = (run.auth.outcome?.remediation ?? []).map((entry) => entry.target);
    expect(targets).toContain('Connect-ExchangeOnline -Organization contoso.onmicrosoft.com');
    expect(targets).toContain(
      'New-ServicePrincipal -AppId 6f1c2a4e-1111-4222-8333-944455556666 -ObjectId 9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff -DisplayName "Tactium CRM"',
    );
    expect(targets).toContain('Add-MailboxPermission -Identity atendimento@contoso.com.br -User 9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff -AccessRights FullAccess');
  });

  it('writes a placeholder for the Enterprise application Object ID when the file has none', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        greeting: EXCHANGE_IMAP_GREETING,
        capabilities: EXCHANGE_IMAP_CAPABILITIES,
        login: () => ({ status: 'OK AUTHENTICATE completed.' }),
        afterLogin: (command) => (command === 'ID' ? undefined : ['{tag} BAD User is authenticated but not connected.']),
      }),
    );
    const run = await runIncoming(
      account('imap', server.port, 'tls', { provider: 'office365', mailbox: 'vendas@contoso.com.br', auth: { ...EXCHANGE_APP, objectId: undefined } }),
      fast,
    );
    expect(run.auth.outcome?.code).toBe('EXCHANGE_NOT_CONNECTED');
    expect(remediationText(run.auth.outcome)).toContain('-ObjectId "<Enterprise application Object ID>"');
  });

  it('fails with EXCHANGE_OAUTH_REJECTED on POP3 "-ERR Authentication failure: unknown user name or bad password."', async () => {
    const server = await serve(
      startFakePop3({
        tls: certificate,
        greeting: EXCHANGE_POP3_GREETING,
        capa: ['TOP', 'UIDL', 'SASL PLAIN XOAUTH2', 'USER'],
        login: () => ({ status: '-ERR Authentication failure: unknown user name or bad password.' }),
      }),
    );
    const run = await runIncoming(exchangeAccount('pop3', server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_OAUTH_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.method')).toBe('AUTH XOAUTH2');
    expect(remediationText(run.auth.outcome)).toContain('Set-CASMailbox -Identity atendimento@contoso.com.br -PopEnabled $true');
    expect(server.received.flat().filter((line) => /^AUTH /.test(line))).toEqual(['AUTH XOAUTH2']);
  });

  it('fails with EXCHANGE_BASIC_AUTH_DISABLED when Exchange refuses a password login', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        greeting: EXCHANGE_IMAP_GREETING,
        capabilities: EXCHANGE_IMAP_CAPABILITIES,
        login: () => ({ status: 'NO AUTHENTICATE failed.' }),
      }),
    );
    const run = await runIncoming(account('imap', server.port, 'tls', { provider: 'office365' }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'EXCHANGE_BASIC_AUTH_DISABLED' });
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.exchangeBasicAuth');
  });
});

describe('auth: Gmail replies (docs/provider-facts.md §Gmail replies)', () => {
  const gmail = (port: number, overrides: AccountOverrides = {}) =>
    account('imap', port, 'tls', { provider: 'gmail', mailbox: 'contato@gmail.com', ...overrides });
  /** Gmail's IMAP (its greeting and capabilities) answering LOGIN with `status`. */
  const gmailImap = (status: string) =>
    serve(startFakeImap({ tls: certificate, greeting: GMAIL_IMAP_GREETING, capabilities: GMAIL_IMAP_CAPABILITIES, login: () => ({ status }) }));

  it('fails with GMAIL_APP_PASSWORD_REQUIRED and links the app-password page', async () => {
    const server = await gmailImap('NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)');
    const run = await runIncoming(gmail(server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'GMAIL_APP_PASSWORD_REQUIRED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toContain('[ALERT] Application-specific password required');
    expect(run.auth.outcome?.remediation?.[0]).toMatchObject({ kind: 'url', target: 'https://myaccount.google.com/apppasswords' });
  });

  it('fails with WEB_LOGIN_REQUIRED and the WEBALERT address', async () => {
    const url = 'https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbtest';
    const server = await gmailImap(`NO [WEBALERT ${url}] Web login required.`);
    const run = await runIncoming(gmail(server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'WEB_LOGIN_REQUIRED' });
    expect(run.auth.outcome?.remediation?.[0]).toMatchObject({ kind: 'url', target: url });
  });

  it('fails with SERVER_ALERT for any other ALERT, showing its text', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        capabilities: 'IMAP4rev1 AUTH=PLAIN',
        login: () => ({ status: 'NO [ALERT] Mailbox moved to the new cluster tonight; try after 06:00' }),
      }),
    );
    const run = await runIncoming(account('imap', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'SERVER_ALERT' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toContain('Mailbox moved to the new cluster');
  });

  it('fails with IMAP_DISABLED when Gmail says IMAP is off for the domain, with the admin console path', async () => {
    const server = await gmailImap(
      'NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)',
    );
    const run = await runIncoming(gmail(server.port), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'IMAP_DISABLED' });
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.gmailImapDisabledDomain');
  });

  it('fails with POP3_DISABLED when Gmail only says so at STAT, after a successful login', async () => {
    const server = await serve(
      startFakePop3({
        tls: certificate,
        greeting: '+OK Gpop ready for requests from 127.0.0.1 a1mb12345678pob',
        capa: ['USER', 'RESP-CODES', 'EXPIRE 0', 'LOGIN-DELAY 300', 'TOP', 'UIDL', 'X-GOOGLE-RICO', 'SASL PLAIN XOAUTH2 OAUTHBEARER'],
        login: () => ({ status: '+OK Welcome.' }),
        stat: '-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.',
      }),
    );
    const run = await runIncoming(account('pop3', server.port, 'tls', { provider: 'gmail', mailbox: 'contato@gmail.com' }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'POP3_DISABLED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toBe('+OK Welcome.');
    expect(evidence(run.auth.outcome, 'incoming.evidence.command')).toBe('STAT');
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.gmailImapDisabledUser');
  });
});

describe('auth: mechanisms and temporary failures', () => {
  it('fails with AUTH_MECHANISM_UNSUPPORTED, sending no token, when an OAuth account meets a password-only IMAP server', async () => {
    const server = await serve(startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=PLAIN' }));
    const run = await runIncoming(
      account('imap', server.port, 'tls', { auth: { method: 'oauth2', password: undefined, accessToken: secret('token-never-sent-0123456789') } }),
      fast,
    );
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_MECHANISM_UNSUPPORTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.mechanisms')).toBe('AUTH=PLAIN');
    expect(server.received.flat().filter((line) => /AUTHENTICATE|LOGIN/.test(line))).toEqual([]);
  });

  it('fails with AUTH_MECHANISM_UNSUPPORTED when a POP3 server without a SASL list refuses AUTH XOAUTH2 itself', async () => {
    const server = await serve(startFakePop3({ tls: certificate, capa: ['USER', 'UIDL'], refuseMechanism: () => '-ERR Unrecognized authentication type' }));
    const run = await runIncoming(
      account('pop3', server.port, 'tls', { auth: { method: 'oauth2', password: undefined, accessToken: secret('token-never-sent-9876543210') } }),
      fast,
    );
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_MECHANISM_UNSUPPORTED', summary: { key: 'incoming.auth.mechanismRefused' } });
    expect(server.received.flat()).not.toContain(expect.stringMatching(/^[A-Za-z0-9+/]{20,}/));
  });

  it('fails with AUTH_MECHANISM_UNSUPPORTED when only other SASL mechanisms are offered, and AUTH_NOT_OFFERED when none', async () => {
    const server = await serve(startFakePop3({ tls: certificate, capa: ['UIDL', 'SASL GSSAPI'] }));
    const run = await runIncoming(account('pop3', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_MECHANISM_UNSUPPORTED' });
    const none = await serve(startFakePop3({ tls: certificate, capa: ['UIDL'] }));
    const run2 = await runIncoming(account('pop3', none.port, 'tls'), fast);
    expect(run2.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_NOT_OFFERED' });
    expect(remediationText(run2.auth.outcome)).toContain('incoming.auth.fix.notOffered');
  });

  it('fails with AUTH_TEMPORARY_FAILURE on NO [UNAVAILABLE], without retrying', async () => {
    const server = await serve(
      startFakeImap({
        tls: certificate,
        capabilities: 'IMAP4rev1 AUTH=PLAIN',
        login: () => ({ status: 'NO [UNAVAILABLE] Temporary authentication failure.' }),
      }),
    );
    const run = await runIncoming(account('imap', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_TEMPORARY_FAILURE' });
    expect(server.received.flat().filter((line) => /AUTHENTICATE/.test(line))).toHaveLength(1);
    // The credential went out: a temporary answer can hide a failed login, so no bare "run again".
    expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
  });

  // Silence after the credential went out: the login may have failed (servers delay failed logins on
  // purpose), so the fix never says "run again", which could cost a second failed login.
  it('fails with AUTH_REPLY_TIMEOUT (outcome unknown) when the IMAP server never answers the login, within its budget', async () => {
    const server = await serve(startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=PLAIN', login: () => ({ status: '' }) }));
    const run = await runIncoming(account('imap', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({
      status: 'fail',
      code: 'AUTH_REPLY_TIMEOUT',
      summary: { key: 'mail.auth.replyTimeout', params: { command: 'AUTHENTICATE PLAIN' } },
    });
    expect(remediationText(run.auth.outcome)).toContain('mail.fix.authReplyTimeout');
    expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
    expect(server.received.flat().filter((line) => /AUTHENTICATE/.test(line))).toHaveLength(1);
    expect(run.auth.ms).toBeLessThan(500 * 4 + 1000);
  });

  it('fails with AUTH_REPLY_TIMEOUT when the IMAP server never answers a token sent with SASL-IR (XOAUTH2)', async () => {
    const server = await serve(startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 SASL-IR AUTH=XOAUTH2', login: () => ({ status: '' }) }));
    const run = await runIncoming(
      account('imap', server.port, 'tls', {
        auth: { method: 'oauth2', password: undefined, accessToken: secret('ya29.silent-Server-Token-3141', 'env', '${env:ACCESS_TOKEN}') },
      }),
      fast,
    );
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REPLY_TIMEOUT', summary: { params: { command: 'AUTHENTICATE XOAUTH2' } } });
    expect(server.received.flat().filter((line) => /AUTHENTICATE XOAUTH2 \S+/.test(line))).toHaveLength(1);
    expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
  });

  it('fails with AUTH_REPLY_TIMEOUT (outcome unknown) when the POP3 server never answers PASS, within the step timeout plus a second', async () => {
    const server = await serve(startFakePop3({ tls: certificate, capa: ['USER'], login: () => ({ status: '' }) }));
    const run = await runIncoming(account('pop3', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({
      status: 'fail',
      code: 'AUTH_REPLY_TIMEOUT',
      summary: { key: 'mail.auth.replyTimeout', params: { command: 'USER/PASS' } },
    });
    expect(remediationText(run.auth.outcome)).toContain('mail.fix.authReplyTimeout');
    expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
    expect(server.received.flat().filter((line) => /^PASS /.test(line))).toHaveLength(1);
    expect(run.auth.ms).toBeLessThan(500 + 1000);
  });

  it('fails with AUTH_REPLY_TIMEOUT when the POP3 server never answers the SASL PLAIN response', async () => {
    const server = await serve(startFakePop3({ tls: certificate, capa: ['SASL PLAIN'], login: () => ({ status: '' }) }));
    const run = await runIncoming(account('pop3', server.port, 'tls'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REPLY_TIMEOUT', summary: { params: { command: 'AUTH PLAIN' } } });
    expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
  });

  it('does not say "run again" when the connection ends after the credential was sent (IMAP and POP3)', async () => {
    const imap = await serve(
      startLineServer({
        onConnect: (connection) => connection.send('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready'),
        // The continuation is asked for, and the connection closed once the SASL response arrives.
        onLine: (line, connection) => {
          if (/ AUTHENTICATE /i.test(line)) connection.send('+ ');
          else connection.close();
        },
      }),
    );
    const pop3 = await serve(
      startLineServer({
        onConnect: (connection) => connection.send('+OK ready'),
        onLine: (line, connection) => {
          if (/^CAPA/i.test(line)) connection.send('+OK', 'USER', '.');
          else if (/^USER /i.test(line)) connection.send('+OK');
          else if (/^PASS /i.test(line)) connection.close();
        },
      }),
    );
    for (const [protocol, server] of [
      ['imap', imap],
      ['pop3', pop3],
    ] as const) {
      const run = await runIncoming(account(protocol, server.port, 'none'), fast);
      expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'CONNECTION_CLOSED' });
      expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.connectionLostAfterCredential');
      expect(renderedFixes(run.auth.outcome)).not.toMatch(NO_RUN_AGAIN);
    }
  });

  it('keeps REPLY_TIMEOUT when the POP3 server goes silent at USER, before any password was sent', async () => {
    const server = await serve(
      startLineServer({
        onConnect: (connection) => connection.send('+OK ready'),
        onLine: (line, connection) => {
          if (/^CAPA/i.test(line)) connection.send('+OK', 'USER', '.');
        },
      }),
    );
    const run = await runIncoming(account('pop3', server.port, 'none'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'REPLY_TIMEOUT' });
    expect(server.received.flat().filter((line) => /^PASS/.test(line))).toEqual([]);
  });
});

describe('auth: where the token comes from', () => {
  it('skips with the token provider’s reason when no token can be had', async () => {
    const server = await serve(startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=XOAUTH2' }));
    const run = await runIncoming(account('imap', server.port, 'tls', { auth: { method: 'oauth2', password: undefined } }), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'skip', code: 'TOKEN_UNAVAILABLE', summary: { key: 'identity.noTokenSource' } });
    expect(server.received.flat().filter((line) => /AUTHENTICATE/.test(line))).toEqual([]);
  });

  it('fails with the token provider’s code when obtaining the token failed, and sends nothing', async () => {
    const { registerTokenProvider } = await import('../../../src/checks/shared/token-provider.js');
    const { msg } = await import('../../../src/i18n/index.js');
    registerTokenProvider(async (context) =>
      context.account.mailbox === 'token-fails@example.test'
        ? { kind: 'failed', code: 'AADSTS7000215', reason: msg('identity.noTokenSource') }
        : { kind: 'unavailable', reason: msg('identity.noTokenSource') },
    );
    const server = await serve(startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=XOAUTH2' }));
    const run = await runIncoming(
      account('imap', server.port, 'tls', { mailbox: 'token-fails@example.test', auth: { method: 'oauth2', password: undefined } }),
      fast,
    );
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AADSTS7000215' });
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.skipDueToToken');
    expect(server.received.flat().filter((line) => /AUTHENTICATE/.test(line))).toEqual([]);
  });
});
