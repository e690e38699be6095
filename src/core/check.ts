import type { Message, MessageKey } from './message.js';
import type { Account, PreflightConfig } from '../config/types.js';
import type { Transcript, TraceEntry } from './transcript.js';
import type { RunMemo } from './memo.js';
import type { Services } from './services.js';

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';
export const STATUSES: readonly Status[] = ['pass', 'warn', 'fail', 'skip', 'error'];

export type Area = 'config' | 'dns' | 'smtp' | 'incoming' | 'entra' | 'exchange' | 'gmail';

/** What a check needs to run; shown by `checks` and used to explain skips. */
export type Need = 'config' | 'network' | 'credentials' | 'admin' | 'login' | 'sendTo';

/** An interactive `--login` sign-in a check can use the result of (signin/delegated.ts, signin/google.ts). */
export type LoginSignIn = 'office365' | 'google';

/** A fact the check saw. `value` is never translated (hosts, replies, codes) and never holds a secret. */
export interface Evidence {
  readonly label: MessageKey;
  readonly value: string;
}

/**
 * One step of the fix, in RN-doctor's vocabulary: a breadcrumb in a portal, a command to run
 * (`target` holds the exact line with this account's values), a URL to open, or plain text.
 */
export interface Remediation {
  readonly kind: 'portal' | 'command' | 'url' | 'text';
  readonly message: Message;
  readonly target?: string;
}

/** What `run()` returns. Expected failures (timeouts, refusals, rejections) are a returned `fail`. */
export interface CheckOutcome {
  readonly status: 'pass' | 'warn' | 'fail' | 'skip';
  /** Machine code in SCREAMING_SNAKE (e.g. `TLS_CERT_EXPIRED`, `AADSTS7000215`); set on every non-pass. */
  readonly code?: string;
  readonly summary: Message;
  readonly evidence?: readonly Evidence[];
  readonly remediation?: readonly Remediation[];
}

/** What the runner records for each check of each account. */
export interface CheckResult {
  readonly id: string;
  readonly status: Status;
  readonly code: string | null;
  /** Why a check was skipped or errored, when the runner decided it (dependency, not applicable…). */
  readonly reason: Message | null;
  readonly summary: Message;
  readonly evidence: readonly Evidence[];
  readonly remediation: readonly Remediation[];
  readonly durationMs: number;
  readonly trace: readonly TraceEntry[];
}

export interface RunOptions {
  /** Timeout of one network step, in milliseconds (`--timeout`, default 15 s). */
  readonly stepTimeoutMs: number;
  readonly trace: boolean;
  readonly verbose: boolean;
  readonly sendTo?: string;
  readonly admin: boolean;
  readonly login: boolean;
}

export interface CheckContext {
  readonly account: Account;
  readonly config: PreflightConfig;
  readonly options: RunOptions;
  /** Aborted on Ctrl-C / SIGTERM and when the check's whole budget runs out. */
  readonly signal: AbortSignal;
  /** Results of this account's checks finished so far (always includes every dependency). */
  readonly results: ReadonlyMap<string, CheckResult>;
  /** Per-account memo shared by the checks (one SMTP session, one token…); disposed after the account. */
  readonly shared: RunMemo;
  /** Redacting recorder of protocol exchanges for `--trace`. */
  readonly transcript: Transcript;
  /** Injectable services (DNS resolver, clock, trust anchors). */
  readonly services: Services;
}

export interface Check {
  /** Stable forever: used in config, JSON, JUnit, --only/--skip. */
  readonly id: string;
  readonly area: Area;
  /** An i18n key, never a sentence. */
  readonly title: MessageKey;
  readonly needs: readonly Need[];
  /** The `--login` sign-ins whose result this check uses: the CLI starts one only when a selected check uses it. */
  readonly usesLogin?: readonly LoginSignIn[];
  readonly dependsOn?: readonly string[];
  /**
   * How many network steps the check may take at most; its whole budget is
   * `steps × step timeout + margin`, after which the runner aborts it and records `error`.
   * 0 for checks that only read the configuration.
   */
  readonly steps: number;
  /** `true`, or the reason it does not apply (becomes a `skip`). */
  appliesTo(account: Account, config: PreflightConfig): true | Message;
  run(context: CheckContext): Promise<CheckOutcome>;
}

/** Typed with `satisfies`, never `as`, so a check missing a member fails to compile. */
export function defineCheck<const T extends Check>(check: T): T {
  return check;
}
