/**
 * incoming.connect → incoming.tls → incoming.auth for POP3 against a real Dovecot: POP3S and POP3 with
 * STLS, USER/PASS, XOAUTH2 and OAUTHBEARER through Dovecot's oauth2 passdb, STAT counts, account
 * problems, and certificates.
 */
import { createCa, daysFromNow, issueCert } from '../../../standins/certs.js';
import { DOVECOT_USERS, startDovecot, type DovecotServer } from '../../support/dovecot.js';
import { secret, type AccountOverrides } from '../../support/check-context.js';
import { saslXoauth2 } from '../../../src/probes/pop3-client.js';
import { clientLines, dovecotAccount, evidence, remediationText, runIncoming, tokenAuth } from './run-incoming.js';

const HOST = 'pop.example.test';
const VALID_TOKEN = 'ya29.pop-valid-token-0123456789abcdef';
const INVALID_TOKEN = 'ya29.pop-revoked-token-0123456789abcdef';
const ca = createCa();
let dovecot: DovecotServer;
let oauthbearerOnly: DovecotServer;

beforeAll(async () => {
  const tokens = new Map([[VALID_TOKEN, DOVECOT_USERS.alice.name]]);
  [dovecot, oauthbearerOnly] = await Promise.all([
    startDovecot({
      certificate: issueCert(ca, { hosts: [HOST] }),
      sni: {
        'expired.example.test': issueCert(ca, { hosts: ['expired.example.test'], notBefore: daysFromNow(-400), notAfter: daysFromNow(-1) }),
        'wronghost.example.test': issueCert(ca, { hosts: ['other.example.test'] }),
      },
      oauth: { tokens },
    }),
    startDovecot({ certificate: issueCert(ca, { hosts: [HOST] }), oauth: { tokens }, authMechanisms: ['plain', 'login', 'oauthbearer'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([dovecot?.stop(), oauthbearerOnly?.stop()]);
});

type Security = 'tls' | 'starttls';

function popAccount(security: Security, overrides: AccountOverrides = {}, server: DovecotServer = dovecot) {
  return dovecotAccount('pop3', security, server, HOST, overrides);
}

const trusted = { extraCa: [ca.pem] };

describe.each<Security>(['tls', 'starttls'])('POP3 with security: %s', (security) => {
  it('logs in with USER/PASS and counts the messages with STAT, never RETR or DELE', async () => {
    const run = await runIncoming(popAccount(security), trusted);
    expect(run.connect.outcome).toMatchObject({ status: 'pass', summary: { params: { protocol: 'POP3' } } });
    expect(run.tls.outcome?.status).toBe('pass');
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { key: 'incoming.auth.passPop3', params: { method: 'USER/PASS', count: 3 } } });
    expect(evidence(run.auth.outcome, 'incoming.evidence.messages')).toBe('3');
    expect(evidence(run.auth.outcome, 'incoming.evidence.mechanisms')).toContain('USER');
    expect(clientLines(run.transcript, /^client: STAT$/)).toHaveLength(1);
    expect(clientLines(run.transcript, /^client: (RETR|DELE|TOP|UIDL|LIST)\b/)).toEqual([]);
    expect(clientLines(run.transcript, /^client: PASS \[redacted\]$/)).toHaveLength(1);
    expect(clientLines(run.transcript, /^client: QUIT$/)).toHaveLength(1);
  });

  it('fails with AUTH_REJECTED after exactly one login attempt when the password is wrong', async () => {
    const offset = dovecot.readLog().length;
    const run = await runIncoming(popAccount(security, { auth: { password: secret('not-the-pop-password-1') } }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toBe('-ERR [AUTH] Authentication failed.');
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.checkPassword');
    expect(clientLines(run.transcript, /^client: (PASS|AUTH)\b/)).toHaveLength(1);
    expect(await dovecot.countInLog('Password mismatch', offset)).toBe(1);
  });

  it('logs in with XOAUTH2 and a valid token from auth.accessToken', async () => {
    const run = await runIncoming(popAccount(security, { auth: tokenAuth(VALID_TOKEN) }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { params: { method: 'AUTH XOAUTH2', count: 3 } } });
    expect(clientLines(run.transcript, /^client: \[redacted XOAUTH2 response\]$/)).toHaveLength(1);
  });

  it('fails with OAUTH_TOKEN_REJECTED after answering the 401 challenge with an empty line', async () => {
    const run = await runIncoming(popAccount(security, { auth: tokenAuth(INVALID_TOKEN) }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'OAUTH_TOKEN_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.challenge')).toContain('"status":"401"');
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toBe('-ERR [AUTH] Authentication failed.');
    expect(clientLines(run.transcript, /^client: \(empty line\)$/)).toHaveLength(1);
    expect(clientLines(run.transcript, /^client: AUTH\b/)).toHaveLength(1);
  });

  it('uses OAUTHBEARER when the server offers it and not XOAUTH2', async () => {
    const run = await runIncoming(popAccount(security, { auth: tokenAuth(VALID_TOKEN) }, oauthbearerOnly), trusted);
    expect(evidence(run.auth.outcome, 'incoming.evidence.mechanisms')).not.toContain('XOAUTH2');
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { params: { method: 'AUTH OAUTHBEARER', count: 3 } } });
  });
});

describe('POP3 with STLS', () => {
  it('shows the CAPA lists before and after STLS', async () => {
    const run = await runIncoming(popAccount('starttls'), trusted, 'tls');
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesBefore')).toContain('STLS');
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesAfter')).not.toContain('STLS');
    expect(evidence(run.tls.outcome, 'incoming.evidence.starttlsReply')).toMatch(/^\+OK/);
  });

  it('fails with TLS_HOSTNAME_MISMATCH over STLS, and sends no credentials', async () => {
    const run = await runIncoming(popAccount('starttls', { incoming: { host: 'wronghost.example.test' } }), trusted);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_HOSTNAME_MISMATCH' });
    expect(clientLines(run.transcript, /^client: (USER|PASS|AUTH|CAPA)\b/)).toHaveLength(1); // the CAPA before STLS only
  });

  it('fails with TLS_CERT_EXPIRED over POP3S', async () => {
    const run = await runIncoming(popAccount('tls', { incoming: { host: 'expired.example.test' } }), trusted);
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_EXPIRED' });
    expect(remediationText(run.tls.outcome)).toContain('mail.fix.renewCertificate');
  });
});

describe('POP3 account problems Dovecot reports', () => {
  it('fails with POP3_DISABLED when POP3 is turned off for the account, quoting the server', async () => {
    const run = await runIncoming(popAccount('tls', { mailbox: DOVECOT_USERS.noPop.name, auth: { password: secret(DOVECOT_USERS.noPop.password) } }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'POP3_DISABLED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toBe('-ERR [AUTH] This protocol is disabled for this account');
  });

  it('reports the -ERR that follows a successful login when the mailbox cannot be opened', async () => {
    const run = await runIncoming(
      popAccount('tls', { mailbox: DOVECOT_USERS.broken.name, auth: { password: secret(DOVECOT_USERS.broken.password) } }),
      trusted,
    );
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_TEMPORARY_FAILURE' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toBe('+OK Logged in.');
    expect(evidence(run.auth.outcome, 'incoming.evidence.mailboxReply')).toMatch(/^-ERR \[SYS\/TEMP\] Internal error occurred/);
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.temporary');
  });
});

describe('POP3 on the wrong kind of port (the real server)', () => {
  it('fails with IMPLICIT_TLS_ON_STARTTLS_PORT when security: tls points at port 110-style plaintext', async () => {
    const run = await runIncoming(popAccount('tls', { incoming: { port: dovecot.pop3Port } }), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
    expect(remediationText(run.tls.outcome)).toContain('security: starttls');
  });
});

describe('secrets', () => {
  it('never shows the password or the token, raw or base64, in results or transcripts', async () => {
    const runs = [
      await runIncoming(popAccount('starttls'), trusted),
      await runIncoming(popAccount('tls', { auth: tokenAuth(VALID_TOKEN) }), trusted),
      await runIncoming(popAccount('tls', { auth: tokenAuth(INVALID_TOKEN) }), trusted),
    ];
    const output = JSON.stringify(runs);
    for (const value of [
      DOVECOT_USERS.alice.password,
      VALID_TOKEN,
      INVALID_TOKEN,
      saslXoauth2(DOVECOT_USERS.alice.name, VALID_TOKEN),
      saslXoauth2(DOVECOT_USERS.alice.name, INVALID_TOKEN),
    ]) {
      expect(output).not.toContain(value);
    }
  });
});
