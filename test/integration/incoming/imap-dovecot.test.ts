/**
 * incoming.connect → incoming.tls → incoming.auth for IMAP against a real Dovecot: IMAPS and IMAP with
 * STARTTLS, passwords and OAuth tokens (through Dovecot's oauth2 passdb and our introspection endpoint),
 * EXAMINE counts, and every certificate case served by the same server through SNI.
 */
import { createCa, daysFromNow, issueCert } from '../../../standins/certs.js';
import { DOVECOT_USERS, startDovecot, type DovecotServer } from '../../support/dovecot.js';
import { secret, type AccountOverrides } from '../../support/check-context.js';
import { saslPlain, saslXoauth2 } from '../../../src/probes/pop3-client.js';
import { clientLines, dovecotAccount, evidence, remediationText, runIncoming, tokenAuth } from './run-incoming.js';

const HOST = 'mail.example.test';
const VALID_TOKEN = 'ya29.valid-token-for-alice-0123456789abcdef';
const INVALID_TOKEN = 'ya29.revoked-token-0123456789abcdef';
const ca = createCa();
const otherCa = createCa('Unknown Test CA', 'other-ca');
let dovecot: DovecotServer;
/** A second server offering OAUTHBEARER but not XOAUTH2. */
let oauthbearerOnly: DovecotServer;

beforeAll(async () => {
  const tokens = new Map([[VALID_TOKEN, DOVECOT_USERS.alice.name]]);
  [dovecot, oauthbearerOnly] = await Promise.all([
    startDovecot({
      certificate: issueCert(ca, { hosts: [HOST] }),
      sni: {
        'expired.example.test': issueCert(ca, { hosts: ['expired.example.test'], notBefore: daysFromNow(-400), notAfter: daysFromNow(-1) }),
        'expiring.example.test': issueCert(ca, { hosts: ['expiring.example.test'], notAfter: daysFromNow(10) }),
        'wronghost.example.test': issueCert(ca, { hosts: ['other.example.test'] }),
        'selfsigned.example.test': issueCert(ca, { hosts: ['selfsigned.example.test'], selfSigned: true }),
        'unknownca.example.test': issueCert(otherCa, { hosts: ['unknownca.example.test'] }),
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

function imapAccount(security: Security, overrides: AccountOverrides = {}, server: DovecotServer = dovecot) {
  return dovecotAccount('imap', security, server, HOST, overrides);
}

const trusted = { extraCa: [ca.pem] };

describe.each<Security>(['tls', 'starttls'])('IMAP with security: %s', (security) => {
  it('logs in with the password and opens INBOX read-only with EXAMINE, never SELECT (3 messages)', async () => {
    const run = await runIncoming(imapAccount(security), trusted);
    expect(run.connect.outcome?.status).toBe('pass');
    expect(run.tls.outcome?.status).toBe('pass');
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { key: 'incoming.auth.pass', params: { count: 3, user: DOVECOT_USERS.alice.name } } });
    expect(evidence(run.auth.outcome, 'incoming.evidence.messages')).toBe('3');
    expect(evidence(run.auth.outcome, 'incoming.evidence.readOnly')).toContain('READ-ONLY');
    expect(evidence(run.auth.outcome, 'incoming.evidence.mechanisms')).toContain('AUTH=PLAIN');
    expect(clientLines(run.transcript, /\bEXAMINE INBOX\b/)).toHaveLength(1);
    expect(clientLines(run.transcript, /\b(SELECT|STORE|EXPUNGE|APPEND)\b/)).toEqual([]);
    expect(clientLines(run.transcript, /\bLOGOUT\b/)).toHaveLength(1);
  });

  it('fails with AUTH_REJECTED after exactly one login attempt when the password is wrong', async () => {
    const offset = dovecot.readLog().length;
    const run = await runIncoming(imapAccount(security, { auth: { password: secret('not-the-password-1') } }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toMatch(/NO \[AUTHENTICATIONFAILED\] Authentication failed\./);
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.checkPassword');
    expect(clientLines(run.transcript, /\b(AUTHENTICATE|LOGIN)\b/)).toHaveLength(1);
    expect(await dovecot.countInLog('Password mismatch', offset)).toBe(1);
  });

  it('logs in with XOAUTH2 and a valid token from auth.accessToken', async () => {
    const run = await runIncoming(imapAccount(security, { auth: tokenAuth(VALID_TOKEN) }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { params: { method: 'AUTHENTICATE XOAUTH2', count: 3 } } });
    expect(evidence(run.auth.outcome, 'incoming.evidence.tokenOrigin')).toBe('config');
    expect(dovecot.introspection?.requests).toContain(VALID_TOKEN);
  });

  it('fails with OAUTH_TOKEN_REJECTED and shows the SASL error challenge when the token is invalid', async () => {
    const run = await runIncoming(imapAccount(security, { auth: tokenAuth(INVALID_TOKEN) }), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'OAUTH_TOKEN_REJECTED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.challenge')).toContain('"status":"401"');
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toContain('[AUTHENTICATIONFAILED]');
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.tokenRejected');
    expect(clientLines(run.transcript, /\bAUTHENTICATE\b/)).toHaveLength(1);
  });

  it('uses OAUTHBEARER when the server offers it and not XOAUTH2', async () => {
    const run = await runIncoming(imapAccount(security, { auth: tokenAuth(VALID_TOKEN) }, oauthbearerOnly), trusted);
    expect(evidence(run.auth.outcome, 'incoming.evidence.mechanisms')).not.toContain('XOAUTH2');
    expect(run.auth.outcome).toMatchObject({ status: 'pass', summary: { params: { method: 'AUTHENTICATE OAUTHBEARER', count: 3 } } });
  });
});

describe('IMAP with STARTTLS', () => {
  it('shows the capabilities before and after STARTTLS and the server’s answer to it', async () => {
    const run = await runIncoming(imapAccount('starttls'), trusted, 'tls');
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesBefore')).toContain('STARTTLS');
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesAfter')).not.toContain('STARTTLS');
    expect(evidence(run.tls.outcome, 'incoming.evidence.starttlsReply')).toMatch(/OK Begin TLS negotiation/);
    expect(evidence(run.tls.outcome, 'mail.evidence.tlsProtocol')).toMatch(/^TLSv1\.[23]$/);
  });
});

describe('IMAP account problems Dovecot reports', () => {
  it('fails with MAILBOX_UNAVAILABLE when the login works but INBOX cannot be opened', async () => {
    const account = imapAccount('tls', { mailbox: DOVECOT_USERS.broken.name, auth: { password: secret(DOVECOT_USERS.broken.password) } });
    const run = await runIncoming(account, trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'MAILBOX_UNAVAILABLE' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.command')).toBe('EXAMINE');
    expect(evidence(run.auth.outcome, 'incoming.evidence.mailboxReply')).toMatch(/NO \[SERVERBUG\]/);
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.mailbox');
  });

  it('fails with IMAP_DISABLED when IMAP is turned off for the account, quoting the server', async () => {
    const account = imapAccount('tls', { mailbox: DOVECOT_USERS.noImap.name, auth: { password: secret(DOVECOT_USERS.noImap.password) } });
    const run = await runIncoming(account, trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'IMAP_DISABLED' });
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginReply')).toMatch(/NO \[CONTACTADMIN\] This protocol is disabled for this account/);
    expect(remediationText(run.auth.outcome)).toContain('incoming.auth.fix.askAdmin');
  });

  it('uses auth.username as the login name when it is set', async () => {
    const account = imapAccount('tls', { mailbox: 'shared@example.test', auth: { username: DOVECOT_USERS.alice.name } });
    const run = await runIncoming(account, trusted);
    expect(run.auth.outcome?.status).toBe('pass');
    expect(evidence(run.auth.outcome, 'incoming.evidence.loginName')).toBe(DOVECOT_USERS.alice.name);
  });
});

describe('IMAP certificates (the real server, one certificate per SNI name)', () => {
  const at = (host: string, security: Security = 'tls') => imapAccount(security, { incoming: { host } });

  it('passes with the test CA trusted through tls.caFile (extraCa)', async () => {
    const run = await runIncoming(at(HOST), trusted, 'tls');
    expect(run.tls.outcome?.status).toBe('pass');
    expect(evidence(run.tls.outcome, 'mail.evidence.certTrust')).toBe('trusted');
  });

  it('fails with TLS_CERT_UNTRUSTED and the caFile fix when the CA is not trusted', async () => {
    const run = await runIncoming(at(HOST), {}, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(evidence(run.tls.outcome, 'mail.evidence.certTrust')).toMatch(/not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    expect(remediationText(run.tls.outcome)).toContain('caFile: ./corporate-root.pem');
  });

  it('fails with TLS_CERT_EXPIRED when the certificate expired yesterday, over IMAPS and over STARTTLS', async () => {
    for (const security of ['tls', 'starttls'] as const) {
      const run = await runIncoming(at('expired.example.test', security), trusted);
      expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_EXPIRED' });
      expect(Number(evidence(run.tls.outcome, 'mail.evidence.certDaysLeft'))).toBeLessThan(0);
      expect(remediationText(run.tls.outcome)).toContain('mail.fix.renewCertificate');
      // Nothing is sent over a connection whose certificate failed: no login was attempted.
      expect(run.auth.outcome).toBeUndefined();
      expect(clientLines(run.transcript, /\b(AUTHENTICATE|LOGIN|CAPABILITY|LOGOUT)\b/)).toEqual([]);
    }
  });

  it('warns with TLS_CERT_EXPIRING when the certificate expires in 10 days, and still logs in', async () => {
    const run = await runIncoming(at('expiring.example.test'), trusted);
    expect(run.tls.outcome).toMatchObject({ status: 'warn', code: 'TLS_CERT_EXPIRING', summary: { params: { days: 9 } } });
    expect(run.auth.outcome?.status).toBe('pass');
  });

  it('fails with TLS_HOSTNAME_MISMATCH and offers the name the certificate is for', async () => {
    const run = await runIncoming(at('wronghost.example.test'), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_HOSTNAME_MISMATCH' });
    expect(evidence(run.tls.outcome, 'mail.evidence.certNames')).toBe('other.example.test');
    expect(remediationText(run.tls.outcome)).toContain('host: other.example.test');
  });

  it('fails with TLS_SELF_SIGNED for a self-signed certificate', async () => {
    const run = await runIncoming(at('selfsigned.example.test'), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_SELF_SIGNED' });
    expect(remediationText(run.tls.outcome)).toContain('mail.fix.selfSigned');
  });

  it('fails with TLS_CERT_UNTRUSTED for a certificate from an unknown CA', async () => {
    const run = await runIncoming(at('unknownca.example.test'), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(evidence(run.tls.outcome, 'mail.evidence.certIssuer')).toContain('Unknown Test CA');
  });
});

describe('IMAP on the wrong kind of port (the real server)', () => {
  it('fails with IMPLICIT_TLS_ON_STARTTLS_PORT and the YAML fix when security: tls points at the plaintext port', async () => {
    const run = await runIncoming(imapAccount('tls', { incoming: { port: dovecot.imapPort } }), trusted, 'tls');
    expect(run.connect.outcome?.status).toBe('pass');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
    expect(remediationText(run.tls.outcome)).toContain('security: starttls');
  });

  it('fails with STARTTLS_ON_IMPLICIT_TLS_PORT and the YAML fix when security: starttls points at the IMAPS port', async () => {
    const run = await runIncoming(imapAccount('starttls', { incoming: { port: dovecot.imapsPort } }), { ...trusted, options: { stepTimeoutMs: 700 } }, 'tls');
    expect(run.connect.outcome?.status).toBe('pass');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_ON_IMPLICIT_TLS_PORT' });
    expect(remediationText(run.tls.outcome)).toContain('security: tls');
  });
});

describe('secrets', () => {
  it('never shows the password or the token, raw or base64, in results or transcripts', async () => {
    const password = DOVECOT_USERS.alice.password;
    const runs = [
      await runIncoming(imapAccount('starttls'), trusted),
      await runIncoming(imapAccount('tls', { auth: { password: secret('Wrong-Canary-Password-42') } }), trusted),
      await runIncoming(imapAccount('tls', { auth: tokenAuth(VALID_TOKEN) }), trusted),
      await runIncoming(imapAccount('tls', { auth: tokenAuth(INVALID_TOKEN) }), trusted),
    ];
    const output = JSON.stringify(runs);
    const forbidden = [
      password,
      'Wrong-Canary-Password-42',
      VALID_TOKEN,
      INVALID_TOKEN,
      Buffer.from(password).toString('base64').slice(0, 12),
      saslPlain(DOVECOT_USERS.alice.name, password),
      saslXoauth2(DOVECOT_USERS.alice.name, VALID_TOKEN),
      saslXoauth2(DOVECOT_USERS.alice.name, INVALID_TOKEN),
    ];
    for (const value of forbidden) expect(output).not.toContain(value);
    expect(output).toContain('AUTHENTICATE XOAUTH2 \\"(* value hidden *)\\"');
  });
});
