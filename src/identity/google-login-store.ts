/**
 * The refresh tokens `--login` obtained for Gmail OAuth accounts (google-sign-in.ts), in memory for this
 * run only: kept apart from the sign-in so that the token provider reads them without loading the
 * sign-in flow at start-up.
 */
import type { Account } from '../config/types.js';
import type { Secret } from '../secrets/secret.js';

const obtained = new WeakMap<Account, Secret>();

export function rememberGoogleLoginRefreshToken(account: Account, refreshToken: Secret): void {
  obtained.set(account, refreshToken);
}

/** The refresh token `--login` obtained for this account in this run; it replaces `auth.refreshToken`. */
export function googleLoginRefreshToken(account: Account): Secret | undefined {
  return obtained.get(account);
}
