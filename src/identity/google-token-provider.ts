/**
 * Gmail OAuth tokens for the mail checks: the one token request of an account (refresh token → access
 * token, google-token.ts), kept in the account's memo and offered to incoming.auth and smtp.auth through
 * the token provider registry. gmail.credentials reports the same answer in detail; the mail checks only
 * get the token, or the code of why there is none.
 */
import type { CheckContext } from '../core/check.js';
import type { Account } from '../config/types.js';
import { msg } from '../i18n/index.js';
import { Secret } from '../secrets/secret.js';
import { googleLoginRefreshToken } from './google-login-store.js';
import { GMAIL_SCOPE, requestGoogleToken, type GoogleTokenResponse } from './google-token.js';
import type { TokenProvider } from './token-provider.js';

const TOKEN_KEY = 'gmail.token';

/**
 * The codes gmail.credentials reports for the token request, besides the network and TLS families of
 * probe-error.ts (DNS_NOT_FOUND, TCP_REFUSED, TLS_CERT_UNTRUSTED…), one line of meaning each (STYLE §7.4).
 * Error names and texts: providers.md §4.5 and Google's OAuth documentation.
 */
export const GOOGLE_TOKEN_CODES = {
  GOOGLE_CLIENT_NOT_FOUND: '`invalid_client` "The OAuth client was not found.": no OAuth client with this client ID',
  GOOGLE_CLIENT_SECRET_WRONG: '`invalid_client` "Unauthorized": the client secret is not this client\'s',
  GOOGLE_INVALID_GRANT: '`invalid_grant`: the refresh token is expired, revoked, or unknown (apps in "Testing" get 7-day refresh tokens)',
  GOOGLE_UNAUTHORIZED_CLIENT: '`unauthorized_client`: the refresh token was issued to another OAuth client',
  GOOGLE_ADMIN_POLICY_ENFORCED: '`admin_policy_enforced`: the Workspace administrator does not allow this OAuth client',
  GOOGLE_INVALID_SCOPE: '`invalid_scope`: the scopes asked for are not granted to this refresh token',
  GOOGLE_OAUTH_ERROR: 'another OAuth error from the token endpoint (the error name is in the evidence)',
  GOOGLE_SCOPE_MISSING: 'a token was issued, but without https://mail.google.com/, the scope IMAP, POP and SMTP need',
  GOOGLE_TOKEN_SERVER_ERROR: "Google's token endpoint answered with a server error (5xx)",
  GOOGLE_TOKEN_UNEXPECTED_REPLY: 'the answer was not Google\'s (an HTML page, another status): typically a proxy or firewall answering instead',
  PROXY_UNREACHABLE: 'the configured HTTPS proxy could not be reached (refused or no answer)',
  PROXY_AUTH_REQUIRED: 'the HTTPS proxy asks for authentication (407)',
  PROXY_REJECTED: 'the HTTPS proxy refused to open a tunnel to the token endpoint',
  HTTP_TIMEOUT: 'the token endpoint did not answer in time',
} as const;

export type GoogleTokenCode = keyof typeof GOOGLE_TOKEN_CODES;

/** The client keys Gmail OAuth needs besides the mailbox (config rule gmail.oauth2). */
export function missingGoogleClientKeys(account: Account): string[] {
  const missing: string[] = [];
  if (!account.auth.clientId) missing.push('auth.clientId');
  if (!account.auth.clientSecret || account.auth.clientSecret.isEmpty) missing.push('auth.clientSecret');
  return missing;
}

/** `auth.refreshToken`, when the file gives one (a first sign-in on site has none yet). */
export function fileRefreshToken(account: Account): Secret | undefined {
  return account.auth.refreshToken && !account.auth.refreshToken.isEmpty ? account.auth.refreshToken : undefined;
}

/** The refresh token of this run: the one `--login` obtained, else the file's (none: `--login` is needed). */
function refreshTokenOf(account: Account): Secret | undefined {
  return googleLoginRefreshToken(account) ?? fileRefreshToken(account);
}

export function isGoogleOauthAccount(account: Account): boolean {
  return account.provider === 'gmail' && account.auth.method === 'oauth2';
}

/** Why a token answer cannot be used for the mail logins; undefined when it can. */
export function googleTokenCode(response: GoogleTokenResponse): string | undefined {
  switch (response.kind) {
    case 'token':
      return response.scopes.includes(GMAIL_SCOPE) ? undefined : 'GOOGLE_SCOPE_MISSING';
    case 'oauth-error':
      switch (response.error) {
        case 'invalid_client':
          return /not found/i.test(response.description ?? '') ? 'GOOGLE_CLIENT_NOT_FOUND' : 'GOOGLE_CLIENT_SECRET_WRONG';
        case 'invalid_grant':
          return 'GOOGLE_INVALID_GRANT';
        case 'unauthorized_client':
          return 'GOOGLE_UNAUTHORIZED_CLIENT';
        case 'admin_policy_enforced':
          return 'GOOGLE_ADMIN_POLICY_ENFORCED';
        case 'invalid_scope':
          return 'GOOGLE_INVALID_SCOPE';
        default:
          return 'GOOGLE_OAUTH_ERROR';
      }
    case 'http-error':
      return response.httpStatus >= 500 ? 'GOOGLE_TOKEN_SERVER_ERROR' : 'GOOGLE_TOKEN_UNEXPECTED_REPLY';
    case 'network':
      return response.code;
  }
}

/**
 * The account's one token request, whichever check asks first (gmail.credentials, incoming.auth or
 * smtp.auth); it runs with that check's timeout, abort signal and transcript.
 */
export function obtainGoogleToken(context: CheckContext): Promise<GoogleTokenResponse> {
  return context.shared.once(TOKEN_KEY, () => {
    const { account } = context;
    // `--login` obtained a fresh refresh token: this request proves it, and the mail logins use its token.
    const refreshToken = refreshTokenOf(account);
    if (!refreshToken) throw new Error('obtainGoogleToken needs a refresh token (auth.refreshToken or --login)');
    return refreshAt(context, refreshToken);
  });
}

/** Placeholder refresh token for the client check (never a real token's shape: Google's start with 1//). */
const PLACEHOLDER_REFRESH_TOKEN = 'tactium-preflight-client-check';

/**
 * The client check when there is no refresh token: one refresh with a placeholder, which Google refuses
 * with invalid_client when the client ID or secret is wrong and with invalid_grant otherwise (the client
 * is authenticated before the grant is looked at, RFC 6749 §6). Not memoised: the mail checks never use it.
 */
export function probeGoogleClient(context: CheckContext): Promise<GoogleTokenResponse> {
  return refreshAt(context, new Secret(PLACEHOLDER_REFRESH_TOKEN, 'runtime'));
}

function refreshAt(context: CheckContext, refreshToken: Secret): Promise<GoogleTokenResponse> {
  const { account } = context;
  const { clientId, clientSecret } = account.auth;
  if (!clientId || !clientSecret) throw new Error(`the Google token request needs ${missingGoogleClientKeys(account).join(', ')}`);
  return requestGoogleToken({
    endpoint: account.endpoints.googleToken,
    clientId,
    clientSecret,
    refreshToken,
    timeoutMs: context.options.stepTimeoutMs,
    signal: context.signal,
    extraCa: context.services.extraCa,
    resolver: context.services.dns,
    transcript: context.transcript,
  });
}

/**
 * Offers Google access tokens to the mail checks (register with `registerTokenProvider`). Accounts that are
 * not Gmail OAuth are left to the other providers.
 */
export const googleTokenProvider: TokenProvider = async (context) => {
  const { account } = context;
  if (!isGoogleOauthAccount(account)) return { kind: 'unavailable', reason: msg('identity.noTokenSource') };
  const missing = missingGoogleClientKeys(account);
  if (missing.length > 0) return { kind: 'unavailable', reason: msg('gmail.token.incomplete', { keys: missing.join(', ') }) };
  if (!refreshTokenOf(account)) return { kind: 'unavailable', reason: msg('gmail.token.needsLogin', { mailbox: account.mailbox }) };
  const response = await obtainGoogleToken(context);
  const code = googleTokenCode(response);
  if (code !== undefined || response.kind !== 'token') {
    return { kind: 'failed', code: code ?? 'GOOGLE_OAUTH_ERROR', reason: msg('gmail.token.failedForMail', { code: code ?? 'GOOGLE_OAUTH_ERROR' }) };
  }
  return { kind: 'token', token: response.accessToken, origin: 'google' };
};
