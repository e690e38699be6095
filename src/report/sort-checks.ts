import type { CheckResult } from '../core/check.js';
import type { ReportedCheck } from './model.js';
import { isNotApplicable, signInNeeded } from './verdict.js';

/** The runner's code for a check skipped because one it depends on did not pass (src/runner/run-checks.ts). */
const DEPENDENCY_CODE = 'DEPENDENCY_NOT_MET';
export type SignIn = 'admin' | 'login';

/** An account's checks sorted for the table: shown as rows, left for a sign-in, or not applicable. */
export interface Sorted {
  readonly rows: readonly ReportedCheck[];
  readonly signIn: ReadonlyMap<SignIn, readonly ReportedCheck[]>;
  readonly notApplicable: readonly ReportedCheck[];
}

/**
 * A check skipped only because the run had no `--admin` / `--login` joins that flag's note, and so does one
 * skipped because such a check did not pass (`entra.permissions` waits for `entra.app`, which needs
 * `--admin`): one note says what the flag would prove, instead of a row and a fix each.
 */
export function sortChecks(checks: readonly ReportedCheck[]): Sorted {
  const flagOf = new Map<string, SignIn>();
  const rows: ReportedCheck[] = [];
  const signIn = new Map<SignIn, ReportedCheck[]>();
  const notApplicable: ReportedCheck[] = [];
  for (const check of checks) {
    if (isNotApplicable(check)) {
      notApplicable.push(check);
      continue;
    }
    const flag = signInNeeded(check) ?? blockedBySignIn(check, flagOf);
    if (flag === null) {
      rows.push(check);
      continue;
    }
    flagOf.set(check.id, flag);
    signIn.set(flag, [...(signIn.get(flag) ?? []), check]);
  }
  return { rows, signIn, notApplicable };
}

function blockedBySignIn(check: CheckResult, flagOf: ReadonlyMap<string, SignIn>): SignIn | null {
  if (check.status !== 'skip' || check.code !== DEPENDENCY_CODE || check.reason?.key !== 'skip.dependency') return null;
  const dependencies = String(check.reason.params?.dependency ?? '').split(/,\s*/);
  for (const dependency of dependencies) {
    const flag = flagOf.get(dependency);
    if (flag) return flag;
  }
  return null;
}
