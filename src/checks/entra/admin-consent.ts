/**
 * entra.admin-consent: the permissions are not only configured but granted in this tenant ("Granted for
 * <tenant>" in the portal: https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent). Application flow: the app's enterprise application holds
 * app-role assignments on Office 365 Exchange Online for the roles needed
 * (`GET /servicePrincipals/{id}/appRoleAssignments`, appRoleId resolved through Exchange's appRoles).
 * Delegated flow: delegated permission grants (`GET /servicePrincipals/{id}/oauth2PermissionGrants`) on the
 * Exchange or Graph service principal — tenant-wide (`consentType: AllPrincipals`, what "Grant admin consent"
 * creates) or, said as such, one user's own (`Principal`). Missing → the admin-consent URL for this tenant
 * and client, and the portal path.
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { msg } from '../../i18n/index.js';
import { readAll, readAppRoleAssignment, readPermissionGrant, type GraphServicePrincipal } from '../../identity/graph-resources.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { directoryApplies, NEEDS, readList, readProblemOutcome, readServicePrincipalByAppId, readUserByAddress, readerEvidence } from './shared/directory.js';
import { neededPermissions, readMailResources, RESOURCE_NAMES, type MailResource } from './shared/permission-names.js';
import { adminConsentStep } from './shared/remediation.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

function consentFixes(account: Office365OAuthAccount, missing: readonly string[]): Remediation[] {
  const app = account.auth.clientId;
  return [
    adminConsentStep(account),
    { kind: 'portal', message: msg('entra.consent.fix.portal', { app, permissions: missing.join(', ') }), target: ENTRA_PORTALS[account.cloud] },
    { kind: 'text', message: msg('entra.consent.fix.configureFirst') },
  ];
}

export const entraAdminConsentCheck = defineCheck({
  id: 'entra.admin-consent',
  area: 'entra',
  title: 'entra.admin-consent.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.app'],
  steps: 5,
  appliesTo: (account) => directoryApplies(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const app = account.auth.clientId;
    const principal = await readServicePrincipalByAppId(context, app);
    if (!principal.ok) {
      if (!('noAccess' in principal) && principal.failure.kind === 'not-found') {
        return {
          status: 'fail',
          code: 'ENTRA_ENTERPRISE_APP_MISSING',
          summary: msg('entra.consent.noEnterpriseApp', { app, tenant: account.auth.tenantId }),
          evidence: readerEvidence(principal.via),
          remediation: consentFixes(account, neededPermissions(account).required),
        };
      }
      return readProblemOutcome(context, principal, NEEDS.applications);
    }
    const resources = await readMailResources(context);
    if (!resources.ok) return resources.outcome;
    const needed = neededPermissions(account);
    const evidence: Evidence[] = [...readerEvidence(principal.via), { label: 'entra.evidence.enterpriseAppObjectId', value: principal.value.id }];
    return needed.type === 'Role'
      ? applicationConsent(context, principal.value, resources.resources.exchange, evidence)
      : delegatedConsent(context, principal.value, resources.resources, evidence);
  },
});

async function applicationConsent(
  context: CheckContext,
  client: GraphServicePrincipal,
  exchange: GraphServicePrincipal | undefined,
  evidence: Evidence[],
): Promise<CheckOutcome> {
  const account = entraAccount(context);
  const needed = neededPermissions(account);
  const listed = await readList(context, `/servicePrincipals/${encodeURIComponent(client.id)}/appRoleAssignments`);
  if (!listed.ok) return readProblemOutcome(context, listed, NEEDS.applications);
  const assignments = readAll(listed.value, readAppRoleAssignment).filter((assignment) => exchange !== undefined && assignment.resourceId === exchange.id);
  const granted = assignments.map((assignment) => exchange?.appRoles.find((role) => role.id === assignment.appRoleId)?.value ?? assignment.appRoleId);
  evidence.push({
    label: 'entra.evidence.consentGranted',
    value: granted.length > 0 ? `${granted.join(', ')} (${RESOURCE_NAMES.exchange}, application)` : '(none on Office 365 Exchange Online)',
  });
  const missing = needed.required.filter((name) => !granted.includes(name));
  if (missing.length === 0) return { status: 'pass', summary: msg('entra.consent.passApplication', { permissions: needed.required.join(', ') }), evidence };
  return {
    status: 'fail',
    code: 'ENTRA_CONSENT_MISSING',
    summary: msg('entra.consent.missingApplication', { missing: missing.join(', '), granted: granted.length > 0 ? granted.join(', ') : '—' }),
    evidence,
    remediation: consentFixes(account, missing),
  };
}

async function delegatedConsent(
  context: CheckContext,
  client: GraphServicePrincipal,
  resources: Readonly<Record<MailResource, GraphServicePrincipal | undefined>>,
  evidence: Evidence[],
): Promise<CheckOutcome> {
  const account = entraAccount(context);
  const needed = neededPermissions(account);
  const listed = await readList(context, `/servicePrincipals/${encodeURIComponent(client.id)}/oauth2PermissionGrants`);
  if (!listed.ok) return readProblemOutcome(context, listed, NEEDS.grants);
  const resourceOf = (id: string): MailResource | undefined => (id === resources.exchange?.id ? 'exchange' : id === resources.graph?.id ? 'graph' : undefined);
  const grants = readAll(listed.value, readPermissionGrant).filter((grant) => resourceOf(grant.resourceId) !== undefined);
  const tenantWide = new Set(grants.filter((grant) => grant.consentType === 'AllPrincipals').flatMap((grant) => grant.scopes));
  const byUser = new Map<string, Set<string>>();
  for (const grant of grants.filter((candidate) => candidate.consentType === 'Principal' && candidate.principalId)) {
    const scopes = byUser.get(grant.principalId ?? '') ?? new Set<string>();
    grant.scopes.forEach((scope) => scopes.add(scope));
    byUser.set(grant.principalId ?? '', scopes);
  }
  for (const grant of grants) {
    evidence.push({
      label: 'entra.evidence.consentGrant',
      value: `${grant.consentType}${grant.principalId ? ` ${grant.principalId}` : ''} on ${RESOURCE_NAMES[resourceOf(grant.resourceId) ?? 'graph']}: ${grant.scopes.join(' ')}`,
    });
  }
  if (grants.length === 0) evidence.push({ label: 'entra.evidence.consentGranted', value: '(no delegated grant on Exchange or Graph)' });

  const missingTenantWide = needed.required.filter((name) => !tenantWide.has(name));
  if (missingTenantWide.length === 0) {
    const offline = needed.recommended.filter((name) => !tenantWide.has(name));
    if (offline.length > 0)
      return {
        status: 'warn',
        code: 'ENTRA_CONSENT_OFFLINE_ACCESS',
        summary: msg('entra.consent.offlineAccess'),
        evidence,
        remediation: consentFixes(account, offline),
      };
    return { status: 'pass', summary: msg('entra.consent.passDelegated', { permissions: needed.required.join(', ') }), evidence };
  }

  // Only some users consented for themselves: say who (the mailbox's own user is the usual one to sign in).
  const covering = [...byUser.entries()].filter(([, scopes]) => needed.required.every((name) => scopes.has(name) || tenantWide.has(name))).map(([id]) => id);
  if (covering.length > 0) {
    const mailbox = await readUserByAddress(context, account.mailbox);
    const mailboxUserId = mailbox.ok ? mailbox.value.id : undefined;
    if (mailboxUserId && covering.includes(mailboxUserId)) {
      return { status: 'pass', summary: msg('entra.consent.passMailboxUser', { user: account.mailbox, permissions: needed.required.join(', ') }), evidence };
    }
    return {
      status: 'warn',
      code: 'ENTRA_CONSENT_USERS_ONLY',
      summary: msg('entra.consent.usersOnly', { users: covering.join(', '), mailbox: account.mailbox }),
      evidence,
      remediation: consentFixes(account, missingTenantWide),
    };
  }
  return {
    status: 'fail',
    code: 'ENTRA_CONSENT_MISSING',
    summary: msg('entra.consent.missingDelegated', { missing: missingTenantWide.join(', ') }),
    evidence,
    remediation: consentFixes(account, missingTenantWide),
  };
}
