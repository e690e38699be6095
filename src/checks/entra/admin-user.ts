/**
 * entra.admin-user: the administrator named in `admin.user` exists, may sign in, and which of the two duties
 * they can do — grant tenant-wide consent (Global Administrator, Privileged Role Administrator, Cloud
 * Application Administrator or Application Administrator: the last two consent to any API but Microsoft
 * Graph's application permissions, which the mail permissions are not — grant-admin-consent, providers.md
 * §3.4) and run the Exchange steps (Exchange Administrator or Global Administrator: New-ServicePrincipal,
 * Add-MailboxPermission, providers.md §1.4). Active roles come from `roleManagement/directory/roleAssignments`;
 * PIM-eligible ones from `roleEligibilityScheduleInstances` and are "must be activated", not missing. A tenant
 * without Entra ID P2 answers the eligibility read with AadPremiumLicenseRequired: a note, not a failure.
 * Role template IDs: https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 */
import { msg } from '../../i18n/index.js';
import { odataString, readAll, readRoleEntry, type GraphRoleEntry } from '../../identity/graph.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../types.js';
import { directoryApplies, NEEDS, readList, readProblemOutcome, readUserByAddress, readerEvidence } from './directory.js';
import { ENTRA_PORTALS } from './remediation.js';

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
export const CONSENT_ROLES: readonly RoleName[] = ['Global Administrator', 'Privileged Role Administrator', 'Cloud Application Administrator', 'Application Administrator'];
export const EXCHANGE_ROLES: readonly RoleName[] = ['Exchange Administrator', 'Global Administrator'];

const ROLE_NAMES: readonly RoleName[] = ['Global Administrator', 'Privileged Role Administrator', 'Cloud Application Administrator', 'Application Administrator', 'Exchange Administrator'];
const NAME_BY_ID = new Map<string, RoleName>(ROLE_NAMES.map((name) => [ROLE_TEMPLATES[name], name]));

export type DutyState = { readonly state: 'active'; readonly role: RoleName } | { readonly state: 'eligible'; readonly role: RoleName } | { readonly state: 'missing' };

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

export function dutyState(roles: readonly RoleName[], active: ReadonlySet<RoleName>, eligible: ReadonlySet<RoleName>): DutyState {
  const activeRole = roles.find((role) => active.has(role));
  if (activeRole) return { state: 'active', role: activeRole };
  const eligibleRole = roles.find((role) => eligible.has(role));
  if (eligibleRole) return { state: 'eligible', role: eligibleRole };
  return { state: 'missing' };
}

function describe(duty: DutyState): string {
  return duty.state === 'missing' ? 'no role for it' : `${duty.role} (${duty.state === 'active' ? 'active' : 'eligible in PIM, not active'})`;
}

export const entraAdminUserCheck = defineCheck({
  id: 'entra.admin-user',
  area: 'entra',
  title: 'entra.adminUser.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.tenant'],
  steps: 5,
  appliesTo: (account) => {
    const base = directoryApplies(account);
    if (base !== true) return base;
    return account.admin?.user ? true : msg('entra.notApplicable.noAdminUser');
  },
  async run(context: CheckContext): Promise<CheckOutcome> {
    const { account } = context;
    const upn = account.admin?.user ?? '';
    const portal = ENTRA_PORTALS[account.cloud];
    const user = await readUserByAddress(context, upn);
    if (!user.ok) {
      if (!('noAccess' in user) && user.failure.kind === 'not-found') {
        return {
          status: 'fail',
          code: 'ENTRA_ADMIN_NOT_FOUND',
          summary: msg('entra.adminUser.notFound', { user: upn, tenant: account.auth.tenantId ?? '' }),
          evidence: readerEvidence(user.via),
          remediation: [{ kind: 'portal', message: msg('entra.adminUser.fix.findUser', { user: upn }), target: portal }, { kind: 'text', message: msg('entra.adminUser.fix.yaml'), target: 'admin:\n  user: admin@<domain>' }],
        };
      }
      return readProblemOutcome(context, user, NEEDS.users);
    }
    const evidence: Evidence[] = [...readerEvidence(user.via), { label: 'entra.evidence.adminUser', value: `${user.value.userPrincipalName} (${user.value.id})` }];
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
      const detail = failure.kind === 'unexpected' ? `HTTP ${failure.status}` : `HTTP ${failure.status} ${failure.error.code ?? ''}`.trim();
      evidence.push({ label: 'entra.evidence.eligibleRoles', value: `not readable (${detail}${failure.kind !== 'unexpected' && failure.error.code === 'AadPremiumLicenseRequired' ? ': no Entra ID P2, so no PIM' : ''})` });
    } else {
      evidence.push({ label: 'entra.evidence.eligibleRoles', value: 'not readable' });
    }

    const consent = dutyState(CONSENT_ROLES, active, eligible);
    const exchange = dutyState(EXCHANGE_ROLES, active, eligible);
    evidence.push({ label: 'entra.evidence.dutyConsent', value: describe(consent) }, { label: 'entra.evidence.dutyExchange', value: describe(exchange) });
    const who = user.value.userPrincipalName;
    // The Exchange steps (New-ServicePrincipal, Add-MailboxPermission) are the application flow's; a delegated
    // flow needs them only to give a user FullAccess on a shared mailbox.
    const exchangeRequired = account.auth.flow === 'application';

    const assign = (roles: readonly RoleName[]): Remediation => ({ kind: 'portal', message: msg('entra.adminUser.fix.assign', { user: who, roles: roles.join(' / ') }), target: portal });
    if (consent.state === 'missing' || (exchange.state === 'missing' && exchangeRequired)) {
      const remediation: Remediation[] = [];
      if (consent.state === 'missing') remediation.push(assign(CONSENT_ROLES));
      if (exchange.state === 'missing') remediation.push(assign(EXCHANGE_ROLES));
      return {
        status: 'fail',
        code: 'ENTRA_ADMIN_LACKS_ROLE',
        summary: msg(consent.state === 'missing' ? (exchange.state === 'missing' ? 'entra.adminUser.noRoles' : 'entra.adminUser.cannotConsent') : 'entra.adminUser.cannotExchange', { user: who }),
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
      return {
        status: 'warn',
        code: 'ENTRA_ADMIN_NO_EXCHANGE_ROLE',
        summary: msg('entra.adminUser.noExchangeDelegated', { user: who, consentRole: consent.state === 'active' ? consent.role : '—' }),
        evidence,
        remediation: [assign(EXCHANGE_ROLES)],
      };
    }
    return {
      status: 'pass',
      summary: msg('entra.adminUser.pass', { user: who, consentRole: consent.state === 'active' ? consent.role : '—', exchangeRole: exchange.state === 'active' ? exchange.role : '—' }),
      evidence,
    };
  },
});
