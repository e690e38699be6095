/**
 * Gmail's own reply texts (docs/provider-facts.md §Gmail replies), which Dovecot and smtp-server cannot be
 * made to produce, from small servers speaking Gmail's capabilities, through the real runner and protocol
 * clients: the XOAUTH2 error challenge (400 scope missing, 401 token invalid) on IMAP, POP3 and SMTP;
 * "Too many login attempts" on IMAP and SMTP (one attempt, never retried); the normal password where an
 * app password is needed; an app password with spaces arriving without them on the wire.
 */
import { gmailCredentialsCheck } from '../../../src/checks/gmail/credentials.js';
import { incomingAuthCheck } from '../../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, secret, type AccountOverrides } from '../../support/check-context.js';
import { REPLIES, closeFaultServers, startScriptedSmtp, type FaultServer as SmtpFault } from '../../../standins/fault-servers.js';
import { GMAIL_IMAP_CAPABILITIES, GMAIL_IMAP_GREETING, startFakeImap, startFakePop3, type FaultServer } from '../../support/incoming-fault-servers.js';
import { evidenceOf, leaks, remediationKeys, runGmail, traceOf } from './run-gmail.js';

const MAILBOX = 'contato@empresa.test';
const TOKEN = 'ya29.canary-Access-Token-from-config-3f9a';
const APP_PASSWORD = 'zxkvbnqwtyuplmsd';
const SCOPE_CHALLENGE = '{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}';
const INVALID_CHALLENGE = '{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}';
const GMAIL_SMTP_AUTH = ['AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH'];
const GMAIL_POP3_CAPA = ['USER', 'RESP-CODES', 'EXPIRE 0', 'LOGIN-DELAY 300', 'TOP', 'UIDL', 'X-GOOGLE-RICO', 'SASL PLAIN XOAUTH2 OAUTHBEARER'];
const INVALID_CREDENTIALS = 'NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)';
const BAD_CREDENTIALS_535 = REPLIES.gmailBadCredentials;
const TOO_MANY_454 =
  '454-4.7.0 Too many login attempts, please try again later. For more information, go to\r\n454 4.7.0  https://support.google.com/mail/answer/7126229 d9443c01a7336-2a1c7c5e1f6sm1234567b3a.12 - gsmtp';

const ca = createCa();
const certificate = issueCert(ca, { hosts: ['imap.gmail.test', 'pop.gmail.test', 'smtp.gmail.test'] });
const incomingServers: FaultServer[] = [];
const fast = { extraCa: [ca.pem], options: { stepTimeoutMs: 1500 } };
const INCOMING = [incomingConnectCheck, incomingTlsCheck, incomingAuthCheck];
const SMTP = [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck];
const everything: string[] = [];

afterAll(async () => {
  await Promise.all(incomingServers.map((server) => server.stop()));
  await closeFaultServers();
});

async function imap(login: Parameters<typeof startFakeImap>[0]['login']): Promise<FaultServer> {
  const server = await startFakeImap({
    tls: certificate,
    greeting: GMAIL_IMAP_GREETING,
    capabilities: GMAIL_IMAP_CAPABILITIES,
    // Gmail advertises XLIST, so imapflow lists with it.
    afterLogin: (command) => (command === 'XLIST' ? ['* XLIST (\\HasNoChildren \\Inbox) "/" "INBOX"', '{tag} OK Success'] : undefined),
    ...(login ? { login } : {}),
  });
  incomingServers.push(server);
  return server;
}

async function pop3(login: Parameters<typeof startFakePop3>[0]['login']): Promise<FaultServer> {
  const server = await startFakePop3({
    tls: certificate,
    greeting: '+OK Gpop ready for requests from 127.0.0.1 a1mb12345678pob',
    capa: GMAIL_POP3_CAPA,
    ...(login ? { login } : {}),
  });
  incomingServers.push(server);
  return server;
}

function smtp(auth: (lines: readonly string[]) => string): Promise<SmtpFault> {
  return startScriptedSmtp({
    certificate,
    greeting: '220 smtp.gmail.com ESMTP d9443c01a7336-2a1c7c5e1f6sm1234567b3a.12 - gsmtp',
    ehloAfterTls: GMAIL_SMTP_AUTH,
    auth,
  });
}

function account(overrides: AccountOverrides & { imapPort?: number; pop3Port?: number; smtpPort?: number }) {
  const { imapPort, pop3Port, smtpPort, ...rest } = overrides;
  return makeAccount({
    provider: 'gmail',
    mailbox: MAILBOX,
    ...rest,
    auth: { method: 'oauth2', password: undefined, accessToken: secret(TOKEN, 'env', '${env:ACCESS_TOKEN}'), ...rest.auth },
    incoming: pop3Port
      ? { protocol: 'pop3', host: 'pop.gmail.test', port: pop3Port, security: 'tls' }
      : { protocol: 'imap', host: 'imap.gmail.test', port: imapPort ?? 1, security: 'tls' },
    outgoing: { host: 'smtp.gmail.test', port: smtpPort ?? 1, security: 'starttls' },
  });
}

async function run(...args: Parameters<typeof runGmail>) {
  const results = await runGmail(...args);
  everything.push(JSON.stringify(results));
  return results;
}

/** The SASL payload a client line carries (`AUTHENTICATE PLAIN <b64>`, `AUTH PLAIN <b64>` or a continuation), decoded. */
function decoded(line: string): string {
  return Buffer.from(line.split(' ').pop() ?? '', 'base64').toString('utf8');
}

describe('the XOAUTH2 error challenge', () => {
  it('fails IMAP with OAUTH_SCOPE_MISSING when Gmail answers status 400 for the mail scope, after one AUTHENTICATE', async () => {
    const server = await imap(() => ({ challenge: SCOPE_CHALLENGE, status: INVALID_CREDENTIALS }));
    const results = await run(account({ imapPort: server.port }), { ...fast, checks: INCOMING });
    const auth = results['incoming.auth'];
    expect(auth).toMatchObject({
      status: 'fail',
      code: 'OAUTH_SCOPE_MISSING',
      summary: { key: 'gmail.mail.scopeMissing', params: { protocol: 'IMAP', status: '400', scope: 'https://mail.google.com/' } },
    });
    expect(JSON.parse(evidenceOf(auth, 'incoming.evidence.challenge') ?? '{}')).toEqual(JSON.parse(SCOPE_CHALLENGE));
    expect(remediationKeys(auth)).toEqual(['gmail.fix.dataAccess', 'gmail.fix.reauthorise', 'gmail.fix.userMatchesToken']);
    const logins = (server.received[0] ?? []).filter((line) => /AUTHENTICATE/i.test(line));
    expect(logins).toHaveLength(1);
  });

  it('fails POP3 with OAUTH_SCOPE_MISSING after answering the challenge with an empty line', async () => {
    const server = await pop3(() => ({ challenge: SCOPE_CHALLENGE, status: '-ERR [AUTH] Invalid credentials.' }));
    const results = await run(account({ pop3Port: server.port }), { ...fast, checks: INCOMING });
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'OAUTH_SCOPE_MISSING', summary: { params: { protocol: 'POP3' } } });
    const lines = server.received[0] ?? [];
    const auth = lines.findIndex((line) => line === 'AUTH XOAUTH2');
    expect(auth).toBeGreaterThanOrEqual(0);
    expect(lines[auth + 2]).toBe('');
    expect(lines.filter((line) => line.startsWith('AUTH '))).toHaveLength(1);
  });

  it('fails SMTP with OAUTH_SCOPE_MISSING, not "bad credentials", when the 334 challenge says 400 before 535-5.7.8', async () => {
    const server = await smtp((lines) => (lines.length === 1 ? `334 ${Buffer.from(SCOPE_CHALLENGE).toString('base64')}` : BAD_CREDENTIALS_535));
    const results = await run(account({ smtpPort: server.port }), { ...fast, checks: SMTP });
    const auth = results['smtp.auth'];
    expect(auth).toMatchObject({ status: 'fail', code: 'OAUTH_SCOPE_MISSING', summary: { params: { protocol: 'SMTP', status: '400' } } });
    expect(evidenceOf(auth, 'smtp.evidence.challenge')).toBe(SCOPE_CHALLENGE);
    expect(evidenceOf(auth, 'mail.evidence.serverReply')).toContain('535 5.7.8');
    expect(server.received.filter((line) => line.startsWith('AUTH '))).toHaveLength(1);
  });

  it('fails SMTP with OAUTH_TOKEN_REJECTED on status 401 for a token from the file, saying tokens expire', async () => {
    const server = await smtp((lines) => (lines.length === 1 ? `334 ${Buffer.from(INVALID_CHALLENGE).toString('base64')}` : BAD_CREDENTIALS_535));
    const results = await run(account({ smtpPort: server.port }), { ...fast, checks: SMTP });
    const auth = results['smtp.auth'];
    expect(auth).toMatchObject({ status: 'fail', code: 'OAUTH_TOKEN_REJECTED', summary: { key: 'gmail.mail.tokenRejected', params: { status: '401' } } });
    expect(remediationKeys(auth)).toEqual(['gmail.fix.accessTokenExpired']);
  });
});

describe('too many login attempts', () => {
  it('fails IMAP with TOO_MANY_LOGIN_ATTEMPTS after its one login, saying to wait and what else keeps trying', async () => {
    const server = await imap(() => ({ status: 'NO [ALERT] Too many login attempts, please try again later. (Failure)' }));
    const results = await run(account({ imapPort: server.port, auth: { method: 'password', accessToken: undefined, password: secret(APP_PASSWORD) } }), {
      ...fast,
      checks: INCOMING,
    });
    const auth = results['incoming.auth'];
    expect(auth).toMatchObject({
      status: 'fail',
      code: 'TOO_MANY_LOGIN_ATTEMPTS',
      summary: { key: 'gmail.mail.tooManyLoginAttempts', params: { protocol: 'IMAP', user: MAILBOX } },
    });
    expect(evidenceOf(auth, 'incoming.evidence.loginReply')).toContain('Too many login attempts');
    expect(remediationKeys(auth)).toEqual(['gmail.fix.waitLockout', 'gmail.fix.stopOtherClients', 'gmail.fix.lockoutHelp']);
    expect((server.received[0] ?? []).filter((line) => /\b(LOGIN|AUTHENTICATE)\b/i.test(line))).toHaveLength(1);
  });

  it('fails SMTP with TOO_MANY_LOGIN_ATTEMPTS on 454-4.7.0, not as a passing hiccup, after one AUTH', async () => {
    const server = await smtp(() => TOO_MANY_454);
    const results = await run(account({ smtpPort: server.port, auth: { method: 'password', accessToken: undefined, password: secret(APP_PASSWORD) } }), {
      ...fast,
      checks: SMTP,
    });
    const auth = results['smtp.auth'];
    expect(auth).toMatchObject({ status: 'fail', code: 'TOO_MANY_LOGIN_ATTEMPTS', summary: { params: { protocol: 'SMTP' } } });
    expect(auth?.remediation.map((step) => step.target).filter(Boolean)).toEqual(['https://support.google.com/mail/answer/7126229']);
    expect(server.received.filter((line) => line.startsWith('AUTH '))).toHaveLength(1);
  });
});

describe('app passwords on the wire', () => {
  it('sends the app password without the spaces it was pasted with, to IMAP and SMTP', async () => {
    const imapServer = await imap((_mechanism, payload) => ({
      status: decoded(payload) === `\0${MAILBOX}\0${APP_PASSWORD}` ? 'OK contato@empresa.test authenticated (Success)' : INVALID_CREDENTIALS,
    }));
    const smtpServer = await smtp((lines) => (decoded(lines[0] ?? '') === `\0${MAILBOX}\0${APP_PASSWORD}` ? '235 2.7.0 Accepted' : BAD_CREDENTIALS_535));
    const spaced = secret('zxkv bnqw tyup lmsd', 'env', '${env:GMAIL_APP_PASSWORD}');
    const results = await run(
      account({ imapPort: imapServer.port, smtpPort: smtpServer.port, auth: { method: 'password', accessToken: undefined, password: spaced } }),
      {
        ...fast,
        checks: [gmailCredentialsCheck, ...INCOMING, ...SMTP],
      },
    );
    expect(results['gmail.credentials']).toMatchObject({ status: 'warn', code: 'GMAIL_APP_PASSWORD_SPACES' });
    expect(results['incoming.auth']?.status).toBe('pass');
    expect(results['smtp.auth']?.status).toBe('pass');
  });

  it('with the normal account password: gmail.credentials warns, and IMAP and SMTP fail with GMAIL_APP_PASSWORD_REQUIRED (534-5.7.9 / [ALERT])', async () => {
    const imapServer = await imap(() => ({
      status: 'NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
    }));
    const smtpServer = await smtp(() => REPLIES.gmailAppPassword);
    const results = await run(
      account({
        imapPort: imapServer.port,
        smtpPort: smtpServer.port,
        auth: { method: 'password', accessToken: undefined, password: secret('Senha-Da-Conta-2024!') },
      }),
      {
        ...fast,
        checks: [gmailCredentialsCheck, ...INCOMING, ...SMTP],
      },
    );
    expect(results['gmail.credentials']).toMatchObject({ status: 'warn', code: 'GMAIL_NOT_APP_PASSWORD' });
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'GMAIL_APP_PASSWORD_REQUIRED' });
    expect(results['smtp.auth']).toMatchObject({ status: 'fail', code: 'GMAIL_APP_PASSWORD_REQUIRED' });
    expect(traceOf(results['incoming.auth']).filter((line) => /^client: .*\b(LOGIN|AUTHENTICATE)\b/.test(line))).toHaveLength(1);
  });
});

describe('canary', () => {
  it('never shows the access token or the app password, raw, base64 or URL-encoded, in any result or transcript', () => {
    expect(everything.length).toBeGreaterThanOrEqual(8);
    const text = everything.join('\n');
    expect(text).toMatch(/AUTHENTICATE XOAUTH2|AUTH XOAUTH2/);
    expect(leaks(text, [TOKEN, APP_PASSWORD, 'zxkv bnqw tyup lmsd', 'Senha-Da-Conta-2024!'])).toEqual([]);
  });
});
