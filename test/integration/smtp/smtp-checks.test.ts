/**
 * smtp.connect → smtp.tls → smtp.auth → smtp.send against real servers on loopback: the `smtp-server`
 * package (STARTTLS, AUTH PLAIN/LOGIN/XOAUTH2, certificates generated at run time and chosen by SNI name)
 * for the healthy path and what it can be configured to do, and small fault servers for the rest (tarpit,
 * reset, dropped SYN, implicit TLS on the STARTTLS port, TLS 1.0 only, Exchange Online and Gmail replies,
 * hostile replies). Every failure asserts its status, code, an evidence entry and a remediation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpSendCheck } from '../../../src/checks/smtp/send.js';
import type { Check, CheckOutcome, RunOptions } from '../../../src/core/check.js';
import { RunMemo } from '../../../src/core/memo.js';
import { translate } from '../../../src/i18n/index.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import { dnsOutgoingCheck } from '../../../src/checks/dns/outgoing.js';
import { loopbackResolver } from '../../support/check-context.js';
import type { TraceEntry } from '../../../src/core/transcript.js';
import { makeAccount, makeContext, secret, type AccountOverrides } from '../../support/check-context.js';
import { createCa, daysFromNow, issueCert } from '../../../standins/certs.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';
import {
  REPLIES,
  closeFaultServers,
  resetAfterAccept,
  startRawServer,
  startScriptedSmtp,
  startSynDropper,
  tarpit,
  type FaultServer,
} from '../../../standins/fault-servers.js';

const PASSWORD = 'smtp-Canary-Password-7731';
const TOKEN = 'ya29.canary-Token-Value-4e8f0c2b9d';
const USER = 'atendimento@example.test';
const OAUTH_USER = 'oauth@example.test';

const ca = createCa();
const otherCa = createCa('Unknown Test CA', 'other-ca');
const valid = issueCert(ca, { hosts: ['smtp.example.test', 'localhost', '127.0.0.1'] });
const certificates = {
  'expired.test': issueCert(ca, { hosts: ['expired.test'], notBefore: daysFromNow(-90), notAfter: daysFromNow(-1) }),
  'future.test': issueCert(ca, { hosts: ['future.test'], notBefore: daysFromNow(2), notAfter: daysFromNow(400) }),
  'wronghost.test': issueCert(ca, { hosts: ['mail.other.example'] }),
  'selfsigned.test': issueCert(ca, { hosts: ['selfsigned.test'], selfSigned: true }),
  'unknownca.test': issueCert(otherCa, { hosts: ['unknownca.test'] }),
  'expiring.test': issueCert(ca, { hosts: ['expiring.test'], notAfter: daysFromNow(10) }),
};

let starttls: SmtpTestServer;
let implicit: SmtpTestServer;
let noStartTls: SmtpTestServer;
let noAuth: SmtpTestServer;
const faults: Record<string, FaultServer> = {};

beforeAll(async () => {
  const users = { [USER]: PASSWORD };
  const tokens = { [TOKEN]: OAUTH_USER };
  [starttls, implicit, noStartTls, noAuth] = await Promise.all([
    startSmtpServer({ certificate: valid, sni: certificates, users, tokens }),
    startSmtpServer({ certificate: valid, users, tokens, secure: true }),
    startSmtpServer({ certificate: valid, users, hideStartTls: true }),
    startSmtpServer({ certificate: valid, users, disableAuth: true }),
  ]);
  const scripted = (auth: string, extra: Parameters<typeof startScriptedSmtp>[0] = {}) =>
    startScriptedSmtp({
      certificate: valid,
      ehloAfterTls: ['AUTH LOGIN XOAUTH2'],
      auth: (lines) => (lines[0] === 'AUTH LOGIN' && lines.length < 3 ? `334 ${lines.length === 1 ? 'VXNlcm5hbWU6' : 'UGFzc3dvcmQ6'}` : auth),
      ...extra,
    });
  const entries = await Promise.all([
    ['tarpit', tarpit()],
    ['reset', resetAfterAccept()],
    ['synDrop', startSynDropper()],
    ['imapBanner', startRawServer((socket) => socket.write('* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n'))],
    ['refusingGreeting', startRawServer((socket) => socket.end('554 5.7.1 Service unavailable; client host [127.0.0.1] blocked\r\n'))],
    ['megabyteLine', startRawServer((socket) => socket.write(Buffer.alloc(1024 * 1024, 0x41)))],
    ['slowDrip', startRawServer((socket, every) => every(100, () => socket.write('2')))],
    [
      'endlessEhlo',
      startRawServer((socket, every) => {
        socket.write('220 endless.test ESMTP\r\n');
        socket.once('data', () => every(5, () => socket.write('250-X-PADDING-EXTENSION-LINE-TO-FILL-MEMORY\r\n'.repeat(100))));
      }),
    ],
    ['implicitExpired', startScriptedSmtp({ certificate: certificates['expired.test'], implicitTls: true })],
    ['plainStarttls', startScriptedSmtp({ certificate: valid })],
    ['tls10', startScriptedSmtp({ certificate: valid, tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } })],
    ['injection', startScriptedSmtp({ certificate: valid, startTlsReply: '220 2.0.0 Ready to start TLS\r\n250 injected-before-handshake' })],
    ['oauthBearerOnly', startScriptedSmtp({ certificate: valid, ehloAfterTls: ['AUTH OAUTHBEARER'] })],
    ['tenantDisabled', scripted(REPLIES.exchangeTenantDisabled)],
    ['mailboxDisabled', scripted(REPLIES.exchangeMailboxDisabled)],
    ['conditionalAccess', scripted(REPLIES.exchangeConditionalAccess)],
    ['exchange573', scripted(REPLIES.exchangeUnsuccessful)],
    [
      'gmailAppPassword',
      startScriptedSmtp({
        certificate: valid,
        ehloAfterTls: ['AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH'],
        auth: () => REPLIES.gmailAppPassword,
      }),
    ],
    [
      'gmailBadCredentials',
      startScriptedSmtp({
        certificate: valid,
        ehloAfterTls: ['AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH'],
        auth: () => REPLIES.gmailBadCredentials,
      }),
    ],
    ['unrecognizedAuth', scripted(REPLIES.unrecognizedAuth)],
    ['temporaryAuth', scripted(REPLIES.temporaryAuth)],
    ['notAuthenticated', scripted('235 2.7.0 Authentication successful', { mailFrom: REPLIES.notAuthenticated })],
    ['sendAsDenied', scripted('235 2.7.0 Authentication successful', { mailFrom: REPLIES.sendAsDenied })],
    ['throttled', scripted('235 2.7.0 Authentication successful', { mailFrom: REPLIES.throttled })],
  ] as const);
  for (const [name, server] of entries) faults[name] = await server;
}, 30_000);

afterAll(async () => {
  await Promise.all([starttls, implicit, noStartTls, noAuth].map((server) => server?.close()));
  await closeFaultServers();
});

interface Step {
  readonly outcome: CheckOutcome;
  readonly trace: readonly TraceEntry[];
  readonly ms: number;
}

const CHAIN: readonly Check[] = [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck, smtpSendCheck];

/**
 * Runs the SMTP checks in order on one shared memo (one session), each with its own context and
 * transcript, as the runner does; stops after the first check that neither passes nor warns.
 */
async function runSmtp(
  overrides: AccountOverrides,
  options: { upTo?: Check['id']; run?: Partial<RunOptions>; extraCa?: string[]; signal?: AbortSignal } = {},
): Promise<Record<string, Step>> {
  const account = makeAccount({ mailbox: USER, ...overrides, auth: { method: 'password', password: secret(PASSWORD), ...overrides.auth } });
  const shared = new RunMemo();
  const steps: Record<string, Step> = {};
  try {
    for (const check of CHAIN) {
      const context = makeContext(account, {
        shared,
        extraCa: options.extraCa ?? [ca.pem],
        options: { stepTimeoutMs: 2000, ...options.run },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const started = performance.now();
      const outcome = await check.run(context);
      steps[check.id] = { outcome, trace: context.transcript.entries(), ms: performance.now() - started };
      if ((outcome.status !== 'pass' && outcome.status !== 'warn') || check.id === options.upTo) break;
    }
  } finally {
    await shared.dispose();
  }
  return steps;
}

function on(port: number, host = '127.0.0.1', security: 'starttls' | 'tls' | 'none' = 'starttls'): AccountOverrides['outgoing'] {
  return { host, port, security };
}

function evidence(outcome: CheckOutcome | undefined, label: string): string | undefined {
  return outcome?.evidence?.find((item) => item.label === label)?.value;
}

/** Status, code, at least one evidence entry and one remediation: every non-pass outcome has them. */
function expectFailure(outcome: CheckOutcome | undefined, code: string, status: CheckOutcome['status'] = 'fail'): CheckOutcome {
  expect(outcome).toBeDefined();
  expect({ status: outcome!.status, code: outcome!.code }).toEqual({ status, code });
  expect(outcome!.evidence?.length).toBeGreaterThan(0);
  expect(outcome!.remediation?.length).toBeGreaterThan(0);
  return outcome!;
}

function commands(outcome: CheckOutcome): string[] {
  return (outcome.remediation ?? []).map((step) => step.target ?? '');
}

describe('healthy submission server (STARTTLS on smtp-server)', () => {
  it('passes connect, tls, auth (PLAIN) and the envelope, delivering nothing', async () => {
    starttls.clear();
    const steps = await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test') });
    const connect = steps['smtp.connect']!.outcome;
    expect(connect.status).toBe('pass');
    expect(evidence(connect, 'smtp.evidence.greeting')).toMatch(/^220 smtp\.tactium\.test/);
    expect(evidence(connect, 'smtp.evidence.ehlo')).toContain('STARTTLS');
    expect(evidence(connect, 'mail.evidence.address')).toBe(`127.0.0.1:${starttls.port}`);

    const tls = steps['smtp.tls']!.outcome;
    expect(tls.status).toBe('pass');
    expect(tls.summary.key).toBe('smtp.tls.passStarttls');
    expect(evidence(tls, 'mail.evidence.tlsProtocol')).toMatch(/^TLSv1\.[23]$/);
    expect(evidence(tls, 'mail.evidence.certSubject')).toContain('CN=smtp.example.test');
    expect(evidence(tls, 'mail.evidence.certTrust')).toBe('trusted');
    expect(evidence(tls, 'smtp.evidence.ehloAfterTls')).toContain('AUTH PLAIN LOGIN XOAUTH2');

    const auth = steps['smtp.auth']!.outcome;
    expect(auth.status).toBe('pass');
    expect(evidence(auth, 'smtp.evidence.mechanism')).toBe('PLAIN');
    expect(evidence(auth, 'smtp.evidence.authMechanisms')).toBe('PLAIN LOGIN XOAUTH2');
    expect(starttls.auths).toEqual([{ method: 'PLAIN', username: USER, accepted: true }]);

    const send = steps['smtp.send']!.outcome;
    expect(send.status).toBe('pass');
    expect(send.summary.key).toBe('smtp.send.passEnvelope');
    expect(evidence(send, 'smtp.evidence.reset')).toMatch(/^250/);
    expect(starttls.envelopes).toEqual([{ mailFrom: USER, rcptTo: [USER], user: USER }]);
    expect(starttls.messages).toEqual([]);
  });

  it('with --send-to sends one plain message with a unique id in the subject and reports the queue id', async () => {
    starttls.clear();
    const steps = await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test') }, { run: { sendTo: 'destino@example.test' } });
    const send = steps['smtp.send']!.outcome;
    expect(send.status).toBe('pass');
    expect(starttls.messages).toHaveLength(1);
    const message = starttls.messages[0]!;
    expect(message.rcptTo).toEqual(['destino@example.test']);
    expect(message.mailFrom).toBe(USER);
    const subject = /^Subject: (.*)$/m.exec(message.raw)?.[1];
    expect(subject).toMatch(/^tactium-preflight test [0-9a-f-]{36}$/);
    expect(evidence(send, 'smtp.evidence.subject')).toBe(subject);
    expect(evidence(send, 'smtp.evidence.queueId')).toBe(message.queueId);
    expect(send.summary.params?.queueId).toBe(message.queueId);
  });

  it('logs in with XOAUTH2 and the token from auth.accessToken', async () => {
    starttls.clear();
    const steps = await runSmtp(
      { mailbox: OAUTH_USER, outgoing: on(starttls.port, 'smtp.example.test'), auth: { method: 'oauth2', password: undefined, accessToken: secret(TOKEN) } },
      { upTo: 'smtp.auth' },
    );
    const auth = steps['smtp.auth']!.outcome;
    expect(auth.status).toBe('pass');
    expect(evidence(auth, 'smtp.evidence.mechanism')).toBe('XOAUTH2');
    expect(evidence(auth, 'smtp.evidence.tokenOrigin')).toBe('config');
    expect(starttls.auths).toEqual([{ method: 'XOAUTH2', username: OAUTH_USER, accepted: true }]);
  });

  it('uses OAUTHBEARER when the server offers only that for a token', async () => {
    const server = faults.oauthBearerOnly!;
    server.received.length = 0;
    const steps = await runSmtp(
      { mailbox: OAUTH_USER, outgoing: on(server.port, 'smtp.example.test'), auth: { method: 'oauth2', password: undefined, accessToken: secret(TOKEN) } },
      { upTo: 'smtp.auth' },
    );
    expect(steps['smtp.auth']!.outcome.status).toBe('pass');
    const command = server.received.find((line) => line.startsWith('AUTH '))!;
    expect(command).toMatch(/^AUTH OAUTHBEARER /);
    expect(Buffer.from(command.split(' ')[2]!, 'base64').toString()).toBe(
      `n,a=${OAUTH_USER},\x01host=smtp.example.test\x01port=${server.port}\x01auth=Bearer ${TOKEN}\x01\x01`,
    );
  });

  it('passes implicit TLS (security: tls) on an SMTPS server', async () => {
    const steps = await runSmtp({ outgoing: on(implicit.port, 'smtp.example.test', 'tls') }, { upTo: 'smtp.auth' });
    expect(steps['smtp.connect']!.outcome.status).toBe('pass');
    expect(steps['smtp.tls']!.outcome.summary.key).toBe('smtp.tls.passImplicit');
    expect(evidence(steps['smtp.tls']!.outcome, 'smtp.evidence.tlsMode')).toBe('implicit TLS');
    expect(steps['smtp.auth']!.outcome.status).toBe('pass');
  });

  it('records a redacted transcript: client and server lines, TLS events, timings', async () => {
    const steps = await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test') }, { upTo: 'smtp.auth' });
    const connect = steps['smtp.connect']!.trace;
    expect(connect.some((entry) => entry.direction === 'client' && entry.text.startsWith('EHLO '))).toBe(true);
    expect(connect.some((entry) => entry.direction === 'server' && entry.text.startsWith('220 '))).toBe(true);
    const tls = steps['smtp.tls']!.trace;
    expect(tls.map((entry) => entry.text)).toContain('STARTTLS');
    expect(tls.some((entry) => entry.direction === 'tls' && /TLSv1\.[23] /.test(entry.text))).toBe(true);
    expect(tls.some((entry) => entry.direction === 'tls' && entry.text.includes('CN=smtp.example.test'))).toBe(true);
    const auth = steps['smtp.auth']!.trace;
    expect(auth.map((entry) => entry.text)).toContain('AUTH PLAIN /* secret */');
    expect(auth.every((entry) => typeof entry.atMs === 'number' && entry.atMs >= 0)).toBe(true);
  });

  it('never lets the password, the token or their base64 forms into the result or the transcript (canary)', async () => {
    const password = await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test') }, { upTo: 'smtp.auth' });
    const token = await runSmtp(
      { mailbox: OAUTH_USER, outgoing: on(starttls.port, 'smtp.example.test'), auth: { method: 'oauth2', password: undefined, accessToken: secret(TOKEN) } },
      { upTo: 'smtp.auth' },
    );
    const wrongToken = await runSmtp(
      {
        mailbox: OAUTH_USER,
        outgoing: on(starttls.port, 'smtp.example.test'),
        auth: { method: 'oauth2', password: undefined, accessToken: secret(`${TOKEN}-revoked`) },
      },
      { upTo: 'smtp.auth' },
    );
    const text = JSON.stringify([password, token, wrongToken]);
    const forms = [
      PASSWORD,
      TOKEN,
      Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64'),
      Buffer.from(PASSWORD).toString('base64'),
      Buffer.from(`user=${OAUTH_USER}\x01auth=Bearer ${TOKEN}\x01\x01`).toString('base64'),
    ];
    for (const form of forms) expect(text).not.toContain(form);
    expect(password['smtp.auth']!.outcome.status).toBe('pass');
    expect(token['smtp.auth']!.outcome.status).toBe('pass');
  });
});

describe('reaching the server', () => {
  it('fails with TCP_REFUSED within the step timeout when nothing listens, with the firewall fix', async () => {
    const closed = await startRawServer(() => undefined);
    const closedPort = closed.port;
    await closed.close();
    const steps = await runSmtp({ outgoing: on(closedPort) }, { run: { stepTimeoutMs: 500 } });
    const connect = expectFailure(steps['smtp.connect']!.outcome, 'TCP_REFUSED');
    expect(steps['smtp.connect']!.ms).toBeLessThan(500 + 1000);
    expect(evidence(connect, 'mail.evidence.address')).toBe(`127.0.0.1:${closedPort}`);
    expect(evidence(connect, 'mail.evidence.systemError')).toBe('ECONNREFUSED');
    expect(commands(connect)).toContain(`Test-NetConnection -ComputerName 127.0.0.1 -Port ${closedPort}`);
  });

  it('says that mail cannot use the HTTP proxy when one is configured and the port is unreachable', async () => {
    const closed = await startRawServer(() => undefined);
    const closedPort = closed.port;
    await closed.close();
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = 'http://proxyuser:proxy-Secret-99@proxy.corp.example:3128';
    try {
      const connect = expectFailure((await runSmtp({ outgoing: on(closedPort) }, { run: { stepTimeoutMs: 500 } }))['smtp.connect']!.outcome, 'TCP_REFUSED');
      expect(evidence(connect, 'mail.evidence.proxy')).toBe('HTTPS_PROXY=http://proxy.corp.example:3128');
      expect(connect.remediation?.some((step) => step.message.key === 'mail.fix.proxy' && step.message.params?.port === closedPort)).toBe(true);
      expect(JSON.stringify(connect)).not.toContain('proxy-Secret-99');
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
    }
  });

  it('fails with TCP_TIMEOUT within the timeout + 1 s when the SYN is dropped (full accept queue)', async () => {
    const steps = await runSmtp({ outgoing: on(faults.synDrop!.port) }, { run: { stepTimeoutMs: 500 } });
    const connect = expectFailure(steps['smtp.connect']!.outcome, 'TCP_TIMEOUT');
    expect(steps['smtp.connect']!.ms).toBeLessThan(500 + 1000);
    expect(connect.remediation?.[0]?.message.key).toBe('mail.fix.firewall');
  });

  it('fails with GREETING_TIMEOUT within the timeout + 1 s when the server accepts but never speaks (tarpit)', async () => {
    const steps = await runSmtp({ outgoing: on(faults.tarpit!.port) }, { run: { stepTimeoutMs: 500 } });
    const connect = expectFailure(steps['smtp.connect']!.outcome, 'GREETING_TIMEOUT');
    expect(steps['smtp.connect']!.ms).toBeLessThan(500 + 1000);
    expect(evidence(connect, 'mail.evidence.stage')).toBe('GREETING');
    expect(connect.remediation?.[0]?.message.key).toBe('mail.fix.tarpit');
  });

  it('stops at once when the run is interrupted during a tarpit', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await expect(runSmtp({ outgoing: on(faults.tarpit!.port) }, { run: { stepTimeoutMs: 5000 }, signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fails with TCP_RESET when the server resets the connection after accepting it', async () => {
    const connect = expectFailure((await runSmtp({ outgoing: on(faults.reset!.port) }))['smtp.connect']!.outcome, 'TCP_RESET');
    expect(evidence(connect, 'mail.evidence.systemError')).toBe('ECONNRESET');
  });

  it('fails with WRONG_PROTOCOL when the port greets like IMAP', async () => {
    const connect = expectFailure((await runSmtp({ outgoing: on(faults.imapBanner!.port) }))['smtp.connect']!.outcome, 'WRONG_PROTOCOL');
    expect(connect.summary.params?.other).toBe('IMAP');
    expect(evidence(connect, 'mail.evidence.serverReply')).toContain('* OK');
  });

  it('fails with GREETING_REJECTED and shows the 554 the server answered', async () => {
    const connect = expectFailure((await runSmtp({ outgoing: on(faults.refusingGreeting!.port) }))['smtp.connect']!.outcome, 'GREETING_REJECTED');
    expect(evidence(connect, 'mail.evidence.serverReply')).toBe('554 5.7.1 Service unavailable; client host [127.0.0.1] blocked');
  });

  it('names STARTTLS configured on an implicit-TLS port (the 465 mix-up) and gives the YAML fix', async () => {
    const steps = await runSmtp({ outgoing: on(implicit.port, 'smtp.example.test', 'starttls') }, { run: { stepTimeoutMs: 500 } });
    const connect = expectFailure(steps['smtp.connect']!.outcome, 'STARTTLS_ON_IMPLICIT_TLS_PORT');
    expect(steps['smtp.connect']!.ms).toBeLessThan(500 + 1000);
    expect(commands(connect)).toContain(`outgoing:\n  host: smtp.example.test\n  port: ${implicit.port}\n  security: tls`);
    expect(commands(connect)).toContain('outgoing:\n  host: smtp.example.test\n  port: 587\n  security: starttls');
  });

  it('names implicit TLS configured on a STARTTLS port and gives the YAML fix', async () => {
    const server = faults.plainStarttls!;
    const connect = expectFailure(
      (await runSmtp({ outgoing: on(server.port, 'smtp.example.test', 'tls') }))['smtp.connect']!.outcome,
      'IMPLICIT_TLS_ON_STARTTLS_PORT',
    );
    expect(evidence(connect, 'mail.evidence.systemError')).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(commands(connect)).toContain(`outgoing:\n  host: smtp.example.test\n  port: ${server.port}\n  security: starttls`);
  });

  it('fails with LINE_TOO_LONG on a megabyte greeting line', async () => {
    expectFailure((await runSmtp({ outgoing: on(faults.megabyteLine!.port) }))['smtp.connect']!.outcome, 'LINE_TOO_LONG');
  });

  it('fails with REPLY_TOO_LONG on an endless multi-line EHLO reply', async () => {
    const connect = expectFailure((await runSmtp({ outgoing: on(faults.endlessEhlo!.port) }))['smtp.connect']!.outcome, 'REPLY_TOO_LONG');
    expect(evidence(connect, 'mail.evidence.stage')).toBe('EHLO');
  });

  it('ends a slow-drip greeting at the timeout (GREETING_TIMEOUT) within the timeout + 1 s', async () => {
    const steps = await runSmtp({ outgoing: on(faults.slowDrip!.port) }, { run: { stepTimeoutMs: 500 } });
    expectFailure(steps['smtp.connect']!.outcome, 'GREETING_TIMEOUT');
    expect(steps['smtp.connect']!.ms).toBeLessThan(500 + 1000);
  });
});

describe('encryption and the certificate', () => {
  const tlsOf = async (host: string, extraCa?: string[]) =>
    (await runSmtp({ outgoing: on(starttls.port, host) }, { upTo: 'smtp.tls', ...(extraCa ? { extraCa } : {}) }))['smtp.tls']!.outcome;

  it('fails with TLS_CERT_EXPIRED when the certificate expired yesterday', async () => {
    const outcome = expectFailure(await tlsOf('expired.test'), 'TLS_CERT_EXPIRED');
    expect(Number(evidence(outcome, 'mail.evidence.certDaysLeft'))).toBeLessThan(0);
  });

  it('fails with TLS_CERT_NOT_YET_VALID when the certificate starts in two days', async () => {
    expectFailure(await tlsOf('future.test'), 'TLS_CERT_NOT_YET_VALID');
  });

  it('fails with TLS_HOSTNAME_MISMATCH and offers the name the certificate has', async () => {
    const outcome = expectFailure(await tlsOf('wronghost.test'), 'TLS_HOSTNAME_MISMATCH');
    expect(evidence(outcome, 'mail.evidence.certNames')).toBe('mail.other.example');
    expect(commands(outcome)).toContain('outgoing:\n  host: mail.other.example');
  });

  it('fails with TLS_SELF_SIGNED for a self-signed certificate', async () => {
    const outcome = expectFailure(await tlsOf('selfsigned.test'), 'TLS_SELF_SIGNED');
    expect(evidence(outcome, 'mail.evidence.certTrust')).toBe('not trusted: DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('fails with TLS_CERT_UNTRUSTED for an unknown CA, with the tls.caFile hint for inspecting proxies', async () => {
    const outcome = expectFailure(await tlsOf('unknownca.test'), 'TLS_CERT_UNTRUSTED');
    expect(evidence(outcome, 'mail.evidence.certIssuer')).toContain('Unknown Test CA');
    expect(outcome.remediation?.[0]?.message.key).toBe('mail.fix.caFile');
    expect(commands(outcome)).toContain('tls:\n  caFile: ./corporate-root.pem');
  });

  it('trusts the private CA only through tls.caFile (extraCa)', async () => {
    expectFailure(await tlsOf('smtp.example.test', []), 'TLS_CERT_UNTRUSTED');
    expect((await tlsOf('smtp.example.test', [ca.pem])).status).toBe('pass');
  });

  it('warns with TLS_CERT_EXPIRING when the certificate expires in 10 days, and auth still runs', async () => {
    const steps = await runSmtp({ outgoing: on(starttls.port, 'expiring.test') }, { upTo: 'smtp.auth' });
    const outcome = expectFailure(steps['smtp.tls']!.outcome, 'TLS_CERT_EXPIRING', 'warn');
    expect(evidence(outcome, 'mail.evidence.certDaysLeft')).toBe('9');
    expect(steps['smtp.auth']!.outcome.status).toBe('pass');
  });

  it('sends nothing over an implicit-TLS connection whose certificate failed (no EHLO, no QUIT)', async () => {
    const server = faults.implicitExpired!;
    server.received.length = 0;
    const steps = await runSmtp({ outgoing: on(server.port, 'expired.test', 'tls') });
    expect(steps['smtp.connect']!.outcome.status).toBe('pass');
    expect(evidence(steps['smtp.connect']!.outcome, 'smtp.evidence.ehlo')).toBeUndefined();
    expectFailure(steps['smtp.tls']!.outcome, 'TLS_CERT_EXPIRED');
    expect(server.received).toEqual([]);
  });

  it('sends nothing after STARTTLS when the certificate fails its checks (no EHLO, no QUIT)', async () => {
    const server = faults.plainStarttls!;
    server.received.length = 0;
    const steps = await runSmtp({ outgoing: on(server.port, 'other-name.test') });
    expectFailure(steps['smtp.tls']!.outcome, 'TLS_HOSTNAME_MISMATCH');
    expect(server.received.map((line) => line.split(' ')[0])).toEqual(['EHLO', 'STARTTLS']);
  });

  it('fails with STARTTLS_NOT_OFFERED and shows the EHLO list', async () => {
    const outcome = expectFailure((await runSmtp({ outgoing: on(noStartTls.port, 'smtp.example.test') }))['smtp.tls']!.outcome, 'STARTTLS_NOT_OFFERED');
    expect(evidence(outcome, 'smtp.evidence.ehlo')).not.toContain('STARTTLS');
  });

  it('names a TLS 1.0-only server TLS_VERSION_TOO_OLD', async () => {
    const steps = await runSmtp({ outgoing: on(faults.tls10!.port, 'smtp.example.test') });
    const outcome = expectFailure(steps['smtp.tls']!.outcome, 'TLS_VERSION_TOO_OLD');
    expect(evidence(outcome, 'mail.evidence.tlsProtocol')).toBe('TLSv1');
    expect(steps['smtp.auth']).toBeUndefined();
  });

  it('refuses to continue when plaintext arrives after the STARTTLS answer (STARTTLS_INJECTION)', async () => {
    expectFailure((await runSmtp({ outgoing: on(faults.injection!.port, 'smtp.example.test') }))['smtp.tls']!.outcome, 'STARTTLS_INJECTION');
  });

  it('warns that security: none sends credentials in clear text', async () => {
    const outcome = expectFailure(
      (await runSmtp({ outgoing: on(noStartTls.port, 'smtp.example.test', 'none') }, { upTo: 'smtp.tls' }))['smtp.tls']!.outcome,
      'SMTP_NOT_ENCRYPTED',
      'warn',
    );
    expect(outcome.summary.key).toBe('smtp.tls.notEncrypted');
  });
});

describe('login', () => {
  it('fails with AUTH_NOT_OFFERED when the server advertises no AUTH after TLS', async () => {
    const outcome = expectFailure((await runSmtp({ outgoing: on(noAuth.port, 'smtp.example.test') }))['smtp.auth']!.outcome, 'AUTH_NOT_OFFERED');
    expect(evidence(outcome, 'smtp.evidence.authMechanisms')).toBe('(none)');
  });

  it('fails with AUTH_MECHANISM_UNSUPPORTED when a token meets a server with only PLAIN and LOGIN', async () => {
    const server = await startSmtpServer({ certificate: valid, authMethods: ['PLAIN', 'LOGIN'] });
    try {
      const outcome = expectFailure(
        (await runSmtp({ outgoing: on(server.port, 'smtp.example.test'), auth: { method: 'oauth2', password: undefined, accessToken: secret(TOKEN) } }))[
          'smtp.auth'
        ]!.outcome,
        'AUTH_MECHANISM_UNSUPPORTED',
      );
      expect(outcome.summary.params?.offered).toBe('PLAIN LOGIN');
      expect(server.auths).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('fails with AUTH_REJECTED on a wrong password and tries exactly once', async () => {
    starttls.clear();
    const outcome = expectFailure(
      (await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test'), auth: { password: secret('wrong-Password-123') } }))['smtp.auth']!.outcome,
      'AUTH_REJECTED',
    );
    expect(evidence(outcome, 'mail.evidence.serverReply')).toBe('535 5.7.8 Authentication credentials invalid');
    expect(starttls.auths).toEqual([{ method: 'PLAIN', username: USER, accepted: false }]);
  });

  it("shows the server's SASL explanation of a refused token (334 + JSON) and does not retry", async () => {
    starttls.clear();
    const outcome = expectFailure(
      (
        await runSmtp({
          mailbox: OAUTH_USER,
          outgoing: on(starttls.port, 'smtp.example.test'),
          auth: { method: 'oauth2', password: undefined, accessToken: secret('expired-Token-000111') },
        })
      )['smtp.auth']!.outcome,
      'AUTH_REJECTED',
    );
    expect(JSON.parse(evidence(outcome, 'smtp.evidence.challenge')!)).toEqual({ status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' });
    expect(starttls.auths).toHaveLength(1);
  });

  it('refuses to send AUTH (CLEARTEXT_AUTH_REFUSED) when security: none meets a server that offers STARTTLS', async () => {
    starttls.clear();
    const steps = await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test', 'none') });
    expect(steps['smtp.tls']!.outcome).toMatchObject({ status: 'warn', code: 'SMTP_NOT_ENCRYPTED', summary: { key: 'smtp.tls.notEncryptedOffered' } });
    const outcome = expectFailure(steps['smtp.auth']!.outcome, 'CLEARTEXT_AUTH_REFUSED');
    expect(commands(outcome)).toContain(`outgoing:\n  host: smtp.example.test\n  port: ${starttls.port}\n  security: starttls`);
    expect(steps['smtp.auth']!.trace.filter((entry) => entry.direction === 'client' && /^AUTH\b/.test(entry.text))).toEqual([]);
    expect(starttls.auths).toEqual([]);
  });

  it('diagnoses SMTP_AUTH_REQUIRES_TLS when a server without STARTTLS still answers AUTH with 538', async () => {
    const server = await startScriptedSmtp({ ehlo: ['AUTH PLAIN LOGIN'], auth: () => '538 5.7.11 Encryption required for requested authentication mechanism' });
    const steps = await runSmtp({ outgoing: on(server.port, 'smtp.example.test', 'none') });
    const outcome = expectFailure(steps['smtp.auth']!.outcome, 'SMTP_AUTH_REQUIRES_TLS');
    expect(commands(outcome)).toContain(`outgoing:\n  host: smtp.example.test\n  port: ${server.port}\n  security: starttls`);
    expect(evidence(outcome, 'mail.evidence.serverReply')).toMatch(/^538 /);
  });

  it('uses auth.username as the login name when it differs from the mailbox', async () => {
    starttls.clear();
    const steps = await runSmtp(
      { mailbox: 'shared@example.test', outgoing: on(starttls.port, 'smtp.example.test'), auth: { username: USER } },
      { upTo: 'smtp.auth' },
    );
    expect(steps['smtp.auth']!.outcome.status).toBe('pass');
    expect(starttls.auths[0]?.username).toBe(USER);
  });

  const office365 = { provider: 'office365' as const };

  it('diagnoses 535 5.7.139 "disabled for the Tenant" with the Exchange commands for this mailbox (LOGIN, as Exchange offers)', async () => {
    const server = faults.tenantDisabled!;
    server.received.length = 0;
    const outcome = expectFailure(
      (await runSmtp({ ...office365, outgoing: on(server.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'SMTP_AUTH_DISABLED_TENANT',
    );
    expect(evidence(outcome, 'smtp.evidence.mechanism')).toBe('LOGIN');
    expect(evidence(outcome, 'mail.evidence.serverReply')).toBe(REPLIES.exchangeTenantDisabled);
    expect(commands(outcome)).toEqual(
      expect.arrayContaining([
        'Set-TransportConfig -SmtpClientAuthenticationDisabled $false',
        `Set-CASMailbox -Identity ${USER} -SmtpClientAuthenticationDisabled $false`,
      ]),
    );
    expect(outcome.remediation?.some((step) => step.kind === 'portal')).toBe(true);
    expect(server.received.filter((line) => line.startsWith('AUTH'))).toHaveLength(1);
  });

  it('diagnoses 535 5.7.139 "disabled for the Mailbox" with Set-CASMailbox and the admin-center path', async () => {
    const outcome = expectFailure(
      (await runSmtp({ ...office365, outgoing: on(faults.mailboxDisabled!.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'SMTP_AUTH_DISABLED_MAILBOX',
    );
    expect(commands(outcome)).toContain(`Set-CASMailbox -Identity ${USER} -SmtpClientAuthenticationDisabled $false`);
    expect(outcome.remediation?.[0]).toMatchObject({ kind: 'portal', message: { key: 'smtp.fix.mailboxPortal', params: { mailbox: USER } } });
  });

  it('diagnoses a Conditional Access block (535 5.7.139 "did not meet the criteria")', async () => {
    expectFailure(
      (await runSmtp({ ...office365, outgoing: on(faults.conditionalAccess!.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS',
    );
  });

  it('diagnoses 535 5.7.3 for an application token with New-ServicePrincipal and Add-MailboxPermission for this app', async () => {
    const auth = {
      method: 'oauth2' as const,
      password: undefined,
      flow: 'application' as const,
      clientId: '6f1c0b2e-1111-4222-8333-944455556666',
      objectId: '9a0e7d3c-aaaa-4bbb-8ccc-dddd0000eeee',
      accessToken: secret(TOKEN),
    };
    const outcome = expectFailure(
      (await runSmtp({ ...office365, outgoing: on(faults.exchange573!.port, 'smtp.example.test'), auth }))['smtp.auth']!.outcome,
      'SMTP_AUTH_UNSUCCESSFUL',
    );
    expect(commands(outcome)).toEqual(
      expect.arrayContaining([
        `New-ServicePrincipal -AppId ${auth.clientId} -ObjectId ${auth.objectId} -DisplayName "Tactium CRM"`,
        `Add-MailboxPermission -Identity ${USER} -User ${auth.objectId} -AccessRights FullAccess`,
      ]),
    );
  });

  it('quotes the mailbox and the Object ID placeholder in the 535 5.7.3 PowerShell lines (an apostrophe, no objectId in the file)', async () => {
    const auth = {
      method: 'oauth2' as const,
      password: undefined,
      flow: 'application' as const,
      clientId: '6f1c0b2e-1111-4222-8333-944455556666',
      accessToken: secret(TOKEN),
    };
    const mailbox = "o'brien@example.test";
    const outcome = expectFailure(
      (await runSmtp({ ...office365, mailbox, outgoing: on(faults.exchange573!.port, 'smtp.example.test'), auth }))['smtp.auth']!.outcome,
      'SMTP_AUTH_UNSUCCESSFUL',
    );
    // Unquoted, `<` is PowerShell's redirection operator and the pasted line fails before reaching Exchange.
    expect(commands(outcome)).toEqual(
      expect.arrayContaining([
        `New-ServicePrincipal -AppId ${auth.clientId} -ObjectId "<Enterprise application Object ID>" -DisplayName "Tactium CRM"`,
        `Add-MailboxPermission -Identity "o'brien@example.test" -User "<Enterprise application Object ID>" -AccessRights FullAccess`,
      ]),
    );
  });

  it('diagnoses Gmail 534-5.7.9 (app password required), keeping both reply lines as evidence', async () => {
    const outcome = expectFailure(
      (await runSmtp({ provider: 'gmail', outgoing: on(faults.gmailAppPassword!.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'GMAIL_APP_PASSWORD_REQUIRED',
    );
    expect(evidence(outcome, 'mail.evidence.serverReply')).toBe(REPLIES.gmailAppPassword.replace('\r\n', '\n'));
    expect(outcome.remediation?.some((step) => step.target === 'https://myaccount.google.com/apppasswords')).toBe(true);
  });

  it('diagnoses Gmail 535-5.7.8 (user name and password not accepted)', async () => {
    expectFailure(
      (await runSmtp({ provider: 'gmail', outgoing: on(faults.gmailBadCredentials!.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'GMAIL_BAD_CREDENTIALS',
    );
  });

  it('diagnoses 504 5.7.4 as AUTH_MECHANISM_UNSUPPORTED and 454 as a temporary failure, never retried', async () => {
    expectFailure(
      (await runSmtp({ ...office365, outgoing: on(faults.unrecognizedAuth!.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'AUTH_MECHANISM_UNSUPPORTED',
    );
    const server = faults.temporaryAuth!;
    server.received.length = 0;
    const temporary = expectFailure(
      (await runSmtp({ ...office365, outgoing: on(server.port, 'smtp.example.test') }))['smtp.auth']!.outcome,
      'AUTH_TEMPORARY_FAILURE',
    );
    expect(server.received.filter((line) => line.startsWith('AUTH'))).toHaveLength(1);
    // The credential went out: the fix asks to confirm it before another attempt, never a bare "try again".
    expect(temporary.remediation).toEqual([
      { kind: 'text', message: { key: 'smtp.fix.authTemporary', params: { host: 'smtp.example.test', username: USER } } },
    ]);
    expect(translate('en', 'smtp.fix.authTemporary', { host: 'h', username: 'u' })).not.toMatch(/^try again/i);
  });

  it("skips with the provider's reason when no token is available", async () => {
    const outcome = (await runSmtp({ outgoing: on(starttls.port, 'smtp.example.test'), auth: { method: 'oauth2', password: undefined } }))['smtp.auth']!
      .outcome;
    expect(outcome).toMatchObject({ status: 'skip', code: 'OAUTH_TOKEN_UNAVAILABLE', summary: { key: 'identity.noTokenSource' } });
  });
});

describe('the envelope', () => {
  it('diagnoses 530 5.7.57 on MAIL FROM', async () => {
    const outcome = expectFailure(
      (await runSmtp({ provider: 'office365', outgoing: on(faults.notAuthenticated!.port, 'smtp.example.test') }))['smtp.send']!.outcome,
      'SMTP_NOT_AUTHENTICATED',
    );
    expect(evidence(outcome, 'smtp.evidence.mailFrom')).toBe(REPLIES.notAuthenticated);
  });

  it('diagnoses 550 5.7.60 (send as) with Add-RecipientPermission for this mailbox', async () => {
    const outcome = expectFailure(
      (
        await runSmtp({
          provider: 'office365',
          mailbox: 'shared@example.test',
          outgoing: on(faults.sendAsDenied!.port, 'smtp.example.test'),
          auth: { username: USER },
        })
      )['smtp.send']!.outcome,
      'SMTP_SEND_AS_DENIED',
    );
    expect(commands(outcome)).toContain(`Add-RecipientPermission -Identity shared@example.test -Trustee ${USER} -AccessRights SendAs`);
  });

  it('diagnoses 550 5.2.252 continuous-error throttling', async () => {
    const outcome = expectFailure(
      (await runSmtp({ provider: 'office365', outgoing: on(faults.throttled!.port, 'smtp.example.test') }))['smtp.send']!.outcome,
      'SMTP_SENDER_THROTTLED',
    );
    expect(outcome.remediation?.[0]?.kind).toBe('url');
  });

  it('fails with SMTP_RECIPIENT_REJECTED when the --send-to address is refused, and delivers nothing', async () => {
    const server = await startSmtpServer({
      certificate: valid,
      users: { [USER]: PASSWORD },
      refuseRecipient: { 'nobody@example.test': { code: 550, text: 'Recipient address rejected: User unknown' } },
    });
    try {
      const outcome = expectFailure(
        (await runSmtp({ outgoing: on(server.port, 'smtp.example.test') }, { run: { sendTo: 'nobody@example.test' } }))['smtp.send']!.outcome,
        'SMTP_RECIPIENT_REJECTED',
      );
      expect(evidence(outcome, 'smtp.evidence.rcptTo')).toBe('550 5.1.1 Recipient address rejected: User unknown');
      expect(server.messages).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('through the runner', () => {
  it('runs dns.outgoing → smtp.connect → tls → auth → send on one connection, with the transcripts attached', async () => {
    let connections = 0;
    const server = await startSmtpServer({ certificate: valid, users: { [USER]: PASSWORD } });
    const counted = (server as unknown as { port: number }).port;
    const net = await import('node:net');
    // Count TCP connections with a tiny proxy in front of the server: one per account and protocol, never more.
    const proxy = net.createServer((client) => {
      connections++;
      const upstream = net.connect({ host: '127.0.0.1', port: counted });
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as import('node:net').AddressInfo).port;
    try {
      const account = makeAccount({
        mailbox: USER,
        auth: { method: 'password', password: secret(PASSWORD) },
        outgoing: { host: 'smtp.example.test', port, security: 'starttls' },
      });
      const [run] = await runChecks({
        config: { file: '/tmp/test.yaml', accounts: [account], tls: { extraCa: [ca.pem] } },
        checks: [dnsOutgoingCheck, smtpConnectCheck, smtpTlsCheck, smtpAuthCheck, smtpSendCheck],
        options: { stepTimeoutMs: 2000, trace: true, verbose: false, admin: false, login: false },
        services: { dns: loopbackResolver, now: () => new Date(), extraCa: [ca.pem] },
        concurrency: 1,
        signal: new AbortController().signal,
      });
      expect(run!.results.map((result) => [result.id, result.status])).toEqual([
        ['dns.outgoing', 'pass'],
        ['smtp.connect', 'pass'],
        ['smtp.tls', 'pass'],
        ['smtp.auth', 'pass'],
        ['smtp.send', 'pass'],
      ]);
      expect(connections).toBe(1);
      const auth = run!.results.find((result) => result.id === 'smtp.auth')!;
      expect(auth.trace.map((entry) => entry.text)).toContain('AUTH PLAIN /* secret */');
      const send = run!.results.find((result) => result.id === 'smtp.send')!;
      expect(send.trace.map((entry) => entry.text)).toEqual(expect.arrayContaining([`MAIL FROM:<${USER}>`, `RCPT TO:<${USER}>`, 'RSET']));
      expect(server.envelopes).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
    }
  });
});
