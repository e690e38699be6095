/**
 * entra.admin-user and entra.mailbox against the stand-in's users and roles: the administrator's duties by
 * role template (Global / Exchange only / Application Administrator only / Cloud Application + Exchange /
 * PIM-eligible Global / a role scoped to an administrative unit), PIM unreadable (no P2, no permission) as a
 * note; not found, sign-in blocked. The mailbox: shared (unlicensed, sign-in blocked) passes with the
 * delegated note, a licensed user, a blocked licensed user (fail delegated, warn application), an alias,
 * a guest, no licence, not found, and the directory refusing User.Read.All.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraAdminUserCheck } from '../../../src/checks/entra/admin-user.js';
import { entraMailboxCheck } from '../../../src/checks/entra/mailbox.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { RoleName } from '../../../standins/entra-standin/graph.js';
import { directoryAccount, directoryContext, english, evidenceOf, fixesOf, startDirectoryWorld, targetsOf, type DirectoryWorld } from './directory-world.js';

let world: DirectoryWorld;
let counter = 0;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

/** A new administrator with these roles (active, or eligible in PIM), checked for the given flow. */
async function adminWith(
  roles: readonly RoleName[],
  options: { eligible?: readonly RoleName[]; flow?: 'application' | 'delegated'; scope?: string } = {},
): Promise<CheckOutcome> {
  const upn = `admin${++counter}@contoso.com.br`;
  const user = world.graph.addUser(world.contoso, { upn });
  for (const role of roles) world.graph.assignRole(world.contoso, user, role, options.scope ? { scope: options.scope } : {});
  for (const role of options.eligible ?? []) world.graph.assignRole(world.contoso, user, role, { eligible: true });
  const app = options.flow === 'delegated' ? world.delegatedFlow : world.appFlow;
  return entraAdminUserCheck.run(directoryContext(world, directoryAccount(world, app, { flow: options.flow ?? 'application', admin: { user: upn } })));
}

describe('entra.admin-user', () => {
  it('passes a Global Administrator for both duties', async () => {
    const outcome = await adminWith(['Global Administrator']);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(
      `admin${counter}@contoso.com.br can grant tenant-wide consent (Global Administrator) and run the Exchange steps (Global Administrator)`,
    );
  });

  it('fails with ENTRA_ADMIN_LACKS_ROLE for an Exchange Administrator only: no tenant-wide consent', async () => {
    const outcome = await adminWith(['Exchange Administrator']);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE' });
    expect(english(outcome.summary)).toBe(
      `admin${counter}@contoso.com.br cannot grant tenant-wide consent: they are not a Global, Privileged Role, Cloud Application or Application Administrator`,
    );
    expect(fixesOf(outcome)[0]).toContain(
      'Roles & admins › Global Administrator / Privileged Role Administrator / Cloud Application Administrator / Application Administrator › Add assignments',
    );
  });

  it('fails an Application Administrator only for the application flow (Exchange steps), and only warns for the delegated flow', async () => {
    const application = await adminWith(['Application Administrator']);
    expect(application).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE' });
    expect(english(application.summary)).toContain('cannot run the Exchange steps (New-ServicePrincipal, Add-MailboxPermission)');
    expect(evidenceOf(application, 'entra.evidence.dutyConsent')).toEqual(['Application Administrator (active)']);
    const delegated = await adminWith(['Application Administrator'], { flow: 'delegated' });
    expect(delegated).toMatchObject({ status: 'warn', code: 'ENTRA_ADMIN_NO_EXCHANGE_ROLE' });
  });

  it('passes a Cloud Application Administrator who is also an Exchange Administrator', async () => {
    const outcome = await adminWith(['Cloud Application Administrator', 'Exchange Administrator']);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toContain('(Cloud Application Administrator) and run the Exchange steps (Exchange Administrator)');
  });

  it('warns with ENTRA_ADMIN_ROLE_NOT_ACTIVE for a PIM-eligible Global Administrator: must be activated, not missing', async () => {
    const outcome = await adminWith([], { eligible: ['Global Administrator'] });
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_ADMIN_ROLE_NOT_ACTIVE' });
    expect(english(outcome.summary)).toBe(
      `admin${counter}@contoso.com.br holds Global Administrator as eligible in Privileged Identity Management: the role must be activated before the steps`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.eligibleRoles')).toEqual(['Global Administrator']);
    expect(fixesOf(outcome)[0]).toContain('Privileged Identity Management › My roles › Eligible assignments › Activate');
  });

  it('does not count a role scoped to an administrative unit', async () => {
    const outcome = await adminWith(['Global Administrator'], { scope: '/administrativeUnits/5d4c3b2a-0000-4000-8000-000000000001' });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE' });
  });

  it('notes, without failing, a tenant whose PIM cannot be read (no Entra ID P2)', async () => {
    world.graph.tenant(world.contoso).pim = 'unlicensed';
    try {
      const outcome = await adminWith(['Global Administrator']);
      expect(outcome.status).toBe('pass');
      expect(evidenceOf(outcome, 'entra.evidence.eligibleRoles')).toEqual(['not readable (HTTP 400 AadPremiumLicenseRequired: no Entra ID P2, so no PIM)']);
    } finally {
      world.graph.tenant(world.contoso).pim = 'licensed';
    }
  });

  it('notes a 403 on the eligibility read (the app lacks RoleManagement.Read.Directory) and still judges the active roles', async () => {
    const app = world.registerDirectoryApp({ graphRoles: ['Application.Read.All', 'Directory.Read.All', 'User.Read.All'] });
    const outcome = await entraAdminUserCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.eligibleRoles')).toEqual(['not readable (HTTP 403 Authorization_RequestDenied)']);
  });

  it('fails with ENTRA_ADMIN_NOT_FOUND and ENTRA_ADMIN_DISABLED', async () => {
    const missing = await entraAdminUserCheck.run(
      directoryContext(world, directoryAccount(world, world.appFlow, { admin: { user: 'ninguem@contoso.com.br' } })),
    );
    expect(missing).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_NOT_FOUND' });
    expect(english(missing.summary)).toBe(`there is no user ninguem@contoso.com.br in tenant ${world.contoso.id}`);
    world.graph.addUser(world.contoso, { upn: 'blocked-admin@contoso.com.br', accountEnabled: false });
    const blocked = await entraAdminUserCheck.run(
      directoryContext(world, directoryAccount(world, world.appFlow, { admin: { user: 'blocked-admin@contoso.com.br' } })),
    );
    expect(blocked).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_DISABLED' });
  });
});

describe('entra.mailbox', () => {
  it('passes a shared mailbox (no licence, sign-in blocked), noting for the delegated flow who signs in', async () => {
    const application = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(application.status).toBe('pass');
    expect(english(application.summary)).toBe('atendimento@contoso.com.br is a shared mailbox (no licence, sign-in blocked), as Exchange creates it');
    const delegated = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.delegatedFlow, { flow: 'delegated' })));
    expect(english(delegated.summary)).toBe(
      'atendimento@contoso.com.br is a shared mailbox (no licence, sign-in blocked), as Exchange creates it; with the delegated flow a licensed user with FullAccess on it signs in',
    );
    expect(evidenceOf(delegated, 'entra.evidence.accountEnabled')).toEqual(['false']);
    expect(evidenceOf(delegated, 'entra.evidence.licences')).toEqual(['0']);
  });

  it('passes an enabled, licensed user', async () => {
    world.graph.addUser(world.contoso, { upn: 'financeiro@contoso.com.br' });
    const outcome = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'financeiro@contoso.com.br' })));
    expect(outcome.status).toBe('pass');
  });

  it('fails a licensed user blocked from signing in for the delegated flow (AADSTS50057), and warns for the application flow', async () => {
    world.graph.addUser(world.contoso, { upn: 'ex-funcionario@contoso.com.br', accountEnabled: false });
    const delegated = await entraMailboxCheck.run(
      directoryContext(world, directoryAccount(world, world.delegatedFlow, { flow: 'delegated', mailbox: 'ex-funcionario@contoso.com.br' })),
    );
    expect(delegated).toMatchObject({ status: 'fail', code: 'ENTRA_MAILBOX_USER_DISABLED' });
    expect(english(delegated.summary)).toContain('(AADSTS50057)');
    const application = await entraMailboxCheck.run(
      directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'ex-funcionario@contoso.com.br' })),
    );
    expect(application).toMatchObject({ status: 'warn', code: 'ENTRA_MAILBOX_USER_DISABLED' });
  });

  it('finds a mailbox by an alias that is not the user name', async () => {
    world.graph.addUser(world.contoso, { upn: 'maria@contoso.onmicrosoft.com', mail: 'maria@contoso.com.br', aliases: ['contato@contoso.com.br'] });
    const outcome = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'contato@contoso.com.br' })));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.mailboxUser')[0]).toMatch(/^maria@contoso\.onmicrosoft\.com \([0-9a-f-]+\), found by its address$/);
  });

  it('fails with ENTRA_MAILBOX_NOT_FOUND (a typo, a contact or a group), pointing at the Exchange admin center', async () => {
    const outcome = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'atendimeto@contoso.com.br' })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_MAILBOX_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      `no user of tenant ${world.contoso.id} has the address atendimeto@contoso.com.br: a typo, or the address of a contact, group or distribution list, which have no mailbox to log in to`,
    );
    expect(targetsOf(outcome)[0]).toBe('https://admin.exchange.microsoft.com');
  });

  it('still says "not found" when the directory will not run the alias search (400 Request_UnsupportedQuery)', async () => {
    world.standin.resetLog();
    world.standin.injectFault({
      path: /^\/v1\.0\/users$/,
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'Request_UnsupportedQuery', message: 'Unsupported query.' } }),
    });
    const outcome = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'outro@contoso.com.br' })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_MAILBOX_NOT_FOUND' });
    expect(world.standin.requests.filter((request) => request.path === '/v1.0/users').map((request) => request.status)).toEqual([400]);
  });

  it('fails a guest and warns an enabled user without any licence', async () => {
    world.graph.addUser(world.contoso, {
      upn: 'parceiro_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      mail: 'parceiro@fabrikam.com',
      userType: 'Guest',
      licences: [],
    });
    const guest = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'parceiro@fabrikam.com' })));
    expect(guest).toMatchObject({ status: 'fail', code: 'ENTRA_MAILBOX_IS_GUEST' });
    world.graph.addUser(world.contoso, { upn: 'sem-licenca@contoso.com.br', licences: [] });
    const unlicensed = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { mailbox: 'sem-licenca@contoso.com.br' })));
    expect(unlicensed).toMatchObject({ status: 'warn', code: 'ENTRA_MAILBOX_NO_LICENCE' });
  });

  it('skips with ENTRA_DIRECTORY_DENIED naming User.Read.All when the app may read applications but not users', async () => {
    const app = world.registerDirectoryApp({ graphRoles: ['Application.Read.All'] });
    const outcome = await entraMailboxCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_DENIED' });
    expect(english(outcome.summary)).toContain('it needs the application permission User.Read.All');
  });
});
