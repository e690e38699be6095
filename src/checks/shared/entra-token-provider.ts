/**
 * The Office 365 application-flow token, got once per account and shared: `entra.credentials` gets it
 * (and diagnoses a failure), `entra.exchange-roles` and `entra.object-id` read its claims, and the mail
 * checks receive it through `entraTokenProvider` for XOAUTH2. It lives in the account's memo only
 * (disposed with the account), never on disk, never printed.
 */
import type { CheckContext } from '../../core/check.js';
import { expectKind, isOffice365OAuth } from '../../config/account-kind.js';
import { msg } from '../../i18n/index.js';
import { appTokenUnavailable, exchangeScope, tokenFailureCode } from '../../identity/entra-app-token.js';
import { acquireAppToken, type AppTokenResult } from '../../identity/entra-client.js';
import { httpSettings } from './http-settings.js';
import type { TokenProvider } from './token-provider.js';

/** The memo key of the application token of an account (`context.shared`). */
export const APP_TOKEN_MEMO = 'entra.app-token';

/**
 * The account's client-credentials token for Exchange, requested once per account run (concurrent
 * callers share the request). Callers check `appTokenUnavailable` first.
 */
export function applicationToken(context: CheckContext): Promise<AppTokenResult> {
  const account = expectKind(context.account, isOffice365OAuth, 'applicationToken');
  return context.shared.once(APP_TOKEN_MEMO, async () => {
    const { tenantId, clientId, clientSecret } = account.auth;
    // Asked for only when appTokenUnavailable found the secret there.
    if (!clientSecret) throw new Error('applicationToken called for an account without clientSecret');
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
