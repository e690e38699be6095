/**
 * The credential of an account's one login over a mail protocol: its password (`auth.method: password`) or an
 * OAuth access token from the token providers (`oauth2`). Each check says in its own words what stopped it
 * (a missing password, no token source, a token request that failed).
 */
import type { CheckContext } from '../../core/check.js';
import type { Message } from '../../core/message.js';
import { loginPassword } from '../../identity/login-password.js';
import type { MailCredential } from '../../probes/credential.js';
import { getMailToken, type MailProtocol, type TokenOrigin } from './token-provider.js';

export type CredentialLookup =
  | { readonly kind: 'ready'; readonly credential: MailCredential; readonly origin?: TokenOrigin }
  | { readonly kind: 'password-missing'; readonly reference?: string }
  | { readonly kind: 'token-unavailable'; readonly reason: Message }
  | { readonly kind: 'token-failed'; readonly code: string; readonly reason: Message };

/** The login name sent: `auth.username`, else the mailbox address. */
export function loginName(context: CheckContext): string {
  return context.account.auth.username ?? context.account.mailbox;
}

export async function credentialFor(context: CheckContext, protocol: MailProtocol): Promise<CredentialLookup> {
  const { account } = context;
  const user = loginName(context);
  if (account.auth.method === 'password') {
    // A Gmail app password pasted in Google's groups of four loses its spaces here (login-password.ts).
    const password = loginPassword(account);
    if (!password || password.isEmpty) return { kind: 'password-missing', ...(password?.reference !== undefined ? { reference: password.reference } : {}) };
    return { kind: 'ready', credential: { kind: 'password', user, password } };
  }
  const token = await getMailToken(context, protocol);
  if (token.kind === 'unavailable') return { kind: 'token-unavailable', reason: token.reason };
  if (token.kind === 'failed') return { kind: 'token-failed', code: token.code, reason: token.reason };
  return { kind: 'ready', credential: { kind: 'token', user, token: token.token }, origin: token.origin };
}
