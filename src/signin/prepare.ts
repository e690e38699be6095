/**
 * `check --admin` and `check --login`: the interactive sign-ins happen before the checks start — one
 * account after the other, one prompt at a time, on standard error — so that a person taking minutes in
 * the browser is not a check overrunning its budget, and no spinner draws over a prompt. A flow is
 * prepared only for the accounts a selected check needs it for: `needs: ['admin']` for the administrator,
 * `usesLogin` for the `--login` flows. The checks then read the results (`Services.signIns`).
 * Without a terminal, or with `CI` set, nobody is asked: the checks skip or fail with the reason.
 */
import type { Account, PreflightConfig } from '../config/types.js';
import type { Check, LoginSignIn } from '../core/check.js';
import type { DnsResolver } from '../core/services.js';
import type { SignIns } from '../core/sign-in.js';
import type { Transcript } from '../core/transcript.js';
import type { Translator } from '../i18n/index.js';
import { AdminSessions } from './admin.js';
import { DelegatedSignIns, isDelegatedAccount, type SignInInteraction } from './delegated.js';
import { GoogleSignIns, isGoogleLoginAccount } from './google.js';

export interface SignInPreparation {
  /** `--admin`, `--login`, `--show-refresh-token`. */
  readonly admin: boolean;
  readonly login: boolean;
  readonly showRefreshToken?: boolean;
  /** The user's language, decided once by the CLI. */
  readonly t: Translator;
  /** The person at the terminal: the CLI's (stderr, in `t`'s language); tests play the person. */
  readonly interaction: SignInInteraction;
  readonly stepTimeoutMs: number;
  /** The run's signal (Ctrl-C / SIGTERM). */
  readonly signal: AbortSignal;
  readonly dns: DnsResolver;
  readonly extraCa: readonly string[];
  /** A new `--trace` transcript for one sign-in's requests (the first check that reads the result shows them). */
  readonly newTranscript: () => Transcript;
  /** Where `CI` is read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

function applies(check: Check, account: Account, config: PreflightConfig): boolean {
  try {
    return check.appliesTo(account, config) === true;
  } catch {
    return false;
  }
}

const usesLogin = (checks: readonly Check[], flow: LoginSignIn) => checks.some((check) => check.usesLogin?.includes(flow));

/** Prepares the sign-ins the run asked for and a selected check uses, in this order: administrator, Office 365, Google. */
export async function prepareSignIns(config: PreflightConfig, checks: readonly Check[], preparation: SignInPreparation): Promise<SignIns> {
  const { interaction, signal, stepTimeoutMs } = preparation;
  const http = { extraCa: preparation.extraCa, resolver: preparation.dns };
  let admin: AdminSessions | undefined;
  if (preparation.admin) {
    admin = new AdminSessions(interaction, {
      signal,
      ...(preparation.env ? { env: preparation.env } : {}),
      http: { ...http, timeoutMs: stepTimeoutMs, signal },
    });
    await admin.prepare(config.accounts.filter((account) => checks.some((check) => check.needs.includes('admin') && applies(check, account, config))));
  }
  let office365: DelegatedSignIns | undefined;
  if (preparation.login && usesLogin(checks, 'office365')) {
    office365 = new DelegatedSignIns({ interaction, stepTimeoutMs, signal, http, newTranscript: preparation.newTranscript });
    await office365.prepare(config.accounts.filter(isDelegatedAccount));
  }
  let google: GoogleSignIns | undefined;
  if (preparation.login && usesLogin(checks, 'google')) {
    google = new GoogleSignIns(preparation);
    await google.prepare(config.accounts.filter(isGoogleLoginAccount));
  }
  return { ...(admin ? { admin } : {}), ...(office365 ? { office365 } : {}), ...(google ? { google } : {}) };
}
