/**
 * POP3 servers that take a login only after STLS (RFC 2595 §4): CAPA before TLS lists STLS and neither USER
 * nor SASL. The answer is the one IMAP's LOGINDISABLED gets — use security: starttls — never "ask the
 * provider", and nothing of the credential is sent. "After TLS" is said only when TLS was used.
 */
import { createCa, issueCert } from '../../../standins/certs.js';
import { startFakePop3, type FaultServer } from '../../support/incoming-fault-servers.js';
import { makeAccount, secret } from '../../support/check-context.js';
import { translate } from '../../../src/i18n/index.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { evidence, runIncoming } from './run-incoming.js';

const HOST = 'mail.example.test';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST] });
const fast = { extraCa: [ca.pem], options: { stepTimeoutMs: 3000 } };
const PASSWORD = 'Fault-Server-Password-7';
const servers: FaultServer[] = [];

async function serve(server: Promise<FaultServer>): Promise<FaultServer> {
  const started = await server;
  servers.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

function pop3Account(port: number, security: 'none' | 'starttls') {
  return makeAccount({
    auth: { method: 'password', password: secret(PASSWORD) },
    incoming: { protocol: 'pop3', host: HOST, port, security },
  });
}

function rendered(outcome: CheckOutcome | undefined): string {
  if (!outcome) return '';
  return (['en', 'pt-BR'] as const)
    .flatMap((locale) => [
      translate(locale, outcome.summary.key, outcome.summary.params),
      ...(outcome.remediation ?? []).map((entry) => translate(locale, entry.message.key, entry.message.params)),
    ])
    .join('\n');
}

/** Dovecot with disable_plaintext_auth = yes, as its CAPA reads on port 110 before STLS. */
const BEFORE_TLS = ['TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'STLS'];
const AFTER_TLS = ['TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'USER', 'SASL PLAIN'];

describe('POP3: CAPA before TLS lists STLS and no login', () => {
  it('security: none → use security: starttls on this port, nothing of the credential sent, no "after TLS"', async () => {
    const server = await serve(startFakePop3({ startTls: certificate, capa: BEFORE_TLS, capaSecure: AFTER_TLS }));
    const run = await runIncoming(pop3Account(server.port, 'none'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'CLEARTEXT_AUTH_REFUSED', summary: { params: { command: 'STLS' } } });
    expect(run.auth.outcome?.remediation?.[0]?.target).toBe(`incoming:\n  protocol: pop3\n  host: ${HOST}\n  port: ${server.port}\n  security: starttls`);
    expect(evidence(run.auth.outcome, 'incoming.evidence.capabilitiesBefore')).toContain('STLS');
    expect(rendered(run.auth.outcome)).not.toMatch(/after TLS|depois do TLS/);
    expect(server.received.flat().filter((line) => /^(USER|PASS|AUTH)\b/i.test(line))).toEqual([]);
  });

  it('security: starttls → logs in after STLS with the capabilities read again', async () => {
    const server = await serve(startFakePop3({ startTls: certificate, capa: BEFORE_TLS, capaSecure: AFTER_TLS }));
    const run = await runIncoming(pop3Account(server.port, 'starttls'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'pass' });
    expect(evidence(run.tls.outcome, 'incoming.evidence.capabilitiesAfter')).toContain('USER');
  });
});

describe('no login offered on an unencrypted connection, and no STLS', () => {
  it('says so without "after TLS", and proposes implicit TLS on the conventional port', async () => {
    const server = await serve(startFakePop3({ capa: ['TOP', 'UIDL'] }));
    const run = await runIncoming(pop3Account(server.port, 'none'), fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_NOT_OFFERED', summary: { key: 'incoming.auth.notOfferedClear' } });
    expect(rendered(run.auth.outcome)).not.toMatch(/after TLS|depois do TLS/);
    expect(run.auth.outcome?.remediation?.[0]?.target).toBe(`incoming:\n  protocol: pop3\n  host: ${HOST}\n  port: 995\n  security: tls`);
    expect(server.received.flat().filter((line) => /^(USER|PASS|AUTH)\b/i.test(line))).toEqual([]);
  });

  it('OAuth without XOAUTH2/OAUTHBEARER on an unencrypted connection: no "after TLS" either', async () => {
    const server = await serve(startFakePop3({ capa: ['USER', 'SASL GSSAPI'] }));
    const account = makeAccount({
      auth: { method: 'oauth2', password: undefined, accessToken: secret('token-never-sent-0123456789') },
      incoming: { protocol: 'pop3', host: HOST, port: server.port, security: 'none' },
    });
    const run = await runIncoming(account, fast);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'AUTH_MECHANISM_UNSUPPORTED', summary: { key: 'incoming.auth.mechanismUnsupportedClear' } });
    expect(rendered(run.auth.outcome)).not.toMatch(/after TLS|depois do TLS/);
  });
});
