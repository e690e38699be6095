/**
 * Gmail OAuth tokens for the mail checks: the one token request of an account (refresh token → access
 * token, google-token.ts), kept in the account's memo and offered to incoming.auth and smtp.auth through
 * the token provider registry. gmail.credentials reports the same answer in detail; the mail checks only
 * get the token, or the code of why there is none.
 */
import type { CheckContext } from '../../core/check.js';
import { msg } from '../../i18n/index.js';
import { Secret } from '../../secrets/secret.js';
import { fileRefreshToken, googleTokenCode, hasGoogleClient, isGoogleOauthAccount, missingGoogleClientKeys } from '../../identity/google-account.js';
import { expectKind } from '../../config/account-kind.js';
import { requestGoogleToken, type GoogleTokenResponse } from '../../identity/google-token.js';
import type { TokenProvider } from './token-provider.js';
import type { GoogleSignIn } from '../../signin/google-result.js';

const TOKEN_KEY = 'gmail.token';

/** How this run's `--login` went for the account (`Services.signIns.google`); undefined without `--login`. */
export function googleSignInResult(context: CheckContext): Promise<GoogleSignIn> | undefined {
  return context.services.signIns?.google?.result(context.account);
}

/** The refresh token of this run: the one `--login` obtained, else the file's (none: `--login` is needed). */
export async function refreshTokenOf(context: CheckContext): Promise<Secret | undefined> {
  const signIn = await googleSignInResult(context);
  return signIn?.kind === 'signed-in' ? signIn.refreshToken : fileRefreshToken(context.account);
}

/**
 * The account's one token request, whichever check asks first (gmail.credentials, incoming.auth or
 * smtp.auth); it runs with that check's timeout, abort signal and transcript.
 */
export function obtainGoogleToken(context: CheckContext): Promise<GoogleTokenResponse> {
  return context.shared.once(TOKEN_KEY, async () => {
    // `--login` obtained a fresh refresh token: this request proves it, and the mail logins use its token.
    const refreshToken = await refreshTokenOf(context);
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
  // gmail.credentials applies, and the token provider asks, only with the client ID and secret there.
  const account = expectKind(context.account, hasGoogleClient, 'the Google token request');
  const { clientId, clientSecret } = account.auth;
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
  if (!(await refreshTokenOf(context))) return { kind: 'unavailable', reason: msg('gmail.token.needsLogin', { mailbox: account.mailbox }) };
  const response = await obtainGoogleToken(context);
  const code = googleTokenCode(response);
  if (code !== undefined || response.kind !== 'token') {
    return { kind: 'failed', code: code ?? 'GOOGLE_OAUTH_ERROR', reason: msg('gmail.token.failedForMail', { code: code ?? 'GOOGLE_OAUTH_ERROR' }) };
  }
  return { kind: 'token', token: response.accessToken, origin: 'google' };
};
