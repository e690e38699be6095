/**
 * A Gmail account end to end in the sandbox, through the real runner and the real protocol clients:
 * gmail.credentials, incoming.* against a real Dovecot (IMAPS and POP3S) and smtp.* against smtp-server,
 * on both paths — an app password (also pasted with Google's spaces) and Google OAuth, where the refresh
 * token is exchanged at the local stand-in of Google's token endpoint and the access token it issues logs
 * in with XOAUTH2 (Dovecot asks the stand-in's token table through RFC 7662 introspection).
 */
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, secret, type AccountOverrides } from '../../support/check-context.js';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot.js';
import { GMAIL_SCOPE, startGoogleTokenStandin, type GoogleTokenStandin } from '../../../standins/google-token-standin.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import type { CheckResult } from '../../../src/core/check.js';
import { evidenceOf, leaks, remediationKeys, runGmail, statuses, traceOf } from './run-gmail.js';

const APP_PASSWORD = 'qwhvnbzkplmtrdsx';
const APP_PASSWORD_SPACED = 'qwhv nbzk plmt rdsx';
const CLIENT_ID = '123456789012-canaryclient0abc.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-canary-Client-Secret-71f3';
const REFRESH_TOKEN = '1//0canary-Refresh-Token-for-oauth-user-9b2c';
const OTHER_ACCOUNT_REFRESH = '1//0canary-Refresh-Token-other-account-5d1e';

const USERS = {
  app: { name: 'contato@gmail.test', password: APP_PASSWORD, messages: 2 },
  oauth: { name: 'oauth@gmail.test', password: 'unused-Dovecot-Password-1', messages: 4 },
} as const satisfies Record<string, DovecotUser>;

const ca = createCa();
let dovecot: DovecotServer;
/** Offers OAUTHBEARER (RFC 7628), which Gmail also offers, and not XOAUTH2. */
let oauthbearerOnly: DovecotServer;
let smtp: SmtpTestServer;
let google: GoogleTokenStandin;
const allResults: CheckResult[] = [];

beforeAll(async () => {
  google = await startGoogleTokenStandin({
    certificate: issueCert(ca, { hosts: ['127.0.0.1'] }),
    clients: [{ id: CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production' }],
    refreshTokens: [
      { token: REFRESH_TOKEN, clientId: CLIENT_ID, user: USERS.oauth.name, scopes: [GMAIL_SCOPE, 'openid', 'https://www.googleapis.com/auth/userinfo.email'] },
      { token: OTHER_ACCOUNT_REFRESH, clientId: CLIENT_ID, user: 'someone.else@gmail.test', scopes: [GMAIL_SCOPE] },
    ],
  });
  [dovecot, oauthbearerOnly, smtp] = await Promise.all([
    startDovecot({
      certificate: issueCert(ca, { hosts: ['imap.gmail.test', 'pop.gmail.test'] }),
      users: Object.values(USERS),
      oauth: { tokens: google.mailTokens },
    }),
    startDovecot({
      certificate: issueCert(ca, { hosts: ['imap.gmail.test'] }),
      users: Object.values(USERS),
      oauth: { tokens: google.mailTokens },
      authMechanisms: ['plain', 'oauthbearer'],
    }),
    startSmtpServer({
      certificate: issueCert(ca, { hosts: ['smtp.gmail.test'] }),
      users: { [USERS.app.name]: APP_PASSWORD },
      tokens: google.smtpTokens,
      authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([dovecot?.stop(), oauthbearerOnly?.stop(), smtp?.close(), google?.stop()]);
});

function gmailAccount(protocol: 'imap' | 'pop3', overrides: AccountOverrides = {}) {
  return makeAccount({
    provider: 'gmail',
    mailbox: USERS.app.name,
    ...overrides,
    auth: { method: 'password', password: secret(APP_PASSWORD, 'env', '${env:GMAIL_APP_PASSWORD}'), ...overrides.auth },
    incoming: {
      ...(protocol === 'imap'
        ? { protocol, host: 'imap.gmail.test', port: dovecot.imapsPort, security: 'tls' }
        : { protocol, host: 'pop.gmail.test', port: dovecot.pop3sPort, security: 'tls' }),
      ...overrides.incoming,
    },
    outgoing: { host: 'smtp.gmail.test', port: smtp.port, security: 'starttls' },
    endpoints: { googleToken: google.url },
  });
}

const OAUTH: AccountOverrides = {
  mailbox: USERS.oauth.name,
  auth: {
    method: 'oauth2',
    password: undefined,
    clientId: CLIENT_ID,
    clientSecret: secret(CLIENT_SECRET, 'env', '${env:GOOGLE_CLIENT_SECRET}'),
    refreshToken: secret(REFRESH_TOKEN, 'env', '${env:GOOGLE_REFRESH_TOKEN}'),
  },
};

async function run(protocol: 'imap' | 'pop3', overrides: AccountOverrides = {}): Promise<Record<string, CheckResult>> {
  const results = await runGmail(gmailAccount(protocol, overrides), { extraCa: [ca.pem] });
  allResults.push(...Object.values(results));
  return results;
}

const ALL_PASS = {
  'gmail.credentials': 'pass',
  'incoming.connect': 'pass',
  'incoming.tls': 'pass',
  'incoming.auth': 'pass',
  'smtp.connect': 'pass',
  'smtp.tls': 'pass',
  'smtp.auth': 'pass',
  'smtp.send': 'pass',
};

describe('app password', () => {
  it.each(['imap', 'pop3'] as const)('passes every check over %s with a 16-letter app password', async (protocol) => {
    smtp.clear();
    const results = await run(protocol);
    expect(statuses(results)).toEqual(ALL_PASS);
    expect(results['gmail.credentials']).toMatchObject({ summary: { key: 'gmail.appPassword.pass' } });
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.passwordShape')).toBe('16 letters');
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.messages')).toBe('2');
    expect(smtp.auths).toEqual([{ method: 'PLAIN', username: USERS.app.name, accepted: true }]);
  });

  it.each(['imap', 'pop3'] as const)(
    'removes the spaces of an app password pasted in groups of four, says so, and logs in over %s and SMTP',
    async (protocol) => {
      smtp.clear();
      const offset = dovecot.readLog().length;
      const results = await run(protocol, { auth: { password: secret(APP_PASSWORD_SPACED, 'env', '${env:GMAIL_APP_PASSWORD}') } });
      expect(results['gmail.credentials']).toMatchObject({
        status: 'warn',
        code: 'GMAIL_APP_PASSWORD_SPACES',
        summary: { key: 'gmail.appPassword.spaces', params: { spaces: 3, reference: '${env:GMAIL_APP_PASSWORD}' } },
      });
      expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.passwordShape')).toBe('16 letters (+3 spaces removed)');
      expect(remediationKeys(results['gmail.credentials'])).toEqual(['gmail.fix.removeSpaces']);
      expect(results['incoming.auth']?.status).toBe('pass');
      expect(results['smtp.auth']?.status).toBe('pass');
      expect(smtp.auths).toEqual([{ method: 'PLAIN', username: USERS.app.name, accepted: true }]);
      expect(await dovecot.countInLog('Password mismatch', offset)).toBe(0);
    },
  );

  it('warns with GMAIL_NOT_APP_PASSWORD when the password is not 16 letters (the normal account password), and the login says why', async () => {
    const results = await run('imap', { auth: { password: secret('Minha-Senha-Normal-2024', 'env', '${env:GMAIL_APP_PASSWORD}') } });
    expect(results['gmail.credentials']).toMatchObject({ status: 'warn', code: 'GMAIL_NOT_APP_PASSWORD' });
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.passwordShape')).toBe('23 characters, not only letters');
    expect(results['gmail.credentials']?.remediation.map((step) => step.target)).toEqual(
      expect.arrayContaining(['https://myaccount.google.com/signinoptions/twosv', 'https://myaccount.google.com/apppasswords']),
    );
    // Dovecot answers a wrong password the way any server does; Gmail's own 534/[ALERT] texts are in gmail-replies.test.ts.
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
  });
});

describe('Google OAuth', () => {
  it.each(['imap', 'pop3'] as const)('passes every check over %s: one token request, whose token logs in with XOAUTH2 there and to SMTP', async (protocol) => {
    smtp.clear();
    google.clear();
    const results = await run(protocol, OAUTH);
    expect(statuses(results)).toEqual(ALL_PASS);
    expect(results['gmail.credentials']).toMatchObject({
      summary: { key: 'gmail.token.pass', params: { clientId: CLIENT_ID, scope: GMAIL_SCOPE, minutes: 60 } },
    });
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.scopes')).toContain(GMAIL_SCOPE);
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.tokenEndpoint')).toBe(google.url);
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.tokenOrigin')).toBe('google');
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.method')).toMatch(/XOAUTH2/);
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.messages')).toBe('4');
    expect(evidenceOf(results['smtp.auth'], 'smtp.evidence.mechanism')).toBe('XOAUTH2');
    // One refresh for the whole account, whichever check asked first; the mail servers checked that very token.
    expect(google.requests).toEqual([{ clientId: CLIENT_ID, grantType: 'refresh_token', hasSecret: true, hasRefreshToken: true, status: 200 }]);
    expect(dovecot.introspection?.requests).toContain(google.issued[google.issued.length - 1]);
    expect(smtp.auths).toEqual([{ method: 'XOAUTH2', username: USERS.oauth.name, accepted: true }]);
    expect(google.unexpected).toEqual([]);
  });

  it('logs in with OAUTHBEARER when the server offers it and not XOAUTH2', async () => {
    const results = await run('imap', { ...OAUTH, incoming: { port: oauthbearerOnly.imapsPort } });
    expect(results['incoming.auth']?.status).toBe('pass');
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.method')).toBe('AUTHENTICATE OAUTHBEARER');
    expect(evidenceOf(results['incoming.auth'], 'incoming.evidence.tokenOrigin')).toBe('google');
  });

  it('fails incoming.auth with OAUTH_TOKEN_REJECTED when the refresh token belongs to another Google account, decoding the 401 challenge', async () => {
    google.clear();
    const results = await run('imap', { ...OAUTH, auth: { ...OAUTH.auth, refreshToken: secret(OTHER_ACCOUNT_REFRESH, 'env', '${env:GOOGLE_REFRESH_TOKEN}') } });
    expect(results['gmail.credentials']?.status).toBe('pass');
    const auth = results['incoming.auth'];
    expect(auth).toMatchObject({
      status: 'fail',
      code: 'OAUTH_TOKEN_REJECTED',
      summary: { key: 'gmail.mail.freshTokenRejected', params: { protocol: 'IMAP', user: USERS.oauth.name, status: '401' } },
    });
    expect(JSON.parse(evidenceOf(auth, 'incoming.evidence.challenge') ?? '{}')).toMatchObject({ status: '401' });
    expect(remediationKeys(auth)).toEqual(['gmail.fix.tokenOtherAccount', 'gmail.fix.reauthorise', 'gmail.fix.imapOauthClients']);
    expect(traceOf(auth).filter((line) => /^client: .*AUTHENTICATE/.test(line))).toHaveLength(1);
    expect(google.requests).toHaveLength(1);
  });

  it('does not log in at all when the token endpoint refuses: incoming.auth and smtp.auth fail with the same code after one token request', async () => {
    google.clear();
    const introspected = dovecot.introspection?.requests.length ?? 0;
    smtp.clear();
    const results = await run('imap', {
      ...OAUTH,
      auth: { ...OAUTH.auth, clientSecret: secret('GOCSPX-wrong-Secret-000', 'env', '${env:GOOGLE_CLIENT_SECRET}') },
    });
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_SECRET_WRONG' });
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_SECRET_WRONG', summary: { key: 'gmail.token.failedForMail' } });
    expect(results['smtp.auth']).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_SECRET_WRONG' });
    expect(google.requests).toHaveLength(1);
    expect(dovecot.introspection?.requests.length).toBe(introspected);
    expect(smtp.auths).toEqual([]);
  });
});

describe('canary', () => {
  it('never shows the app password, client secret, refresh token or an access token — raw, base64 or URL-encoded — in any result or transcript', () => {
    expect(allResults.length).toBeGreaterThan(40);
    const text = JSON.stringify(allResults);
    expect(google.issued.length).toBeGreaterThan(0);
    expect(leaks(text, [APP_PASSWORD, APP_PASSWORD_SPACED, CLIENT_SECRET, REFRESH_TOKEN, OTHER_ACCOUNT_REFRESH, ...google.issued])).toEqual([]);
    // The transcripts were really recorded (the assertion above is not vacuous).
    expect(text).toContain('POST https://127.0.0.1');
    expect(text).toMatch(/AUTHENTICATE XOAUTH2|AUTH XOAUTH2/);
  });
});
