/**
 * Why the `--login` sign-in gave no token, as exchange.mailbox-access's outcome: one code, one diagnosis
 * and the fix with this account's values — the exact redirect URI to add on the Web platform (AADSTS50011),
 * the admin-consent URL (65001), the loopback alternative when the registered callback took the code
 * (54005), a fresh sign-in for an expired code (70008), the right tenant's account (50020/50034), MFA and
 * Conditional Access (50076/53003), the person cancelling (access_denied). Secret and network failures of
 * the code redemption are the client-credentials ones (token-failure.ts), with the same fixes.
 * Error numbers: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes.
 */
import { msg } from '../../../i18n/index.js';
import { entraAccount } from '../../entra/shared/remediation.js';
import type { MessageArgs, MessageKey, MessageParams } from '../../../core/message.js';
import { signInAadsts, signInFailureCode, SIGN_IN_STEPS, type DelegatedSignIn, type SignInFailure } from '../../../signin/delegated.js';
import { outlookScopeNames } from '../../../signin/authorization-code.js';
import { ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { errorLookupUrl } from '../../../providers/microsoft/urls.js';
import { adminConsentStep, entraAnswerEvidence } from '../../entra/shared/remediation.js';
import { tokenFailureOutcome } from '../../entra/shared/token-failure.js';
import type { CheckContext, CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { loginCommand } from './remediation.js';

type Failed = Extract<DelegatedSignIn, { kind: 'failed' }>;

function signInEvidence(result: Failed): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'exchange.evidence.redirectUri', value: result.redirectUri || '—' },
    { label: 'exchange.evidence.signInVia', value: result.via },
  ];
  const failure = result.failure;
  if (failure.kind === 'redirect-error') {
    evidence.push({ label: 'entra.evidence.oauthError', value: failure.subcode ? `${failure.error} (${failure.subcode})` : failure.error });
    if (failure.aadsts !== undefined) evidence.push({ label: 'entra.evidence.aadsts', value: `AADSTS${failure.aadsts}` });
    if (failure.description)
      evidence.push({ label: 'entra.evidence.entraMessage', value: failure.description.split(/\r?\n|\s+Trace ID:/)[0] ?? failure.description });
  } else if (failure.kind === 'page-error') {
    evidence.push({ label: 'entra.evidence.aadsts', value: `AADSTS${failure.aadsts}` }, { label: 'exchange.evidence.pageError', value: failure.text });
  } else if (failure.kind === 'redemption') {
    evidence.push({ label: 'entra.evidence.endpoint', value: failure.tokenEndpoint });
    if (failure.failure.kind === 'entra') evidence.push(...entraAnswerEvidence(failure.failure.body, failure.failure.status));
  } else if (failure.kind === 'loopback-listen') {
    evidence.push({ label: 'exchange.evidence.loopbackPort', value: `127.0.0.1:${failure.port}${failure.nodeCode ? ` (${failure.nodeCode})` : ''}` });
  }
  if (result.firstFailure) {
    const first = signInAadsts(result.firstFailure);
    evidence.push({ label: 'exchange.evidence.firstAttempt', value: first !== undefined ? `AADSTS${first}` : result.firstFailure.kind });
  }
  return evidence;
}

/** A text step; the key's parameters (typed as msg's), then an optional target. */
function text<K extends MessageKey>(key: K, ...rest: [...MessageArgs<K>, target?: string]): Remediation {
  const params = rest[0] as MessageParams | undefined;
  const target = rest[1] as string | undefined;
  return { kind: 'text', message: params ? { key, params } : { key }, ...(target !== undefined ? { target } : {}) };
}

function portal(key: MessageKey, params: Record<string, string | number>, target: string): Remediation {
  return { kind: 'portal', message: msg(key, params), target };
}

/** The fixes of a sign-in failure, by our code. */
function fixesFor(context: CheckContext, code: string, result: Failed): Remediation[] {
  const account = entraAccount(context);
  const app = account.auth.clientId;
  const tenant = account.auth.tenantId;
  const mailbox = account.mailbox;
  const redirectUri = result.redirectUri;
  const entraPortal = ENTRA_PORTALS[account.cloud];
  const again: Remediation = { kind: 'command', message: msg('exchange.fix.loginAgain'), target: loginCommand(context.config.file, account) };
  const scopes = outlookScopeNames(account).join(', ');
  switch (code) {
    case 'ENTRA_REDIRECT_URI_MISMATCH':
      return [
        portal('exchange.fix.addWebRedirectUri', { app, uri: redirectUri }, redirectUri),
        text('exchange.fix.redirectExact'),
        text('exchange.fix.redirectInFile', undefined, `redirectUri: ${account.auth.redirectUri ?? redirectUri}`),
      ];
    case 'ENTRA_REDIRECT_URI_SPA':
      return [portal('exchange.fix.redirectSpaToWeb', { app, uri: redirectUri }, redirectUri)];
    case 'ENTRA_CONSENT_MISSING':
      return [portal('exchange.fix.delegatedPermissions', { app, scopes }, entraPortal), adminConsentStep(account), again];
    case 'LOGIN_CANCELLED':
      return [text('exchange.fix.cancelled'), adminConsentStep(account), again];
    case 'ENTRA_CODE_ALREADY_REDEEMED':
      return [
        text(result.loopback === 'declined' ? 'exchange.fix.codeTakenDeclined' : 'exchange.fix.codeTaken', { uri: redirectUri }),
        portal('exchange.fix.addLoopbackUri', { app }, 'http://localhost/'),
        again,
        text('exchange.fix.removeLoopbackUri'),
      ];
    case 'ENTRA_CODE_EXPIRED':
      return [text('exchange.fix.codeExpired'), again];
    case 'ENTRA_CODE_INVALID':
    case 'LOGIN_NO_CODE':
      return [text('exchange.fix.pasteWholeAddress', { uri: redirectUri }), again];
    case 'LOGIN_STATE_MISMATCH':
    case 'ENTRA_PKCE_MISMATCH':
      return [text('exchange.fix.pasteThisSignIn'), again];
    case 'ENTRA_USER_WRONG_TENANT':
    case 'ENTRA_USER_NOT_FOUND':
      return [text('exchange.fix.rightTenantUser', { tenant, mailbox }), again];
    case 'ENTRA_MFA_REQUIRED':
      return [text('exchange.fix.mfa'), portal('exchange.fix.signInLogs', { app, mailbox }, entraPortal), again];
    case 'ENTRA_CONDITIONAL_ACCESS':
      return [portal('exchange.fix.signInLogs', { app, mailbox }, entraPortal), text('exchange.fix.conditionalAccess', { app })];
    case 'LOGIN_TIMEOUT':
      return [text('exchange.fix.timeout', { steps: SIGN_IN_STEPS }), again];
    case 'LOOPBACK_PORT_UNAVAILABLE':
      return [text('exchange.fix.loopbackPort', { uri: redirectUri })];
    case 'LOGIN_NO_REDIRECT_URI':
      return [text('exchange.fix.noRedirectUri'), text('exchange.fix.redirectInFile', undefined, 'redirectUri: https://<CRM callback>')];
    case 'ENTRA_SCOPE_MIXED':
      return [text('exchange.fix.scopeMixed', { scopes })];
    default: {
      const aadsts = signInAadsts(result.failure);
      return aadsts !== undefined ? [{ kind: 'url', message: msg('exchange.fix.aadstsLookup', { aadsts }), target: errorLookupUrl(aadsts) }, again] : [again];
    }
  }
}

const SUMMARIES: Readonly<Record<string, MessageKey>> = {
  ENTRA_REDIRECT_URI_MISMATCH: 'exchange.login.redirectMismatch',
  ENTRA_REDIRECT_URI_SPA: 'exchange.login.redirectSpa',
  ENTRA_CONSENT_MISSING: 'exchange.login.consentMissing',
  LOGIN_CANCELLED: 'exchange.login.cancelled',
  ENTRA_CODE_ALREADY_REDEEMED: 'exchange.login.codeRedeemed',
  ENTRA_CODE_EXPIRED: 'exchange.login.codeExpired',
  ENTRA_CODE_INVALID: 'exchange.login.codeInvalid',
  LOGIN_NO_CODE: 'exchange.login.noCode',
  LOGIN_STATE_MISMATCH: 'exchange.login.stateMismatch',
  ENTRA_PKCE_MISMATCH: 'exchange.login.pkceMismatch',
  ENTRA_USER_WRONG_TENANT: 'exchange.login.userWrongTenant',
  ENTRA_USER_NOT_FOUND: 'exchange.login.userNotFound',
  ENTRA_MFA_REQUIRED: 'exchange.login.mfa',
  ENTRA_CONDITIONAL_ACCESS: 'exchange.login.conditionalAccess',
  LOGIN_TIMEOUT: 'exchange.login.timeout',
  LOOPBACK_PORT_UNAVAILABLE: 'exchange.login.loopbackPort',
  LOGIN_NO_REDIRECT_URI: 'exchange.login.noRedirectUri',
  ENTRA_SCOPE_MIXED: 'exchange.login.scopeMixed',
};

/** A redemption refused for the client's own credentials or not answered: the same outcome as entra.credentials. */
function asClientCredentialsFailure(failure: SignInFailure): failure is Extract<SignInFailure, { kind: 'redemption' }> {
  if (failure.kind !== 'redemption') return false;
  const aadsts = signInAadsts(failure);
  return (
    failure.failure.kind !== 'entra' ||
    aadsts === undefined ||
    [7000215, 7000222, 7000218, 700016, 700011, 7000112, 70001, 90002, 900023, 90038].includes(aadsts)
  );
}

export function signInFailureOutcome(context: CheckContext, result: Failed): CheckOutcome {
  const account = entraAccount(context);
  const failure = result.failure;
  if (asClientCredentialsFailure(failure)) {
    const outcome = tokenFailureOutcome(context, {
      ok: false,
      failure: failure.failure,
      tokenEndpoint: failure.tokenEndpoint,
      ...(failure.proxy ? { proxy: failure.proxy } : {}),
    });
    const where: Evidence[] = [
      { label: 'exchange.evidence.redirectUri', value: result.redirectUri },
      { label: 'exchange.evidence.signInVia', value: result.via },
    ];
    return { ...outcome, evidence: [...where, ...(outcome.evidence ?? [])] };
  }
  const code = signInFailureCode(failure, account);
  const aadsts = signInAadsts(failure);
  const params = {
    uri: result.redirectUri,
    mailbox: account.mailbox,
    tenant: account.auth.tenantId,
    app: account.auth.clientId,
    aadsts: aadsts !== undefined ? `AADSTS${aadsts}` : code,
    seconds: failure.kind === 'timeout' ? failure.seconds : 0,
    port: failure.kind === 'loopback-listen' ? failure.port : 0,
    error: failure.kind === 'redirect-error' ? failure.error : code,
  };
  const summary = msg(SUMMARIES[code] ?? 'exchange.login.otherFailure', params);
  return { status: 'fail', code, summary, evidence: signInEvidence(result), remediation: fixesFor(context, code, result) };
}
