/**
 * gmail.credentials when `--login` was asked for and gave no refresh token, or when the file has none:
 * one code, Google's words as evidence, and the fix with this account's values — the exact redirect URI to
 * add to the OAuth client (redirect_uri_mismatch), the test user to add (an app in "Testing" blocks anyone
 * else: "Error 403: access_denied"), the Workspace organisation limit (org_internal), a code already used by a
 * live CRM callback (invalid_grant at redemption)… Client and network refusals of the code redemption are
 * the token endpoint's own (credentials.ts `tokenOutcome`), with the same fixes.
 * Google's authorization errors: https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors.
 */
import { msg } from '../../../i18n/index.js';
import type { MessageArgs, MessageKey, MessageParams } from '../../../core/message.js';
import type { GoogleSignIn } from '../../../signin/google-result.js';
import { SIGN_IN_STEPS } from '../../../signin/delegated.js';
import { fileRefreshToken } from '../../../identity/google-account.js';
import type { CheckContext, CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { loginCommand } from '../../exchange/shared/remediation.js';
import { CLOUD_AUDIENCE_URL, CLOUD_CLIENTS_URL, GMAIL_SCOPE, GOOGLE_CONNECTIONS_URL } from '../../../providers/google.js';
import { clientIdOf, trustClient } from './remediation.js';

type Failed = Extract<GoogleSignIn, { kind: 'failed' }>;

/** Codes whose diagnosis is the token endpoint's (the client, the network): credentials.ts reads the answer. */
const TOKEN_ENDPOINT_CODES = new Set([
  'GOOGLE_CLIENT_SECRET_WRONG',
  'GOOGLE_UNAUTHORIZED_CLIENT',
  'GOOGLE_INVALID_SCOPE',
  'GOOGLE_TOKEN_SERVER_ERROR',
  'GOOGLE_TOKEN_UNEXPECTED_REPLY',
  'GOOGLE_OAUTH_ERROR',
]);

export function isTokenEndpointFailure(result: Failed): boolean {
  if (!result.response) return false;
  return (
    result.response.kind === 'network' ||
    TOKEN_ENDPOINT_CODES.has(result.code) ||
    (result.code === 'GOOGLE_CLIENT_NOT_FOUND' && result.response.kind === 'oauth-error')
  );
}

/** `tactium-preflight check <file> --login --account <name>`, with `--show-refresh-token` when the file has none to keep. */
export function googleLoginCommand(context: CheckContext, showToken: boolean): string {
  return `${loginCommand(context.config.file, context.account)}${showToken ? ' --show-refresh-token' : ''}`;
}

export function signInEvidence(result: Failed): Evidence[] {
  const evidence: Evidence[] = [];
  if (result.redirectUri) evidence.push({ label: 'gmail.evidence.redirectUri', value: result.redirectUri });
  if (result.via) evidence.push({ label: 'gmail.evidence.signInVia', value: result.via });
  if (result.detail) evidence.push({ label: 'gmail.evidence.googleSaid', value: result.detail });
  return evidence;
}

const SUMMARIES: Readonly<Record<string, MessageKey>> = {
  GOOGLE_REDIRECT_URI_MISMATCH: 'gmail.signIn.redirectMismatch',
  GOOGLE_ACCESS_BLOCKED: 'gmail.signIn.accessBlocked',
  GOOGLE_ORG_INTERNAL: 'gmail.signIn.orgInternal',
  GOOGLE_ADMIN_POLICY_ENFORCED: 'gmail.token.adminPolicy',
  GOOGLE_CLIENT_NOT_FOUND: 'gmail.token.clientNotFound',
  GOOGLE_CLIENT_DELETED: 'gmail.signIn.clientDeleted',
  GOOGLE_CODE_REJECTED: 'gmail.signIn.codeRejected',
  GOOGLE_NO_REFRESH_TOKEN: 'gmail.signIn.noRefreshToken',
  LOGIN_CANCELLED: 'gmail.signIn.cancelled',
  LOGIN_TIMEOUT: 'gmail.signIn.timeout',
  LOGIN_NO_CODE: 'gmail.signIn.noCode',
  LOGIN_STATE_MISMATCH: 'gmail.signIn.stateMismatch',
  LOOPBACK_PORT_UNAVAILABLE: 'gmail.signIn.loopbackPort',
};

function fixesFor(context: CheckContext, result: Failed, showToken: boolean): Remediation[] {
  const { account } = context;
  const clientId = clientIdOf(account);
  const mailbox = account.mailbox;
  const uri = result.redirectUri ?? account.auth.redirectUri ?? '';
  const again: Remediation = { kind: 'command', message: msg('gmail.fix.loginAgain'), target: googleLoginCommand(context, showToken) };
  const text = <K extends MessageKey>(key: K, ...rest: [...MessageArgs<K>, target?: string]): Remediation => {
    const params = rest[0] as MessageParams | undefined;
    const target = rest[1] as string | undefined;
    return { kind: 'text', message: params ? { key, params } : { key }, ...(target ? { target } : {}) };
  };
  switch (result.code) {
    case 'GOOGLE_REDIRECT_URI_MISMATCH':
      return [
        { kind: 'url', message: msg('gmail.fix.addRedirectUri', { clientId, uri }), target: CLOUD_CLIENTS_URL },
        text('gmail.fix.redirectInFile', undefined, `redirectUri: ${uri || 'https://<CRM callback>'}`),
        again,
      ];
    case 'GOOGLE_ACCESS_BLOCKED':
      return [{ kind: 'url', message: msg('gmail.fix.addTestUser', { mailbox }), target: CLOUD_AUDIENCE_URL }, again];
    case 'GOOGLE_ORG_INTERNAL':
      return [{ kind: 'url', message: msg('gmail.fix.orgInternal', { mailbox }), target: CLOUD_AUDIENCE_URL }, again];
    case 'GOOGLE_ADMIN_POLICY_ENFORCED':
      return [...trustClient(account), again];
    case 'GOOGLE_CLIENT_NOT_FOUND':
      return [{ kind: 'url', message: msg('gmail.fix.findClient', { clientId }), target: CLOUD_CLIENTS_URL }, text('gmail.fix.notAzure')];
    case 'GOOGLE_CLIENT_DELETED':
      return [{ kind: 'url', message: msg('gmail.fix.restoreClient'), target: CLOUD_CLIENTS_URL }, text('gmail.fix.notAzure')];
    case 'GOOGLE_CODE_REJECTED':
      return [text('gmail.fix.codeRejected', { uri }), again];
    case 'GOOGLE_NO_REFRESH_TOKEN':
      return [{ kind: 'url', message: msg('gmail.fix.revokeAndRetry', { mailbox }), target: GOOGLE_CONNECTIONS_URL }, again];
    case 'LOGIN_CANCELLED':
      return [text('gmail.fix.allowAccess', { mailbox }), again];
    case 'LOGIN_TIMEOUT':
      return [text('gmail.fix.timeout', { steps: SIGN_IN_STEPS }), again];
    case 'LOGIN_NO_CODE':
      return [text('gmail.fix.pasteWholeAddress', { uri }), again];
    case 'LOGIN_STATE_MISMATCH':
      return [text('gmail.fix.pasteThisSignIn'), again];
    case 'LOOPBACK_PORT_UNAVAILABLE':
      return [text('gmail.fix.loopbackPort', { uri })];
    default:
      return [again];
  }
}

/** The outcome of a sign-in that gave no refresh token (not a token-endpoint refusal: see `isTokenEndpointFailure`). */
export function signInFailureOutcome(context: CheckContext, result: Failed, extra: Evidence[] = []): CheckOutcome {
  const { account } = context;
  const showToken = fileRefreshToken(account) === undefined;
  const params = {
    clientId: clientIdOf(account),
    mailbox: account.mailbox,
    uri: result.redirectUri ?? '',
    detail: result.detail ?? result.code,
    scope: GMAIL_SCOPE,
  };
  return {
    status: 'fail',
    code: result.code,
    summary: msg(SUMMARIES[result.code] ?? 'gmail.signIn.other', params),
    evidence: [...signInEvidence(result), ...extra],
    remediation: fixesFor(context, result, showToken),
  };
}
