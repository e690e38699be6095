/**
 * Why Entra gave no client-credentials token, as a check outcome: one code, one diagnosis and the fix with
 * this account's values for each AADSTS answer (aadsts.ts), for an answer that is not Entra's, for an empty
 * token, and for every transport failure (network-outcome.ts).
 */
import type { Office365OAuthAccount } from '../../../config/types.js';
import { entraAccount } from './remediation.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import { lookupAadsts, type AadstsFix } from '../../../providers/microsoft/aadsts.js';
import type { AppTokenResult, TokenFailure } from '../../../identity/entra-client.js';
import { applicationToken } from '../../shared/entra-token-provider.js';
import { exchangeScope, tokenFailureCode } from '../../../identity/entra-app-token.js';
import { decodeAccessToken, type AccessTokenClaims } from '../../../identity/token-claims.js';
import type { CheckContext, CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { httpFailureOutcome } from './network-outcome.js';
import { ADMIN_CENTERS, ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { errorLookupUrl } from '../../../providers/microsoft/urls.js';
import { adminConsentStep, cloudYaml, entraAnswerEvidence, newSecretFixes, tenantFixes, tenantGuid } from './remediation.js';

/** What was asked: client, tenant (and its GUID when known), scope, token endpoint, proxy. */
export function requestEvidence(context: CheckContext, result: AppTokenResult): Evidence[] {
  const account = entraAccount(context);
  const tenant = account.auth.tenantId;
  const guid = tenantGuid(context);
  const evidence: Evidence[] = [
    { label: 'entra.evidence.clientId', value: account.auth.clientId },
    { label: 'entra.evidence.tenant', value: guid && guid !== tenant.toLowerCase() ? `${tenant} (${guid})` : tenant },
    { label: 'entra.evidence.scope', value: exchangeScope(account) },
    { label: 'entra.evidence.endpoint', value: result.tokenEndpoint },
  ];
  if (result.proxy) evidence.push({ label: 'entra.evidence.proxy', value: `${result.proxy.url} (${result.proxy.variable})` });
  return evidence;
}

/** The Secret ID is a GUID; a value that looks like one, or equals `secretId`, is the ID pasted as the value. */
function secretIdEvidence(account: Office365OAuthAccount): Evidence[] {
  const evidence: Evidence[] = [];
  if (account.auth.secretId) evidence.push({ label: 'entra.evidence.secretId', value: account.auth.secretId });
  if (account.auth.clientSecret?.reference) evidence.push({ label: 'entra.evidence.secretReference', value: account.auth.clientSecret.reference });
  return evidence;
}

function fixesFor(fix: AadstsFix, context: CheckContext, failure: Extract<TokenFailure, { kind: 'entra' }>): Remediation[] {
  const account = entraAccount(context);
  const clientId = account.auth.clientId;
  const tenant = tenantGuid(context) ?? account.auth.tenantId;
  const portal = ENTRA_PORTALS[account.cloud];
  switch (fix) {
    case 'secret-value':
      return [{ kind: 'text', message: msg('entra.fix.secretValue', { app: clientId }) }, ...newSecretFixes(account)];
    case 'secret-expired':
      return [...newSecretFixes(account), { kind: 'text', message: msg('entra.fix.secretExpiry') }];
    case 'secret-missing':
      return newSecretFixes(account);
    case 'client-id':
      return [
        { kind: 'portal', message: msg('entra.fix.checkIds', { app: clientId, tenant }), target: portal },
        { kind: 'text', message: msg('entra.fix.appOtherTenant', { tenant: account.auth.tenantId }) },
        adminConsentStep(account),
      ];
    case 'app-disabled':
      return [{ kind: 'portal', message: msg('entra.fix.enableApp', { app: clientId }), target: portal }];
    case 'tenant-id':
      return tenantFixes(account, failure.body.aadsts === 900023);
    case 'cloud':
      return [
        {
          kind: 'text',
          message: msg('entra.fix.otherCloud'),
          target: (['global', 'usgov', 'china'] as const)
            .filter((cloud) => cloud !== account.cloud)
            .map(cloudYaml)
            .join('\n'),
        },
      ];
    case 'scope':
      return [{ kind: 'text', message: msg('entra.fix.scope', { scope: exchangeScope(account), cloud: account.cloud }) }];
    case 'exchange-licence':
      return [
        { kind: 'portal', message: msg('entra.fix.exchangeLicence'), target: ADMIN_CENTERS[account.cloud] },
        { kind: 'text', message: msg('entra.fix.exchangeTenant', { tenant: account.auth.tenantId }) },
      ];
    case 'conditional-access':
      return [
        { kind: 'portal', message: msg('entra.fix.conditionalAccess', { app: clientId }), target: portal },
        { kind: 'portal', message: msg('entra.fix.signInLogs', { correlation: failure.body.correlationId ?? '' }), target: portal },
      ];
    case 'consent':
      return [{ kind: 'portal', message: msg('entra.fix.grantConsent', { app: clientId }), target: portal }, adminConsentStep(account)];
    case 'retry-later':
      return [{ kind: 'text', message: msg('entra.fix.retryLater') }];
    case 'other':
      return failure.body.aadsts !== undefined
        ? [{ kind: 'url', message: msg('entra.fix.errorLookup', { aadsts: failure.body.aadsts }), target: errorLookupUrl(failure.body.aadsts) }]
        : [];
  }
}

function entraSummary(code: string, context: CheckContext, failure: Extract<TokenFailure, { kind: 'entra' }>): Message {
  const account = entraAccount(context);
  const params = {
    app: account.auth.clientId,
    tenant: account.auth.tenantId,
    cloud: account.cloud,
    scope: exchangeScope(account),
    aadsts: failure.body.aadsts ?? '?',
    error: failure.body.error ?? '',
  };
  if (code === 'ENTRA_SECRET_ID_AS_VALUE') return msg('entra.credentials.secretIdAsValue', params);
  const entry = lookupAadsts(failure.body.aadsts);
  // An AADSTS number of no known meaning with a 5xx status: Entra's own trouble.
  if (code === 'ENTRA_UNAVAILABLE' && entry.code === 'ENTRA_AADSTS') return msg('entra.aadsts.transient', params);
  return msg(entry.meaning, params);
}

/** The outcome of a failed token request. */
export function tokenFailureOutcome(context: CheckContext, result: Extract<AppTokenResult, { ok: false }>): CheckOutcome {
  const account = entraAccount(context);
  const failure = result.failure;
  const code = tokenFailureCode(failure, account);
  const asked = requestEvidence(context, result);
  switch (failure.kind) {
    case 'network':
      return httpFailureOutcome(
        failure.error,
        account,
        context.options.stepTimeoutMs,
        asked.filter((item) => item.label !== 'entra.evidence.endpoint' && item.label !== 'entra.evidence.proxy'),
      );
    case 'entra': {
      const entry = lookupAadsts(failure.body.aadsts);
      const evidence = [...asked, ...entraAnswerEvidence(failure.body, failure.status)];
      if (entry.fix === 'secret-value' || entry.fix === 'secret-expired') evidence.push(...secretIdEvidence(account));
      if (entry.fix === 'secret-expired' && account.auth.secretExpiresOn)
        evidence.push({ label: 'entra.evidence.secretExpiresOn', value: account.auth.secretExpiresOn });
      const remediation = fixesFor(entry.fix, context, failure);
      if (code === 'ENTRA_SECRET_ID_AS_VALUE') remediation.unshift({ kind: 'text', message: msg('entra.fix.secretIdNotValue') });
      return { status: 'fail', code, summary: entraSummary(code, context, failure), evidence, remediation };
    }
    case 'unexpected-answer': {
      const host = new URL(result.tokenEndpoint).host;
      return {
        status: 'fail',
        code,
        summary: msg('entra.unexpectedAnswer', { host, status: failure.status }),
        evidence: [
          ...asked,
          { label: 'entra.evidence.httpStatus', value: String(failure.status) },
          ...(failure.contentType ? [{ label: 'entra.evidence.contentType' as const, value: failure.contentType }] : []),
          ...(failure.snippet ? [{ label: 'entra.evidence.answer' as const, value: failure.snippet }] : []),
        ],
        remediation: [{ kind: 'text', message: msg('entra.fix.unexpectedAnswer', { host }) }],
      };
    }
    case 'empty-token': {
      const status = failure.status;
      const evidence: Evidence[] = [...asked];
      if (status !== undefined) evidence.push({ label: 'entra.evidence.httpStatus', value: String(status) });
      if (failure.retryAfter) evidence.push({ label: 'entra.evidence.retryAfter', value: failure.retryAfter });
      const summary =
        code === 'ENTRA_THROTTLED'
          ? msg('entra.throttled', { retryAfter: failure.retryAfter ?? '?' })
          : code === 'ENTRA_UNAVAILABLE'
            ? msg('entra.unavailable', { status: status ?? 0 })
            : msg('entra.credentials.emptyToken', { status: status ?? 0 });
      return {
        status: 'fail',
        code,
        summary,
        evidence,
        remediation: [
          { kind: 'text', message: msg('entra.fix.retryLater') },
          { kind: 'portal', message: msg('entra.fix.serviceHealth'), target: ADMIN_CENTERS[account.cloud] },
        ],
      };
    }
    case 'client':
      return {
        status: 'fail',
        code,
        summary: msg('entra.credentials.clientRejected', { code: failure.errorCode }),
        evidence: [...asked, { label: 'entra.evidence.msalError', value: `${failure.errorCode}: ${failure.message}` }],
        remediation: [{ kind: 'text', message: msg('entra.fix.clientRejected') }],
      };
  }
}

/**
 * The app token's claims for the checks that read them (entra.exchange-roles, entra.object-id), or the
 * outcome to return when there is nothing to read: the token failed (entra.credentials has the diagnosis)
 * or it is opaque (not a JWT).
 */
export async function appTokenClaims(
  context: CheckContext,
): Promise<{ readonly claims: AccessTokenClaims; readonly expiresOn: Date | undefined } | { readonly outcome: CheckOutcome }> {
  const result = await applicationToken(context);
  if (!result.ok) {
    const code = tokenFailureCode(result.failure, context.account);
    return {
      outcome: {
        status: 'fail',
        code,
        summary: msg('entra.token.failed', { code }),
        evidence: [],
        remediation: [{ kind: 'text', message: msg('entra.fix.seeCredentials') }],
      },
    };
  }
  const claims = decodeAccessToken(result.token);
  if (!claims) return { outcome: { status: 'skip', code: 'TOKEN_OPAQUE', summary: msg('entra.token.opaque') } };
  return { claims, expiresOn: result.expiresOn };
}
