/**
 * entra.permissions (configured) and entra.admin-consent (granted), by name through the resources' own
 * service principals: the application roles under Office 365 Exchange Online; delegated IMAP/POP/SMTP under
 * Exchange or Microsoft Graph — Graph's GUIDs under Graph pass, Graph's GUIDs filed under Exchange's
 * resourceAppId (docs/provider-facts.md §Exchange permissions) are explained; a missing role or scope, the other kind of
 * permission, offline_access; consent missing for one role, tenant-wide or one user's own delegated grants
 * (saying which), none, and no enterprise application at all.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraAdminConsentCheck } from '../../../src/checks/entra/admin-consent.js';
import { entraPermissionsCheck } from '../../../src/checks/entra/permissions.js';
import { GRAPH_SCOPES } from '../../../standins/entra-standin/graph.js';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, createTenant } from '../../../standins/entra-standin/index.js';
import {
  ALL_GRAPH_ROLES,
  adminSessions,
  delegatedAccessOnExchange,
  directoryAccount,
  directoryContext,
  english,
  evidenceOf,
  fixesOf,
  scriptedAdmin,
  startDirectoryWorld,
  targetsOf,
  type DirectoryWorld,
} from './directory-world.js';

let world: DirectoryWorld;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

describe('entra.permissions', () => {
  it('passes the application flow with IMAP.AccessAsApp and SMTP.SendAsApp of Office 365 Exchange Online', async () => {
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe('the app has the application permissions IMAP.AccessAsApp, SMTP.SendAsApp (Office 365 Exchange Online)');
  });

  it('fails with ENTRA_PERMISSIONS_MISSING naming SMTP.SendAsApp, with the portal path under APIs my organization uses', async () => {
    const app = world.registerDirectoryApp({ configuredRoles: ['IMAP.AccessAsApp'], graphRoles: ALL_GRAPH_ROLES });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_PERMISSIONS_MISSING' });
    expect(english(outcome.summary)).toBe(`app ${app.application.appId} lacks the application permissions SMTP.SendAsApp of Office 365 Exchange Online`);
    expect(fixesOf(outcome)[0]).toContain(
      'Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › SMTP.SendAsApp › Add permissions',
    );
    expect(targetsOf(outcome)).toContain(`${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${app.application.appId}`);
  });

  it('asks for POP.AccessAsApp for a POP3 account', async () => {
    const app = world.registerDirectoryApp({ configuredRoles: ['IMAP.AccessAsApp', 'SMTP.SendAsApp'], graphRoles: ALL_GRAPH_ROLES });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app, { incoming: { protocol: 'pop3', port: 995 } })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_PERMISSIONS_MISSING' });
    expect(english(outcome.summary)).toContain('lacks the application permissions POP.AccessAsApp');
  });

  it('fails with ENTRA_PERMISSIONS_WRONG_TYPE when the application flow has the delegated permissions instead', async () => {
    const app = world.registerDirectoryApp({ requiredResourceAccess: delegatedAccessOnExchange(), graphRoles: ALL_GRAPH_ROLES });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_PERMISSIONS_WRONG_TYPE' });
    expect(english(outcome.summary)).toBe(
      'the app has IMAP.AccessAsUser.All, SMTP.Send as delegated permissions, but the flow is application: it needs the application permissions IMAP.AccessAsApp, SMTP.SendAsApp',
    );
  });

  it('passes delegated permissions filed under Microsoft Graph with Graph’s own GUIDs: matched by name, not by Exchange’s GUIDs', async () => {
    const app = world.registerDirectoryApp({
      flow: 'delegated',
      graphRoles: ALL_GRAPH_ROLES,
      requiredResourceAccess: [
        {
          resourceAppId: GRAPH_APP_ID,
          resourceAccess: [GRAPH_SCOPES['IMAP.AccessAsUser.All'], GRAPH_SCOPES['SMTP.Send'], GRAPH_SCOPES.offline_access].map((id) => ({
            id,
            type: 'Scope' as const,
          })),
        },
      ],
      consentedScopes: { graph: ['IMAP.AccessAsUser.All', 'SMTP.Send', 'offline_access'] },
    });
    const context = directoryContext(world, directoryAccount(world, app, { flow: 'delegated' }));
    const outcome = await entraPermissionsCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe('the app has the delegated permissions IMAP.AccessAsUser.All, SMTP.Send (Microsoft Graph)');
    expect((await entraAdminConsentCheck.run(context)).status).toBe('pass');
  });

  it('explains Graph’s GUIDs filed under Office 365 Exchange Online (ENTRA_PERMISSION_WRONG_RESOURCE) instead of accepting or ignoring them', async () => {
    const app = world.registerDirectoryApp({
      flow: 'delegated',
      graphRoles: ALL_GRAPH_ROLES,
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_APP_ID,
          resourceAccess: [GRAPH_SCOPES['IMAP.AccessAsUser.All'], GRAPH_SCOPES['SMTP.Send']].map((id) => ({ id, type: 'Scope' as const })),
        },
        { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: GRAPH_SCOPES.offline_access, type: 'Scope' }] },
      ],
    });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app, { flow: 'delegated' })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_PERMISSION_WRONG_RESOURCE' });
    expect(english(outcome.summary)).toBe(
      `the permission ${GRAPH_SCOPES['IMAP.AccessAsUser.All']} is listed under Office 365 Exchange Online, but it is Microsoft Graph’s IMAP.AccessAsUser.All: the manifest mixes up the two resources, and that entry grants no IMAP.AccessAsUser.All`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.permissionMisplaced')).toEqual([
      `${GRAPH_SCOPES['IMAP.AccessAsUser.All']} listed under Office 365 Exchange Online is Microsoft Graph's IMAP.AccessAsUser.All`,
      `${GRAPH_SCOPES['SMTP.Send']} listed under Office 365 Exchange Online is Microsoft Graph's SMTP.Send`,
    ]);
    expect(fixesOf(outcome)[0]).toContain(`remove the entries ${GRAPH_SCOPES['IMAP.AccessAsUser.All']}, ${GRAPH_SCOPES['SMTP.Send']}`);
  });

  it('warns with ENTRA_PERMISSION_OFFLINE_ACCESS when the delegated mail permissions come without offline_access', async () => {
    const app = world.registerDirectoryApp({ flow: 'delegated', graphRoles: ALL_GRAPH_ROLES, requiredResourceAccess: delegatedAccessOnExchange().slice(0, 1) });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app, { flow: 'delegated' })));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_PERMISSION_OFFLINE_ACCESS' });
  });

  it('fails with ENTRA_EXCHANGE_NOT_IN_TENANT when the tenant has no Office 365 Exchange Online', async () => {
    const noExchange = createTenant({ displayName: 'Northwind', domains: ['northwind.onmicrosoft.com'], exchange: false });
    world.standin.directory.tenants.push(noExchange);
    world.graph.equip(noExchange);
    const app = world.registerDirectoryApp({ tenant: noExchange, consentedRoles: [], configuredRoles: ['IMAP.AccessAsApp'], graphRoles: ALL_GRAPH_ROLES });
    const outcome = await entraPermissionsCheck.run(directoryContext(world, directoryAccount(world, app, { tenantId: noExchange.id })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_EXCHANGE_NOT_IN_TENANT' });
  });
});

describe('entra.admin-consent', () => {
  it('fails with ENTRA_CONSENT_MISSING for the one application role not granted, with the admin-consent URL first', async () => {
    const app = world.registerDirectoryApp({
      consentedRoles: ['IMAP.AccessAsApp', 'POP.AccessAsApp'],
      configuredRoles: ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp'],
      graphRoles: ALL_GRAPH_ROLES,
    });
    const outcome = await entraAdminConsentCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_CONSENT_MISSING' });
    expect(english(outcome.summary)).toBe(
      'admin consent is missing for SMTP.SendAsApp (granted: IMAP.AccessAsApp, POP.AccessAsApp): the Exchange token will not carry those roles',
    );
    expect(outcome.remediation?.[0]).toMatchObject({
      kind: 'url',
      target: `${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${app.application.appId}`,
    });
    expect(fixesOf(outcome)[1]).toContain('API permissions › Grant admin consent for <tenant>');
    expect(evidenceOf(outcome, 'entra.evidence.enterpriseAppObjectId')).toEqual([app.servicePrincipal.id]);
  });

  it('passes a delegated grant given by the mailbox’s own user only, saying so', async () => {
    const user = world.graph.addUser(world.contoso, { upn: 'vendas@contoso.com.br' });
    const app = world.registerDirectoryApp({ flow: 'delegated', graphRoles: ALL_GRAPH_ROLES, consentedScopes: {} });
    world.graph.grantDelegated(world.contoso, app.servicePrincipal, EXCHANGE_APP_ID, ['IMAP.AccessAsUser.All', 'SMTP.Send'], { principal: user });
    const outcome = await entraAdminConsentCheck.run(
      directoryContext(world, directoryAccount(world, app, { flow: 'delegated', mailbox: 'vendas@contoso.com.br' })),
    );
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(
      'IMAP.AccessAsUser.All, SMTP.Send are consented by the mailbox’s own user (vendas@contoso.com.br) only, not for the whole organization: enough when that user signs in',
    );
    expect(evidenceOf(outcome, 'entra.evidence.consentGrant')).toEqual([`Principal ${user.id} on Office 365 Exchange Online: IMAP.AccessAsUser.All SMTP.Send`]);
  });

  it('warns with ENTRA_CONSENT_USERS_ONLY when only other users consented for themselves', async () => {
    const other = world.graph.addUser(world.contoso, { upn: 'joao@contoso.com.br' });
    const app = world.registerDirectoryApp({ flow: 'delegated', graphRoles: ALL_GRAPH_ROLES, consentedScopes: {} });
    world.graph.grantDelegated(world.contoso, app.servicePrincipal, EXCHANGE_APP_ID, ['IMAP.AccessAsUser.All', 'SMTP.Send', 'POP.AccessAsUser.All'], {
      principal: other,
    });
    const outcome = await entraAdminConsentCheck.run(directoryContext(world, directoryAccount(world, app, { flow: 'delegated' })));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_CONSENT_USERS_ONLY' });
    expect(english(outcome.summary)).toContain(`(user IDs ${other.id})`);
  });

  it('fails with ENTRA_CONSENT_MISSING when nobody consented to the delegated permissions', async () => {
    const app = world.registerDirectoryApp({ flow: 'delegated', graphRoles: ALL_GRAPH_ROLES, consentedScopes: { graph: ['offline_access'] } });
    const outcome = await entraAdminConsentCheck.run(directoryContext(world, directoryAccount(world, app, { flow: 'delegated' })));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_CONSENT_MISSING' });
    expect(english(outcome.summary)).toBe(
      'nobody has consented to IMAP.AccessAsUser.All, SMTP.Send for this app: the sign-in stops at a consent prompt, or at AADSTS65001 where users may not consent',
    );
  });

  it('fails with ENTRA_ENTERPRISE_APP_MISSING when the app has no enterprise application in the tenant (nobody consented here)', async () => {
    const foreign = world.registerDirectoryApp({ tenant: world.fabrikam });
    const account = directoryAccount(world, foreign);
    const outcome = await entraAdminConsentCheck.run(directoryContext(world, account, { sessions: adminSessions(scriptedAdmin(world)) }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ENTERPRISE_APP_MISSING' });
    expect(english(outcome.summary)).toBe(
      `app ${foreign.application.appId} has no enterprise application in tenant ${world.contoso.id}: nobody has consented to it here yet`,
    );
  });

  it('reads the same grants as the administrator signed in with --admin', async () => {
    const app = world.registerDirectoryApp({ consentedRoles: ['IMAP.AccessAsApp', 'SMTP.SendAsApp'], configuredRoles: ['IMAP.AccessAsApp', 'SMTP.SendAsApp'] });
    const outcome = await entraAdminConsentCheck.run(directoryContext(world, directoryAccount(world, app), { sessions: adminSessions(scriptedAdmin(world)) }));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.consentGranted')).toEqual(['IMAP.AccessAsApp, SMTP.SendAsApp (Office 365 Exchange Online, application)']);
    expect(evidenceOf(outcome, 'entra.evidence.directoryReader')[0]).toMatch(/^admin@contoso\.com\.br \(--admin, device code/);
  });
});
