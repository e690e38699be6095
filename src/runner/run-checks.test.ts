import { describe, expect, it } from '@jest/globals';
import { defineCheck, type Check, type CheckOutcome } from '../core/check.js';
import { msg } from '../i18n/index.js';
import { runChecks, type RunParameters } from './run-checks.js';
import { selectChecks } from './select.js';
import { makeAccount } from '../../test/support/check-context.js';
import type { PreflightConfig } from '../config/types.js';
import { Secret } from '../secrets/secret.js';
import { holdLogin, LoginLocks } from './login-locks.js';

const ok: CheckOutcome = { status: 'pass', summary: msg('status.pass') };

function stand(id: string, run: Check['run'], extra: Partial<Check> = {}): Check {
  return defineCheck({ id, area: 'config', title: 'status.pass', needs: ['config'], steps: 1, appliesTo: () => true, run, ...extra });
}

function parameters(checks: Check[], overrides: Partial<RunParameters> = {}): RunParameters {
  const accounts = [makeAccount({ name: 'a' })];
  const config: PreflightConfig = { file: '/tmp/x.yaml', accounts, tls: { extraCa: [] } };
  return {
    config,
    checks,
    options: { stepTimeoutMs: 200, trace: false, verbose: false, admin: false, login: false },
    services: { dns: { resolve: async () => [] }, now: () => new Date(), extraCa: [] },
    concurrency: 2,
    signal: new AbortController().signal,
    budgetMarginMs: 100,
    ...overrides,
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runChecks', () => {
  it('reports results in registry order whatever order they finish in', async () => {
    const slow = stand('x.slow', async () => (await delay(50), ok));
    const fast = stand('x.fast', async () => ok);
    const [run] = await runChecks(parameters([slow, fast]));
    expect(run!.results.map((result) => result.id)).toEqual(['x.slow', 'x.fast']);
  });

  it('runs independent checks concurrently', async () => {
    const checks = ['a', 'b', 'c'].map((id) => stand(`x.${id}`, async () => (await delay(150), ok)));
    const started = Date.now();
    await runChecks(parameters(checks, { options: { stepTimeoutMs: 1000, trace: false, verbose: false, admin: false, login: false } }));
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("runs many checks of many accounts at once with one listener on the caller's signal (Node warns past 10), none left after", async () => {
    const checks = Array.from({ length: 12 }, (_, index) => stand(`x.c${index}`, async () => (await delay(30), ok)));
    const accounts = ['a', 'b', 'c', 'd'].map((name) => makeAccount({ name }));
    const signal = new AbortController().signal;
    let current = 0;
    let peak = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      peak = Math.max(peak, ++current);
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      current--;
      remove(...args);
    }) as typeof signal.removeEventListener;
    const runs = await runChecks(
      parameters(checks, {
        signal,
        config: { file: '/tmp/x.yaml', accounts, tls: { extraCa: [] } },
        concurrency: 4,
        options: { stepTimeoutMs: 1000, trace: false, verbose: false, admin: false, login: false },
      }),
    );
    expect(runs.flatMap((run) => run.results.map((result) => result.status))).toEqual(Array.from({ length: 48 }, () => 'pass'));
    expect(peak).toBe(1);
    expect(current).toBe(0);
  });

  it('skips a check whose dependency failed, naming the dependency', async () => {
    const first = stand('x.first', async () => ({ status: 'fail', code: 'BROKEN', summary: msg('status.fail') }));
    const second = stand('x.second', async () => ok, { dependsOn: ['x.first'] });
    const [run] = await runChecks(parameters([first, second]));
    expect(run!.results[1]).toMatchObject({
      status: 'skip',
      code: 'DEPENDENCY_NOT_MET',
      reason: { key: 'skip.dependency', params: { dependency: 'x.first', status: 'fail' } },
    });
  });

  it('lets a warning satisfy a dependency', async () => {
    const first = stand('x.first', async () => ({ status: 'warn', code: 'SOON', summary: msg('status.warn') }));
    let ran = false;
    const second = stand('x.second', async () => ((ran = true), ok), { dependsOn: ['x.first'] });
    await runChecks(parameters([first, second]));
    expect(ran).toBe(true);
  });

  it('waits for a dependency before starting its dependent', async () => {
    const order: string[] = [];
    const first = stand('x.first', async () => (await delay(30), order.push('first'), ok));
    const second = stand('x.second', async () => (order.push('second'), ok), { dependsOn: ['x.first'] });
    await runChecks(parameters([second, first]));
    expect(order).toEqual(['first', 'second']);
  });

  it('turns a thrown error into an error result, never a crash', async () => {
    const broken = stand('x.broken', async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const [run] = await runChecks(parameters([broken]));
    expect(run!.results[0]).toMatchObject({ status: 'error', code: 'CHECK_CRASHED' });
    expect(run!.results[0]!.evidence[0]!.value).toContain('cannot read properties');
  });

  it('scrubs a secret that a crashing library put in its error message', async () => {
    const secret = new Secret('leaky-canary-pw-987', 'env');
    const broken = stand('x.leak', async () => {
      throw new Error(`AUTH PLAIN failed for ${secret.reveal()} (${Buffer.from(`\0user\0${secret.reveal()}`).toString('base64')})`);
    });
    const [run] = await runChecks(parameters([broken], { options: { stepTimeoutMs: 200, trace: true, verbose: true, admin: false, login: false } }));
    const serialised = JSON.stringify(run!.results);
    expect(serialised).not.toContain('leaky-canary-pw-987');
    expect(serialised).not.toContain(Buffer.from('leaky-canary-pw-987').toString('base64').slice(2, -2));
    expect(run!.results[0]!.evidence.map((item) => item.label)).toEqual(['evidence.error', 'evidence.stack']);
  });

  it('records error when a check overruns its whole budget', async () => {
    const hanging = stand('x.hang', () => new Promise<CheckOutcome>(() => undefined), { steps: 1 });
    const started = Date.now();
    const [run] = await runChecks(parameters([hanging]));
    expect(run!.results[0]).toMatchObject({ status: 'error', code: 'CHECK_BUDGET_EXCEEDED' });
    // The check never settles: ending at all proves the budget. The bound only has to stay under jest's own
    // 5 s timeout, with room for a loaded CI machine (1.9 s was seen there).
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('skips a check that does not apply, with its reason', async () => {
    const check = stand('x.na', async () => ok, { appliesTo: () => msg('skip.notApplicable') });
    const [run] = await runChecks(parameters([check]));
    expect(run!.results[0]).toMatchObject({ status: 'skip', code: 'NOT_APPLICABLE' });
  });

  it('stops at an abort, keeps what finished and marks the rest interrupted', async () => {
    const controller = new AbortController();
    const done = stand('x.done', async () => ok);
    let sawAbort = false;
    const long = stand(
      'x.long',
      (context) =>
        new Promise<CheckOutcome>((resolve) => {
          context.signal.addEventListener('abort', () => {
            sawAbort = true;
            resolve(ok);
          });
        }),
      { steps: 100 },
    );
    const after = stand('x.after', async () => ok, { dependsOn: ['x.long'] });
    setTimeout(() => controller.abort('SIGINT'), 50);
    const [run] = await runChecks(parameters([done, long, after], { signal: controller.signal }));
    expect(run!.results.map((result) => [result.id, result.status, result.code])).toEqual([
      ['x.done', 'pass', null],
      ['x.long', 'skip', 'INTERRUPTED'],
      ['x.after', 'skip', 'INTERRUPTED'],
    ]);
    expect(sawAbort).toBe(true);
  });

  it('disposes shared sessions when the account is done', async () => {
    let closed = false;
    const check = stand('x.session', async (context) => {
      context.shared.onDispose(() => {
        closed = true;
      });
      return ok;
    });
    await runChecks(parameters([check]));
    expect(closed).toBe(true);
  });

  it('limits accounts checked at once to the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const check = stand('x.count', async () => {
      active++;
      peak = Math.max(peak, active);
      await delay(30);
      active--;
      return ok;
    });
    const accounts = ['a', 'b', 'c', 'd', 'e'].map((name) => makeAccount({ name }));
    await runChecks(parameters([check], { concurrency: 2, config: { file: '/x', accounts, tls: { extraCa: [] } } }));
    expect(peak).toBe(2);
  });
});

describe('selectChecks', () => {
  const a = stand('smtp.connect', async () => ok);
  const b = stand('smtp.tls', async () => ok, { dependsOn: ['smtp.connect'] });
  const c = stand('dns.outgoing', async () => ok);

  it('selects by area prefix and pulls in dependencies', () => {
    expect(selectChecks([c, a, b], ['smtp.tls'], []).checks.map((check) => check.id)).toEqual(['smtp.connect', 'smtp.tls']);
    expect(selectChecks([c, a, b], ['smtp'], []).checks.map((check) => check.id)).toEqual(['smtp.connect', 'smtp.tls']);
  });

  it('reports selectors that match nothing', () => {
    expect(selectChecks([c, a, b], ['smpt'], []).unmatched).toEqual(['smpt']);
  });

  it('removes skipped checks', () => {
    expect(selectChecks([c, a, b], [], ['dns']).checks.map((check) => check.id)).toEqual(['smtp.connect', 'smtp.tls']);
  });
});

describe('runChecks and the login locks', () => {
  const two = ['a', 'b'].map((name) => makeAccount({ name, mailbox: 'shared@example.test' }));
  const config: PreflightConfig = { file: '/tmp/x.yaml', accounts: two, tls: { extraCa: [] } };
  // Each budget: 1 step × 400 ms + 100 ms; each login holds the mailbox 350 ms, so the second account's
  // checks take 700 ms in all and overrun unless the wait is left out of their budgets.
  const HOLD_MS = 350;
  const options = { stepTimeoutMs: 400, trace: false, verbose: false, admin: false, login: false };

  function counted(): { check: Check; peak: () => number } {
    let active = 0;
    let peak = 0;
    const login = async (context: Parameters<Check['run']>[0]) => {
      const lease = await holdLogin(context, 'pop3', context.account.mailbox);
      active++;
      peak = Math.max(peak, active);
      await delay(HOLD_MS);
      active--;
      lease.release();
      return ok;
    };
    const check = stand('x.login', (context) => context.shared.once('x.login', () => login(context)));
    return { check, peak: () => peak };
  }

  it('logs in to one mailbox one account at a time, and the wait does not count against the budget', async () => {
    const { check, peak } = counted();
    // A second check of the account that only awaits the login stage another one started is waiting too.
    const reader = stand('x.reader', (context) => context.shared.once('x.login', () => new Promise<CheckOutcome>(() => undefined)));
    const runs = await runChecks(parameters([check, reader], { config, options }));
    expect(runs.flatMap((run) => run.results.map((result) => [result.id, result.status]))).toEqual([
      ['x.login', 'pass'],
      ['x.reader', 'pass'],
      ['x.login', 'pass'],
      ['x.reader', 'pass'],
    ]);
    expect(peak()).toBe(1);
  });

  it('shares the locks given in the services between runs (several files in one run)', async () => {
    const { check, peak } = counted();
    const logins = new LoginLocks();
    const services = { dns: { resolve: async () => [] }, now: () => new Date(), extraCa: [], logins };
    const one = (account: (typeof two)[number]) =>
      runChecks(
        parameters([check], {
          services,
          config: { ...config, accounts: [account] },
          options: { stepTimeoutMs: 1000, trace: false, verbose: false, admin: false, login: false },
        }),
      );
    await Promise.all(two.map(one));
    expect(peak()).toBe(1);
    expect(logins.held).toBe(0);
  });

  it('still records error when a check overruns its budget on its own, after waiting', async () => {
    const { check } = counted();
    const hanging = stand('x.hang', async (context) => {
      await context.shared.once('x.login', () => check.run(context));
      return new Promise<CheckOutcome>(() => undefined);
    });
    const runs = await runChecks(parameters([hanging], { config, options }));
    expect(runs.map((run) => run.results[0]!.code)).toEqual(['CHECK_BUDGET_EXCEEDED', 'CHECK_BUDGET_EXCEEDED']);
  });
});
