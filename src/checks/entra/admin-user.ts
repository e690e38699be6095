/**
 * entra.admin-user: the administrator named in `admin.user` exists, may sign in, and which of the two duties
 * they can do — grant tenant-wide consent (Global Administrator, Privileged Role Administrator, Cloud
 * Application Administrator or Application Administrator: the last two consent to any API but Microsoft
 * Graph's application permissions, which the mail permissions are not —
 * https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent) and run the Exchange
 * steps (Exchange Administrator or Global Administrator: New-ServicePrincipal, Add-MailboxPermission —
 * https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth). Active roles come from `roleManagement/directory/roleAssignments`;
 * PIM-eligible ones from `roleEligibilityScheduleInstances` and are "must be activated", not missing. A tenant
 * without Entra ID P2 answers the eligibility read with AadPremiumLicenseRequired: a note, not a failure.
 * Roles assigned to a role-assignable group count for its members
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept): the user's groups come
 * from v1.0 `transitiveMemberOf/microsoft.graph.group` (transitiveRoleAssignments is beta only), and each
 * role-assignable one is read like the user. When those cannot all be read, a role not found directly is
 * "could not be checked", not "missing".
 * Role template IDs: https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 */
import { msg } from '../../i18n/index.js';
import { entraAccount } from './shared/remediation.js';
import { graphList, odataString, pathOf, type GraphAccess, type GraphFailure } from '../../identity/graph.js';
import { ROLE_GROUP_SELECT, readAll, readGroup, readRoleEntry, type GraphRoleEntry } from '../../identity/graph-resources.js';
import { httpSettings } from '../shared/http-settings.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { directoryApplies, NEEDS, readList, readProblemOutcome, readUserByAddress, readerEvidence, unlockFixes } from './shared/directory.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

/** Built-in role template IDs (permissions-reference, "All roles"). */
export const ROLE_TEMPLATES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
} as const;
export type RoleName = keyof typeof ROLE_TEMPLATES;

/** Who can grant tenant-wide consent to the mail permissions, and who can run the Exchange steps. */
export const CONSENT_ROLES: readonly RoleName[] = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Cloud Application Administrator',
  'Application Administrator',
];
export const EXCHANGE_ROLES: readonly RoleName[] = ['Exchange Administrator', 'Global Administrator'];

const ROLE_NAMES: readonly RoleName[] = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Cloud Application Administrator',
  'Application Administrator',
  'Exchange Administrator',
];
const NAME_BY_ID = new Map<string, RoleName>(ROLE_NAMES.map((name) => [ROLE_TEMPLATES[name], name]));

/**
 * At most this many role-assignable groups are read for roles: an administrator is in a handful (a tenant
 * has at most 500). The catalogues' `entra.evidence.roleGroupsSkipped` names this number.
 */
export const MAX_ROLE_GROUPS = 20;
/** Role-assignable groups whose roles are read at the same time. */
const GROUP_READS_AT_ONCE = 4;

/** `Promise.all(items.map(run))` with at most `limit` runs at a time; results in the items' order. */
async function mapInBatches<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Who holds a role for the user: nobody else (a direct assignment) or a role-assignable group, by name. */
type Holders = ReadonlyMap<RoleName, { readonly group?: string }>;

export type DutyState =
  | { readonly state: 'active'; readonly role: RoleName; readonly group?: string }
  | { readonly state: 'eligible'; readonly role: RoleName; readonly group?: string }
  | { readonly state: 'missing' };

/** Tenant-wide assignments only: a role scoped to an administrative unit does not consent for the tenant. */
function rolesOf(entries: readonly GraphRoleEntry[]): Set<RoleName> {
  const names = new Set<RoleName>();
  for (const entry of entries) {
    if (entry.directoryScopeId !== undefined && entry.directoryScopeId !== '/') continue;
    const name = NAME_BY_ID.get(entry.roleDefinitionId);
    if (name) names.add(name);
  }
  return names;
}

export function dutyState(roles: readonly RoleName[], active: Holders, eligible: Holders): DutyState {
  const activeRole = roles.find((role) => active.has(role));
  if (activeRole) return { state: 'active', role: activeRole, ...active.get(activeRole) };
  const eligibleRole = roles.find((role) => eligible.has(role));
  if (eligibleRole) return { state: 'eligible', role: eligibleRole, ...eligible.get(eligibleRole) };
  return { state: 'missing' };
}

function held(role: RoleName, state: 'active' | 'eligible', group?: string): string {
  return `${role} (${state === 'active' ? 'active' : 'eligible in PIM, not active'}${group !== undefined ? `, through group '${group}'` : ''})`;
}

function describe(duty: DutyState, groupsUnread: boolean): string {
  if (duty.state !== 'missing') return held(duty.role, duty.state, duty.group);
  return groupsUnread ? 'no direct role for it; roles held through groups not checked' : 'no role for it';
}

/** A failed read in a line of evidence: `HTTP 403 Authorization_RequestDenied`, or the network error. */
function failureDetail(failure: GraphFailure): string {
  if (failure.kind === 'network') return failure.error.code;
  return failure.kind === 'unexpected' ? `HTTP ${failure.status}` : `HTTP ${failure.status} ${failure.error.code ?? ''}`.trim();
}

/** What the user holds through role-assignable groups, and whether every such group could be read. */
interface GroupRoles {
  readonly active: Map<RoleName, string>;
  readonly eligible: Map<RoleName, string>;
  readonly evidence: Evidence[];
  /** Some group that may hold a role was not read: a role not found may still be held through it. */
  readonly unread: boolean;
  /** Why: a read refused (the directory's permissions) or failed in transit or at Graph. */
  readonly failure?: GraphFailure;
  /** Groups listed without their properties (a caller that may read users but not groups). */
  readonly limited: boolean;
}

/**
 * The user's role-assignable groups and the roles assigned to them (active, and eligible when PIM could be
 * read for the user). Never fails the check: what could not be read becomes evidence and `unread`.
 */
async function rolesThroughGroups(context: CheckContext, access: GraphAccess, userId: string, readEligibility: boolean): Promise<GroupRoles> {
  const active = new Map<RoleName, string>();
  const eligible = new Map<RoleName, string>();
  const evidence: Evidence[] = [];
  // An OData cast on a membership list is an advanced query: ConsistencyLevel eventual and $count=true
  // (user-list-transitivememberof, aad-advanced-queries); its index may lag a membership change made moments
  // ago. Paging (@odata.nextLink) is graphList's.
  const path = `/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.group?$select=${ROLE_GROUP_SELECT}&$count=true`;
  const listed = await graphList(access, path, httpSettings(context), { headers: { ConsistencyLevel: 'eventual' } });
  if (!listed.ok) {
    evidence.push({ label: 'entra.evidence.groupRolesUnread', value: `GET ${listed.failure.path}: ${failureDetail(listed.failure)}` });
    return { active, eligible, evidence, unread: true, failure: listed.failure, limited: false };
  }
  const groups = readAll(listed.value, readGroup);
  // Only a group created role-assignable can be assigned a role (groups-concept).
  const roleGroups = groups.filter((group) => group.isAssignableToRole && !group.limited);
  // Only a group listed without its properties is unknown; an ordinary group (isAssignableToRole null) holds no role.
  const unknown = groups.filter((group) => group.limited).length;
  const read = roleGroups.slice(0, MAX_ROLE_GROUPS);
  const skipped = roleGroups.length - read.length;
  evidence.push({
    label: 'entra.evidence.roleGroups',
    value: read.length > 0 ? read.map((group) => `'${group.displayName ?? group.id}' (${group.id})`).join(', ') : '(none)',
  });
  if (unknown > 0) evidence.push({ label: 'entra.evidence.groupsWithoutKind', value: String(unknown) });
  // More memberships than graphList follows: the groups not listed may hold the role.
  if (listed.truncated)
    evidence.push({
      label: 'entra.evidence.groupRolesUnread',
      value: `GET ${pathOf(`${access.base}${path}`)}: ${groups.length} groups read, more not followed`,
    });
  if (skipped > 0) evidence.push({ label: 'entra.evidence.roleGroupsSkipped', value: String(skipped) });

  let failure: GraphFailure | undefined;
  const readRoles = async (collection: string, groupId: string): Promise<Set<RoleName>> => {
    const filter = encodeURIComponent(`principalId eq ${odataString(groupId)}`);
    const result = await graphList(access, `/roleManagement/directory/${collection}?$filter=${filter}`, httpSettings(context));
    if (result.ok) return rolesOf(readAll(result.value, readRoleEntry));
    failure ??= result.failure;
    return new Set();
  };
  // One request per group and collection: Graph v1.0 documents `eq` and `in` on principalId, not `or`. A few
  // groups at a time, not all 20 at once: 40 requests in one burst invite Graph's throttling (429) and, on a
  // slow link, each waits behind the others until its own step timeout runs out.
  const found = await mapInBatches(read, GROUP_READS_AT_ONCE, async (group) => ({
    group,
    active: await readRoles('roleAssignments', group.id),
    eligible: readEligibility ? await readRoles('roleEligibilityScheduleInstances', group.id) : new Set<RoleName>(),
  }));
  const lines: string[] = [];
  for (const { group, active: groupActive, eligible: groupEligible } of found) {
    const name = group.displayName ?? group.id;
    for (const role of groupActive) {
      if (!active.has(role)) active.set(role, name);
      lines.push(held(role, 'active', name));
    }
    for (const role of groupEligible) {
      if (!eligible.has(role)) eligible.set(role, name);
      lines.push(held(role, 'eligible', name));
    }
  }
  if (read.length > 0)
    evidence.push({ label: 'entra.evidence.groupRoles', value: lines.length > 0 ? lines.join(', ') : '(none of the roles that matter here)' });
  if (failure) evidence.push({ label: 'entra.evidence.groupRolesUnread', value: `GET ${failure.path}: ${failureDetail(failure)}` });
  return {
    active,
    eligible,
    evidence,
    unread: unknown > 0 || skipped > 0 || failure !== undefined || listed.truncated === true,
    ...(failure ? { failure } : {}),
    limited: unknown > 0,
  };
}

/** Direct roles first (they name no group), then those held through a group. */
function merge(direct: ReadonlySet<RoleName>, throughGroups: ReadonlyMap<RoleName, string>): Holders {
  const holders = new Map<RoleName, { readonly group?: string }>([...direct].map((role) => [role, {}]));
  for (const [role, group] of throughGroups) if (!holders.has(role)) holders.set(role, { group });
  return holders;
}

export const entraAdminUserCheck = defineCheck({
  id: 'entra.admin-user',
  area: 'entra',
  title: 'entra.admin-user.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.tenant'],
  // The user (2), roles (2), the user's groups (paged) and each role-assignable group's roles (in parallel).
  steps: 9,
  appliesTo: (account) => {
    const base = directoryApplies(account);
    if (base !== true) return base;
    return account.admin?.user ? true : msg('entra.notApplicable.noAdminUser');
  },
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const upn = account.admin?.user ?? '';
    const portal = ENTRA_PORTALS[account.cloud];
    const user = await readUserByAddress(context, upn);
    if (!user.ok) {
      if (!('noAccess' in user) && user.failure.kind === 'not-found') {
        return {
          status: 'fail',
          code: 'ENTRA_ADMIN_NOT_FOUND',
          summary: msg('entra.adminUser.notFound', { user: upn, tenant: account.auth.tenantId }),
          evidence: readerEvidence(user.via),
          remediation: [
            { kind: 'portal', message: msg('entra.adminUser.fix.findUser', { user: upn }), target: portal },
            { kind: 'text', message: msg('entra.adminUser.fix.yaml'), target: 'admin:\n  user: admin@<domain>' },
          ],
        };
      }
      return readProblemOutcome(context, user, NEEDS.users);
    }
    const evidence: Evidence[] = [
      ...readerEvidence(user.via),
      { label: 'entra.evidence.adminUser', value: `${user.value.userPrincipalName} (${user.value.id})` },
    ];
    if (user.value.accountEnabled === false) {
      return {
        status: 'fail',
        code: 'ENTRA_ADMIN_DISABLED',
        summary: msg('entra.adminUser.disabled', { user: user.value.userPrincipalName }),
        evidence,
        remediation: [{ kind: 'portal', message: msg('entra.adminUser.fix.enable', { user: user.value.userPrincipalName }), target: portal }],
      };
    }
    const filter = encodeURIComponent(`principalId eq ${odataString(user.value.id)}`);
    const assignments = await readList(context, `/roleManagement/directory/roleAssignments?$filter=${filter}`);
    if (!assignments.ok) return readProblemOutcome(context, assignments, NEEDS.roles);
    const active = rolesOf(readAll(assignments.value, readRoleEntry));
    evidence.push({ label: 'entra.evidence.activeRoles', value: active.size > 0 ? [...active].join(', ') : '(none of the roles that matter here)' });

    // PIM eligibility: unreadable (no P2 licence, or no permission) is a note, not a failure.
    const eligibility = await readList(context, `/roleManagement/directory/roleEligibilityScheduleInstances?$filter=${filter}`);
    let eligible = new Set<RoleName>();
    if (eligibility.ok) {
      eligible = rolesOf(readAll(eligibility.value, readRoleEntry));
      evidence.push({ label: 'entra.evidence.eligibleRoles', value: eligible.size > 0 ? [...eligible].join(', ') : '(none)' });
    } else if ('failure' in eligibility && eligibility.failure.kind !== 'network') {
      const failure = eligibility.failure;
      evidence.push({
        label: 'entra.evidence.eligibleRoles',
        value: `not readable (${failureDetail(failure)}${failure.kind !== 'unexpected' && failure.error.code === 'AadPremiumLicenseRequired' ? ': no Entra ID P2, so no PIM' : ''})`,
      });
    } else {
      evidence.push({ label: 'entra.evidence.eligibleRoles', value: 'not readable' });
    }

    // Roles held through role-assignable groups. PIM that could not be read for the user is not asked again
    // for each group: the answer would be the same.
    const groups = await rolesThroughGroups(context, assignments.access, user.value.id, eligibility.ok);
    evidence.push(...groups.evidence);
    const holdersActive = merge(active, groups.active);
    const holdersEligible = merge(eligible, groups.eligible);
    const consent = dutyState(CONSENT_ROLES, holdersActive, holdersEligible);
    const exchange = dutyState(EXCHANGE_ROLES, holdersActive, holdersEligible);
    evidence.push(
      { label: 'entra.evidence.dutyConsent', value: describe(consent, groups.unread) },
      { label: 'entra.evidence.dutyExchange', value: describe(exchange, groups.unread) },
    );
    const who = user.value.userPrincipalName;
    // The Exchange steps (New-ServicePrincipal, Add-MailboxPermission) are the application flow's; a delegated
    // flow needs them only to give a user FullAccess on a shared mailbox.
    const exchangeRequired = account.auth.flow === 'application';

    const assign = (roles: readonly RoleName[]): Remediation => ({
      kind: 'portal',
      message: msg('entra.adminUser.fix.assign', { user: who, roles: roles.join(' / ') }),
      target: portal,
    });
    const lacking = consent.state === 'missing' || (exchange.state === 'missing' && exchangeRequired);
    if (lacking && groups.unread) {
      // Not `fail`: the role may well be held through a group that could not be read, and a false "no role"
      // sends the customer to assign a role the administrator already has. Not `warn` either: nothing shows
      // that it works. `skip` with the reason, as the directory checks do when the directory will not answer,
      // and where to see the roles held through groups.
      const remediation: Remediation[] = [{ kind: 'portal', message: msg('entra.adminUser.fix.checkGroupRoles', { user: who }), target: portal }];
      const failure = groups.failure;
      if (groups.limited || (failure?.kind === 'denied' && assignments.access.caller !== 'admin')) remediation.push(...unlockFixes(context));
      else if (failure && failure.kind !== 'denied') remediation.push({ kind: 'text', message: msg('entra.fix.retryLater') });
      return { status: 'skip', code: 'ENTRA_ADMIN_GROUP_ROLES_UNREAD', summary: msg('entra.adminUser.groupRolesUnread', { user: who }), evidence, remediation };
    }
    if (lacking) {
      const remediation: Remediation[] = [];
      if (consent.state === 'missing') remediation.push(assign(CONSENT_ROLES));
      if (exchange.state === 'missing') remediation.push(assign(EXCHANGE_ROLES));
      return {
        status: 'fail',
        code: 'ENTRA_ADMIN_LACKS_ROLE',
        summary: msg(
          consent.state === 'missing'
            ? exchange.state === 'missing'
              ? 'entra.adminUser.noRoles'
              : 'entra.adminUser.cannotConsent'
            : 'entra.adminUser.cannotExchange',
          { user: who },
        ),
        evidence,
        remediation,
      };
    }
    const toActivate = [consent, exchange].flatMap((duty) => (duty.state === 'eligible' ? [duty.role] : []));
    if (toActivate.length > 0) {
      const roles = [...new Set(toActivate)].join(', ');
      return {
        status: 'warn',
        code: 'ENTRA_ADMIN_ROLE_NOT_ACTIVE',
        summary: msg('entra.adminUser.mustActivate', { user: who, roles }),
        evidence,
        remediation: [{ kind: 'portal', message: msg('entra.adminUser.fix.activate', { roles }), target: portal }],
      };
    }
    if (exchange.state === 'missing') {
      // With the group-held roles unread the Exchange role may be there: say so, and where to look first.
      const consentRole = consent.state === 'active' ? consent.role : '—';
      return {
        status: 'warn',
        code: 'ENTRA_ADMIN_NO_EXCHANGE_ROLE',
        summary: msg(groups.unread ? 'entra.adminUser.noExchangeDelegatedUnread' : 'entra.adminUser.noExchangeDelegated', { user: who, consentRole }),
        evidence,
        remediation: groups.unread
          ? [{ kind: 'portal', message: msg('entra.adminUser.fix.checkGroupRoles', { user: who }), target: portal }, assign(EXCHANGE_ROLES)]
          : [assign(EXCHANGE_ROLES)],
      };
    }
    return {
      status: 'pass',
      summary: msg('entra.adminUser.pass', {
        user: who,
        consentRole: consent.state === 'active' ? consent.role : '—',
        exchangeRole: exchange.state === 'active' ? exchange.role : '—',
      }),
      evidence,
    };
  },
});
