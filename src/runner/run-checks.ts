import { setMaxListeners } from 'node:events';
import type { Account, PreflightConfig } from '../config/types.js';
import type { Check, CheckContext, CheckOutcome, CheckResult, Evidence, RunOptions, Status } from '../core/check.js';
import { msg } from '../i18n/index.js';
import type { Message } from '../core/message.js';
import { scrub } from '../secrets/redact.js';
import { AccountBudgets } from './budget.js';
import { LoginLocks, observeWaits } from './login-locks.js';
import { RunMemo } from '../core/memo.js';
import type { Services } from '../core/services.js';
import { Transcript } from './transcript.js';

/** Statuses of a dependency that let its dependents run: a `warn` works, with something to attend to. */
const SATISFYING: ReadonlySet<Status> = new Set(['pass', 'warn']);
/** Slack on top of the steps' timeouts before a check counts as overrunning its budget. */
const BUDGET_MARGIN_MS = 5000;
/** Most checks of one account running at once: enough for the independent chains, gentle on servers. */
const PER_ACCOUNT_PARALLEL = 8;

export interface AccountRun {
  readonly account: Account;
  /** In registry order, whatever order they finished in. */
  readonly results: readonly CheckResult[];
  /** Wall time of the account's checks, first start to last end. */
  readonly durationMs: number;
}

export interface RunEvents {
  onCheckStart?(account: Account, check: Check): void;
  onCheckFinish?(account: Account, check: Check, result: CheckResult): void;
}

export interface RunParameters {
  readonly config: PreflightConfig;
  readonly checks: readonly Check[];
  readonly options: RunOptions;
  readonly services: Services;
  /** Accounts checked at once (`--concurrency`). */
  readonly concurrency: number;
  /** Aborted on Ctrl-C / SIGTERM: running checks are abandoned and reported as interrupted. */
  readonly signal: AbortSignal;
  readonly events?: RunEvents;
  /** For tests: the margin added to each check's budget. */
  readonly budgetMarginMs?: number;
}

/** One configuration file of a several-file run, with the services its accounts use (its own trust anchors…). */
export interface RunUnit {
  readonly config: PreflightConfig;
  readonly services: Services;
}

/** Runs every selected check of every account; never throws for a check's own failure. */
export async function runChecks(given: RunParameters): Promise<AccountRun[]> {
  const [runs] = await runFleet({ ...given, units: [{ config: given.config, services: given.services }] });
  return runs ?? [];
}

/**
 * Several files in one run: one pool of `concurrency` accounts over all of them, and one set of login locks
 * (the first unit's, or a new one) shared by every file, so that two customers' files naming the same
 * mailbox never log in to it at once. Returns each unit's accounts in its order.
 */
export async function runFleet(given: Omit<RunParameters, 'config' | 'services'> & { readonly units: readonly RunUnit[] }): Promise<AccountRun[][]> {
  // Every running check and every account listens to the run's signal: a fan-out (4 accounts × their
  // checks at once), not a leak — each listener goes when its check ends. Node warns past 10 listeners
  // ("MaxListenersExceededWarning" on the user's terminal), so the checks hang off a relay of our own.
  const run = new AbortController();
  setMaxListeners(0, run.signal);
  const relay = (): void => run.abort(given.signal.reason);
  if (given.signal.aborted) relay();
  else given.signal.addEventListener('abort', relay, { once: true });
  // One lock per mailbox and protocol for the whole run (login-locks.ts), unless the caller shares its own.
  const logins = given.units.find((unit) => unit.services.logins)?.services.logins ?? new LoginLocks();
  const work = given.units.flatMap((unit, file) =>
    unit.config.accounts.map((account, index) => ({
      file,
      index,
      account,
      parameters: { ...given, config: unit.config, services: { ...unit.services, logins }, signal: run.signal } satisfies RunParameters,
    })),
  );
  try {
    const runs = given.units.map((unit) => new Array<AccountRun>(unit.config.accounts.length));
    await runAccounts(work, given.concurrency, (item, accountRun) => (runs[item.file]![item.index] = accountRun));
    return runs;
  } finally {
    given.signal.removeEventListener('abort', relay);
  }
}

interface AccountWork {
  readonly file: number;
  readonly index: number;
  readonly account: Account;
  readonly parameters: RunParameters;
}

async function runAccounts(work: readonly AccountWork[], concurrency: number, done: (item: AccountWork, run: AccountRun) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const item = work[next++]!;
      const started = performance.now();
      const results = await runAccount(item.account, item.parameters);
      done(item, { account: item.account, results, durationMs: Math.round(performance.now() - started) });
    }
  };
  const workers = Math.max(1, Math.min(concurrency, work.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
}

function makeResult(id: string, status: Status, fields: Partial<Omit<CheckResult, 'id' | 'status'>> & { summary: Message }): CheckResult {
  return {
    id,
    status,
    code: fields.code ?? null,
    reason: fields.reason ?? null,
    summary: fields.summary,
    evidence: fields.evidence ?? [],
    remediation: fields.remediation ?? [],
    durationMs: fields.durationMs ?? 0,
    trace: fields.trace ?? [],
  };
}

function skipped(id: string, reason: Message, code: string): CheckResult {
  return makeResult(id, 'skip', { code, reason, summary: reason });
}

async function runAccount(account: Account, parameters: RunParameters): Promise<CheckResult[]> {
  const { checks, signal } = parameters;
  const results = new Map<string, CheckResult>();
  const memo = new RunMemo();
  const selected = new Set(checks.map((check) => check.id));
  const pending = new Map(checks.map((check) => [check.id, check]));
  const running = new Map<string, Promise<void>>();
  // While this account waits for another one's login to the same mailbox, its checks' budgets stop (budget.ts).
  const budgets = new AccountBudgets();
  const logins = parameters.services.logins;
  const services: Services = logins ? { ...parameters.services, logins: observeWaits(logins, () => budgets.beginWait()) } : parameters.services;

  // One abort promise per account: a new listener on every pass of the loop would pile up on the signal.
  const { promise: aborted, dispose: stopWatchingAbort } = abortPromise(signal);
  let closed = false;
  const finish = (check: Check, result: CheckResult): void => {
    // A check abandoned at Ctrl-C may still settle later: the report is already being written.
    if (closed) return;
    results.set(check.id, result);
    parameters.events?.onCheckFinish?.(account, check, result);
  };

  try {
    while (pending.size > 0 || running.size > 0) {
      if (signal.aborted) break;
      let progressed = false;
      for (const check of [...pending.values()]) {
        if (running.size >= PER_ACCOUNT_PARALLEL) break;
        const applies = safeAppliesTo(check, account, parameters.config);
        if (applies !== true) {
          pending.delete(check.id);
          finish(check, skipped(check.id, applies, 'NOT_APPLICABLE'));
          progressed = true;
          continue;
        }
        const dependencies = (check.dependsOn ?? []).filter((id) => selected.has(id));
        if (dependencies.some((id) => !results.has(id))) continue;
        pending.delete(check.id);
        progressed = true;
        const blocking = dependencies.map((id) => results.get(id)!).find((result) => !SATISFYING.has(result.status));
        if (blocking) {
          finish(check, skipped(check.id, msg('skip.dependency', { dependency: blocking.id, status: blocking.status }), 'DEPENDENCY_NOT_MET'));
          continue;
        }
        const task = runOne(check, account, { ...parameters, services }, results, memo, budgets).then((result) => {
          running.delete(check.id);
          finish(check, result);
        });
        running.set(check.id, task);
        parameters.events?.onCheckStart?.(account, check);
      }
      if (running.size > 0) {
        await Promise.race([...running.values(), aborted]);
      } else if (!progressed) {
        // Dependencies that can never be met (a cycle or a dependency outside the registry): say so.
        for (const check of pending.values())
          finish(check, skipped(check.id, msg('skip.dependency', { dependency: (check.dependsOn ?? []).join(', '), status: 'skip' }), 'DEPENDENCY_NOT_MET'));
        pending.clear();
      }
    }
  } finally {
    stopWatchingAbort();
    closed = signal.aborted;
    // Sockets of sessions still open (SMTP, IMAP, POP3) are closed here, also after an interruption.
    await memo.dispose();
  }

  if (signal.aborted) {
    for (const check of checks) {
      if (!results.has(check.id)) results.set(check.id, skipped(check.id, msg('skip.interrupted'), 'INTERRUPTED'));
    }
  }
  return checks.map((check) => results.get(check.id)!).filter(Boolean);
}

function safeAppliesTo(check: Check, account: Account, config: PreflightConfig): true | Message {
  try {
    return check.appliesTo(account, config);
  } catch {
    // A broken applicability rule must not hide the check: run it, and let run() speak for itself.
    return true;
  }
}

function abortPromise(signal: AbortSignal): { promise: Promise<void>; dispose(): void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

async function runOne(
  check: Check,
  account: Account,
  parameters: RunParameters,
  results: ReadonlyMap<string, CheckResult>,
  memo: RunMemo,
  budgets: AccountBudgets,
): Promise<CheckResult> {
  const started = performance.now();
  const budgetMs = check.steps * parameters.options.stepTimeoutMs + (parameters.budgetMarginMs ?? BUDGET_MARGIN_MS);
  const controller = new AbortController();
  const onRunAbort = (): void => controller.abort(parameters.signal.reason);
  parameters.signal.addEventListener('abort', onRunAbort, { once: true });
  const transcript = new Transcript(parameters.options.trace);
  const context: CheckContext = {
    account,
    config: parameters.config,
    options: parameters.options,
    signal: controller.signal,
    results,
    shared: memo,
    transcript,
    services: parameters.services,
  };
  let budget: { stop(): void } | undefined;
  const overrun = new Promise<'overrun'>((resolve) => {
    budget = budgets.start(budgetMs, () => resolve('overrun'));
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => check.run(context)), overrun]);
    const durationMs = Math.round(performance.now() - started);
    const trace = parameters.options.trace ? transcript.entries() : [];
    if (outcome === 'overrun') {
      controller.abort(new Error('budget exceeded'));
      const reason = msg('error.budget', { seconds: Math.round(budgetMs / 1000) });
      return makeResult(check.id, 'error', { code: 'CHECK_BUDGET_EXCEEDED', reason, summary: reason, durationMs, trace });
    }
    return fromOutcome(check.id, outcome, durationMs, trace);
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const text = scrub(error instanceof Error ? error.message : String(error));
    const reason = msg('error.unexpected', { message: text });
    const evidence: Evidence[] = [{ label: 'evidence.error', value: text }];
    if (parameters.options.verbose && error instanceof Error && error.stack) evidence.push({ label: 'evidence.stack' as const, value: scrub(error.stack) });
    return makeResult(check.id, 'error', {
      code: 'CHECK_CRASHED',
      reason,
      summary: reason,
      evidence,
      durationMs,
      trace: parameters.options.trace ? transcript.entries() : [],
    });
  } finally {
    budget?.stop();
    parameters.signal.removeEventListener('abort', onRunAbort);
  }
}

function fromOutcome(id: string, outcome: CheckOutcome, durationMs: number, trace: CheckResult['trace']): CheckResult {
  const status = outcome.status;
  return makeResult(id, status, {
    code: outcome.code ?? null,
    reason: status === 'skip' ? outcome.summary : null,
    summary: outcome.summary,
    evidence: (outcome.evidence ?? []).map((item) => ({ label: item.label, value: scrub(item.value) })),
    remediation: (outcome.remediation ?? []).map((step) => ({ ...step, ...(step.target === undefined ? {} : { target: scrub(step.target) }) })),
    durationMs,
    trace,
  });
}
