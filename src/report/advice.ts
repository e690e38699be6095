import type { Remediation } from '../core/check.js';
import type { ReportedCheck } from './model.js';

/** Two steps are the same advice when they say the same thing and point at the same target. */
function adviceKey(step: Remediation): string {
  return JSON.stringify([step.kind, step.message.key, step.message.params ?? {}, step.target ?? null]);
}

/**
 * One account's checks with a skipped check's steps that an earlier check of the account already gave
 * left out: the checks that cannot read the directory (entra.app, entra.secret-expiry, entra.mailbox) all
 * say how to unlock it, and the person needs it once, not three times. A failure or a warning keeps all
 * its steps (each is the fix of that problem); so does the first check that gives a piece of advice.
 */
export function withoutRepeatedAdvice(checks: readonly ReportedCheck[]): ReportedCheck[] {
  const given = new Set<string>();
  return checks.map((check) => {
    if (check.status !== 'skip') {
      for (const step of check.remediation) given.add(adviceKey(step));
      return check;
    }
    const remediation = check.remediation.filter((step) => !given.has(adviceKey(step)));
    for (const step of check.remediation) given.add(adviceKey(step));
    return remediation.length === check.remediation.length ? check : { ...check, remediation };
  });
}
