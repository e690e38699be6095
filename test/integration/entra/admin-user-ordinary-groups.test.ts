/**
 * entra.admin-user against groups as Graph really lists them: `isAssignableToRole: null` for every group not
 * created role-assignable (the group resource's list examples), `true` for a role-assignable one, and only a
 * caller that may not read groups sees "limited information" (displayName null too). An administrator in
 * ordinary groups gets a verdict, not ENTRA_ADMIN_GROUP_ROLES_UNREAD; roles through a role-assignable group
 * count and are named; a tenant without Entra ID P2 (AadPremiumLicenseRequired from the PIM lists) is
 * still judged on its direct and group roles.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraAdminUserCheck } from '../../../src/checks/entra/admin-user.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { DirectoryGroup, DirectoryUser, RoleName } from '../../../standins/entra-standin/graph.js';
import { directoryAccount, directoryContext, evidenceOf, fixesOf, startDirectoryWorld, type DirectoryWorld } from './directory-world.js';

let world: DirectoryWorld;
let counter = 0;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

function newAdmin(direct: readonly RoleName[] = []): DirectoryUser {
  const user = world.graph.addUser(world.contoso, { upn: `ordinary-admin${++counter}@contoso.com.br` });
  for (const role of direct) world.graph.assignRole(world.contoso, user, role);
  return user;
}

/** Ordinary groups, as most of a tenant's are (Microsoft 365 groups, distribution and security groups). */
function ordinaryGroups(user: DirectoryUser): DirectoryGroup[] {
  const team = world.graph.addGroup(world.contoso, { displayName: `Suporte ${counter}`, members: [user] });
  const everyone = world.graph.addGroup(world.contoso, { displayName: `Todos ${counter}`, members: [team] });
  const list = world.graph.addGroup(world.contoso, { displayName: `Comunicados ${counter}`, members: [user] });
  return [team, everyone, list];
}

function roleGroup(user: DirectoryUser, name: string, active: readonly RoleName[]): DirectoryGroup {
  const group = world.graph.addGroup(world.contoso, { displayName: `${name} ${counter}`, isAssignableToRole: true, members: [user] });
  for (const role of active) world.graph.assignRole(world.contoso, group, role);
  return group;
}

/** A generous step timeout: a verdict that depends on every read must not turn into a timeout on a busy machine. */
async function check(user: DirectoryUser): Promise<CheckOutcome> {
  const account = directoryAccount(world, world.appFlow, { flow: 'application', admin: { user: user.userPrincipalName } });
  return entraAdminUserCheck.run(directoryContext(world, account, { options: { stepTimeoutMs: 15_000 } }));
}

async function withoutP2<T>(run: () => Promise<T>): Promise<T> {
  world.graph.tenant(world.contoso).pim = 'unlicensed';
  try {
    return await run();
  } finally {
    world.graph.tenant(world.contoso).pim = 'licensed';
  }
}

describe('entra.admin-user: ordinary groups (isAssignableToRole null) get a verdict', () => {
  it('fails ENTRA_ADMIN_LACKS_ROLE for an administrator in ordinary groups who lacks the Exchange role, with no permission fix', async () => {
    const user = newAdmin(['Application Administrator']);
    ordinaryGroups(user);
    const outcome = await check(user);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE', summary: { key: 'entra.adminUser.cannotExchange' } });
    expect(evidenceOf(outcome, 'entra.evidence.groupsWithoutKind')).toEqual([]);
    expect(evidenceOf(outcome, 'entra.evidence.roleGroups')).toEqual(['(none)']);
    expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual(['no role for it']);
    // The reader has every permission it needs: no "grant Directory.Read.All" step.
    expect(fixesOf(outcome).join('\n')).not.toContain('Directory.Read.All');
  });

  it('passes with the Exchange role held through a role-assignable group among ordinary ones, naming the group', async () => {
    const user = newAdmin(['Cloud Application Administrator']);
    ordinaryGroups(user);
    const group = roleGroup(user, 'Exchange Admins', ['Exchange Administrator']);
    const outcome = await check(user);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.roleGroups')).toEqual([`'Exchange Admins ${counter}' (${group.id})`]);
    expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual([`Exchange Administrator (active, through group 'Exchange Admins ${counter}')`]);
  });
});

describe('entra.admin-user: a tenant without Entra ID P2', () => {
  it('judges direct and group roles: pass, PIM noted as unavailable', async () => {
    const outcome = await withoutP2(async () => {
      const user = newAdmin(['Privileged Role Administrator']);
      ordinaryGroups(user);
      roleGroup(user, 'Exchange Ops', ['Exchange Administrator']);
      return check(user);
    });
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.eligibleRoles')).toEqual(['not readable (HTTP 400 AadPremiumLicenseRequired: no Entra ID P2, so no PIM)']);
    expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual([`Exchange Administrator (active, through group 'Exchange Ops ${counter}')`]);
  });

  it('judges a missing role as missing: ENTRA_ADMIN_LACKS_ROLE, not a skip', async () => {
    const outcome = await withoutP2(async () => {
      const user = newAdmin();
      ordinaryGroups(user);
      return check(user);
    });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE', summary: { key: 'entra.adminUser.noRoles' } });
  });
});
