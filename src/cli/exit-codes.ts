import type { CheckResult } from '../core/check.js';

/** Only the status decides (so a saved JSON report's checks can be judged too). */
type Judged = Pick<CheckResult, 'status'>;

/** Exit codes in one place (see the README). Precedence from the top: 2 > 3 > 1 > 0; 130/143 on signals. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  bug: 3,
  sigint: 130,
  sigterm: 143,
} as const;

export function exitCodeFor(results: readonly Judged[], options: { strict: boolean; interrupted: 'SIGINT' | 'SIGTERM' | null }): number {
  if (options.interrupted === 'SIGINT') return EXIT.sigint;
  if (options.interrupted === 'SIGTERM') return EXIT.sigterm;
  if (results.some((result) => result.status === 'error')) return EXIT.bug;
  if (results.some((result) => result.status === 'fail')) return EXIT.failed;
  if (options.strict && results.some((result) => result.status === 'warn')) return EXIT.failed;
  // Nothing verified: every selected check skipped (e.g. all need --admin) is not a success.
  if (!results.some((result) => result.status !== 'skip')) return EXIT.failed;
  return EXIT.ok;
}
