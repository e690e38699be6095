/**
 * Which kind of account this is (config/types.ts): provider, `auth.method` and `auth.flow`. The loader
 * builds only accounts that keep the cross-field rules (config/rules.ts), so a guard that holds gives the
 * keys those rules require — no fallback, no "called for an account without …" at run time.
 */
import type { Account, GmailOAuthAccount, Office365ApplicationAccount, Office365DelegatedAccount, Office365OAuthAccount } from './types.js';

/** Office 365 with OAuth, either flow: the tenant and the app's client ID are there. */
export function isOffice365OAuth(account: Account): account is Office365OAuthAccount {
  return account.provider === 'office365' && account.auth.method === 'oauth2';
}

/** Office 365, the application flow (client credentials). */
export function isOffice365Application(account: Account): account is Office365ApplicationAccount {
  return isOffice365OAuth(account) && account.auth.flow === 'application';
}

/** Office 365, the delegated flow (a user signs in with `--login`). */
export function isOffice365Delegated(account: Account): account is Office365DelegatedAccount {
  return isOffice365OAuth(account) && account.auth.flow === 'delegated';
}

/** Gmail with OAuth (a Google Cloud OAuth client, or a token to test). */
export function isGmailOAuth(account: Account): account is GmailOAuthAccount {
  return account.provider === 'gmail' && account.auth.method === 'oauth2';
}

/**
 * For a check whose `appliesTo` already admits only one kind: the account as that kind. Failing it is our
 * bug (the runner records `error`), never a property of the customer's file.
 */
export function expectKind<K extends Account>(account: Account, guard: (account: Account) => account is K, what: string): K {
  if (!guard(account)) throw new Error(`${what} called for an account of another kind (${account.provider}, ${account.auth.method})`);
  return account;
}
