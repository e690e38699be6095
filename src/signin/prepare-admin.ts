/**
 * `check --admin`: the administrator sign-ins happen before the checks start — one per tenant, one prompt at
 * a time, on standard error — so that a person taking minutes in the browser is not a check overrunning
 * its budget, and no spinner draws over the device code. The checks then read the run's sessions
 * (`Services.adminSessions`). Without a terminal, or with `CI` set, nobody is asked (one line on stderr
 * says so): the directory checks skip with the reason.
 */
import type { Check } from '../core/check.js';
import type { PreflightConfig } from '../config/types.js';
import { msg, type Translator } from '../i18n/index.js';
import { AdminSessions } from './admin.js';
import type { SignInInteraction } from './delegated.js';
import type { DnsResolver } from '../core/services.js';

export interface AdminSignInOptions {
  readonly t: Translator;
  readonly signal: AbortSignal;
  readonly stepTimeoutMs: number;
  readonly dns: DnsResolver;
  readonly extraCa: readonly string[];
  /** Default: the terminal (stderr) in `t`'s language; tests pass a scripted person. */
  readonly interaction?: SignInInteraction;
}

function applies(check: Check, account: PreflightConfig['accounts'][number], config: PreflightConfig): boolean {
  try {
    return check.appliesTo(account, config) === true;
  } catch {
    return false;
  }
}

/** Signs the administrators in for every account that has a selected directory check, before the run. */
export async function prepareAdminSignIns(config: PreflightConfig, checks: readonly Check[], options: AdminSignInOptions): Promise<AdminSessions> {
  const interaction = options.interaction ?? (await import('./terminal.js')).createTerminalSignIn(options.t);
  const sessions = new AdminSessions(interaction, { signal: options.signal });
  const http = { timeoutMs: options.stepTimeoutMs, signal: options.signal, extraCa: options.extraCa, resolver: options.dns };
  const accounts = config.accounts.filter((account) => checks.some((check) => check.needs.includes('admin') && applies(check, account, config)));
  // Said once on stderr, as --login says it: the report's rows repeat it per check.
  if (accounts.length > 0 && !interaction.canPrompt()) interaction.say(msg('entra.signin.noTerminal'));
  // Several tenants as written (a domain here, a GUID there): find out which are the same one first.
  if (new Set(accounts.map((account) => sessions.key(account))).size > 1) await sessions.learnTenantIds(accounts, http);
  for (const account of accounts) {
    if (options.signal.aborted) break;
    await sessions.signIn(account, http);
  }
  return sessions;
}
