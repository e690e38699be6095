/**
 * entra.admin-user and roles held through role-assignable groups (groups-concept): the administrator's
 * groups from Graph v1.0 `transitiveMemberOf/microsoft.graph.group` (an advanced query, paged), only the
 * role-assignable ones read for roles, active and PIM-eligible alike; a group that is not role-assignable
 * holds nothing. When the groups cannot all be read (403, limited information, too many), a role not found
 * directly is "could not be checked" — a skip, never a false ENTRA_ADMIN_LACKS_ROLE — and the direct
 * answer stands when it suffices.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_ROLE_GROUPS, entraAdminUserCheck } from '../../../src/checks/entra/admin-user.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import type { DirectoryGroup, DirectoryUser, RoleName } from '../../../standins/entra-standin/graph.js';
import type { StandinRequest } from '../../../standins/entra-standin/index.js';
import type { RegisteredApp } from './entra-world.js';
import {
  adminSessions,
  directoryAccount,
  directoryContext,
  english,
  evidenceOf,
  fixesOf,
  scriptedAdmin,
  startDirectoryWorld,
  type DirectoryWorld,
} from './directory-world.js';

let world: DirectoryWorld;
let counter = 0;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

/** A new administrator holding these roles directly. */
function newAdmin(direct: readonly RoleName[] = []): DirectoryUser {
  const user = world.graph.addUser(world.contoso, { upn: `group-admin${++counter}@contoso.com.br` });
  for (const role of direct) world.graph.assignRole(world.contoso, user, role);
  return user;
}

/** A group with the user in it (role-assignable unless said otherwise), holding these roles. */
function groupWith(
  user: DirectoryUser | DirectoryGroup,
  name: string,
  roles: { active?: readonly RoleName[]; eligible?: readonly RoleName[] } = {},
  isAssignableToRole = true,
): DirectoryGroup {
  const group = world.graph.addGroup(world.contoso, { displayName: `${name} ${counter}`, isAssignableToRole, members: [user] });
  for (const role of roles.active ?? []) world.graph.assignRole(world.contoso, group, role);
  for (const role of roles.eligible ?? []) world.graph.assignRole(world.contoso, group, role, { eligible: true });
  return group;
}

/** Runs the check for this administrator; the Graph requests it made come back with the outcome. */
async function check(
  user: DirectoryUser,
  options: { app?: RegisteredApp; flow?: 'application' | 'delegated' } = {},
): Promise<{ outcome: CheckOutcome; requests: StandinRequest[] }> {
  const app = options.app ?? (options.flow === 'delegated' ? world.delegatedFlow : world.appFlow);
  const before = world.standin.requests.length;
  const outcome = await entraAdminUserCheck.run(
    directoryContext(world, directoryAccount(world, app, { flow: options.flow ?? 'application', admin: { user: user.userPrincipalName } })),
  );
  return { outcome, requests: world.standin.requests.slice(before).filter((request) => request.path.startsWith('/v1.0/')) };
}

const membership = (user: DirectoryUser) => `/v1.0/users/${user.id}/transitiveMemberOf/microsoft.graph.group`;
const roleReadsFor = (requests: readonly StandinRequest[], principal: { id: string }) =>
  requests.filter((request) => request.query.$filter === `principalId eq '${principal.id}'`).map((request) => request.path);

describe('entra.admin-user: roles held through role-assignable groups', () => {
  it('counts Exchange Administrator held only through a role-assignable group for the Exchange steps, naming the group', async () => {
    const user = newAdmin(['Cloud Application Administrator']);
    const group = groupWith(user, 'Exchange Admins', { active: ['Exchange Administrator'] });
    const { outcome, requests } = await check(user);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(
      `${user.userPrincipalName} can grant tenant-wide consent (Cloud Application Administrator) and run the Exchange steps (Exchange Administrator)`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual([`Exchange Administrator (active, through group 'Exchange Admins ${counter}')`]);
    expect(evidenceOf(outcome, 'entra.evidence.roleGroups')).toEqual([`'Exchange Admins ${counter}' (${group.id})`]);
    expect(evidenceOf(outcome, 'entra.evidence.groupRoles')).toEqual([`Exchange Administrator (active, through group 'Exchange Admins ${counter}')`]);
    expect(evidenceOf(outcome, 'entra.evidence.activeRoles')).toEqual(['Cloud Application Administrator']);
    // The documented v1.0 read (an advanced query: the stand-in answers 400 without ConsistencyLevel eventual).
    const listed = requests.filter((request) => request.path === membership(user));
    expect(listed.map((request) => [request.query, request.status])).toEqual([[{ $select: 'id,displayName,isAssignableToRole', $count: 'true' }, 200]]);
    expect(roleReadsFor(requests, group)).toEqual([
      '/v1.0/roleManagement/directory/roleAssignments',
      '/v1.0/roleManagement/directory/roleEligibilityScheduleInstances',
    ]);
    expect(requests.some((request) => request.path.includes('transitiveRoleAssignments') || request.path.startsWith('/beta'))).toBe(false);
  });

  it('passes a Global Administrator through a group for both duties', async () => {
    const user = newAdmin();
    groupWith(user, 'Global Admins', { active: ['Global Administrator'] });
    const { outcome } = await check(user);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual([`Global Administrator (active, through group 'Global Admins ${counter}')`]);
  });

  it('warns ENTRA_ADMIN_ROLE_NOT_ACTIVE for Global Administrator eligible in PIM through a group: must be activated', async () => {
    const user = newAdmin();
    groupWith(user, 'PIM Global Admins', { eligible: ['Global Administrator'] });
    const { outcome } = await check(user);
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_ADMIN_ROLE_NOT_ACTIVE' });
    expect(english(outcome.summary)).toBe(
      `${user.userPrincipalName} holds Global Administrator as eligible in Privileged Identity Management: the role must be activated before the steps`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual([
      `Global Administrator (eligible in PIM, not active, through group 'PIM Global Admins ${counter}')`,
    ]);
    expect(evidenceOf(outcome, 'entra.evidence.eligibleRoles')).toEqual(['(none)']);
    expect(fixesOf(outcome)[0]).toContain('Privileged Identity Management › My roles › Eligible assignments › Activate');
  });

  it('still fails ENTRA_ADMIN_LACKS_ROLE when the only groups are not role-assignable (nested ones included), and reads no roles for them', async () => {
    const user = newAdmin();
    const team = groupWith(user, 'Suporte', {}, false);
    const everyone = groupWith(team, 'Todos', {}, false);
    const { outcome, requests } = await check(user);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ADMIN_LACKS_ROLE' });
    expect(english(outcome.summary)).toContain('has none of the roles needed');
    expect(evidenceOf(outcome, 'entra.evidence.roleGroups')).toEqual(['(none)']);
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual(['no role for it']);
    expect([...roleReadsFor(requests, team), ...roleReadsFor(requests, everyone)]).toEqual([]);
  });

  it('follows @odata.nextLink: a role-assignable group on the second page of the memberships counts', async () => {
    const user = newAdmin(['Application Administrator']);
    const team = groupWith(user, 'Equipe', {}, false);
    groupWith(team, 'Empresa', {}, false);
    groupWith(user, 'Exchange Ops', { active: ['Exchange Administrator'] });
    world.graph.tenant(world.contoso).pageSize = 2;
    try {
      const { outcome, requests } = await check(user);
      expect(requests.filter((request) => request.path === membership(user)).map((request) => request.status)).toEqual([200, 200]);
      expect(outcome.status).toBe('pass');
      expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual([`Exchange Administrator (active, through group 'Exchange Ops ${counter}')`]);
    } finally {
      world.graph.tenant(world.contoso).pageSize = 100;
    }
  });

  it('says the group-held roles were not all read when the memberships run past the pages followed (10), rather than "no role"', async () => {
    const user = newAdmin(['Application Administrator']);
    for (let index = 0; index < 11; index++) groupWith(user, `Lista ${index}`, {}, false);
    world.graph.tenant(world.contoso).pageSize = 1;
    try {
      const { outcome, requests } = await check(user);
      expect(requests.filter((request) => request.path === membership(user))).toHaveLength(10);
      expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD' });
      expect(evidenceOf(outcome, 'entra.evidence.groupRolesUnread')).toEqual([`GET ${membership(user)}: 10 groups read, more not followed`]);
    } finally {
      world.graph.tenant(world.contoso).pageSize = 100;
    }
  });

  it('reads at most MAX_ROLE_GROUPS role-assignable groups and says how many were left', async () => {
    const user = newAdmin(['Global Administrator']);
    const groups = Array.from({ length: MAX_ROLE_GROUPS + 1 }, (_, index) => groupWith(user, `Grupo ${index}`));
    const { outcome, requests } = await check(user);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.roleGroupsSkipped')).toEqual(['1']);
    expect(groups.filter((group) => roleReadsFor(requests, group).length > 0)).toHaveLength(MAX_ROLE_GROUPS);
  });

  it('asks no group for PIM eligibility when PIM cannot be read (no Entra ID P2) and still counts their active roles', async () => {
    world.graph.tenant(world.contoso).pim = 'unlicensed';
    try {
      const user = newAdmin(['Privileged Role Administrator']);
      const group = groupWith(user, 'Exchange Admins', { active: ['Exchange Administrator'] });
      const { outcome, requests } = await check(user);
      expect(outcome.status).toBe('pass');
      expect(roleReadsFor(requests, group)).toEqual(['/v1.0/roleManagement/directory/roleAssignments']);
    } finally {
      world.graph.tenant(world.contoso).pim = 'licensed';
    }
  });

  it('reads the groups as the administrator signed in with --admin (delegated Directory.Read.All)', async () => {
    const user = newAdmin();
    groupWith(user, 'Global Admins', { active: ['Global Administrator'] });
    const app = world.registerDirectoryApp();
    const sessions = adminSessions(scriptedAdmin(world));
    const outcome = await entraAdminUserCheck.run(
      directoryContext(world, directoryAccount(world, app, { admin: { user: user.userPrincipalName } }), { sessions }),
    );
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.directoryReader')[0]).toContain('--admin');
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual([`Global Administrator (active, through group 'Global Admins ${counter}')`]);
  });

  it('the stand-in refuses what Entra refuses: a role for a group that is not role-assignable, a group nested in a role-assignable one', () => {
    const user = newAdmin();
    const plain = groupWith(user, 'Comum', {}, false);
    expect(() => world.graph.assignRole(world.contoso, plain, 'Global Administrator')).toThrow('not role-assignable');
    expect(() => world.graph.addGroup(world.contoso, { displayName: 'Aninhado', isAssignableToRole: true, members: [plain] })).toThrow(
      'cannot have groups as members',
    );
  });
});

describe('entra.admin-user: group-held roles that cannot be read', () => {
  const refuse = (user: DirectoryUser) =>
    world.standin.injectFault({
      path: new RegExp(`^${membership(user).replace(/\./g, '\\.')}$`),
      status: 403,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }),
    });

  it('skips with ENTRA_ADMIN_GROUP_ROLES_UNREAD, not a "no role" failure, when the membership read is refused and no direct role qualifies', async () => {
    const user = newAdmin();
    refuse(user);
    const { outcome } = await check(user);
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD' });
    expect(english(outcome.summary)).toBe(
      `${user.userPrincipalName} holds no needed role through a direct assignment, and the roles held through role-assignable groups could not be read: the role may come from a group rather than be missing (the evidence shows which duty)`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.groupRolesUnread')).toEqual([`GET ${membership(user)}: HTTP 403 Authorization_RequestDenied`]);
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual(['no direct role for it; roles held through groups not checked']);
    expect(fixesOf(outcome)[0]).toContain(`Users › ${user.userPrincipalName} › Assigned roles`);
    // The app reads the directory with its own token: what unlocks the read comes with it.
    expect(fixesOf(outcome).join('\n')).toContain('Directory.Read.All');
  });

  it('still gives the direct answer when it suffices, noting that group-held roles were not read', async () => {
    const user = newAdmin(['Global Administrator']);
    refuse(user);
    const { outcome } = await check(user);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.groupRolesUnread')).toEqual([`GET ${membership(user)}: HTTP 403 Authorization_RequestDenied`]);
  });

  it('leaves the Exchange duty unchecked, not missing, when only consent is held directly', async () => {
    const user = newAdmin(['Application Administrator']);
    refuse(user);
    const { outcome } = await check(user);
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD' });
    expect(evidenceOf(outcome, 'entra.evidence.dutyConsent')).toEqual(['Application Administrator (active)']);
    expect(evidenceOf(outcome, 'entra.evidence.dutyExchange')).toEqual(['no direct role for it; roles held through groups not checked']);
  });

  it('in the delegated flow, warns that the Exchange role may come from an unread group rather than that it is missing', async () => {
    const user = newAdmin(['Application Administrator']);
    refuse(user);
    const { outcome } = await check(user, { flow: 'delegated' });
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_ADMIN_NO_EXCHANGE_ROLE', summary: { key: 'entra.adminUser.noExchangeDelegatedUnread' } });
    expect(fixesOf(outcome)[0]).toContain(`Users › ${user.userPrincipalName} › Assigned roles`);
  });

  it('treats groups listed without their properties (the app may read users, not groups) as not checked', async () => {
    const app = world.registerDirectoryApp({ graphRoles: ['User.Read.All', 'RoleManagement.Read.Directory'] });
    const user = newAdmin(['Cloud Application Administrator']);
    groupWith(user, 'Exchange Admins', { active: ['Exchange Administrator'] });
    const { outcome } = await check(user, { app });
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD' });
    expect(evidenceOf(outcome, 'entra.evidence.groupsWithoutKind')).toEqual(['1']);
    expect(fixesOf(outcome).join('\n')).toContain('Directory.Read.All');
  });

  it('leaves the verdict open, with a retry, when the membership read fails at Graph (503)', async () => {
    const user = newAdmin();
    groupWith(user, 'Exchange Admins', { active: ['Exchange Administrator'] });
    world.standin.injectFault({
      path: new RegExp(`^${membership(user).replace(/\./g, '\\.')}$`),
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'serviceNotAvailable', message: 'Try again.' } }),
    });
    const { outcome } = await check(user);
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD' });
    expect(evidenceOf(outcome, 'entra.evidence.groupRolesUnread')).toEqual([`GET ${membership(user)}: HTTP 503 serviceNotAvailable`]);
    expect(fixesOf(outcome).join('\n')).toContain('Run the check again in a few minutes');
  });
});
