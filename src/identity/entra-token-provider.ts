/**
 * The Office 365 application-flow token, got once per account and shared: `entra.credentials` gets it
 * (and diagnoses a failure), `entra.exchange-roles` and `entra.object-id` read its claims, and the mail
 * checks receive it through `entraTokenProvider` for XOAUTH2. It lives in the account's memo only
 * (disposed with the account), never on disk, never printed.
 */
import type { Account } from '../config/types.js';
import { CLOUD_HOSTS } from '../config/defaults.js';
import { GUID_PATTERN } from '../config/schema.js';
import type { CheckContext } from '../core/check.js';
import { msg } from '../i18n/index.js';
import { lookupAadsts } from './aadsts.js';
import { acquireAppToken, type AppTokenResult, type TokenFailure } from './entra-client.js';
import { httpSettings } from './http.js';
import type { TokenProvider } from './token-provider.js';

/** The memo key of the application token of an account (`context.shared`). */
export const APP_TOKEN_MEMO = 'entra.app-token';

/** Client credentials ask for the Exchange resource's `/.default` (providers.md §1.3, §1.9). */
export function exchangeScope(account: Account): string {
  return `${CLOUD_HOSTS[account.cloud].exchangeResource}/.default`;
}

/** Why an Office 365 OAuth account cannot have an application token here, or undefined when it can. */
export function appTokenUnavailable(account: Account): 'not-office365' | 'token-given' | 'no-credentials' | undefined {
  if (account.provider !== 'office365' || account.auth.method !== 'oauth2') return 'not-office365';
  if (account.auth.accessToken) return 'token-given';
  if (!account.auth.tenantId || !account.auth.clientId || !account.auth.clientSecret || account.auth.clientSecret.isEmpty) return 'no-credentials';
  return undefined;
}

/**
 * The account's client-credentials token for Exchange, requested once per account run (concurrent
 * callers share the request). Callers check `appTokenUnavailable` first.
 */
export function applicationToken(context: CheckContext): Promise<AppTokenResult> {
  const { account } = context;
  return context.shared.once(APP_TOKEN_MEMO, () => {
    const { tenantId, clientId, clientSecret } = account.auth;
    if (!tenantId || !clientId || !clientSecret) throw new Error('applicationToken called for an account without tenantId, clientId and clientSecret');
    return acquireAppToken({
      login: account.endpoints.login,
      tenant: tenantId,
      clientId,
      clientSecret,
      scope: exchangeScope(account),
      http: httpSettings(context),
    });
  });
}

/** The configured client secret is most likely the Secret ID: GUID-shaped, or equal to `auth.secretId`. */
export function secretLooksLikeSecretId(account: Account): boolean {
  const secret = account.auth.clientSecret?.reveal().trim().toLowerCase();
  if (!secret) return false;
  return GUID_PATTERN.test(secret) || secret === account.auth.secretId?.trim().toLowerCase();
}

/** Our code for a failure to get the token (the same in `entra.credentials` and in the mail checks). */
export function tokenFailureCode(failure: TokenFailure, account: Account): string {
  switch (failure.kind) {
    case 'entra': {
      const entry = lookupAadsts(failure.body.aadsts);
      if (entry.fix === 'secret-value' && secretLooksLikeSecretId(account)) return 'ENTRA_SECRET_ID_AS_VALUE';
      if (entry.code === 'ENTRA_AADSTS' && failure.status !== undefined && failure.status >= 500) return 'ENTRA_UNAVAILABLE';
      return entry.code;
    }
    case 'network':
      return failure.error.code;
    case 'unexpected-answer':
      return 'ENTRA_UNEXPECTED_ANSWER';
    case 'empty-token':
      if (failure.status === 429) return 'ENTRA_THROTTLED';
      if (failure.status !== undefined && failure.status >= 500) return 'ENTRA_UNAVAILABLE';
      return 'ENTRA_EMPTY_TOKEN';
    case 'client':
      return 'ENTRA_CLIENT_REJECTED';
  }
}

/**
 * Mail tokens for Office 365 OAuth accounts. Application flow: the app token (the memo's, or requested
 * now); delegated flow: unavailable until `--login` signs a user in. Other providers: not ours.
 */
export const entraTokenProvider: TokenProvider = async (context) => {
  const { account } = context;
  if (account.provider !== 'office365' || account.auth.method !== 'oauth2') return { kind: 'unavailable', reason: msg('identity.noTokenSource') };
  if (account.auth.flow !== 'application') return { kind: 'unavailable', reason: msg('entra.token.needsLogin') };
  const why = appTokenUnavailable(account);
  if (why) return { kind: 'unavailable', reason: msg('entra.token.noCredentials') };
  const result = await applicationToken(context);
  if (result.ok) return { kind: 'token', token: result.token, origin: 'entra-application' };
  const code = tokenFailureCode(result.failure, account);
  return { kind: 'failed', code, reason: msg('entra.token.failed', { code }) };
};
