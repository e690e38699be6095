/**
 * entra.app: the app registration, read by its Application (client) ID —
 * `GET /applications(appId='…')` (https://learn.microsoft.com/graph/api/application-get; docs/provider-facts.md).
 * It exists in this tenant (else: a wrong client ID, or an app registered in another tenant — told apart by
 * the tenant's enterprise application, which a multi-tenant app has here without its registration), with its
 * display name and sign-in audience. Its Object ID is left for entra.object-id, which can then say with
 * certainty which Object ID the customer sent.
 */
import { msg } from '../../i18n/index.js';
import { entraAccount } from './shared/remediation.js';
import {
  readServicePrincipalByAppId,
  directoryApplies,
  NEEDS,
  readProblemOutcome,
  readRegistration,
  readerEvidence,
  registrationNotFound,
} from './shared/directory.js';
import { APP_REGISTRATION_OBJECT_ID_MEMO } from './object-id.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence } from '../../core/check.js';

export const entraAppCheck = defineCheck({
  id: 'entra.app',
  area: 'entra',
  title: 'entra.app.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.tenant'],
  // A Graph token (the app's, or the run's administrator sign-in made before the checks), then one or two reads.
  steps: 3,
  appliesTo: (account) => directoryApplies(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const clientId = account.auth.clientId;
    const read = await readRegistration(context);
    if (!read.ok) {
      if ('noAccess' in read || read.failure.kind !== 'not-found') return readProblemOutcome(context, read, NEEDS.applications);
      // No registration here: a multi-tenant app registered elsewhere still has its enterprise application here.
      const principal = await readServicePrincipalByAppId(context, clientId);
      if (principal.ok) {
        return {
          status: 'warn',
          code: 'ENTRA_APP_IN_OTHER_TENANT',
          summary: msg('entra.app.otherTenant', {
            app: clientId,
            name: principal.value.displayName ?? '—',
            owner: principal.value.appOwnerOrganizationId ?? '—',
          }),
          evidence: [
            ...readerEvidence(read.via),
            { label: 'entra.evidence.clientId', value: clientId },
            { label: 'entra.evidence.enterpriseAppObjectId', value: principal.value.id },
            { label: 'entra.evidence.appOwnerTenant', value: principal.value.appOwnerOrganizationId ?? '—' },
          ],
          remediation: [{ kind: 'text', message: msg('entra.app.fix.otherTenant', { owner: principal.value.appOwnerOrganizationId ?? '—' }) }],
        };
      }
      return registrationNotFound(context, read.via, read.failure);
    }
    const application = read.value;
    context.shared.set(APP_REGISTRATION_OBJECT_ID_MEMO, application.id);
    const evidence: Evidence[] = [
      ...readerEvidence(read.via),
      { label: 'entra.evidence.clientId', value: application.appId },
      { label: 'entra.evidence.appName', value: application.displayName ?? '—' },
      { label: 'entra.evidence.appRegistrationObjectId', value: application.id },
      { label: 'entra.evidence.signInAudience', value: application.signInAudience ?? '—' },
    ];
    // signInAudience (https://learn.microsoft.com/entra/identity-platform/supported-accounts-validation): an app
    // for personal Microsoft accounts only cannot sign in work accounts nor get client-credentials tokens.
    if (application.signInAudience === 'PersonalMicrosoftAccount') {
      return {
        status: 'fail',
        code: 'ENTRA_APP_PERSONAL_ACCOUNTS_ONLY',
        summary: msg('entra.app.personalOnly', { app: clientId, name: application.displayName ?? '—' }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.app.fix.audience') }],
      };
    }
    return {
      status: 'pass',
      summary: msg('entra.app.pass', { name: application.displayName ?? '—', app: application.appId, audience: application.signInAudience ?? '—' }),
      evidence,
    };
  },
});
