/**
 * entra.permissions: the app registration's configured API permissions (`requiredResourceAccess`) hold
 * what the flow needs, by name (permission-names.ts): application flow — IMAP.AccessAsApp or POP.AccessAsApp
 * and SMTP.SendAsApp as application permissions (`Role`) of Office 365 Exchange Online, the only resource
 * that has them; delegated flow — IMAP.AccessAsUser.All or POP.AccessAsUser.All and SMTP.Send as delegated
 * permissions (`Scope`) of Exchange or Microsoft Graph, plus offline_access (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
 * Configured is not consented: entra.admin-consent reads the grants.
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { msg } from '../../i18n/index.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { directoryApplies, NEEDS, readProblemOutcome, readRegistration, readerEvidence, registrationNotFound } from './shared/directory.js';
import {
  COUNTERPARTS,
  describePermission,
  namesHeld,
  neededPermissions,
  readMailResources,
  resolveConfigured,
  RESOURCE_NAMES,
  type NeededPermissions,
} from './shared/permission-names.js';
import { adminConsentStep } from './shared/remediation.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

/** The portal steps that add the missing permissions, then consent. */
export function addPermissionFixes(account: Office365OAuthAccount, needed: NeededPermissions, missing: readonly string[]): Remediation[] {
  const app = account.auth.clientId;
  const portal = ENTRA_PORTALS[account.cloud];
  const names = missing.join(', ');
  return [
    {
      kind: 'portal',
      message:
        needed.type === 'Role'
          ? msg('entra.permissions.fix.addApplication', { app, permissions: names })
          : msg('entra.permissions.fix.addDelegated', { app, permissions: names }),
      target: portal,
    },
    { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app }), target: portal },
    adminConsentStep(account),
  ];
}

export const entraPermissionsCheck = defineCheck({
  id: 'entra.permissions',
  area: 'entra',
  title: 'entra.permissions.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.app'],
  // The registration (shared with entra.app) and the two resources' service principals.
  steps: 4,
  appliesTo: (account) => directoryApplies(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const app = account.auth.clientId;
    const read = await readRegistration(context);
    if (!read.ok) {
      if (!('noAccess' in read) && read.failure.kind === 'not-found') return registrationNotFound(context, read.via, read.failure);
      return readProblemOutcome(context, read, NEEDS.applications);
    }
    const resources = await readMailResources(context);
    if (!resources.ok) return resources.outcome;
    const needed = neededPermissions(account);
    const { named, misplaced, unknown } = resolveConfigured(read.value, resources.resources);
    const evidence: Evidence[] = [
      ...readerEvidence(read.via),
      { label: 'entra.evidence.flow', value: account.auth.flow ?? 'delegated' },
      { label: 'entra.evidence.permissionsNeeded', value: [...needed.required, ...needed.recommended].join(', ') },
      { label: 'entra.evidence.permissionsConfigured', value: named.length > 0 ? named.map(describePermission).join('; ') : '(none for Exchange or Graph)' },
    ];
    for (const item of unknown) evidence.push({ label: 'entra.evidence.permissionUnknown', value: `${item.id} under ${RESOURCE_NAMES[item.resource]}` });

    // The trap first (docs/provider-facts.md §Exchange permissions): a GUID under the wrong resource does not
    // grant what its name says.
    const relevant = new Set([...needed.required, ...needed.recommended]);
    const wrongResource = misplaced.filter((item) => relevant.has(item.name));
    if (wrongResource.length > 0) {
      evidence.push(
        ...wrongResource.map((item) => ({
          label: 'entra.evidence.permissionMisplaced' as const,
          value: `${item.id} listed under ${RESOURCE_NAMES[item.listedUnder]} is ${RESOURCE_NAMES[item.belongsTo]}'s ${item.name}`,
        })),
      );
      const first = wrongResource[0];
      return {
        status: 'fail',
        code: 'ENTRA_PERMISSION_WRONG_RESOURCE',
        summary: msg('entra.permissions.wrongResource', {
          id: first?.id ?? '',
          listed: RESOURCE_NAMES[first?.listedUnder ?? 'exchange'],
          name: first?.name ?? '',
          owner: RESOURCE_NAMES[first?.belongsTo ?? 'graph'],
        }),
        evidence,
        remediation: [
          {
            kind: 'portal',
            message: msg('entra.permissions.fix.manifest', { app, ids: wrongResource.map((item) => item.id).join(', ') }),
            target: ENTRA_PORTALS[account.cloud],
          },
          ...addPermissionFixes(
            account,
            needed,
            wrongResource.map((item) => item.name),
          ),
        ],
      };
    }

    const held = namesHeld(named, needed);
    const missing = needed.required.filter((name) => !held.has(name));
    if (missing.length > 0) {
      // Present as the other kind: delegated permissions for the application flow, or the reverse.
      const otherKind = missing.flatMap((name) =>
        named.filter((permission) => permission.name === COUNTERPARTS[name] && permission.type !== needed.type).slice(0, 1),
      );
      if (otherKind.length === missing.length) {
        return {
          status: 'fail',
          code: 'ENTRA_PERMISSIONS_WRONG_TYPE',
          summary: msg(needed.type === 'Role' ? 'entra.permissions.delegatedForApplication' : 'entra.permissions.applicationForDelegated', {
            configured: otherKind.map((permission) => permission.name).join(', '),
            needed: missing.join(', '),
          }),
          evidence,
          remediation: addPermissionFixes(account, needed, missing),
        };
      }
      return {
        status: 'fail',
        code: 'ENTRA_PERMISSIONS_MISSING',
        summary: msg(needed.type === 'Role' ? 'entra.permissions.missingApplication' : 'entra.permissions.missingDelegated', {
          missing: missing.join(', '),
          app,
        }),
        evidence,
        remediation: addPermissionFixes(account, needed, missing),
      };
    }
    const missingRecommended = needed.recommended.filter((name) => !held.has(name));
    if (missingRecommended.length > 0) {
      return {
        status: 'warn',
        code: 'ENTRA_PERMISSION_OFFLINE_ACCESS',
        summary: msg('entra.permissions.offlineAccess', { app }),
        evidence,
        remediation: addPermissionFixes(account, needed, missingRecommended),
      };
    }
    const where = [
      ...new Set(named.filter((permission) => needed.required.includes(permission.name)).map((permission) => RESOURCE_NAMES[permission.resource])),
    ].join(' + ');
    return {
      status: 'pass',
      summary: msg(needed.type === 'Role' ? 'entra.permissions.passApplication' : 'entra.permissions.passDelegated', {
        permissions: needed.required.join(', '),
        resource: where,
      }),
      evidence,
    };
  },
});
