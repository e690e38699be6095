/**
 * How the one mail login of an account signed in, as a server's refusal needs it: the same Exchange reply
 * ("User is authenticated but not connected.") has another cause for an app-only token (the service
 * principal) than for a person (their rights on the mailbox). Decided by what was actually sent, whatever
 * the configured provider: an `auth.accessToken` behind `provider: imap` is read from its claims.
 */
import type { Account } from '../../config/types.js';
import { decodeAccessToken } from '../../identity/token-claims.js';
import type { MailCredential } from '../../probes/credential.js';
import type { TokenOrigin } from './token-provider.js';

/** `unknown`: an opaque token and no `auth.flow` to say whose it is. */
export type SignInKind = 'app-only' | 'delegated' | 'password' | 'unknown';

export function signInKind(account: Account, credential: MailCredential, origin?: TokenOrigin): SignInKind {
  if (credential.kind === 'password') return 'password';
  if (origin === 'entra-application') return 'app-only';
  if (origin === 'entra-delegated' || origin === 'google') return 'delegated';
  // Entra marks app-only tokens with `idtyp: app`; v1 tokens may lack it, but only they carry roles without scp
  // (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
  const claims = decodeAccessToken(credential.token);
  if (claims?.idtyp === 'app' || (claims?.roles !== undefined && claims.scp === undefined)) return 'app-only';
  if (claims?.scp !== undefined || claims?.idtyp === 'user') return 'delegated';
  if (account.auth.flow === 'application') return 'app-only';
  if (account.auth.flow === 'delegated') return 'delegated';
  return 'unknown';
}

/** Who signed in, for a fix that names them: a delegated token's user, else the login name sent. */
export function signedInUser(credential: MailCredential): string {
  if (credential.kind === 'token') {
    const claims = decodeAccessToken(credential.token);
    const person = claims?.upn ?? claims?.preferredUsername;
    if (person && claims?.idtyp !== 'app') return person;
  }
  return credential.user;
}
