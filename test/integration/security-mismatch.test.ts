/**
 * The wrong security for the port, named within seconds instead of at the step timeout: STARTTLS or
 * `none` against an implicit-TLS port, implicit TLS against a plaintext-first port, on real servers
 * (Dovecot's IMAPS/POP3S and IMAP ports, smtp-server on a 465-style and a 587-style port) and on fault
 * servers for what they cannot do (a plaintext server that says nothing to a client that talks first; a
 * server that greets late on purpose, like Postfix's postscreen, which must still be waited for). The step
 * timeout is 10 s; "well before" is under 6 s, a generous bound for a loaded machine.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import type { Account, Security } from '../../src/config/types.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { createCa, issueCert } from '../../standins/certs.js';
import { closeFaultServers, startScriptedSmtp, tarpit, type FaultServer } from '../../standins/fault-servers.js';
import { makeAccount, makeContext, passed } from '../support/check-context.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';
import { dovecotAccount, runIncoming } from './incoming/run-incoming.js';

const STEP_MS = 10_000;
const WELL_BEFORE_MS = 6_000;
const HOST = 'mail.example.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST, 'localhost', '127.0.0.1'] });
const trusted = { extraCa: [ca.pem], options: { stepTimeoutMs: STEP_MS } };

let dovecot: DovecotServer;
let implicitSmtp: SmtpTestServer;
let plainSmtp: SmtpTestServer;
let silentToEarlyTalkers: FaultServer;
let lateGreeter: FaultServer;
let silent: FaultServer;

beforeAll(async () => {
  [dovecot, implicitSmtp, plainSmtp, silentToEarlyTalkers, lateGreeter, silent] = await Promise.all([
    startDovecot({ certificate: issueCert(ca, { hosts: [HOST] }) }),
    startSmtpServer({ certificate, secure: true }),
    startSmtpServer({ certificate }),
    startScriptedSmtp({ certificate, greetingDelayMs: 800, silentToEarlyTalkers: true }),
    startScriptedSmtp({ certificate, greetingDelayMs: 2500 }),
    tarpit(),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([dovecot?.stop(), implicitSmtp?.close(), plainSmtp?.close(), closeFaultServers()]);
});

async function smtpConnect(port: number, security: Security, stepTimeoutMs = STEP_MS): Promise<{ outcome: CheckOutcome; ms: number }> {
  const account: Account = makeAccount({ outgoing: { host: HOST, port, security } });
  const context = makeContext(account, {
    extraCa: [ca.pem],
    options: { stepTimeoutMs },
    results: new Map([['dns.outgoing', passed('dns.outgoing')]]),
  });
  const started = Date.now();
  try {
    const outcome = await smtpConnectCheck.run(context);
    return { outcome, ms: Date.now() - started };
  } finally {
    await context.shared.dispose();
  }
}

describe('STARTTLS or none against an implicit-TLS port', () => {
  it.each<[string, Security, string]>([
    ['STARTTLS', 'starttls', 'STARTTLS_ON_IMPLICIT_TLS_PORT'],
    ['none', 'none', 'CLEARTEXT_ON_IMPLICIT_TLS_PORT'],
  ])('IMAP: %s on Dovecot’s IMAPS port is %s well before the step timeout', async (_, security, code) => {
    const account = dovecotAccount('imap', 'starttls', dovecot, HOST, { incoming: { port: dovecot.imapsPort, security } });
    const run = await runIncoming(account, trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code });
    expect(run.connect.ms + run.tls.ms).toBeLessThan(WELL_BEFORE_MS);
    expect(run.transcript.join('\n')).toContain('completes a TLS handshake (implicit TLS)');
  });

  it('POP3: STARTTLS on Dovecot’s POP3S port is STARTTLS_ON_IMPLICIT_TLS_PORT well before the step timeout', async () => {
    const run = await runIncoming(dovecotAccount('pop3', 'starttls', dovecot, HOST, { incoming: { port: dovecot.pop3sPort } }), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'STARTTLS_ON_IMPLICIT_TLS_PORT' });
    expect(run.connect.ms + run.tls.ms).toBeLessThan(WELL_BEFORE_MS);
  });

  it.each<[Security, string]>([
    ['starttls', 'STARTTLS_ON_IMPLICIT_TLS_PORT'],
    ['none', 'CLEARTEXT_ON_IMPLICIT_TLS_PORT'],
  ])('SMTP: security %s on a 465-style smtp-server is %s well before the step timeout', async (security, code) => {
    const { outcome, ms } = await smtpConnect(implicitSmtp.port, security);
    expect(outcome).toMatchObject({ status: 'fail', code });
    expect(ms).toBeLessThan(WELL_BEFORE_MS);
  });
});

describe('implicit TLS against a plaintext-first port', () => {
  it('IMAP: security tls on Dovecot’s plaintext port is IMPLICIT_TLS_ON_STARTTLS_PORT well before the step timeout', async () => {
    const run = await runIncoming(dovecotAccount('imap', 'tls', dovecot, HOST, { incoming: { port: dovecot.imapPort } }), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
    expect(run.connect.ms + run.tls.ms).toBeLessThan(WELL_BEFORE_MS);
  });

  it('SMTP: security tls on a 587-style smtp-server is IMPLICIT_TLS_ON_STARTTLS_PORT well before the step timeout', async () => {
    const { outcome, ms } = await smtpConnect(plainSmtp.port, 'tls');
    expect(outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
    expect(ms).toBeLessThan(WELL_BEFORE_MS);
  });

  it('SMTP: a plaintext server that says nothing once the client talked first is named by its greeting on a second connection', async () => {
    const { outcome, ms } = await smtpConnect(silentToEarlyTalkers.port, 'tls');
    expect(outcome).toMatchObject({ status: 'fail', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' });
    expect(ms).toBeLessThan(WELL_BEFORE_MS);
  });
});

describe('silence alone decides nothing', () => {
  it('waits for a plaintext server that greets late on purpose (postscreen) and connects', async () => {
    const { outcome, ms } = await smtpConnect(lateGreeter.port, 'starttls');
    expect(outcome.status).toBe('pass');
    expect(ms).toBeGreaterThanOrEqual(2400);
  });

  it.each<Security>(['starttls', 'tls'])('a host that never speaks still waits the whole step timeout (security %s)', async (security) => {
    const stepTimeoutMs = 2500;
    const { outcome, ms } = await smtpConnect(silent.port, security, stepTimeoutMs);
    expect(outcome.status).toBe('fail');
    expect(outcome.code).toBe(security === 'tls' ? 'TLS_HANDSHAKE_TIMEOUT' : 'GREETING_TIMEOUT');
    expect(ms).toBeGreaterThanOrEqual(stepTimeoutMs - 50);
  });
});
