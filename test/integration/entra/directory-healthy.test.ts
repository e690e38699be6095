/**
 * A healthy tenant through the real runner, msal-node and fetch against the stand-in's Graph: every
 * directory check passes for both flows — read with the app's own Graph permissions (no --admin), and
 * read as the administrator signed in with a device code (one sign-in for the tenant, shared by every
 * account) — and the registration is read once per account however many checks need it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraAdminConsentCheck } from '../../../src/checks/entra/admin-consent.js';
import { entraAdminUserCheck } from '../../../src/checks/entra/admin-user.js';
import { entraAppCheck } from '../../../src/checks/entra/app.js';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { entraMailboxCheck } from '../../../src/checks/entra/mailbox.js';
import { entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { entraPermissionsCheck } from '../../../src/checks/entra/permissions.js';
import { entraRedirectUriCheck } from '../../../src/checks/entra/redirect-uri.js';
import { entraSecretExpiryCheck } from '../../../src/checks/entra/secret-expiry.js';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import type { CheckResult } from '../../../src/core/check.js';
import type { Account } from '../../../src/config/types.js';
import type { AdminSessions } from '../../../src/signin/admin.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import { standinResolver } from '../../../standins/entra-standin/index.js';
import { ADMIN_UPN, adminSessions, directoryAccount, scriptedAdmin, startDirectoryWorld, type DirectoryWorld } from './directory-world.js';

let world: DirectoryWorld;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

const CHECKS = [
  entraTenantCheck,
  entraCredentialsCheck,
  entraExchangeRolesCheck,
  entraObjectIdCheck,
  entraAppCheck,
  entraRedirectUriCheck,
  entraSecretExpiryCheck,
  entraPermissionsCheck,
  entraAdminConsentCheck,
  entraAdminUserCheck,
  entraMailboxCheck,
];
const DIRECTORY = ['entra.app', 'entra.redirect-uri', 'entra.secret-expiry', 'entra.permissions', 'entra.admin-consent', 'entra.admin-user', 'entra.mailbox'];

async function run(accounts: Account[], sessions?: AdminSessions): Promise<CheckResult[][]> {
  const resolver = standinResolver();
  // As the CLI does before the checks: the administrator signs in for each account's tenant, one at a time.
  for (const account of sessions ? accounts : []) await sessions?.signIn(account, { timeoutMs: 3000, extraCa: [world.ca.pem], resolver });
  const runs = await runChecks({
    config: { file: '/tmp/cliente.yaml', accounts, tls: { extraCa: [world.ca.pem] } },
    checks: CHECKS,
    options: { stepTimeoutMs: 3000, trace: true, verbose: false, admin: sessions !== undefined, login: false },
    services: { dns: resolver, now: () => new Date(), extraCa: [world.ca.pem], ...(sessions ? { signIns: { admin: sessions } } : {}) },
    concurrency: 2,
    signal: new AbortController().signal,
  });
  expect(resolver.unexpected).toEqual([]);
  return runs.map((entry) => [...entry.results]);
}

function statuses(results: readonly CheckResult[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [result.id, result.code ? `${result.status} ${result.code}` : result.status]));
}

describe('a healthy tenant, read with the app’s own Graph permissions', () => {
  it('passes every check of the application flow, reading the registration once for four checks', async () => {
    world.standin.resetLog();
    const [results = []] = await run([directoryAccount(world, world.appFlow)]);
    expect(statuses(results)).toEqual({
      'entra.tenant': 'pass',
      'entra.credentials': 'pass',
      'entra.exchange-roles': 'pass',
      'entra.object-id': 'pass',
      'entra.app': 'pass',
      'entra.redirect-uri': 'skip NOT_APPLICABLE',
      'entra.secret-expiry': 'pass',
      'entra.permissions': 'pass',
      'entra.admin-consent': 'pass',
      'entra.admin-user': 'pass',
      'entra.mailbox': 'pass',
    });
    const paths = world.standin.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths.filter((path) => path.startsWith('GET /v1.0/applications'))).toHaveLength(1);
    // Two tokens: Exchange's (entra.credentials) and Graph's (the directory), each asked once.
    expect(world.standin.requests.filter((request) => request.grantType === 'client_credentials').map((request) => request.scope)).toEqual(
      expect.arrayContaining(['https://outlook.office365.com/.default', `${world.standin.url()}/.default`]),
    );
    expect(world.standin.requests.filter((request) => request.grantType === 'client_credentials')).toHaveLength(2);
    const app = results.find((result) => result.id === 'entra.app');
    expect(app?.evidence).toContainEqual({
      label: 'entra.evidence.directoryReader',
      value: `app ${world.appFlow.application.appId} (its own application permissions)`,
    });
  });

  it('passes every directory check of the delegated flow, the redirect URI included', async () => {
    const [results = []] = await run([directoryAccount(world, world.delegatedFlow, { flow: 'delegated' })]);
    const got = statuses(results);
    for (const id of DIRECTORY) expect([id, got[id]]).toEqual([id, 'pass']);
    expect(got['entra.exchange-roles']).toBe('skip NOT_APPLICABLE');
  });
});

describe('a healthy tenant, read by the administrator signed in with --admin', () => {
  it('signs in once with a device code for two accounts of the tenant and passes every directory check of both flows', async () => {
    // Apps without any Graph permission of their own: only the administrator can read the directory.
    const application = world.registerDirectoryApp();
    const delegated = world.registerDirectoryApp({ flow: 'delegated' });
    const admin = scriptedAdmin(world);
    const before = world.graph.signIn.deviceLogins.length;
    const [appResults = [], delegatedResults = []] = await run(
      [directoryAccount(world, application, { name: 'app' }), directoryAccount(world, delegated, { name: 'delegated', flow: 'delegated' })],
      adminSessions(admin),
    );
    for (const results of [appResults, delegatedResults]) {
      const got = statuses(results);
      for (const id of DIRECTORY.filter((candidate) => got[candidate] !== 'skip NOT_APPLICABLE')) expect([id, got[id]]).toEqual([id, 'pass']);
    }
    expect(statuses(delegatedResults)['entra.redirect-uri']).toBe('pass');
    expect(world.graph.signIn.deviceLogins.length - before).toBe(1);
    expect(admin.userCodes).toHaveLength(1);
    const reader = appResults
      .find((result) => result.id === 'entra.permissions')
      ?.evidence.find((item) => item.label === 'entra.evidence.directoryReader')?.value;
    expect(reader).toBe(`${ADMIN_UPN} (--admin, device code, client 14d82eec-204b-4c2f-b7e8-296a70dab67e)`);
    // The person saw the tenant, the read-only scopes, the code and who signed in — on the terminal only.
    expect(admin.shown.join('\n')).toContain(
      `Administrator sign-in for tenant ${world.contoso.id}, read-only (Directory.Read.All, RoleManagement.Read.Directory), through Microsoft Graph Command Line Tools`,
    );
    expect(admin.shown.join('\n')).toContain(`enter the code ${admin.userCodes[0]}`);
    expect(admin.shown.join('\n')).toContain(`Signed in as ${ADMIN_UPN}`);
  });
});
