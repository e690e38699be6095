/**
 * The checks' side of the `--login` delegated sign-in (signin/delegated.ts does the sign-in itself): once
 * per account run through the account's memo, or the result the CLI prepared before the checks started,
 * and the mail checks' token provider for Office 365 delegated accounts.
 */
import type { Account, PreflightConfig } from '../../config/types.js';
import type { Check, CheckContext } from '../../core/check.js';
import type { TraceEntry } from '../../core/transcript.js';
import { msg } from '../../i18n/index.js';
import {
  isDelegatedAccount,
  setSignInInteraction,
  signInDelegated,
  signInFailureCode,
  type DelegatedSignIn,
  type DelegatedSignInRequest,
  type SignInPreparation,
} from '../../signin/delegated.js';
import { Transcript } from '../../runner/transcript.js';
import { httpSettings } from './http-settings.js';
import type { TokenProvider } from './token-provider.js';

/** The memo key of the account's sign-in (`context.shared`). */
export const SIGN_IN_MEMO = 'exchange.delegated-sign-in';

/** A sign-in done before the checks started (`prepareDelegatedSignIns`), with its transcript. */
interface PreparedSignIn {
  readonly result: DelegatedSignIn;
  readonly trace: readonly TraceEntry[];
}

const prepared = new WeakMap<Account, Promise<PreparedSignIn>>();

/**
 * The account's sign-in, once per account run; concurrent callers (incoming.auth, smtp.auth…) share it.
 * When the CLI signed the account in before the checks, that result is used (and its token requests join
 * the transcript of the check that asks first); else the sign-in happens now, inside that check.
 */
export function delegatedSignIn(context: CheckContext): Promise<DelegatedSignIn> {
  return context.shared.once(SIGN_IN_MEMO, async () => {
    const early = prepared.get(context.account);
    if (!early)
      return signInDelegated({
        account: context.account,
        login: context.options.login,
        stepTimeoutMs: context.options.stepTimeoutMs,
        signal: context.signal,
        http: httpSettings(context),
      });
    const { result, trace } = await early;
    for (const entry of trace) context.transcript.add(entry.direction, entry.text);
    return result;
  });
}

/**
 * `--login` from the CLI: every delegated Office 365 account signs in now, one after the other, before the
 * checks start — so the prompts never meet the progress spinner, a person's pace never eats a check's
 * budget, and a second account never waits inside a running check. The results wait in memory for
 * `delegatedSignIn`. Nothing happens when no selected check would use the token.
 */
export async function prepareDelegatedSignIns(config: PreflightConfig, checks: readonly Check[], preparation: SignInPreparation): Promise<void> {
  if (!checks.some((check) => check.usesLogin?.includes('office365'))) return;
  const interaction = preparation.interaction ?? (await import('../../signin/terminal.js')).createTerminalSignIn(preparation.t);
  setSignInInteraction(interaction);
  for (const account of config.accounts) {
    if (!isDelegatedAccount(account) || preparation.signal.aborted) continue;
    const transcript = new Transcript(preparation.trace);
    const http = { timeoutMs: preparation.stepTimeoutMs, signal: preparation.signal, extraCa: preparation.extraCa, resolver: preparation.dns, transcript };
    const request: DelegatedSignInRequest = { account, login: true, stepTimeoutMs: preparation.stepTimeoutMs, signal: preparation.signal, http };
    const done = signInDelegated(request).then((result) => ({ result, trace: transcript.entries() }));
    prepared.set(account, done);
    await done;
  }
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
