/**
 * smtp.auth against real loopback servers where the login must not happen, or where its answer never
 * comes: Office 365 and Gmail never get a credential without TLS; another provider with `security: none`
 * only when the server offers no STARTTLS; and a server that goes silent after AUTH leaves the login's
 * outcome unknown (AUTH_REPLY_TIMEOUT), which must never be answered with "run again".
 *
 * The servers accept AUTH in clear text (`allowInsecureAuth`), so a credential that was sent would be
 * recorded in `auths`: an empty list proves nothing was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { translate } from '../../../src/i18n/index.js';
import { SmtpSession } from '../../../src/probes/smtp.js';
import { RunMemo } from '../../../src/core/memo.js';
import { loopbackResolver, makeAccount, makeContext, secret, type AccountOverrides } from '../../support/check-context.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { closeFaultServers, startScriptedSmtp, type FaultServer } from '../../../standins/fault-servers.js';
import { startSmtpServer, type SmtpTestServer } from '../../support/smtp-server.js';

const HOST = 'smtp.example.test';
const USER = 'atendimento@example.test';
const PASSWORD = 'smtp-Cleartext-Canary-5521';
const ca = createCa();
const valid = issueCert(ca, { hosts: [HOST] });

/** Offers STARTTLS, and would take AUTH before it. */
let offersStartTls: SmtpTestServer;
/** Offers no STARTTLS at all, and takes AUTH in clear text. */
let plaintextOnly: SmtpTestServer;
/** STARTTLS, then AUTH that is never answered (PLAIN); and one that goes silent only after the password (LOGIN). */
let silentPlain: FaultServer;
let silentLogin: FaultServer;
let silentBeforePassword: FaultServer;

beforeAll(async () => {
  const users = { [USER]: PASSWORD };
  [offersStartTls, plaintextOnly, silentPlain, silentLogin, silentBeforePassword] = await Promise.all([
    startSmtpServer({ certificate: valid, users, allowInsecureAuth: true }),
    startSmtpServer({ certificate: valid, users, allowInsecureAuth: true, hideStartTls: true }),
    startScriptedSmtp({ certificate: valid, ehloAfterTls: ['AUTH PLAIN LOGIN'], auth: () => '' }),
    startScriptedSmtp({
      certificate: valid,
      ehloAfterTls: ['AUTH LOGIN'],
      auth: (lines) => (lines.length < 3 ? `334 ${lines.length === 1 ? 'VXNlcm5hbWU6' : 'UGFzc3dvcmQ6'}` : ''),
    }),
    startScriptedSmtp({ certificate: valid, ehloAfterTls: ['AUTH LOGIN'], auth: (lines) => (lines.length < 2 ? '334 VXNlcm5hbWU6' : '') }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([offersStartTls, plaintextOnly].map((server) => server?.close()));
  await closeFaultServers();
});

/** `--only smtp.auth`: the check runs connect and TLS itself, on one memo, as the runner does. */
async function smtpAuth(overrides: AccountOverrides, stepTimeoutMs = 2000): Promise<{ outcome: CheckOutcome; client: string[]; ms: number }> {
  const account = makeAccount({ mailbox: USER, ...overrides, auth: { method: 'password', password: secret(PASSWORD), ...overrides.auth } });
  const shared = new RunMemo();
  const context = makeContext(account, { shared, extraCa: [ca.pem], options: { stepTimeoutMs } });
  const started = Date.now();
  try {
    const outcome = await smtpAuthCheck.run(context);
    const client = context.transcript
      .entries()
      .filter((entry) => entry.direction === 'client')
      .map((entry) => entry.text);
    return { outcome, client, ms: Date.now() - started };
  } finally {
    await shared.dispose();
  }
}

function none(port: number): AccountOverrides['outgoing'] {
  return { host: HOST, port, security: 'none' };
}

function evidence(outcome: CheckOutcome, label: string): string | undefined {
  return outcome.evidence?.find((entry) => entry.label === label)?.value;
}

function targets(outcome: CheckOutcome): string {
  return (outcome.remediation ?? []).map((entry) => entry.target ?? '').join('\n');
}

/** "Run again" / "try again" in either language. */
const NO_RUN_AGAIN = /\b(run|try)\b[^.]*\bagain\b|de novo|novamente/i;

function renderedFixes(outcome: CheckOutcome): string {
  return (['en', 'pt-BR'] as const)
    .flatMap((locale) => (outcome.remediation ?? []).map((entry) => translate(locale, entry.message.key, entry.message.params)))
    .join('\n');
}

describe('no credential in clear text', () => {
  it.each(['office365', 'gmail'] as const)(
    '%s with security: none: fails with CLEARTEXT_AUTH_REFUSED and sends nothing, though the server would take it',
    async (provider) => {
      offersStartTls.clear();
      const { outcome, client } = await smtpAuth({ provider, outgoing: none(offersStartTls.port) });
      expect(outcome).toMatchObject({
        status: 'fail',
        code: 'CLEARTEXT_AUTH_REFUSED',
        summary: { key: 'mail.auth.cleartextProvider', params: { provider: provider === 'gmail' ? 'Gmail' : 'Office 365' } },
      });
      expect(evidence(outcome, 'smtp.evidence.ehlo')).toContain('STARTTLS');
      expect(targets(outcome)).toContain(`outgoing:\n  host: ${HOST}\n  port: 587\n  security: starttls`);
      expect(offersStartTls.auths).toEqual([]);
      expect(client.filter((line) => /^AUTH\b/i.test(line))).toEqual([]);
    },
  );

  it('Office 365 with security: none gets no credential even from a server that offers no STARTTLS', async () => {
    plaintextOnly.clear();
    const { outcome } = await smtpAuth({ provider: 'office365', outgoing: none(plaintextOnly.port) });
    expect(outcome).toMatchObject({ status: 'fail', code: 'CLEARTEXT_AUTH_REFUSED' });
    expect(plaintextOnly.auths).toEqual([]);
  });

  it('another provider with security: none and a server offering STARTTLS: fails with the fix security: starttls, and sends nothing', async () => {
    offersStartTls.clear();
    const { outcome, client } = await smtpAuth({ provider: 'imap', outgoing: none(offersStartTls.port) });
    expect(outcome).toMatchObject({
      status: 'fail',
      code: 'CLEARTEXT_AUTH_REFUSED',
      summary: { key: 'mail.auth.cleartextOffered', params: { command: 'STARTTLS', host: HOST } },
    });
    expect(outcome.remediation?.[0]).toMatchObject({
      message: { key: 'mail.fix.cleartextUseStarttls' },
      target: `outgoing:\n  host: ${HOST}\n  port: ${offersStartTls.port}\n  security: starttls`,
    });
    expect(evidence(outcome, 'smtp.evidence.ehlo')).toContain('STARTTLS');
    expect(offersStartTls.auths).toEqual([]);
    expect(client.filter((line) => /^AUTH\b/i.test(line))).toEqual([]);
  });

  it('another provider with security: none and no STARTTLS offered: the login goes ahead (the documented cleartext choice)', async () => {
    plaintextOnly.clear();
    const { outcome } = await smtpAuth({ provider: 'imap', outgoing: none(plaintextOnly.port) });
    expect(outcome.status).toBe('pass');
    expect(plaintextOnly.auths).toEqual([{ method: 'PLAIN', username: USER, accepted: true }]);
  });

  it('the session itself refuses AUTH without TLS when not allowed: no check can go around it', async () => {
    offersStartTls.clear();
    const open = (cleartext?: 'unless-tls-offered') =>
      SmtpSession.open({
        host: HOST,
        port: offersStartTls.port,
        security: 'none',
        timeoutMs: 2000,
        resolver: loopbackResolver,
        extraCa: [],
        now: () => new Date(),
        ...(cleartext ? { cleartext } : {}),
      });
    for (const session of [await open(), await open('unless-tls-offered')]) {
      try {
        await expect(session.authenticate({ kind: 'password', user: USER, password: secret(PASSWORD) })).rejects.toMatchObject({
          code: 'CLEARTEXT_AUTH_REFUSED',
        });
      } finally {
        await session.quit();
      }
    }
    expect(offersStartTls.auths).toEqual([]);
  });
});

describe('no "run again" after the credential was sent', () => {
  it('fails with AUTH_REPLY_TIMEOUT when AUTH PLAIN is never answered: outcome unknown, check the password, longer --timeout', async () => {
    silentPlain.received.length = 0;
    const { outcome, ms } = await smtpAuth({ outgoing: { host: HOST, port: silentPlain.port, security: 'starttls' } }, 1000);
    expect(outcome).toMatchObject({
      status: 'fail',
      code: 'AUTH_REPLY_TIMEOUT',
      summary: { key: 'mail.auth.replyTimeout', params: { command: 'AUTH PLAIN', seconds: 1 } },
    });
    expect(outcome.remediation).toEqual([{ kind: 'text', message: { key: 'mail.fix.authReplyTimeout', params: { user: USER, seconds: 30 } } }]);
    expect(renderedFixes(outcome)).not.toMatch(NO_RUN_AGAIN);
    expect(renderedFixes(outcome)).toContain('--timeout 30');
    expect(silentPlain.received.filter((line) => /^AUTH\b/.test(line))).toHaveLength(1);
    expect(ms).toBeLessThan(1000 * 3 + 1000);
  });

  it('fails with AUTH_REPLY_TIMEOUT when the password line of AUTH LOGIN is never answered', async () => {
    const { outcome } = await smtpAuth({ outgoing: { host: HOST, port: silentLogin.port, security: 'starttls' } }, 1000);
    expect(outcome).toMatchObject({ status: 'fail', code: 'AUTH_REPLY_TIMEOUT', summary: { params: { command: 'AUTH LOGIN' } } });
    expect(renderedFixes(outcome)).not.toMatch(NO_RUN_AGAIN);
  });

  it('keeps REPLY_TIMEOUT when the server goes silent before the password was sent', async () => {
    silentBeforePassword.received.length = 0;
    const { outcome } = await smtpAuth({ outgoing: { host: HOST, port: silentBeforePassword.port, security: 'starttls' } }, 1000);
    expect(outcome).toMatchObject({ status: 'fail', code: 'REPLY_TIMEOUT' });
    // AUTH LOGIN and the user name only (then the goodbye).
    expect(silentBeforePassword.received.slice(silentBeforePassword.received.indexOf('AUTH LOGIN')).filter((line) => line !== 'QUIT')).toHaveLength(2);
  });
});
