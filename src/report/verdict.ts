import type { CheckResult } from '../core/check.js';
import type { MessageKey } from '../core/message.js';

/**
 * The one-word answer an implementation engineer reads first, per account and for the run (doctor style):
 * `not-ready` when anything failed or broke; `not-verified` when nothing was proven; `ready-with-warnings`
 * when something needs attention or was left unproven (a check that needs `--admin` / `--login`); `ready`.
 */
export type Verdict = 'ready' | 'ready-with-warnings' | 'not-ready' | 'not-verified';

export const VERDICTS: readonly Verdict[] = ['ready', 'ready-with-warnings', 'not-verified', 'not-ready'];

/** The catalogue key that names a verdict for people. */
export const VERDICT_KEYS: { readonly [V in Verdict]: MessageKey } = {
  ready: 'report.verdict.ready',
  'ready-with-warnings': 'report.verdict.readyWithWarnings',
  'not-ready': 'report.verdict.notReady',
  'not-verified': 'report.verdict.notVerified',
};

/** The skip codes that mean "this needs an interactive sign-in to be proven", by the flag that unlocks it. */
const SIGN_IN_SKIP_CODES: Readonly<Record<string, 'admin' | 'login'>> = {
  ENTRA_DIRECTORY_NOT_READABLE: 'admin',
  ENTRA_ADMIN_SIGNIN_UNAVAILABLE: 'admin',
  LOGIN_REQUIRED: 'login',
  LOGIN_NO_TERMINAL: 'login',
};

/** A check that does not apply to this account (another provider, flow or method): not a row, only counted. */
export function isNotApplicable(check: Pick<CheckResult, 'status' | 'code'>): boolean {
  return check.status === 'skip' && check.code === 'NOT_APPLICABLE';
}

/** `admin` / `login` when the check was skipped only because the run had no such sign-in; else null. */
export function signInNeeded(check: Pick<CheckResult, 'status' | 'code'>): 'admin' | 'login' | null {
  if (check.status !== 'skip' || check.code === null) return null;
  return SIGN_IN_SKIP_CODES[check.code] ?? null;
}

export function accountVerdict(checks: readonly Pick<CheckResult, 'status' | 'code'>[]): Verdict {
  if (checks.some((check) => check.status === 'fail' || check.status === 'error')) return 'not-ready';
  if (!checks.some((check) => check.status === 'pass' || check.status === 'warn')) return 'not-verified';
  // Any skip that is not "does not apply" left something unproven, whatever the reason.
  if (checks.some((check) => check.status === 'warn' || (check.status === 'skip' && !isNotApplicable(check)))) return 'ready-with-warnings';
  return 'ready';
}

/** The run's verdict: the worst of its accounts' (a run with no account proves nothing). */
export function runVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not-verified';
  return verdicts.reduce((worst, verdict) => (VERDICTS.indexOf(verdict) > VERDICTS.indexOf(worst) ? verdict : worst));
}
