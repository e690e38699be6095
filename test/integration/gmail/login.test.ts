/**
 * `--login` for Gmail OAuth end to end: the tool prints Google's authorization URL, the test plays the
 * person and the browser (consents at the stand-in's authorization route and pastes the address it was
 * sent to, or lets the browser follow the redirect to the tool's loopback listener), the code is redeemed
 * at the token stand-in with PKCE, and the refresh token obtained — not the dead one in the file — is
 * proved by gmail.credentials' refresh, whose access token logs in to SMTP with XOAUTH2. The new refresh
 * token and the code never show.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, secret, loopbackResolver } from '../../support/check-context.js';
import { browse } from '../../../standins/entra-standin/delegated.js';
import { GMAIL_SCOPE, startGoogleTokenStandin, type GoogleTokenStandin } from '../../../standins/google-token-standin.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import { gmailCredentialsCheck } from '../../../src/checks/gmail/credentials.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpSendCheck } from '../../../src/checks/smtp/send.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import type { Account, PreflightConfig } from '../../../src/config/types.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { GOOGLE_AUTH_ENDPOINT, googleAuthEndpoint } from '../../../src/signin/google.js';
import { prepareSignIns } from '../../../src/signin/prepare.js';
import type { SignIns } from '../../../src/core/sign-in.js';
import { Transcript } from '../../../src/runner/transcript.js';
import { fetchJson } from '../../../src/probes/https/client.js';
import { scriptedPerson } from '../entra/login-person.js';
import { evidenceOf, leaks, remediationKeys, runGmail, statuses } from './run-gmail.js';

const CLIENT_ID = '123456789012-loginclient0abc.apps.googleusercontent.com';
/** An app in "Testing" whose only test user is someone else; Authorized redirect URIs: the CRM's only. */
const TESTING_CLIENT_ID = '123456789012-testingclient.apps.googleusercontent.com';
/** User type Internal for another organisation. */
const INTERNAL_CLIENT_ID = '123456789012-internalclient.apps.googleusercontent.com';
/** Blocked by the Workspace administrator (API controls). */
const BLOCKED_CLIENT_ID = '123456789012-blockedclient0.apps.googleusercontent.com';
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
    clients: [
      { id: CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production' },
      {
        id: TESTING_CLIENT_ID,
        secret: CLIENT_SECRET,
        publishing: 'testing',
        testUsers: ['someone-else@gmail.test'],
        redirectUris: ['https://crm.tactium.test/oauth/google/callback'],
      },
      { id: INTERNAL_CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production', internalDomain: 'other-company.test' },
      { id: BLOCKED_CLIENT_ID, secret: CLIENT_SECRET, publishing: 'production', blockedByAdmin: true },
    ],
    refreshTokens: [{ token: REVOKED_REFRESH, clientId: CLIENT_ID, user: MAILBOX, scopes: [GMAIL_SCOPE], state: 'revoked' }],
  });
  smtp = await startSmtpServer({
    certificate: issueCert(ca, { hosts: ['smtp.gmail.test'] }),
    users: {},
    tokens: google.smtpTokens,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
  });
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

function account(redirectUri: string, settings: { clientId?: string; fileToken?: boolean; clientSecret?: string } = {}): Account {
  return makeAccount({
    provider: 'gmail',
    mailbox: MAILBOX,
    auth: {
      method: 'oauth2',
      password: undefined,
      clientId: settings.clientId ?? CLIENT_ID,
      clientSecret: secret(settings.clientSecret ?? CLIENT_SECRET, 'env', '${env:GOOGLE_CLIENT_SECRET}'),
      // The token in the file was revoked: only the one --login obtains can pass.
      ...(settings.fileToken === false ? {} : { refreshToken: secret(REVOKED_REFRESH, 'env', '${env:GOOGLE_REFRESH_TOKEN}') }),
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

/** The text of Google's error page, as the person copies it, or the address the browser was sent to. */
async function pageOrAddress(url: string): Promise<string> {
  const answer = await browse(url, { ca: ca.pem });
  return answer.location ?? answer.body;
}

/** The Google sign-ins made (an account nobody could be asked for has none). */
async function signInResults(signIns: SignIns, accounts: readonly Account[]) {
  const results = await Promise.all(accounts.map((subject) => signIns.google?.result(subject)));
  return results.filter((result) => result !== undefined && result.kind !== 'no-terminal');
}

async function signInAndRun(subject: Account, person: ReturnType<typeof scriptedPerson>, stepTimeoutMs = 3000, showRefreshToken = false) {
  const config: PreflightConfig = { file: '/tmp/gmail.yaml', accounts: [subject], tls: { extraCa: [ca.pem] } };
  const prepared = await prepareSignIns(config, CHECKS, {
    admin: false,
    login: true,
    newTranscript: () => new Transcript(true),
    showRefreshToken,
    t: createTranslator('en'),
    stepTimeoutMs,
    signal: new AbortController().signal,
    dns: loopbackResolver,
    extraCa: [ca.pem],
    interaction: person.interaction,
  });
  const signIns = await signInResults(prepared, config.accounts);
  const results = await runGmail(subject, { extraCa: [ca.pem], checks: CHECKS, options: { login: true }, signIns: prepared });
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
    expect(signIns).toEqual([
      expect.objectContaining({ kind: 'failed', code: 'LOGIN_CANCELLED', detail: 'access_denied', via: 'paste', redirectUri: REDIRECT_URI }),
    ]);
    expect(person.shown.join('\n')).toContain('failed (LOGIN_CANCELLED)');
    expect(person.shown.join('\n')).toContain('The mail checks use the refresh token in the file meanwhile');
    // gmail.credentials reports the sign-in; the file's (revoked) token is what the mail checks used, and the evidence says how Google answered it.
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'LOGIN_CANCELLED' });
    expect(remediationKeys(results['gmail.credentials'])).toEqual(['gmail.fix.allowAccess', 'gmail.fix.loginAgain']);
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.fileRefreshToken')).toBe('${env:GOOGLE_REFRESH_TOKEN}: GOOGLE_INVALID_GRANT');
    expect(results['smtp.auth']).toMatchObject({ status: 'fail', code: 'GOOGLE_INVALID_GRANT' });
    expect(google.requests.map((request) => request.grantType)).toEqual(['refresh_token']);
  });

  it('rejects a pasted address of another sign-in (state mismatch) and asks again, then fails with LOGIN_STATE_MISMATCH', async () => {
    const person = scriptedPerson({ paste: async () => `${REDIRECT_URI}?state=someone-elses&code=4/0forged` });
    const { signIns } = await signInAndRun(account(REDIRECT_URI), person);
    expect(signIns).toEqual([{ kind: 'failed', code: 'LOGIN_STATE_MISMATCH', via: 'paste', redirectUri: REDIRECT_URI }]);
    expect(person.prompts).toEqual(['gmail.login.pastePrompt', 'gmail.login.pastePrompt', 'gmail.login.pastePrompt']);
    expect(person.shown.join('\n')).toContain('That is not the address after sign-in');
    // The forged code is never redeemed; the run goes on with the file's token.
    expect(google.requests.map((request) => request.grantType)).toEqual(['refresh_token']);
  });

  it("fails with GOOGLE_CLIENT_SECRET_WRONG (Google's invalid_client at the redemption) when the client secret is not this client's, without showing the code", async () => {
    const person = scriptedPerson({ paste: consentAt });
    const wrong = account(REDIRECT_URI, { clientSecret: 'GOCSPX-canary-Wrong-Secret-0000' });
    const { signIns, results } = await signInAndRun(wrong, person);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'failed', code: 'GOOGLE_CLIENT_SECRET_WRONG', detail: 'invalid_client "Unauthorized"' })]);
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_SECRET_WRONG' });
    expect(remediationKeys(results['gmail.credentials'])).toEqual(['gmail.fix.newClientSecret']);
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.oauthError')).toBe('invalid_client');
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['authorization_code 401', 'refresh_token 401']);
    const pastedCode = new URL(person.pasted[0] ?? 'http://x/').searchParams.get('code') ?? 'no code pasted';
    expect(leaks(person.shown.join('\n'), [pastedCode, 'GOCSPX-canary-Wrong-Secret-0000'])).toEqual([]);
  });

  it('gives up with LOGIN_TIMEOUT when nobody pastes within the sign-in time (step timeout × 12)', async () => {
    const person = scriptedPerson({});
    const started = Date.now();
    const { signIns } = await signInAndRun(account(REDIRECT_URI), person, 100);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'failed', code: 'LOGIN_TIMEOUT' })]);
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

describe('a Gmail OAuth account with no refresh token in the file yet', () => {
  const ONLY_CLIENT_CHECK = { 'gmail.credentials': 'skip', 'smtp.connect': 'pass', 'smtp.tls': 'pass', 'smtp.auth': 'skip', 'smtp.send': 'skip' };

  it('without --login: proves the client ID and secret (Google answers invalid_grant, not invalid_client, for a placeholder token) and skips with LOGIN_REQUIRED and the command to run', async () => {
    const subject = account(REDIRECT_URI, { fileToken: false });
    const results = await runGmail(subject, { extraCa: [ca.pem], checks: CHECKS });
    expect(statuses(results)).toEqual(ONLY_CLIENT_CHECK);
    const credentials = results['gmail.credentials'];
    expect(credentials).toMatchObject({ status: 'skip', code: 'LOGIN_REQUIRED', summary: { key: 'gmail.noRefresh.loginRequired' } });
    expect(evidenceOf(credentials, 'gmail.evidence.clientCheck')).toContain('client ID and secret accepted');
    expect(evidenceOf(credentials, 'gmail.evidence.oauthError')).toBe('invalid_grant');
    expect(credentials?.remediation?.[0]).toMatchObject({
      kind: 'command',
      target: 'tactium-preflight check /tmp/gmail.yaml --login --account test --show-refresh-token',
    });
    expect(credentials?.remediation?.[1]).toMatchObject({ kind: 'text', target: 'refreshToken: ${env:GOOGLE_REFRESH_TOKEN}' });
    expect(results['smtp.auth']).toMatchObject({ status: 'skip', summary: { key: 'gmail.token.needsLogin' } });
    // One request, the client check; never a login attempt without a token.
    expect(google.requests.map((request) => `${request.grantType} ${request.status}`)).toEqual(['refresh_token 400']);
    expect(smtp.auths).toEqual([]);
  });

  it('without --login, a wrong client secret is GOOGLE_CLIENT_SECRET_WRONG from the same client check', async () => {
    const results = await runGmail(account(REDIRECT_URI, { fileToken: false, clientSecret: 'GOCSPX-canary-Wrong-Secret-1111' }), {
      extraCa: [ca.pem],
      checks: CHECKS,
    });
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_SECRET_WRONG' });
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.refreshToken')).toMatch(/^none/);
  });

  it('with --login: the sign-in bootstraps the first refresh token, which the refresh and SMTP then prove', async () => {
    const person = scriptedPerson({ paste: consentAt });
    const subject = account(REDIRECT_URI, { fileToken: false });
    const { signIns, results } = await signInAndRun(subject, person);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'signed-in', via: 'paste', shown: false })]);
    expect(statuses(results)).toEqual(ALL_PASS);
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.refreshToken')).toBe(`--login (paste, ${REDIRECT_URI})`);
    expect(person.revealed).toEqual([]);
    expect(leaks([...person.shown, JSON.stringify(results)].join('\n'), [...google.issuedRefreshTokens])).toEqual([]);
  });

  it('with --show-refresh-token: the refresh token obtained is shown once, on the terminal only, and stays masked in the results', async () => {
    const person = scriptedPerson({ paste: consentAt });
    const subject = account(REDIRECT_URI, { fileToken: false });
    const { signIns, results } = await signInAndRun(subject, person, 3000, true);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'signed-in', shown: true })]);
    expect(person.revealed).toEqual([{ key: 'gmail.login.refreshTokenShown', value: google.issuedRefreshTokens.at(-1) }]);
    expect(person.shown.join('\n')).toContain('with the refresh token shown above');
    expect(statuses(results)).toEqual(ALL_PASS);
    expect(evidenceOf(results['gmail.credentials'], 'gmail.evidence.refreshToken')).toContain('shown once');
    expect(leaks([...person.shown, JSON.stringify(results)].join('\n'), [...google.issuedRefreshTokens])).toEqual([]);
  });

  it('with --show-refresh-token but no terminal to show it on: nothing is shown anywhere, and the run says the token was not shown', async () => {
    const person = scriptedPerson({ paste: consentAt, canReveal: false });
    const { signIns } = await signInAndRun(account(REDIRECT_URI, { fileToken: false }), person, 3000, true);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'signed-in', shown: false })]);
    expect(person.revealed).toEqual([]);
    expect(person.shown.join('\n')).toContain('never saved, never shown');
  });

  it('with --show-refresh-token and no Gmail OAuth account selected: says the option has nothing to show', async () => {
    const person = scriptedPerson({ paste: consentAt });
    const office = makeAccount({ provider: 'office365', auth: { method: 'oauth2' } });
    const config = { file: '/tmp/o.yaml', accounts: [office], tls: { extraCa: [] } };
    const prepared = await prepareSignIns(config, CHECKS, {
      admin: false,
      login: true,
      newTranscript: () => new Transcript(false),
      showRefreshToken: true,
      t: createTranslator('en'),
      stepTimeoutMs: 1000,
      signal: new AbortController().signal,
      dns: loopbackResolver,
      extraCa: [],
      interaction: person.interaction,
    });
    expect(await signInResults(prepared, config.accounts)).toEqual([]);
    expect(person.shown.join('\n')).toContain('no selected account is one');
    expect(person.urls).toEqual([]);
  });

  it('with --login but no person at a terminal: the client check, then LOGIN_NO_TERMINAL', async () => {
    const person = scriptedPerson({ canPrompt: false, paste: consentAt });
    const { signIns, results } = await signInAndRun(account(REDIRECT_URI, { fileToken: false }), person);
    expect(signIns).toEqual([]);
    expect(results['gmail.credentials']).toMatchObject({ status: 'skip', code: 'LOGIN_NO_TERMINAL', summary: { key: 'gmail.noRefresh.noTerminal' } });
    expect(remediationKeys(results['gmail.credentials'])).toEqual(['gmail.fix.needsTerminal', 'gmail.fix.runWithLogin', 'gmail.fix.addRefreshToken']);
  });
});

describe("Google's refusals during --login, each with its own fix", () => {
  async function refusal(subject: Account) {
    const person = scriptedPerson({ paste: pageOrAddress });
    const run = await signInAndRun(subject, person);
    return { ...run, person, credentials: run.results['gmail.credentials'] };
  }

  it("redirect_uri_mismatch (Google's page, pasted): the exact URI to add to the client's Authorized redirect URIs", async () => {
    const { signIns, credentials } = await refusal(account('https://crm.tactium.test/other/callback', { clientId: TESTING_CLIENT_ID, fileToken: false }));
    expect(signIns).toEqual([expect.objectContaining({ kind: 'failed', code: 'GOOGLE_REDIRECT_URI_MISMATCH' })]);
    expect(credentials).toMatchObject({ status: 'fail', code: 'GOOGLE_REDIRECT_URI_MISMATCH' });
    expect(credentials?.remediation?.[0]).toMatchObject({
      kind: 'url',
      message: { key: 'gmail.fix.addRedirectUri', params: { uri: 'https://crm.tactium.test/other/callback', clientId: TESTING_CLIENT_ID } },
      target: 'https://console.cloud.google.com/auth/clients',
    });
    expect(evidenceOf(credentials, 'gmail.evidence.googleSaid')).toContain('Error 400: redirect_uri_mismatch');
    // Nothing to redeem: the token endpoint was never asked.
    expect(google.requests).toEqual([]);
  });

  it('an app in "Testing" refusing someone who is not a test user (Error 403: access_denied): add the mailbox as a test user or publish the app', async () => {
    const { credentials } = await refusal(account(REDIRECT_URI, { clientId: TESTING_CLIENT_ID, fileToken: false }));
    expect(credentials).toMatchObject({ status: 'fail', code: 'GOOGLE_ACCESS_BLOCKED' });
    expect(credentials?.remediation?.[0]).toMatchObject({
      kind: 'url',
      message: { key: 'gmail.fix.addTestUser', params: { mailbox: MAILBOX } },
      target: 'https://console.cloud.google.com/auth/audience',
    });
  });

  it('a client limited to another Workspace organisation (org_internal)', async () => {
    const { credentials } = await refusal(account(REDIRECT_URI, { clientId: INTERNAL_CLIENT_ID, fileToken: false }));
    expect(credentials).toMatchObject({ status: 'fail', code: 'GOOGLE_ORG_INTERNAL' });
    expect(remediationKeys(credentials)).toEqual(['gmail.fix.orgInternal', 'gmail.fix.loginAgain']);
  });

  it('a client the Workspace administrator blocks (admin_policy_enforced): mark it Trusted in API controls', async () => {
    const { credentials } = await refusal(account(REDIRECT_URI, { clientId: BLOCKED_CLIENT_ID, fileToken: false }));
    expect(credentials).toMatchObject({ status: 'fail', code: 'GOOGLE_ADMIN_POLICY_ENFORCED' });
    expect(remediationKeys(credentials)).toEqual(['gmail.fix.trustClient', 'gmail.fix.loginAgain']);
  });

  it("an unknown client on Google's page (Error 401: invalid_client): find the client, and never Azure", async () => {
    const { credentials } = await refusal(account(REDIRECT_URI, { clientId: '999999999999-nosuchclient0.apps.googleusercontent.com', fileToken: false }));
    expect(credentials).toMatchObject({ status: 'fail', code: 'GOOGLE_CLIENT_NOT_FOUND', summary: { key: 'gmail.token.clientNotFound' } });
    expect(remediationKeys(credentials)).toEqual(['gmail.fix.findClient', 'gmail.fix.notAzure']);
    expect(google.requests).toEqual([]);
  });

  it('a code the live CRM callback redeemed first (invalid_grant at redemption): GOOGLE_CODE_REJECTED with the loopback alternative', async () => {
    const person = scriptedPerson({
      paste: async (url) => {
        const address = await consentAt(url);
        // The CRM behind the redirect URI redeems the code as soon as the browser arrives.
        const code = new URL(address).searchParams.get('code') ?? '';
        const body = new URLSearchParams({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          code,
          code_verifier: 'the-crm-has-its-own',
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT_URI,
        }).toString();
        await fetchJson(
          google.url,
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
          { timeoutMs: 3000, extraCa: [ca.pem], resolver: loopbackResolver },
        );
        return address;
      },
    });
    const { signIns, results } = await signInAndRun(account(REDIRECT_URI, { fileToken: false }), person);
    expect(signIns).toEqual([expect.objectContaining({ kind: 'failed', code: 'GOOGLE_CODE_REJECTED' })]);
    expect(results['gmail.credentials']).toMatchObject({ status: 'fail', code: 'GOOGLE_CODE_REJECTED' });
    expect(remediationKeys(results['gmail.credentials'])).toEqual(['gmail.fix.codeRejected', 'gmail.fix.loginAgain']);
    expect(results['smtp.auth']).toMatchObject({ status: 'skip' });
  });
});

describe('googleAuthEndpoint', () => {
  it("is Google's own for Google's token endpoint, and the stand-in's for a stand-in", () => {
    expect(googleAuthEndpoint(makeAccount({ provider: 'gmail', endpoints: { googleToken: 'https://oauth2.googleapis.com/token' } }))).toBe(
      GOOGLE_AUTH_ENDPOINT,
    );
    expect(GOOGLE_AUTH_ENDPOINT).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(googleAuthEndpoint(makeAccount({ provider: 'gmail', endpoints: { googleToken: google.url } }))).toBe(google.authorizeUrl);
  });
});
