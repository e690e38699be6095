import type { CheckContext } from '../../core/check.js';
import type { Message } from '../../core/message.js';
import { msg } from '../../i18n/index.js';
import type { Secret } from '../../secrets/secret.js';

/** The mail protocol a token is for: Exchange and Google scope tokens per protocol. */
export type MailProtocol = 'imap' | 'pop3' | 'smtp';

/** Where an access token for SASL XOAUTH2 / OAUTHBEARER came from. */
export type TokenOrigin = 'config' | 'entra-application' | 'entra-delegated' | 'google';

export type TokenResult =
  | { readonly kind: 'token'; readonly token: Secret; readonly origin: TokenOrigin }
  /** No token can be had here (e.g. the flow needs `--login`): the auth check skips with this reason. */
  | { readonly kind: 'unavailable'; readonly reason: Message }
  /** Obtaining the token failed: the auth check fails with this code and reason (the identity check has the details). */
  | { readonly kind: 'failed'; readonly code: string; readonly reason: Message };

/**
 * A source of access tokens for the mail protocols. The Office 365 and Gmail issues register theirs;
 * `auth.accessToken` in the file always wins, as peers' `-AccessToken` options do.
 */
export type TokenProvider = (context: CheckContext, protocol: MailProtocol) => Promise<TokenResult>;

const providers: TokenProvider[] = [];

/** Identity modules call this once at import time to offer tokens for the accounts they understand. */
export function registerTokenProvider(provider: TokenProvider): void {
  providers.push(provider);
}

export async function getMailToken(context: CheckContext, protocol: MailProtocol): Promise<TokenResult> {
  const configured = context.account.auth.accessToken;
  if (configured) return { kind: 'token', token: configured, origin: 'config' };
  let lastReason: TokenResult | undefined;
  for (const provider of providers) {
    const result = await provider(context, protocol);
    if (result.kind !== 'unavailable') return result;
    // `identity.noTokenSource` is a provider's "not my kind of account": it must not hide another's own reason.
    if (!lastReason || result.reason.key !== 'identity.noTokenSource') lastReason = result;
  }
  return lastReason ?? { kind: 'unavailable', reason: msg('identity.noTokenSource') };
}
