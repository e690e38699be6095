import type { Account } from '../config/types.js';

/**
 * The result each interactive sign-in gives an account, by flow: `admin` (`check --admin`, the directory
 * checks), `office365` (the delegated `--login`), `google` (Gmail OAuth's `--login`). Each flow's module
 * adds its entry by declaration merging (`declare module '../core/sign-in.js'`), so the checks read typed
 * results while core names no identity type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface SignInResults {}

export type SignInFlow = keyof SignInResults;

/**
 * One interactive sign-in flow. The CLI prepares it before the checks start — one account after the
 * other, so that a person's pace never eats a check's budget and no prompt meets the progress spinner —
 * and the checks read the result of their account (`Services.signIns`).
 */
export interface SignIn<T> {
  /** Signs these accounts in, one after the other (a person answers one prompt at a time). */
  prepare(accounts: readonly Account[]): Promise<void>;
  /** The account's result; undefined when this run did not sign the account in. */
  result(account: Account): Promise<T> | undefined;
}

/** The run's prepared sign-ins; a flow the run did not ask for (no `--admin`, no `--login`) is absent. */
export type SignIns = { readonly [F in SignInFlow]?: SignIn<SignInResults[F]> };
