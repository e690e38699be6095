import { STATUSES, type Status } from '../core/check.js';
import { NOT_RUN_CODE, type RunReport } from './model.js';

/** How many checks ended in each status, over every account. */
export type StatusCounts = { readonly [S in Status]: number };

export function summarize(report: RunReport): StatusCounts {
  const counts: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const account of report.accounts) {
    for (const check of account.checks) counts[check.status]++;
  }
  return counts;
}

export function totalOf(counts: StatusCounts): number {
  return STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

/** Checks that never started because the run was interrupted (the runner marks them `skip`/INTERRUPTED). */
export function countNotRun(report: RunReport): number {
  let notRun = 0;
  for (const account of report.accounts) {
    for (const check of account.checks) if (check.status === 'skip' && check.code === NOT_RUN_CODE) notRun++;
  }
  return notRun;
}
