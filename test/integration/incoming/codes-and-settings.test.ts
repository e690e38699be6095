/**
 * Consistent codes and evidence across incoming.* and smtp.*, against Dovecot and smtp-server on loopback:
 * `security: none` on an implicit-TLS port has its own code (CLEARTEXT_ON_IMPLICIT_TLS_PORT; STARTTLS keeps
 * STARTTLS_ON_IMPLICIT_TLS_PORT), incoming.* evidence shows the settings with their file:line as smtp.*
 * does, and incoming.connect says the server "speaks only after TLS" only when that is what happened.
 */
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import type { Account } from '../../../src/config/types.js';
import { translate } from '../../../src/i18n/index.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, runInOrder, secret } from '../../support/check-context.js';
import { startDovecot, type DovecotServer } from '../../support/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import { dovecotAccount, runIncoming } from './run-incoming.js';

const HOST = 'mail.example.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST, 'localhost', '127.0.0.1'] });
const trusted = { extraCa: [ca.pem], options: { stepTimeoutMs: 3000 } };
let dovecot: DovecotServer;
let implicitSmtp: SmtpTestServer;

beforeAll(async () => {
  [dovecot, implicitSmtp] = await Promise.all([startDovecot({ certificate }), startSmtpServer({ certificate, users: {}, secure: true })]);
}, 30_000);
afterAll(async () => {
  await Promise.all([dovecot?.stop(), implicitSmtp?.close()]);
});

/** The account as the loader builds it from a file: each incoming key written at a line. */
function written(account: Account): Account {
  return {
    ...account,
    positions: new Map([
      ['incoming.host', { line: 7, column: 11 }],
      ['incoming.port', { line: 8, column: 11 }],
      ['incoming.security', { line: 9, column: 15 }],
    ]),
  };
}

describe('security on an implicit-TLS port', () => {
  it('security: none on the IMAPS port → CLEARTEXT_ON_IMPLICIT_TLS_PORT, the fix security: tls', async () => {
    const account = dovecotAccount('imap', 'tls', dovecot, HOST, { incoming: { protocol: 'imap', host: HOST, port: dovecot.imapsPort, security: 'none' } });
    const run = await runIncoming(account, trusted, 'tls');
    expect(run.connect.outcome).toMatchObject({ status: 'pass', summary: { key: 'incoming.connect.passTlsPending' } });
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' });
    expect(run.tls.outcome?.remediation?.[0]?.target).toContain('security: tls');
  });

  it('security: starttls on the IMAPS port keeps STARTTLS_ON_IMPLICIT_TLS_PORT', async () => {
    const account = dovecotAccount('imap', 'starttls', dovecot, HOST, {
      incoming: { protocol: 'imap', host: HOST, port: dovecot.imapsPort, security: 'starttls' },
    });
    const run = await runIncoming(account, trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_ON_IMPLICIT_TLS_PORT' });
  });

  it('SMTP security: none on an implicit-TLS port → CLEARTEXT_ON_IMPLICIT_TLS_PORT', async () => {
    const account = makeAccount({
      auth: { method: 'password', password: secret('Codes-Test-Password-3') },
      outgoing: { host: HOST, port: implicitSmtp.port, security: 'none' },
    });
    const [connect] = await runInOrder([smtpConnectCheck], account, [ca.pem]);
    expect(connect).toMatchObject({ status: 'fail', code: 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' });
    expect(connect?.remediation?.map((step) => step.target)).toContain(`outgoing:\n  host: ${HOST}\n  port: ${implicitSmtp.port}\n  security: tls`);
  });
});

describe('incoming.connect says "speaks only after TLS" only when it does', () => {
  it('security: tls on the plaintext IMAP port: the server greeted in plain text, so not "only after TLS"', async () => {
    const account = dovecotAccount('imap', 'tls', dovecot, HOST, { incoming: { protocol: 'imap', host: HOST, port: dovecot.imapPort, security: 'tls' } });
    const run = await runIncoming(account, trusted, 'tls');
    expect(run.connect.outcome).toMatchObject({ status: 'pass', summary: { key: 'incoming.connect.passTlsFailed' } });
    const text = ['en', 'pt-BR'].map((locale) => translate(locale as 'en', run.connect.outcome!.summary.key, run.connect.outcome!.summary.params)).join('\n');
    expect(text).not.toMatch(/only after TLS|só fala depois do TLS/);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
  });
});

describe('incoming.* evidence shows the settings with their file:line', () => {
  it.each(['tls', 'starttls'] as const)('incoming.connect and incoming.tls (%s), as smtp.* does', async (security) => {
    const account = written(dovecotAccount('imap', security, dovecot, HOST));
    const run = await runIncoming(account, trusted, 'tls');
    const port = account.incoming.port;
    for (const outcome of [run.connect.outcome, run.tls.outcome]) {
      expect(outcome?.evidence).toEqual(
        expect.arrayContaining([
          { label: 'config.evidence.setting', value: `incoming.host: ${HOST} — test.yaml:7` },
          { label: 'config.evidence.setting', value: `incoming.port: ${port} — test.yaml:8` },
          { label: 'config.evidence.setting', value: `incoming.security: ${security} — test.yaml:9` },
        ]),
      );
    }
  });
});
