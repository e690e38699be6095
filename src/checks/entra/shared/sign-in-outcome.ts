/**
 * Why the `--admin` sign-in did not give a token, as codes, evidence and the fix with this account's
 * values: Conditional Access (reference-error-codes 53003/530033/53000…), consent missing for the sign-in
 * client (65001 → the v2 admin-consent URL with exactly the read-only scopes), a client of the customer's own
 * without "Allow public client flows" (7000218) or without http://localhost, a declined, expired, cancelled
 * or mistyped sign-in, and the network.
 */
import { msg } from '../../../i18n/index.js';
import { entraAccount } from './remediation.js';
import { adminSignInReading, lookupAadsts } from '../../../providers/microsoft/aadsts.js';
import { GRAPH_CLI_CLIENT_ID, PASTE_REDIRECT_URI, adminScopes, type SignInFailure } from '../../../signin/admin.js';
import { loginBase } from '../../../identity/entra-client.js';
import { graphOrigin } from '../../../identity/graph.js';
import type { CheckContext, Evidence, Remediation } from '../../../core/check.js';
import { httpErrorEvidence, httpFailureOutcome } from './network-outcome.js';
import { entraAnswerEvidence } from './remediation.js';
import { ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { errorLookupUrl } from '../../../providers/microsoft/urls.js';

/** Our code for a failed sign-in (SCREAMING_SNAKE; the AADSTS number stays in the evidence). */
export function signInFailureCode(failure: SignInFailure): string {
  switch (failure.kind) {
    case 'unavailable':
      return failure.reason === 'ci' ? 'ENTRA_SIGNIN_CI' : 'ENTRA_SIGNIN_NO_TERMINAL';
    case 'entra': {
      const aadsts = failure.body.aadsts;
      const reading = adminSignInReading(aadsts);
      if (reading === 'conditional-access') return 'ENTRA_SIGNIN_BLOCKED_BY_CA';
      if (reading === 'consent') return 'ENTRA_SIGNIN_CONSENT_MISSING';
      if (reading === 'public-client') return 'ENTRA_SIGNIN_PUBLIC_CLIENT_DISABLED';
      if (reading === 'redirect-uri') return 'ENTRA_SIGNIN_REDIRECT_URI';
      const entry = lookupAadsts(aadsts);
      return entry.code === 'ENTRA_AADSTS' ? (aadsts !== undefined ? `AADSTS${aadsts}` : 'ENTRA_SIGNIN_REFUSED') : entry.code;
    }
    case 'network':
      return failure.error.code;
    case 'unexpected-answer':
      return 'ENTRA_SIGNIN_UNEXPECTED_ANSWER';
    case 'declined':
      return 'ENTRA_SIGNIN_DECLINED';
    case 'expired':
      return 'ENTRA_SIGNIN_EXPIRED';
    case 'cancelled':
      return 'ENTRA_SIGNIN_CANCELLED';
    case 'paste-invalid':
      return 'ENTRA_SIGNIN_PASTE_INVALID';
    case 'empty-token':
      return 'ENTRA_SIGNIN_EMPTY_TOKEN';
    case 'client':
      return 'ENTRA_SIGNIN_CLIENT_REJECTED';
  }
}

function clientLabel(clientId: string): string {
  return clientId === GRAPH_CLI_CLIENT_ID ? `${clientId} (Microsoft Graph Command Line Tools)` : `${clientId} (admin.clientId)`;
}

export function signInProblemEvidence(failure: SignInFailure, clientId: string): Evidence[] {
  const step = 'step' in failure ? ` (${failure.step})` : '';
  const evidence: Evidence[] = [
    { label: 'entra.evidence.adminSignIn', value: `${signInFailureCode(failure)}${step}` },
    { label: 'entra.evidence.signInClient', value: clientLabel(clientId) },
  ];
  if (failure.kind === 'entra') evidence.push(...entraAnswerEvidence(failure.body, failure.status));
  if (failure.kind === 'network') evidence.push(...httpErrorEvidence(failure.error));
  if (failure.kind === 'unexpected-answer') {
    evidence.push({ label: 'entra.evidence.httpStatus', value: String(failure.status) });
    if (failure.snippet) evidence.push({ label: 'entra.evidence.answer', value: failure.snippet });
  }
  return evidence;
}

/** The v2 admin-consent URL that grants the sign-in client exactly the read-only scopes (grant-admin-consent). */
export function signInConsentUrl(context: CheckContext, clientId: string): string {
  const account = entraAccount(context);
  const scope = adminScopes(graphOrigin(account)).join(' ');
  const tenant = encodeURIComponent(account.auth.tenantId);
  return `${loginBase(account.endpoints.login)}/${tenant}/v2.0/adminconsent?client_id=${encodeURIComponent(clientId)}&scope=${encodeURIComponent(scope)}&redirect_uri=${encodeURIComponent(PASTE_REDIRECT_URI)}`;
}

export function signInProblemFixes(context: CheckContext, failure: SignInFailure, clientId: string): Remediation[] {
  const account = entraAccount(context);
  const portal = ENTRA_PORTALS[account.cloud];
  const ownClient = clientId !== GRAPH_CLI_CLIENT_ID;
  const again: Remediation = { kind: 'text', message: msg('entra.signin.fix.again') };
  switch (failure.kind) {
    case 'unavailable':
      return [{ kind: 'text', message: msg(failure.reason === 'ci' ? 'entra.signin.fix.ci' : 'entra.signin.fix.terminal') }];
    case 'entra': {
      const code = signInFailureCode(failure);
      if (code === 'ENTRA_SIGNIN_BLOCKED_BY_CA') {
        return [
          { kind: 'portal', message: msg('entra.signin.fix.conditionalAccess', { correlation: failure.body.correlationId ?? '—' }), target: portal },
          { kind: 'text', message: msg('entra.signin.fix.ownClient') },
        ];
      }
      if (code === 'ENTRA_SIGNIN_CONSENT_MISSING') {
        return [
          { kind: 'url', message: msg('entra.signin.fix.consent', { client: clientLabel(clientId) }), target: signInConsentUrl(context, clientId) },
          ...(ownClient ? [] : [{ kind: 'text' as const, message: msg('entra.signin.fix.ownClient') }]),
        ];
      }
      if (code === 'ENTRA_SIGNIN_PUBLIC_CLIENT_DISABLED' || code === 'ENTRA_SIGNIN_REDIRECT_URI') {
        return [{ kind: 'portal', message: msg('entra.signin.fix.publicClient', { client: clientId, redirect: PASTE_REDIRECT_URI }), target: portal }];
      }
      if (code === 'ENTRA_APP_NOT_FOUND' && ownClient) return [{ kind: 'text', message: msg('entra.signin.fix.adminClientId', { client: clientId }) }];
      return failure.body.aadsts !== undefined
        ? [{ kind: 'url', message: msg('entra.fix.errorLookup', { aadsts: failure.body.aadsts }), target: errorLookupUrl(failure.body.aadsts) }, again]
        : [again];
    }
    case 'network':
      return [...(httpFailureOutcome(failure.error, account, context.options.stepTimeoutMs).remediation ?? [])];
    case 'paste-invalid':
      return [
        {
          kind: 'text',
          message: msg(failure.detail === 'state-mismatch' ? 'entra.signin.fix.pasteState' : 'entra.signin.fix.paste', { redirect: PASTE_REDIRECT_URI }),
        },
        again,
      ];
    case 'declined':
    case 'expired':
    case 'cancelled':
    case 'empty-token':
    case 'unexpected-answer':
    case 'client':
      return [again];
  }
}
