/**
 * Runs incoming.connect → incoming.tls → incoming.auth the way the runner does: one RunMemo for the account
 * (so the three continue one session), a transcript per check, a dependency skipped when the previous
 * check failed, and the memo disposed at the end (LOGOUT / QUIT, sockets closed).
 */
import { incomingAuthCheck } from '../../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../../src/checks/incoming/tls.js';
import type { Check, CheckOutcome, CheckResult } from '../../../src/core/check.js';
import type { Account } from '../../../src/config/types.js';
import { RunMemo } from '../../../src/core/memo.js';
import type { TraceEntry } from '../../../src/core/transcript.js';
import { makeAccount, makeContext, passed, secret, type AccountOverrides, type ContextOverrides } from '../../support/check-context.js';
import { DOVECOT_USERS, type DovecotServer } from '../../support/dovecot.js';

export interface CheckRun {
  readonly outcome: CheckOutcome | undefined;
  readonly trace: readonly TraceEntry[];
  readonly ms: number;
}

export interface IncomingRun {
  readonly connect: CheckRun;
  readonly tls: CheckRun;
  readonly auth: CheckRun;
  /** Every transcript line of the three checks, in order, as `direction: text`. */
  readonly transcript: string[];
}

async function runCheck(check: Check, account: Account, shared: RunMemo, overrides: ContextOverrides, results: Map<string, CheckResult>): Promise<CheckRun> {
  const context = makeContext(account, { ...overrides, shared, results });
  const started = Date.now();
  const outcome = await check.run(context);
  return { outcome, trace: context.transcript.entries(), ms: Date.now() - started };
}

const SATISFYING = new Set(['pass', 'warn']);

export async function runIncoming(account: Account, overrides: ContextOverrides = {}, only?: 'connect' | 'tls'): Promise<IncomingRun> {
  const shared = new RunMemo();
  const results = new Map<string, CheckResult>([['dns.incoming', passed('dns.incoming')]]);
  const skipped: CheckRun = { outcome: undefined, trace: [], ms: 0 };
  try {
    const connect = await runCheck(incomingConnectCheck, account, shared, overrides, results);
    if (!connect.outcome || !SATISFYING.has(connect.outcome.status) || only === 'connect') return finish(connect, skipped, skipped);
    results.set('incoming.connect', passed('incoming.connect'));
    const tls = await runCheck(incomingTlsCheck, account, shared, overrides, results);
    if (!tls.outcome || !SATISFYING.has(tls.outcome.status) || only === 'tls') return finish(connect, tls, skipped);
    results.set('incoming.tls', passed('incoming.tls'));
    const auth = await runCheck(incomingAuthCheck, account, shared, overrides, results);
    return finish(connect, tls, auth);
  } finally {
    await shared.dispose();
  }
}

function finish(connect: CheckRun, tls: CheckRun, auth: CheckRun): IncomingRun {
  const transcript = [connect, tls, auth].flatMap((run) => run.trace.map((entry) => `${entry.direction}: ${entry.text}`));
  return { connect, tls, auth, transcript };
}

/** The evidence value under `label`, or undefined. */
export function evidence(outcome: CheckOutcome | undefined, label: string): string | undefined {
  return outcome?.evidence?.find((entry) => entry.label === label)?.value;
}

/** Every remediation target and message key, flattened, for assertions. */
export function remediationText(outcome: CheckOutcome | undefined): string {
  return (outcome?.remediation ?? []).map((entry) => `${entry.message.key} ${entry.target ?? ''}`).join('\n');
}

/** Alice's mailbox on a Dovecot of the tests, over IMAP or POP3 with implicit TLS or STARTTLS. */
export function dovecotAccount(
  protocol: 'imap' | 'pop3',
  security: 'tls' | 'starttls',
  server: DovecotServer,
  host: string,
  overrides: AccountOverrides = {},
): Account {
  const port = protocol === 'imap' ? (security === 'tls' ? server.imapsPort : server.imapPort) : security === 'tls' ? server.pop3sPort : server.pop3Port;
  return makeAccount({
    mailbox: DOVECOT_USERS.alice.name,
    ...overrides,
    auth: { method: 'password', password: secret(DOVECOT_USERS.alice.password), ...overrides.auth },
    incoming: { protocol, host, port, security, ...overrides.incoming },
  });
}

/** `auth` for logging in with an access token given in the file (as `${env:ACCESS_TOKEN}`). */
export function tokenAuth(token: string): AccountOverrides['auth'] {
  return { method: 'oauth2', password: undefined, accessToken: secret(token, 'env', '${env:ACCESS_TOKEN}') };
}

/** The client's lines of a transcript that match `pattern` (logins, mailbox commands). */
export function clientLines(transcript: string[], pattern: RegExp): string[] {
  return transcript.filter((line) => line.startsWith('client: ') && pattern.test(line));
}
