/**
 * One logged-in connection per mailbox and protocol across the run: six accounts naming the same mailbox,
 * checked all at once (`--concurrency 6`), against loopback servers that lock the mailbox while a session
 * is logged in (POP3 `-ERR [IN-USE]`, IMAP `NO [INUSE]`) or count authenticated sessions (SMTP). Host
 * aliases share the lock; connect and TLS probes, which send no credential, never wait for it; an
 * abandoned waiter leaves the holder's lock alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { incomingAuthCheck } from '../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpSendCheck } from '../../src/checks/smtp/send.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import { defineCheck, type Check } from '../../src/core/check.js';
import { msg } from '../../src/i18n/index.js';
import type { Account } from '../../src/config/types.js';
import { LoginLocks } from '../../src/runner/login-locks.js';
import { runChecks, runFleet, type AccountRun } from '../../src/runner/run-checks.js';
import { createCa, issueCert } from '../../standins/certs.js';
import { loopbackResolver, makeAccount, secret } from '../support/check-context.js';
import { startCountingSmtp, startLockingImap, startLockingPop3, type LockingServer } from '../support/login-lock-servers.js';

const MAILBOX = 'atendimento@example.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: ['localhost', '127.0.0.1', 'mail.example.test'] });
const INCOMING: Check[] = [incomingConnectCheck, incomingTlsCheck, incomingAuthCheck];
const SMTP: Check[] = [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck, smtpSendCheck];

let pop3: LockingServer;
let imap: LockingServer;
let smtp: LockingServer;

beforeAll(async () => {
  [pop3, imap, smtp] = await Promise.all([startLockingPop3({ certificate }), startLockingImap({ certificate }), startCountingSmtp({ certificate })]);
});

afterAll(async () => {
  await Promise.all([pop3, imap, smtp].map((server) => server?.stop()));
});

/** Six accounts for the same mailbox, its address in varying case, over `host` (or the hosts in turn). */
function sixAccounts(protocol: 'imap' | 'pop3', port: number, hosts: readonly string[] = ['mail.example.test']): Account[] {
  return Array.from({ length: 6 }, (_, index) =>
    makeAccount({
      name: `conta-${index + 1}`,
      mailbox: index % 2 === 0 ? MAILBOX : MAILBOX.toUpperCase(),
      auth: { method: 'password', password: secret(`Lock-Test-Password-${index}`) },
      incoming: { protocol, host: hosts[index % hosts.length]!, port, security: 'tls' },
      outgoing: { host: hosts[index % hosts.length]!, port: smtp.port, security: 'tls' },
    }),
  );
}

function run(
  accounts: Account[],
  checks: Check[],
  extra: { signal?: AbortSignal; logins?: LoginLocks; events?: Parameters<typeof runChecks>[0]['events'] } = {},
): Promise<AccountRun[]> {
  return runChecks({
    config: { file: '/tmp/lock.yaml', accounts, tls: { extraCa: [ca.pem] } },
    checks,
    options: { stepTimeoutMs: 3000, trace: true, verbose: false, admin: false, login: false },
    services: { dns: loopbackResolver, now: () => new Date(), extraCa: [ca.pem], ...(extra.logins ? { logins: extra.logins } : {}) },
    concurrency: 6,
    signal: extra.signal ?? new AbortController().signal,
    ...(extra.events ? { events: extra.events } : {}),
  });
}

function statuses(runs: AccountRun[]): string[] {
  return runs.flatMap((entry) => entry.results.map((result) => `${entry.account.name} ${result.id} ${result.status}${result.code ? ` ${result.code}` : ''}`));
}

function allPass(runs: AccountRun[], checks: Check[]): string[] {
  return runs.flatMap((entry) => checks.map((check) => `${entry.account.name} ${check.id} pass`));
}

describe('six accounts, one mailbox, --concurrency 6', () => {
  it('POP3: one logged-in session at a time, no [IN-USE], all pass', async () => {
    const before = { logins: pop3.logins, inUse: pop3.inUse };
    const runs = await run(sixAccounts('pop3', pop3.port), INCOMING);
    expect(statuses(runs)).toEqual(allPass(runs, INCOMING));
    expect(pop3.peak).toBe(1);
    expect(pop3.inUse - before.inUse).toBe(0);
    expect(pop3.logins - before.logins).toBe(6);
    // The accounts that queued say so in their trace.
    const waits = runs.filter((entry) =>
      entry.results.find((result) => result.id === 'incoming.auth')!.trace.some((line) => /waiting for it to close/.test(line.text)),
    );
    expect(waits.length).toBeGreaterThan(0);
  });

  it('IMAP: one logged-in session at a time, no [INUSE], all pass', async () => {
    const runs = await run(sixAccounts('imap', imap.port), INCOMING);
    expect(statuses(runs)).toEqual(allPass(runs, INCOMING));
    expect(imap.peak).toBe(1);
    expect(imap.inUse).toBe(0);
  });

  it('SMTP: one authenticated session at a time, all pass', async () => {
    const runs = await run(sixAccounts('imap', imap.port), SMTP);
    expect(statuses(runs)).toEqual(allPass(runs, SMTP));
    expect(smtp.logins).toBe(6);
    expect(smtp.peak).toBe(1);
  });
});

describe('several files in one run (check a.yaml b.yaml)', () => {
  it('shares the mailbox lock across files: three files naming the same IMAP mailbox log in one at a time', async () => {
    const accounts = sixAccounts('imap', imap.port);
    const before = { inUse: imap.inUse, logins: imap.logins };
    // Each file has its own configuration and services (its own trust anchors), as check.ts builds them.
    const units = [0, 1, 2].map((file) => ({
      config: { file: `/tmp/lock-${file}.yaml`, accounts: accounts.slice(file * 2, file * 2 + 2), tls: { extraCa: [ca.pem] } },
      services: { dns: loopbackResolver, now: () => new Date(), extraCa: [ca.pem] },
    }));
    const runs = await runFleet({
      units,
      checks: INCOMING,
      options: { stepTimeoutMs: 3000, trace: false, verbose: false, admin: false, login: false },
      concurrency: 6,
      signal: new AbortController().signal,
    });
    expect(runs.map((file) => file.map((entry) => entry.account.name))).toEqual([
      ['conta-1', 'conta-2'],
      ['conta-3', 'conta-4'],
      ['conta-5', 'conta-6'],
    ]);
    expect(statuses(runs.flat())).toEqual(allPass(runs.flat(), INCOMING));
    expect(imap.peak).toBe(1);
    expect(imap.inUse - before.inUse).toBe(0);
    expect(imap.logins - before.logins).toBe(6);
    expect(runs.flat().every((entry) => entry.durationMs >= 0)).toBe(true);
  });
});

describe('the lock', () => {
  it.each([
    ['the SMTP envelope is done', false],
    ['the SMTP login is refused', true],
  ])('goes back when %s (QUIT), not when the whole account is', async (_when, refused) => {
    const [accepted, second] = sixAccounts('imap', imap.port);
    const first: Account | undefined = refused ? ({ ...accepted!, auth: { ...accepted!.auth, password: secret('a wrong password') } } as Account) : accepted;
    // Something else of the first account takes a while after its SMTP checks.
    const slow = defineCheck({
      id: 'x.slow',
      area: 'config',
      title: 'status.pass',
      needs: ['config'],
      steps: 1,
      appliesTo: (account) => (account.name === first!.name ? true : msg('skip.notApplicable')),
      run: () => new Promise((resolve) => setTimeout(() => resolve({ status: 'pass', summary: msg('status.pass') }), 3000)),
    });
    const finished = new Map<string, number>();
    const runs = await run([first!, second!], [...SMTP, slow], {
      events: { onCheckFinish: (account, check) => finished.set(`${account.name} ${check.id}`, performance.now()) },
    });
    const firstSmtp = refused
      ? ['conta-1 smtp.connect pass', 'conta-1 smtp.tls pass', 'conta-1 smtp.auth fail AUTH_REJECTED', 'conta-1 smtp.send skip DEPENDENCY_NOT_MET']
      : allPass([runs[0]!], SMTP);
    expect(statuses(runs)).toEqual([...firstSmtp, 'conta-1 x.slow pass', ...allPass([runs[1]!], SMTP), 'conta-2 x.slow skip NOT_APPLICABLE']);
    expect(finished.get('conta-2 smtp.auth')!).toBeLessThan(finished.get('conta-1 x.slow')!);
    const quitIn = runs[0]!.results.find((result) => result.id === (refused ? 'smtp.auth' : 'smtp.send'))!;
    expect(quitIn.trace.map((entry) => entry.text)).toContain('QUIT');
  });

  it('is shared by two host names for the same server (127.0.0.1 and localhost)', async () => {
    const server = await startLockingPop3({ certificate });
    try {
      const runs = await run(sixAccounts('pop3', server.port, ['127.0.0.1', 'localhost']), INCOMING);
      expect(statuses(runs)).toEqual(allPass(runs, INCOMING));
      expect(server.peak).toBe(1);
      expect(server.inUse).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('does not hold up connect and TLS probes, which send no credential; a login waits for it', async () => {
    const logins = new LoginLocks();
    const held = await logins.acquire('pop3', MAILBOX);
    const [account] = sixAccounts('pop3', pop3.port);
    const before = pop3.logins;
    try {
      const started = performance.now();
      const probes = await run([account!], [incomingConnectCheck, incomingTlsCheck], { logins });
      expect(statuses(probes)).toEqual(allPass(probes, [incomingConnectCheck, incomingTlsCheck]));
      expect(performance.now() - started).toBeLessThan(2000);

      let finished = false;
      const login = run([account!], INCOMING, { logins }).then((runs) => ((finished = true), runs));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(finished).toBe(false);
      expect(pop3.logins).toBe(before);
      held.release();
      expect(statuses(await login)).toEqual(allPass(await login, INCOMING));
      expect(pop3.logins).toBe(before + 1);
    } finally {
      held.release();
    }
  });

  it('an interrupted waiter releases nothing it does not hold, and sends no credential', async () => {
    const logins = new LoginLocks();
    const held = await logins.acquire('smtp', MAILBOX);
    const [account] = sixAccounts('pop3', pop3.port);
    const before = { pop3: pop3.logins, smtp: smtp.logins };
    const controller = new AbortController();
    const waiting = run([account!], [...INCOMING, ...SMTP], { logins, signal: controller.signal });
    // incoming.auth goes ahead (another protocol); smtp.auth waits for the SMTP lock.
    await new Promise((resolve) => setTimeout(resolve, 600));
    controller.abort('SIGINT');
    const runs = await waiting;
    expect(statuses(runs)).toEqual(expect.arrayContaining(['conta-1 incoming.auth pass', 'conta-1 smtp.auth skip INTERRUPTED']));
    expect(pop3.logins).toBe(before.pop3 + 1);
    expect(smtp.logins).toBe(before.smtp);
    // The holder still holds the SMTP lock; the POP3 one went back when its session closed.
    expect(logins.held).toBe(1);
    let granted = false;
    const next = logins.acquire('smtp', MAILBOX).then((lease) => ((granted = true), lease));
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
    held.release();
    (await next).release();
    expect(logins.held).toBe(0);
  });
});
