/**
 * `--login`: every way the delegated sign-in goes wrong, produced at the Entra stand-in through the real
 * msal-node, each with its own code, Entra's words as evidence and the fix with this account's values —
 * the exact redirect URI to add on the Web platform (AADSTS50011), the admin-consent URL (65001), the
 * person cancelling (access_denied), a code the live callback took first (54005), an expired code (70008),
 * an account of another tenant (50020) or none (50034), MFA (50076) and Conditional Access (53003), and
 * what a person may paste by mistake.
 */
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { exchangeMailboxAccessCheck } from '../../../src/checks/exchange/mailbox-access.js';
import type { CheckResult } from '../../../src/core/check.js';
import { secret } from '../../support/check-context.js';
import {
  REDIRECT_URI,
  USER_UPN,
  delegatedAccount,
  delegatedApp,
  evidenceOf,
  fixKeys,
  runAccount,
  startExchangeWorld,
  targets,
  type ExchangeWorld,
} from '../exchange/exchange-world.js';
import type { RegisteredApp } from './entra-world.js';
import { browserAnswer, scriptedPerson, type PersonScript, type ScriptedPerson } from './login-person.js';

let world: ExchangeWorld;

beforeAll(async () => {
  world = await startExchangeWorld();
}, 30_000);

afterAll(async () => {
  const unexpected = [...world.standin.unexpected];
  await world.stopAll();
  expect(unexpected).toEqual([]);
});

beforeEach(() => {
  world.exchange.reset();
  world.exchange.target = USER_UPN;
  world.user.blockedByConditionalAccess = false;
  world.user.mfaRequiredAtTokenEndpoint = false;
  world.standin.resetLog();
});

/** Only the check that reports the sign-in: the mail checks never start when there is no token. */
async function signIn(
  app: RegisteredApp,
  script: PersonScript,
  overrides: Parameters<typeof delegatedAccount>[3] = {},
  stepTimeoutMs = 3000,
): Promise<{ access: CheckResult | undefined; person: ScriptedPerson }> {
  const person = scriptedPerson(script);
  const { results } = await runAccount(
    world,
    delegatedAccount(world, app, 'imap', { mailbox: USER_UPN, ...overrides }),
    { login: true, interaction: person.interaction, stepTimeoutMs },
    [exchangeMailboxAccessCheck],
  );
  return { access: results['exchange.mailbox-access'], person };
}

const asUser = (upn = USER_UPN, action?: 'cancel'): PersonScript => ({ paste: (url) => browserAnswer(url, upn, world.ca.pem, action) });

/** The CRM's live callback: redeems the code it receives (without the tool's PKCE verifier) before the person can paste it. */
function redeemAsCallback(app: RegisteredApp, location: string): Promise<number> {
  const code = new URL(location).searchParams.get('code') ?? '';
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: app.application.appId,
    client_secret: app.secret,
    code,
    redirect_uri: REDIRECT_URI,
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
  }).toString();
  const url = new URL(`${world.standin.origin}/${world.contoso.id}/oauth2/v2.0/token`);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', ca: world.ca.pem, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the redirect URI', () => {
  it('fails with ENTRA_REDIRECT_URI_MISMATCH (AADSTS50011) from Microsoft’s error page, and shows the exact URI to add on the Web platform', async () => {
    const app = delegatedApp(world, { redirectUris: { web: ['https://crm.tactium.test/oauth/callback/'] } });
    const person = scriptedPerson(asUser());
    const { results } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox: USER_UPN }), { login: true, interaction: person.interaction });
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({
      status: 'fail',
      code: 'ENTRA_REDIRECT_URI_MISMATCH',
      summary: { key: 'exchange.login.redirectMismatch', params: { uri: REDIRECT_URI, app: app.application.appId, aadsts: 'AADSTS50011' } },
    });
    expect(access?.remediation[0]).toMatchObject({
      kind: 'portal',
      message: { key: 'exchange.fix.addWebRedirectUri', params: { uri: REDIRECT_URI } },
      target: REDIRECT_URI,
    });
    expect(evidenceOf(access, 'exchange.evidence.pageError')[0]).toMatch(
      /^AADSTS50011: The redirect URI 'https:\/\/crm\.tactium\.test\/oauth\/callback' specified in the request does not match/,
    );
    // The mail checks say the token failed and where to look; they never logged in.
    expect(results['incoming.auth']).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_MISMATCH', summary: { key: 'exchange.login.failed' } });
    expect(results['smtp.auth']).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_MISMATCH' });
    expect(world.smtp.auths).toEqual([]);
    // One sign-in for the whole account, though three checks wanted the token.
    expect(person.urls).toHaveLength(1);
  });

  it('fails with ENTRA_REDIRECT_URI_SPA (AADSTS9002327) when the URI is registered as a single-page application', async () => {
    const app = delegatedApp(world, { redirectUris: { spa: [REDIRECT_URI] } });
    const { access } = await signIn(app, asUser());
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_SPA' });
    expect(access?.remediation[0]).toMatchObject({ message: { key: 'exchange.fix.redirectSpaToWeb' }, target: REDIRECT_URI });
    expect(evidenceOf(access, 'entra.evidence.aadsts')).toEqual(['AADSTS9002327']);
  });
});

describe('consent and the person', () => {
  it('fails with ENTRA_CONSENT_MISSING (AADSTS65001) and gives the admin-consent URL of this tenant and client', async () => {
    const app = delegatedApp(world, { consent: [] });
    const { access } = await signIn(app, asUser());
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_CONSENT_MISSING', summary: { params: { app: app.application.appId, aadsts: 'AADSTS65001' } } });
    expect(targets(access)).toContain(`${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${app.application.appId}`);
    expect(access?.remediation[0]).toMatchObject({
      message: { key: 'exchange.fix.delegatedPermissions', params: { scopes: 'IMAP.AccessAsUser.All, SMTP.Send' } },
    });
    expect(evidenceOf(access, 'entra.evidence.oauthError')).toEqual(['invalid_grant (HTTP 400)']);
  });

  it('fails with LOGIN_CANCELLED when the person declines the consent screen (access_denied, AADSTS65004)', async () => {
    const app = delegatedApp(world);
    const { access } = await signIn(app, asUser(USER_UPN, 'cancel'));
    expect(access).toMatchObject({ status: 'fail', code: 'LOGIN_CANCELLED', summary: { key: 'exchange.login.cancelled', params: { error: 'access_denied' } } });
    expect(evidenceOf(access, 'entra.evidence.oauthError')).toEqual(['access_denied (cancel)']);
    expect(world.standin.requests.filter((request) => request.grantType === 'authorization_code')).toHaveLength(0);
  });

  it('fails with ENTRA_USER_WRONG_TENANT (AADSTS50020) when an account of another tenant signs in', async () => {
    const app = delegatedApp(world);
    const outsider = world.delegated.addUser(world.fabrikam, { upn: 'bruno@fabrikam.onmicrosoft.com' });
    const { access } = await signIn(app, asUser(outsider.userPrincipalName));
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_USER_WRONG_TENANT', summary: { params: { tenant: world.contoso.id, aadsts: 'AADSTS50020' } } });
    expect(evidenceOf(access, 'exchange.evidence.pageError')[0]).toMatch(
      /^AADSTS50020: User account 'bruno@fabrikam\.onmicrosoft\.com' from identity provider/,
    );
  });

  it('fails with ENTRA_USER_NOT_FOUND (AADSTS50034) when the account does not exist, and asks for an account of this tenant', async () => {
    const app = delegatedApp(world);
    const { access } = await signIn(app, asUser('nobody@contoso.com.br'));
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_USER_NOT_FOUND' });
    expect(access?.remediation[0]).toMatchObject({ message: { key: 'exchange.fix.rightTenantUser', params: { tenant: world.contoso.id, mailbox: USER_UPN } } });
  });

  it('fails with ENTRA_MFA_REQUIRED (AADSTS50076) when the token endpoint demands MFA, and with ENTRA_CONDITIONAL_ACCESS (AADSTS53003) when a policy blocks the sign-in', async () => {
    const app = delegatedApp(world);
    world.user.mfaRequiredAtTokenEndpoint = true;
    const mfa = await signIn(app, asUser());
    expect(mfa.access).toMatchObject({ status: 'fail', code: 'ENTRA_MFA_REQUIRED' });
    expect(fixKeys(mfa.access)).toContain('exchange.fix.signInLogs');
    world.user.mfaRequiredAtTokenEndpoint = false;
    world.user.blockedByConditionalAccess = true;
    const blocked = await signIn(app, asUser());
    expect(blocked.access).toMatchObject({ status: 'fail', code: 'ENTRA_CONDITIONAL_ACCESS' });
    expect(evidenceOf(blocked.access, 'exchange.evidence.pageError')[0]).toMatch(/^AADSTS53003: Access has been blocked by Conditional Access policies/);
  });
});

describe('the authorization code', () => {
  it('fails with ENTRA_CODE_ALREADY_REDEEMED (AADSTS54005) when the live callback took the code, offers the loopback alternative, and says how when it is declined', async () => {
    const app = delegatedApp(world);
    const { access, person } = await signIn(app, {
      paste: async (url) => {
        const location = await browserAnswer(url, USER_UPN, world.ca.pem);
        await redeemAsCallback(app, location);
        return location;
      },
      confirm: () => false,
    });
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_CODE_ALREADY_REDEEMED', summary: { params: { uri: REDIRECT_URI, aadsts: 'AADSTS54005' } } });
    expect(person.prompts).toEqual(['exchange.login.pastePrompt', 'exchange.login.offerLoopback']);
    expect(fixKeys(access)).toEqual([
      'exchange.fix.codeTakenDeclined',
      'exchange.fix.addLoopbackUri',
      'exchange.fix.loginAgain',
      'exchange.fix.removeLoopbackUri',
    ]);
    expect(targets(access)).toEqual(['http://localhost/', 'tactium-preflight check /tmp/cliente.yaml --login --account atendimento']);
  });

  it('fails with ENTRA_CODE_EXPIRED (AADSTS70008) when the code is pasted too late', async () => {
    const app = delegatedApp(world);
    const { access } = await signIn(app, {
      paste: async (url) => {
        const location = await browserAnswer(url, USER_UPN, world.ca.pem);
        world.delegated.expireCodes();
        return location;
      },
    });
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_CODE_EXPIRED', summary: { params: { aadsts: 'AADSTS70008' } } });
    expect(fixKeys(access)).toEqual(['exchange.fix.codeExpired', 'exchange.fix.loginAgain']);
  });

  it('asks again (up to three times) when what is pasted has no code, then fails with LOGIN_NO_CODE', async () => {
    const app = delegatedApp(world);
    const { access, person } = await signIn(app, { paste: async () => 'https://crm.tactium.test/oauth/callback' });
    expect(access).toMatchObject({ status: 'fail', code: 'LOGIN_NO_CODE' });
    expect(person.prompts).toEqual(['exchange.login.pastePrompt', 'exchange.login.pastePrompt', 'exchange.login.pastePrompt']);
    expect(person.shown.filter((line) => line.startsWith('That is not the address after sign-in'))).toHaveLength(2);
  });

  it('refuses an address that answers another sign-in (state mismatch) and never redeems its code', async () => {
    const app = delegatedApp(world);
    const { access } = await signIn(app, {
      paste: async (url) => {
        const location = new URL(await browserAnswer(url, USER_UPN, world.ca.pem));
        location.searchParams.set('state', 'someone-elses-state');
        return location.href;
      },
    });
    expect(access).toMatchObject({ status: 'fail', code: 'LOGIN_STATE_MISMATCH' });
    expect(world.standin.requests.filter((request) => request.grantType === 'authorization_code')).toHaveLength(0);
  });

  it('fails with LOGIN_TIMEOUT within the sign-in’s bound (12 step timeouts) when nobody answers', async () => {
    const app = delegatedApp(world);
    const started = Date.now();
    const { access } = await signIn(app, {}, {}, 100);
    expect(access).toMatchObject({ status: 'fail', code: 'LOGIN_TIMEOUT', summary: { params: { seconds: 1 } } });
    expect(Date.now() - started).toBeLessThan(1200 + 2000);
  });

  it('diagnoses a client secret refused at redemption as entra.credentials does (AADSTS7000215)', async () => {
    const app = delegatedApp(world);
    const { access } = await signIn(app, asUser(), {
      auth: { clientSecret: secret('Wr0~ng-secret-value-for-the-redemption-1', 'env', '${env:TACTIUM_CLIENT_SECRET}') },
    });
    expect(access).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_INVALID' });
    expect(evidenceOf(access, 'entra.evidence.aadsts')).toEqual(['AADSTS7000215']);
  });
});
