/**
 * `--login` for Gmail OAuth end to end: the tool prints Google's authorization URL, the test plays the
 * person and the browser (consents at the stand-in's authorization route and pastes the address it was
 * sent to, or lets the browser follow the redirect to the tool's loopback listener), the code is redeemed
 * at the token stand-in with PKCE, and the refresh token obtained — not the dead one in the file — is
 * proved by gmail.credentials' refresh, whose access token logs in to SMTP with XOAUTH2. The new refresh
 * token and the code never show.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCa, issueCert } from '../../support/certs.js';
import { makeAccount, secret, loopbackResolver } from '../../support/check-context.js';
import { browse } from '../../support/entra-standin/delegated.js';
import { GMAIL_SCOPE, startGoogleTokenStandin, type GoogleTokenStandin } from '../../support/google-token-standin.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import { gmailCredentialsCheck } from '../../../src/checks/gmail/credentials.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpSendCheck } from '../../../src/checks/smtp/send.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import type { Account, PreflightConfig } from '../../../src/config/types.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { GOOGLE_AUTH_ENDPOINT, googleAuthEndpoint, prepareGoogleSignIns } from '../../../src/identity/google-sign-in.js';
import { scriptedPerson } from '../entra/login-person.js';
import { evidenceOf, leaks, runGmail, statuses } from './run-gmail.js';

const CLIENT_ID = '123456789012-loginclient0abc.apps.googleusercontent.com';
const CLIENT_SECRET = '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e4a';
const REVOKED_REFRESH = '1//0canary-Revoked-Refresh-Token-4c7d';
const MAILBOX = 'login@gmail.test';
const REDIRECT_URI = 'https://crm.tactium.test/oauth/google/callback';
const CHECKS = [gmailCredentialsCheck, smtpConnectCheck, smtpTlsCheck, smtpAuthCheck, smtpSendCheck];

const ca = createCa();
let google: GoogleTokenStandin;
let smtp: SmtpTestServer;

beforeAll(async () => {
  google = await startGoogleTokenStandin({
    certificate: issueCert(ca, { hosts: ['127.0.0.1'] }),
    clients: [{ id: CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production' }],
    refreshTokens: [{ token: REVOKED_REFRESH, clientId: CLIENT_ID, user: MAILBOX, scopes: [GMAIL_SCOPE], state: 'revoked' }],
  });
  smtp = await startSmtpServer({ certificate: issueCert(ca, { hosts: ['smtp.gmail.test'] }), users: {}, tokens: google.smtpTokens, authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] });
}, 30_000);

afterAll(async () => {
  const unexpected = [...google.unexpected];
  await Promise.all([smtp?.close(), google?.stop()]);
  expect(unexpected).toEqual([]);
});

beforeEach(() => {
  google.clear();
  smtp.clear();
  google.setConsent({ user: MAILBOX, scopes: [GMAIL_SCOPE] });
});

function account(redirectUri: string): Account {
  return makeAccount({
    provider: 'gmail',
    mailbox: MAILBOX,
    auth: {
      method: 'oauth2',
      password: undefined,
      clientId: CLIENT_ID,
      clientSecret: secret(CLIENT_SECRET, 'env', '${env:GOOGLE_CLIENT_SECRET}'),
      // The token in the file was revoked: only the one --login obtains can pass.
      refreshToken: secret(REVOKED_REFRESH, 'env', '${env:GOOGLE_REFRESH_TOKEN}'),
      redirectUri,
    },
    outgoing: { host: 'smtp.gmail.test', port: smtp.port, security: 'starttls' },
    endpoints: { googleToken: google.url },
  });
}

/** The browser: GET the authorization URL at the stand-in, the address it redirects to. */
async function consentAt(url: string): Promise<string> {
  const answer = await browse(url, { ca: ca.pem });
  if (!answer.location) throw new Error(`the stand-in did not redirect (HTTP ${answer.status}): ${answer.body}`);
  return answer.location;
}

async function signInAndRun(subject: Account, person: ReturnType<typeof scriptedPerson>, stepTimeoutMs = 3000) {
  const config: PreflightConfig = { file: '/tmp/gmail.yaml', accounts: [subject], tls: { extraCa: [ca.pem] } };
  const signIns = await prepareGoogleSignIns(config, CHECKS.map((check) => check.id), {
    t: createTranslator('en'),
    stepTimeoutMs,
    trace: true,
    signal: new AbortController().signal,
    dns: loopbackResolver,
    extraCa: [ca.pem],
    interaction: person.interaction,
  });
  const results = await runGmail(subject, { extraCa: [ca.pem], checks: CHECKS, options: { login: true } });
  return { signIns, results };
}

const ALL_PASS = { 'gmail.credentials': 'pass', 'smtp.connect': 'pass', 'smtp.tls': 'pass', 'smtp.auth': 'pass', 'smtp.send': 'pass' };

describe('Google --login', () => {
  it('signs in by pasting the redirected address: the code is redeemed with PKCE, the new refresh token proved by a refresh and used by SMTP', async () => {
    const person = scriptedPerson({ paste: consentAt });
    const subject = account(REDIRECT_URI);
    const { signIns, results } = await signInAndRun(subject, person);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'signed-in', via: 'paste' })]);
    expect(person.prompts).toEqual(['gmail.login.pastePrompt']);
    expect(statuses(results)).toEqual(ALL_PASS);
    expect(evidenceOf(results['smtp.auth'], 'smtp.evidence.mechanism')).toBe('XOAUTH2');
    expect(smtp.auths).toEqual([{ method: 'XOAUTH2', username: MAILBOX, accepted: true }]);
    // The code redeemed, then the new refresh token refreshed once (gmail.credentials) — the revoked one never sent.
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['authorization_code 200', 'refresh_token 200']);
    expect(google.issuedRefreshTokens).toHaveLength(1);
    // Never written, never printed: not in what the person saw, nor in any result or transcript.
    const output = [...person.shown, JSON.stringify(results)].join('\n');
    const pastedCode = new URL(person.pasted[0] ?? 'http://x/').searchParams.get('code') ?? 'no code pasted';
    expect(leaks(output, [...google.issuedRefreshTokens, pastedCode, ...google.issued, CLIENT_SECRET])).toEqual([]);
  });

  it("prints Google's authorization URL: this client, the redirect URI, the mail scope, offline access with consent, state and PKCE S256", async () => {
    const person = scriptedPerson({ paste: consentAt });
    await signInAndRun(account(REDIRECT_URI), person);
    const url = new URL(person.urls[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(google.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: GMAIL_SCOPE,
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      login_hint: MAILBOX,
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(google.authorizations).toHaveLength(1);
  });

  it('receives the code on its own loopback listener when the redirect URI is http://127.0.0.1 (Desktop app client)', async () => {
    const person = scriptedPerson({
      loopbackBrowser: async (url) => {
        const answer = await browse(url, { ca: ca.pem });
        return answer;
      },
    });
    const { signIns, results } = await signInAndRun(account('http://127.0.0.1/'), person);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'signed-in', via: 'loopback' })]);
    expect(person.prompts).toEqual([]);
    expect(person.loopbackVisits[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?/);
    expect(statuses(results)).toEqual(ALL_PASS);
  });

  it('says the sign-in failed with LOGIN_CANCELLED when the person denies access, and the checks then use the revoked token in the file (GOOGLE_INVALID_GRANT)', async () => {
    google.setConsent(undefined);
    const person = scriptedPerson({ paste: consentAt });
    const { signIns, results } = await signInAndRun(account(REDIRECT_URI), person);
    expect(signIns).toEqual([{ kind: 'failed', code: 'LOGIN_CANCELLED', detail: 'access_denied' }]);
    expect(person.shown.join('\n')).toContain('failed (LOGIN_CANCELLED)');
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'GOOGLE_INVALID_GRANT' });
    expect(google.requests.map((request) => request.grantType)).toEqual(['refresh_token']);
  });

  it('rejects a pasted address of another sign-in (state mismatch) and asks again, then fails with LOGIN_STATE_MISMATCH', async () => {
    const person = scriptedPerson({ paste: async () => `${REDIRECT_URI}?state=someone-elses&code=4/0forged` });
    const { signIns } = await signInAndRun(account(REDIRECT_URI), person);
    expect(signIns).toEqual([{ kind: 'failed', code: 'LOGIN_STATE_MISMATCH' }]);
    expect(person.prompts).toEqual(['gmail.login.pastePrompt', 'gmail.login.pastePrompt', 'gmail.login.pastePrompt']);
    expect(person.shown.join('\n')).toContain('That is not the address after sign-in');
    // The forged code is never redeemed; the run goes on with the file's token.
    expect(google.requests.map((request) => request.grantType)).toEqual(['refresh_token']);
  });

  it('fails with GOOGLE_CODE_REDEMPTION_FAILED and Google\'s invalid_client when the client secret is not this client\'s, without showing the code', async () => {
    const person = scriptedPerson({ paste: consentAt });
    const subject = account(REDIRECT_URI);
    const wrong: Account = { ...subject, auth: { ...subject.auth, clientSecret: secret('GOCSPX-canary-Wrong-Secret-0000', 'env', '${env:GOOGLE_CLIENT_SECRET}') } };
    const { signIns } = await signInAndRun(wrong, person);
    expect(signIns).toEqual([{ kind: 'failed', code: 'GOOGLE_CODE_REDEMPTION_FAILED', detail: 'invalid_client "Unauthorized"' }]);
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['authorization_code 401', 'refresh_token 401']);
    const pastedCode = new URL(person.pasted[0] ?? 'http://x/').searchParams.get('code') ?? 'no code pasted';
    expect(leaks(person.shown.join('\n'), [pastedCode, 'GOCSPX-canary-Wrong-Secret-0000'])).toEqual([]);
  });

  it('gives up with LOGIN_TIMEOUT when nobody pastes within the sign-in time (step timeout × 12)', async () => {
    const person = scriptedPerson({});
    const started = Date.now();
    const { signIns } = await signInAndRun(account(REDIRECT_URI), person, 100);
    expect(signIns).toEqual([{ kind: 'failed', code: 'LOGIN_TIMEOUT' }]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not prompt without a person at a terminal, and says so', async () => {
    const person = scriptedPerson({ canPrompt: false, paste: consentAt });
    const { signIns } = await signInAndRun(account(REDIRECT_URI), person);
    expect(signIns).toEqual([]);
    expect(person.urls).toEqual([]);
    expect(person.shown.join('\n')).toContain('--login needs a person at a terminal');
  });
});

describe('googleAuthEndpoint', () => {
  it("is Google's own for Google's token endpoint, and the stand-in's for a stand-in", () => {
    expect(googleAuthEndpoint(makeAccount({ provider: 'gmail', endpoints: { googleToken: 'https://oauth2.googleapis.com/token' } }))).toBe(GOOGLE_AUTH_ENDPOINT);
    expect(GOOGLE_AUTH_ENDPOINT).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(googleAuthEndpoint(makeAccount({ provider: 'gmail', endpoints: { googleToken: google.url } }))).toBe(google.authorizeUrl);
  });
});
