/**
 * The checks' side of the `--login` delegated sign-in (signin/delegated.ts does the sign-in itself, before
 * the checks start): the account's result, read once per account run, and the mail checks' token provider
 * for Office 365 delegated accounts.
 */
import type { CheckContext } from '../../core/check.js';
import { msg } from '../../i18n/index.js';
import { delegatedSignInUnavailable, isDelegatedAccount, signInFailureCode, type DelegatedSignIn } from '../../signin/delegated.js';
import type { TokenProvider } from './token-provider.js';

/** The memo key of the account's sign-in (`context.shared`). */
export const SIGN_IN_MEMO = 'exchange.delegated-sign-in';

/**
 * The account's sign-in, as the CLI prepared it before the checks; concurrent callers (incoming.auth,
 * smtp.auth…) share it, and its token requests join the transcript of the check that asks first.
 * Without `--login`, or with nothing prepared for the account, the reason nobody was asked.
 */
export function delegatedSignIn(context: CheckContext): Promise<DelegatedSignIn> {
  return context.shared.once(SIGN_IN_MEMO, async () => {
    const prepared = context.options.login ? context.services.signIns?.office365?.result(context.account) : undefined;
    if (!prepared) return delegatedSignInUnavailable(context.account, context.options.login);
    const { result, trace } = await prepared;
    for (const entry of trace) context.transcript.add(entry.direction, entry.text);
    return result;
  });
}

/**
 * Mail tokens for Office 365 delegated accounts, registered beside `entraTokenProvider` (which answers the
 * application flow). Without `--login` it is unavailable with the same reason; with it, the sign-in above.
 */
export const delegatedTokenProvider: TokenProvider = async (context) => {
  const { account } = context;
  if (!isDelegatedAccount(account)) return { kind: 'unavailable', reason: msg('identity.noTokenSource') };
  const result = await delegatedSignIn(context);
  switch (result.kind) {
    case 'signed-in':
      return { kind: 'token', token: result.token, origin: 'entra-delegated' };
    case 'unavailable':
      return { kind: 'unavailable', reason: result.reason };
    case 'failed': {
      const code = signInFailureCode(result.failure, account);
      return { kind: 'failed', code, reason: msg('exchange.login.failed', { code }) };
    }
  }
};
