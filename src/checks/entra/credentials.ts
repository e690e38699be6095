/**
 * entra.credentials: the client ID and secret obtain a client-credentials token for Exchange
 * (`{exchangeResource}/.default`) with the real msal-node — one POST to the token endpoint, as in
 * production. Each refusal is diagnosed by its AADSTS number with this account's values (token-failure.ts);
 * a network, proxy or TLS-inspection failure by its real cause, which msal alone would hide. The token stays
 * in the account's memo for the checks after this one and for XOAUTH2; it is never shown.
 */
import { msg } from '../../i18n/index.js';
import { entraAccount } from './shared/remediation.js';
import { applicationToken } from '../shared/entra-token-provider.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence } from '../../core/check.js';
import { acquiresToken } from './shared/remediation.js';
import { requestEvidence, tokenFailureOutcome } from './shared/token-failure.js';

export const entraCredentialsCheck = defineCheck({
  id: 'entra.credentials',
  area: 'entra',
  title: 'entra.credentials.title',
  needs: ['network', 'credentials'],
  dependsOn: ['entra.tenant'],
  steps: 1,
  appliesTo: (account) => acquiresToken(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const result = await applicationToken(context);
    if (!result.ok) return tokenFailureOutcome(context, result);
    const evidence: Evidence[] = [...requestEvidence(context, result)];
    if (result.expiresOn) evidence.push({ label: 'entra.evidence.tokenExpires', value: result.expiresOn.toISOString() });
    if (result.elapsedMs !== undefined) evidence.push({ label: 'entra.evidence.elapsed', value: `${result.elapsedMs} ms` });
    return { status: 'pass', summary: msg('entra.credentials.pass', { app: entraAccount(context).auth.clientId }), evidence };
  },
});
