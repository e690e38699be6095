/**
 * `--admin` through the real msal-node PublicClientApplication against the stand-in: the device code printed
 * for the person (the test plays the browser by calling the stand-in's control route), polled through
 * authorization_pending; Conditional Access blocking device code (53003, 530033) → the authorization-code
 * paste flow with PKCE, the pasted address read through the prompt adapter (no terminal involved); the
 * person declining, cancelling, pasting an old tab's answer or something else; consent missing for the
 * sign-in client (the v2 admin-consent URL with exactly the read-only scopes); the customer's own client
 * (admin.clientId) without "Allow public client flows"; the CLI's pre-run sign-in asking nobody without a
 * terminal. Leak canary: the tokens, device code, authorization code and pasted address appear in no
 * result, translation, transcript or terminal line.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { entraAdminConsentCheck } from '../../../src/checks/entra/admin-consent.js';
import { entraAdminUserCheck } from '../../../src/checks/entra/admin-user.js';
import { entraAppCheck } from '../../../src/checks/entra/app.js';
import { entraMailboxCheck } from '../../../src/checks/entra/mailbox.js';
import { entraPermissionsCheck } from '../../../src/checks/entra/permissions.js';
import { entraSecretExpiryCheck } from '../../../src/checks/entra/secret-expiry.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { prepareSignIns } from '../../../src/signin/prepare.js';
import { createTerminalSignIn } from '../../../src/signin/terminal.js';
import { Transcript } from '../../../src/runner/transcript.js';
import type { Account } from '../../../src/config/types.js';
import { createTranslator, translate } from '../../../src/i18n/index.js';
import { GRAPH_CLI_CLIENT_ID, type AdminSignInResult } from '../../../src/signin/admin.js';
import { fetchJson } from '../../../src/probes/https/client.js';
import { createTenant, standinResolver, type Tenant } from '../../../standins/entra-standin/index.js';
import {
  ADMIN_SCOPES,
  adminSessions,
  browserAddress,
  directoryAccount,
  directoryContext,
  english,
  evidenceOf,
  fixesOf,
  scriptedAdmin,
  startDirectoryWorld,
  targetsOf,
  type DirectoryWorld,
  type ScriptedAdmin,
} from './directory-world.js';

let world: DirectoryWorld;
/** A tenant whose Conditional Access blocks device code. */
let tailspin: Tenant;
const TAILSPIN_ADMIN = 'admin@tailspin.onmicrosoft.com';

beforeAll(async () => {
  world = await startDirectoryWorld();
  tailspin = createTenant({ displayName: 'Tailspin', domains: ['tailspin.onmicrosoft.com'] });
  world.standin.directory.tenants.push(tailspin);
  world.graph.equip(tailspin);
  const admin = world.graph.addUser(tailspin, { upn: TAILSPIN_ADMIN });
  world.graph.assignRole(tailspin, admin, 'Global Administrator');
  world.graph.signIn.consentPublicClient(tailspin, world.graph.signIn.graphCli, [...ADMIN_SCOPES]);
  world.graph.signIn.blockDeviceCode(tailspin);
});

beforeEach(() => {
  world.standin.resetLog();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

function tailspinAccount(overrides: Parameters<typeof directoryAccount>[2] = {}): Account {
  const app = world.registerDirectoryApp({ tenant: tailspin });
  return directoryAccount(world, app, { tenantId: tailspin.id, admin: { user: TAILSPIN_ADMIN }, ...overrides });
}

function http() {
  return { timeoutMs: 3000, extraCa: [world.ca.pem], resolver: standinResolver() };
}

async function signIn(account: Account, admin: ScriptedAdmin): Promise<AdminSignInResult> {
  return adminSessions(admin).signIn(account, http());
}

describe('device code', () => {
  it('prints the code for the person, polls through authorization_pending, and reads the directory as the administrator', async () => {
    const admin = scriptedAdmin(world, { deviceCode: 'ignore' });
    const account = directoryAccount(world, world.registerDirectoryApp());
    const pending = signIn(account, admin);
    // The person takes a moment before typing the code at the verification page.
    while (admin.userCodes.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const body = new URLSearchParams({ user_code: admin.userCodes[0] ?? '', user: 'admin@contoso.com.br', action: 'approve' }).toString();
    const approved = await fetchJson(
      `${world.standin.origin}/_standin/devicelogin`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      http(),
    );
    expect(approved.status).toBe(200);
    const result = await pending;
    expect(result).toMatchObject({ ok: true, step: 'device-code', clientId: GRAPH_CLI_CLIENT_ID, username: 'admin@contoso.com.br', userId: world.admin.id });
    const polls = world.standin.requests.filter((request) => request.grantType === 'device_code');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[0]?.status).toBe(400);
    expect(polls[polls.length - 1]?.status).toBe(200);
    expect(world.standin.requests.find((request) => request.path.endsWith('/devicecode'))?.scope).toBe(
      `${world.standin.url()}/Directory.Read.All ${world.standin.url()}/RoleManagement.Read.Directory openid profile offline_access`,
    );
    expect(
      admin.shown.some((line) =>
        line.startsWith(`Open ${world.standin.url()}/devicelogin in any browser and enter the code ${admin.userCodes[0]} (valid for 15 minutes).`),
      ),
    ).toBe(true);
  });

  it('skips with ENTRA_ADMIN_SIGNIN_FAILED (ENTRA_SIGNIN_DECLINED) when the person declines at the verification page', async () => {
    const admin = scriptedAdmin(world, { deviceCode: 'decline' });
    const outcome = await entraAppCheck.run(
      directoryContext(world, directoryAccount(world, world.appFlow, { auth: { clientSecret: undefined } }), { sessions: adminSessions(admin) }),
    );
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_FAILED' });
    expect(english(outcome.summary)).toBe('the administrator sign-in did not succeed (ENTRA_SIGNIN_DECLINED) and the app cannot read the directory itself');
    expect(evidenceOf(outcome, 'entra.evidence.signInClient')).toEqual([`${GRAPH_CLI_CLIENT_ID} (Microsoft Graph Command Line Tools)`]);
    expect(fixesOf(outcome)[0]).toBe('Run again with --admin and finish the sign-in in the browser.');
  });

  it('gives the admin-consent URL with exactly the read-only scopes when the sign-in client was never consented in the tenant (AADSTS65001)', async () => {
    const fabrikamAdmin = world.graph.addUser(world.fabrikam, { upn: 'admin@fabrikam.onmicrosoft.com' });
    world.graph.assignRole(world.fabrikam, fabrikamAdmin, 'Global Administrator');
    const app = world.registerDirectoryApp({ tenant: world.fabrikam });
    const account = directoryAccount(world, app, {
      tenantId: world.fabrikam.id,
      admin: { user: fabrikamAdmin.userPrincipalName },
      auth: { clientSecret: undefined },
    });
    const outcome = await entraAppCheck.run(
      directoryContext(world, account, { sessions: adminSessions(scriptedAdmin(world, { upn: fabrikamAdmin.userPrincipalName })) }),
    );
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_FAILED' });
    expect(evidenceOf(outcome, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_SIGNIN_CONSENT_MISSING (device-code)']);
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS65001']);
    const scope = encodeURIComponent(`${world.standin.url()}/Directory.Read.All ${world.standin.url()}/RoleManagement.Read.Directory`);
    expect(targetsOf(outcome)[0]).toBe(
      `${world.standin.url()}/${world.fabrikam.id}/v2.0/adminconsent?client_id=${GRAPH_CLI_CLIENT_ID}&scope=${scope}&redirect_uri=http%3A%2F%2Flocalhost`,
    );
  });
});

describe('one tenant written two ways', () => {
  it('signs the administrator in once for accounts whose tenant is a domain in one and the GUID in the other (the domain looked up in its discovery document)', async () => {
    const admin = scriptedAdmin(world);
    const sessions = adminSessions(admin);
    const app = world.registerDirectoryApp();
    const byDomain = directoryAccount(world, app, { name: 'por-dominio', auth: { tenantId: 'contoso.com.br' } });
    const byGuid = directoryAccount(world, app, { name: 'por-guid', auth: { tenantId: world.contoso.id.toUpperCase() } });
    expect(sessions.key(byDomain)).not.toBe(sessions.key(byGuid));
    await sessions.learnTenantIds([byDomain, byGuid], http());
    expect(sessions.key(byDomain)).toBe(sessions.key(byGuid));
    const [first, second] = await Promise.all([sessions.signIn(byDomain, http()), sessions.signIn(byGuid, http())]);
    expect(first).toBe(second);
    expect(first).toMatchObject({ ok: true, username: 'admin@contoso.com.br' });
    expect(admin.userCodes).toHaveLength(1);
    expect(world.standin.requests.filter((request) => request.path.endsWith('/devicecode'))).toHaveLength(1);
  });

  it('keeps separate sign-ins for different tenants, and for a domain no tenant has (the lookup fails quietly)', async () => {
    const sessions = adminSessions(scriptedAdmin(world));
    const contoso = directoryAccount(world, world.registerDirectoryApp(), { auth: { tenantId: 'contoso.onmicrosoft.com' } });
    const fabrikam = directoryAccount(world, world.registerDirectoryApp({ tenant: world.fabrikam }), { auth: { tenantId: 'fabrikam.onmicrosoft.com' } });
    const unknown = directoryAccount(world, world.registerDirectoryApp(), { auth: { tenantId: 'nobody-has-this.example' } });
    await sessions.learnTenantIds([contoso, fabrikam, unknown], http());
    expect(new Set([contoso, fabrikam, unknown].map((account) => sessions.key(account))).size).toBe(3);
    expect(sessions.key(contoso)).toContain(`|${world.contoso.id}|`);
    expect(sessions.key(unknown)).toContain('|nobody-has-this.example|');
  });
});

describe('Conditional Access blocks device code: the paste flow', () => {
  it('falls back to the authorization code with PKCE and reads the directory with the pasted answer (AADSTS53003)', async () => {
    const admin = scriptedAdmin(world, { upn: TAILSPIN_ADMIN });
    const account = tailspinAccount({ auth: { clientSecret: undefined } });
    const sessions = adminSessions(admin);
    const outcome = await entraPermissionsCheck.run(directoryContext(world, account, { sessions }));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.directoryReader')).toEqual([
      `${TAILSPIN_ADMIN} (--admin, authorization code (pasted), client ${GRAPH_CLI_CLIENT_ID})`,
    ]);
    const signedIn = await sessions.signIn(account, http());
    expect(signedIn).toMatchObject({ ok: true, step: 'authorization-code', deviceCodeRefused: { kind: 'entra', body: { aadsts: 53003 } } });
    expect(admin.shown.join('\n')).toContain('This tenant does not allow signing in with a device code (AADSTS53003); signing in through the browser instead.');
    const authorize = new URL(admin.urls[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${world.standin.url()}/${tailspin.id}/oauth2/v2.0/authorize`);
    expect(
      Object.fromEntries(
        ['client_id', 'redirect_uri', 'response_mode', 'code_challenge_method', 'login_hint'].map((name) => [name, authorize.searchParams.get(name)]),
      ),
    ).toEqual({
      client_id: GRAPH_CLI_CLIENT_ID,
      redirect_uri: 'http://localhost',
      response_mode: 'query',
      code_challenge_method: 'S256',
      login_hint: TAILSPIN_ADMIN,
    });
    expect(admin.pasted[0]).toMatch(/^http:\/\/localhost\/\?code=/);
    // Redeemed without a secret, by the public client.
    const redemption = world.standin.requests.find((request) => request.grantType === 'authorization_code');
    expect(redemption).toMatchObject({ clientId: GRAPH_CLI_CLIENT_ID, secretPresented: false, status: 200 });
  });

  it('falls back as well when the policy needs a managed device (AADSTS530033)', async () => {
    const contosoLike = createTenant({ displayName: 'Woodgrove', domains: ['woodgrove.onmicrosoft.com'] });
    world.standin.directory.tenants.push(contosoLike);
    world.graph.equip(contosoLike);
    const admin = world.graph.addUser(contosoLike, { upn: 'admin@woodgrove.onmicrosoft.com' });
    world.graph.signIn.consentPublicClient(contosoLike, world.graph.signIn.graphCli, [...ADMIN_SCOPES]);
    world.graph.signIn.blockDeviceCode(contosoLike, 530033);
    const app = world.registerDirectoryApp({ tenant: contosoLike });
    const result = await signIn(
      directoryAccount(world, app, { tenantId: contosoLike.id, admin: { user: admin.userPrincipalName } }),
      scriptedAdmin(world, { upn: admin.userPrincipalName }),
    );
    expect(result).toMatchObject({ ok: true, step: 'authorization-code', deviceCodeRefused: { body: { aadsts: 530033 } } });
  });

  it('reports the person cancelling at the consent screen as ENTRA_SIGNIN_DECLINED', async () => {
    const admin = scriptedAdmin(world, { upn: TAILSPIN_ADMIN, paste: (url) => browserAddress(world, url, TAILSPIN_ADMIN, 'cancel') });
    const result = await signIn(tailspinAccount(), admin);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'declined', step: 'authorization-code' } });
  });

  it('refuses an address that answers another sign-in (state) and never redeems its code', async () => {
    const admin = scriptedAdmin(world, {
      upn: TAILSPIN_ADMIN,
      paste: async (url) => {
        const old = new URL(url);
        old.searchParams.set('state', 'an-older-tab');
        return browserAddress(world, old.href, TAILSPIN_ADMIN);
      },
    });
    const account = tailspinAccount({ auth: { clientSecret: undefined } });
    const outcome = await entraAppCheck.run(directoryContext(world, account, { sessions: adminSessions(admin) }));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_FAILED' });
    expect(evidenceOf(outcome, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_SIGNIN_PASTE_INVALID', 'ENTRA_SIGNIN_BLOCKED_BY_CA (device-code)']);
    expect(fixesOf(outcome)[0]).toBe('The pasted address answers another sign-in (an older tab): open the new address, sign in and paste its answer.');
    expect(world.standin.requests.some((request) => request.grantType === 'authorization_code')).toBe(false);
  });

  it('says what to paste when the answer is not an address with a code', async () => {
    const result = await signIn(tailspinAccount(), scriptedAdmin(world, { upn: TAILSPIN_ADMIN, paste: async () => 'done' }));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'paste-invalid', detail: 'not-a-url' } });
  });
});

describe('the customer’s own sign-in client (admin.clientId)', () => {
  it('uses it, and takes the paste flow when its public client flows are off (AADSTS7000218)', async () => {
    const own = world.registerDirectoryApp({ redirectUris: { publicClient: ['http://localhost'] } });
    world.graph.signIn.consentPublicClient(world.contoso, own.application, [...ADMIN_SCOPES]);
    const account = directoryAccount(world, world.registerDirectoryApp(), { admin: { user: 'admin@contoso.com.br', clientId: own.application.appId } });
    const admin = scriptedAdmin(world);
    const result = await signIn(account, admin);
    expect(result).toMatchObject({ ok: true, step: 'authorization-code', clientId: own.application.appId, deviceCodeRefused: { body: { aadsts: 7000218 } } });
    expect(admin.shown[0]).toContain(`through your app ${own.application.appId} (admin.clientId)`);
  });

  it('says admin.clientId is not an app of the tenant when the device code itself is refused (AADSTS700016), without polling', async () => {
    const unknown = '0b1c2d3e-0000-4000-8000-00000000abcd';
    const admin = scriptedAdmin(world);
    const account = directoryAccount(world, world.appFlow, { admin: { user: 'admin@contoso.com.br', clientId: unknown }, auth: { clientSecret: undefined } });
    const outcome = await entraAppCheck.run(directoryContext(world, account, { sessions: adminSessions(admin) }));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_FAILED' });
    expect(evidenceOf(outcome, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_APP_NOT_FOUND (device-code)']);
    expect(fixesOf(outcome)[0]).toBe(`admin.clientId ${unknown} is not an app of this tenant: check its Application (client) ID.`);
    expect(admin.userCodes).toEqual([]);
    expect(world.standin.requests.filter((request) => request.grantType === 'device_code')).toEqual([]);
  });

  it('names both missing settings when the own client allows neither device code nor http://localhost', async () => {
    const own = world.registerDirectoryApp();
    world.graph.signIn.consentPublicClient(world.contoso, own.application, [...ADMIN_SCOPES]);
    const account = directoryAccount(world, world.appFlow, {
      admin: { user: 'admin@contoso.com.br', clientId: own.application.appId },
      auth: { clientSecret: undefined },
    });
    const admin = scriptedAdmin(world);
    const outcome = await entraAppCheck.run(directoryContext(world, account, { sessions: adminSessions(admin) }));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_FAILED' });
    // The browser shows Microsoft's page (AADSTS50011) instead of going to http://localhost: that is what gets pasted.
    expect(admin.pasted[0]).toMatch(/^AADSTS50011: The redirect URI 'http:\/\/localhost'/);
    expect(evidenceOf(outcome, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_SIGNIN_PASTE_INVALID', 'ENTRA_SIGNIN_PUBLIC_CLIENT_DISABLED (device-code)']);
    expect(fixesOf(outcome)).toContainEqual(
      `App registrations › the app ${own.application.appId} › Authentication: Allow public client flows = Yes, and a Mobile and desktop applications redirect URI http://localhost. => https://entra.microsoft.com`,
    );
  });
});

describe('the CLI', () => {
  it('asks nobody and sends nothing without a terminal (the pre-run sign-in of check --admin)', async () => {
    const account = directoryAccount(world, world.appFlow);
    const signIns = await prepareSignIns({ file: '/tmp/t.yaml', accounts: [account], tls: { extraCa: [world.ca.pem] } }, [entraAppCheck, entraMailboxCheck], {
      admin: true,
      login: false,
      t: createTranslator('en'),
      interaction: createTerminalSignIn(createTranslator('en')),
      signal: new AbortController().signal,
      stepTimeoutMs: 3000,
      dns: standinResolver(),
      extraCa: [world.ca.pem],
      newTranscript: () => new Transcript(false),
    });
    const result = await signIns.admin?.result(account);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
    expect(world.standin.requests).toEqual([]);
  });

  it('speaks through the interaction it is given', async () => {
    const account = directoryAccount(world, world.appFlow);
    const said: string[] = [];
    const interaction = {
      canPrompt: () => false,
      say: (message: { key: string }) => void said.push(message.key),
      showUrl: () => undefined,
      askSecret: () => Promise.reject(new Error('not asked')),
      confirm: () => Promise.reject(new Error('not asked')),
      reveal: () => false,
    };
    await prepareSignIns({ file: '/tmp/t.yaml', accounts: [account], tls: { extraCa: [world.ca.pem] } }, [entraAppCheck, entraMailboxCheck], {
      admin: true,
      login: false,
      newTranscript: () => new Transcript(false),
      t: createTranslator('en'),
      signal: new AbortController().signal,
      stepTimeoutMs: 3000,
      dns: standinResolver(),
      extraCa: [world.ca.pem],
      interaction,
    });
    expect(said).toEqual(['entra.signin.noTerminal']);
    expect(world.standin.requests).toEqual([]);
  });
});

describe('leak canary', () => {
  function forms(value: string): string[] {
    return [value, Buffer.from(value).toString('base64').replace(/=+$/, ''), Buffer.from(value).toString('base64url'), encodeURIComponent(value)];
  }

  function rendered(outcomes: readonly CheckOutcome[]): string {
    const parts = [JSON.stringify(outcomes)];
    for (const outcome of outcomes) {
      for (const locale of ['en', 'pt-BR'] as const) {
        parts.push(translate(locale, outcome.summary.key, outcome.summary.params));
        for (const step of outcome.remediation ?? []) parts.push(translate(locale, step.message.key, step.message.params));
      }
    }
    return parts.join('\n');
  }

  it('keeps the administrator’s tokens, the device code, the authorization code and the pasted address out of results, transcripts and the terminal', async () => {
    const deviceAdmin = scriptedAdmin(world);
    const pasteAdmin = scriptedAdmin(world, { upn: TAILSPIN_ADMIN });
    const runs = [
      { account: directoryAccount(world, world.registerDirectoryApp()), admin: deviceAdmin },
      { account: tailspinAccount(), admin: pasteAdmin },
    ];
    const outcomes: CheckOutcome[] = [];
    const transcripts: string[] = [];
    for (const { account, admin } of runs) {
      const sessions = adminSessions(admin);
      for (const check of [entraAppCheck, entraSecretExpiryCheck, entraPermissionsCheck, entraAdminConsentCheck, entraAdminUserCheck, entraMailboxCheck]) {
        const context = directoryContext(world, account, { sessions });
        outcomes.push(await check.run(context));
        transcripts.push(...context.transcript.entries().map((entry) => entry.text));
      }
    }
    expect(outcomes.map((outcome) => outcome.status)).toEqual(expect.arrayContaining(['pass']));
    expect(outcomes.filter((outcome) => outcome.status === 'skip')).toEqual([]);
    const secrets = [...world.graph.signIn.issuedSecrets(), ...pasteAdmin.pasted];
    expect(world.graph.signIn.deviceLogins.length).toBeGreaterThan(0);
    expect(pasteAdmin.pasted).toHaveLength(1);
    const texts = { results: rendered(outcomes), transcripts: transcripts.join('\n'), terminal: [...deviceAdmin.shown, ...pasteAdmin.shown].join('\n') };
    for (const [where, text] of Object.entries(texts)) {
      for (const value of secrets)
        for (const form of forms(value)) expect(text.includes(form) ? `${where} leaked ${form.slice(0, 12)}…` : 'clean').toBe('clean');
      // Nothing had to be scrubbed on the way: the values were never put there.
      expect(text.includes('[redacted]') ? `${where} needed the scrubber` : 'clean').toBe('clean');
    }
    // The user code is meant for the person; the device code (the polling handle) is not.
    expect(texts.terminal).toContain(deviceAdmin.userCodes[0] ?? 'no user code');
  });
});
