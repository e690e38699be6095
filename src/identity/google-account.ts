/**
 * What a Gmail OAuth account needs for a token and what a token answer means for the mail logins: the
 * client keys, the file's refresh token, and the code of an answer that cannot be used.
 */
import type { Account, GmailOAuthAccount, GmailOAuthAuth } from '../config/types.js';
import { isGmailOAuth } from '../config/account-kind.js';
import type { Secret } from '../secrets/secret.js';
import { GMAIL_SCOPE } from '../providers/google.js';
import type { GoogleTokenResponse } from './google-token.js';

/**
 * The codes gmail.credentials reports for the token request, besides the network and TLS families of
 * probe-error.ts (DNS_NOT_FOUND, TCP_REFUSED, TLS_CERT_UNTRUSTED…), one line of meaning each.
 * Error names and texts: https://developers.google.com/identity/protocols/oauth2/web-server#handlingresponse
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
  GOOGLE_TOKEN_UNEXPECTED_REPLY: "the answer was not Google's (an HTML page, another status): typically a proxy or firewall answering instead",
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

export function isGoogleOauthAccount(account: Account): account is GmailOAuthAccount {
  return isGmailOAuth(account);
}

/** A Gmail OAuth account with its Google Cloud OAuth client (rule gmail.oauth2, when no token to test replaces it). */
export type GoogleClientAccount = GmailOAuthAccount & { readonly auth: GmailOAuthAuth & { readonly clientId: string; readonly clientSecret: Secret } };

/** The account can ask Google for tokens: a Gmail OAuth account whose client ID and secret are there. */
export function hasGoogleClient(account: Account): account is GoogleClientAccount {
  return isGmailOAuth(account) && missingGoogleClientKeys(account).length === 0;
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
