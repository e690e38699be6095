/**
 * incoming.auth with `security: none` against real Dovecots on their plaintext ports: one that offers
 * STARTTLS/STLS but would also take a cleartext login (`disable_plaintext_auth = no`), and one without any
 * TLS (`ssl = no`). Dovecot's log shows whether a login arrived. Office 365 and Gmail never get a
 * credential without TLS; another provider only when the server offers no STARTTLS — otherwise the fix is
 * to use it. And below the checks, the probes refuse on their own (nothing written to the socket).
 */
import net from 'node:net';
import { once } from 'node:events';
import { loginAndExamine } from '../../../src/probes/imap.js';
import { Pop3Client } from '../../../src/probes/pop3-client.js';
import { BoundedReader } from '../../../src/probes/bounded-reader.js';
import { Transcript } from '../../../src/runner/transcript.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { secret } from '../../support/check-context.js';
import { DOVECOT_USERS, startDovecot, type DovecotServer } from '../../support/dovecot.js';
import { startFakeImap, startFakePop3, type FaultServer } from '../../support/incoming-fault-servers.js';
import { clientLines, dovecotAccount, evidence, remediationText, runIncoming } from './run-incoming.js';

const HOST = 'mail.example.test';
const ca = createCa();
const trusted = { extraCa: [ca.pem] };
/** Offers STARTTLS / STLS on the plaintext ports, and accepts cleartext logins there too. */
let allowing: DovecotServer;
/** No TLS at all: nothing to upgrade to. */
let plaintextOnly: DovecotServer;
const fakes: FaultServer[] = [];

beforeAll(async () => {
  const certificate = issueCert(ca, { hosts: [HOST] });
  [allowing, plaintextOnly] = await Promise.all([startDovecot({ certificate, plaintext: 'allowed' }), startDovecot({ certificate, plaintext: 'only' })]);
}, 30_000);
afterAll(async () => {
  await Promise.all([allowing?.stop(), plaintextOnly?.stop(), ...fakes.map((fake) => fake.stop())]);
});

const LOGIN_LINES = /^client: .*\b(LOGIN|AUTHENTICATE|USER|PASS|AUTH)\b/;
const ALICE_LOGIN = `user=<${DOVECOT_USERS.alice.name}>`;

function plainPort(server: DovecotServer, protocol: 'imap' | 'pop3'): number {
  return protocol === 'imap' ? server.imapPort : server.pop3Port;
}

function noneAccount(protocol: 'imap' | 'pop3', server: DovecotServer, provider: 'office365' | 'gmail' | 'imap') {
  return dovecotAccount(protocol, 'starttls', server, HOST, {
    provider,
    incoming: { protocol, host: HOST, port: plainPort(server, protocol), security: 'none' },
  });
}

describe.each(['imap', 'pop3'] as const)('%s with security: none', (protocol) => {
  const command = protocol === 'imap' ? 'STARTTLS' : 'STLS';

  it.each(['office365', 'gmail'] as const)('%s: fails with CLEARTEXT_AUTH_REFUSED and sends nothing, though the server would take it', async (provider) => {
    const offset = allowing.readLog().length;
    const run = await runIncoming(noneAccount(protocol, allowing, provider), trusted);
    expect(run.auth.outcome).toMatchObject({ status: 'fail', code: 'CLEARTEXT_AUTH_REFUSED', summary: { key: 'mail.auth.cleartextProvider' } });
    // Office 365 and Gmail take IMAP and POP3 with implicit TLS only.
    expect(remediationText(run.auth.outcome)).toContain(`port: ${protocol === 'imap' ? 993 : 995}\n  security: tls`);
    expect(evidence(run.auth.outcome, 'incoming.evidence.capabilitiesBefore')).toContain(command);
    expect(run.transcript.filter((line) => LOGIN_LINES.test(line))).toEqual([]);
    expect(await allowing.countInLog(ALICE_LOGIN, offset)).toBe(0);
  });

  it(`another provider, the server offering ${command}: fails with the fix security: starttls and sends nothing`, async () => {
    const offset = allowing.readLog().length;
    const account = noneAccount(protocol, allowing, 'imap');
    const run = await runIncoming(account, trusted);
    expect(run.auth.outcome).toMatchObject({
      status: 'fail',
      code: 'CLEARTEXT_AUTH_REFUSED',
      summary: { key: 'mail.auth.cleartextOffered', params: { command } },
    });
    expect(run.auth.outcome?.remediation?.[0]).toMatchObject({
      message: { key: 'mail.fix.cleartextUseStarttls' },
      target: `incoming:\n  protocol: ${protocol}\n  host: ${HOST}\n  port: ${account.incoming.port}\n  security: starttls`,
    });
    expect(evidence(run.auth.outcome, 'incoming.evidence.capabilitiesBefore')).toContain(command);
    expect(run.transcript.filter((line) => LOGIN_LINES.test(line))).toEqual([]);
    expect(await allowing.countInLog(ALICE_LOGIN, offset)).toBe(0);
  });

  it('another provider, no STARTTLS offered: the login goes ahead in clear text (the documented choice)', async () => {
    const offset = plaintextOnly.readLog().length;
    const run = await runIncoming(noneAccount(protocol, plaintextOnly, 'imap'), trusted);
    expect(run.tls.outcome).toMatchObject({ status: 'warn', code: 'TLS_NOT_CONFIGURED' });
    expect(run.auth.outcome?.status).toBe('pass');
    expect(clientLines(run.transcript, protocol === 'imap' ? /\b(AUTHENTICATE|LOGIN)\b/ : /^client: (PASS|AUTH)\b/)).toHaveLength(1);
    expect(await plaintextOnly.countInLog(ALICE_LOGIN, offset)).toBeGreaterThanOrEqual(1);
  });
});

describe('the probes refuse on their own, below the checks', () => {
  async function plainSocket(server: FaultServer): Promise<net.Socket> {
    const socket = net.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  }

  it('IMAP: loginAndExamine writes nothing on a plain socket unless the policy allows it and no STARTTLS is offered', async () => {
    const server = await startFakeImap({ capabilities: 'IMAP4rev1 STARTTLS AUTH=PLAIN' });
    fakes.push(server);
    const cases = [
      { cleartext: 'never', capabilities: ['IMAP4REV1', 'AUTH=PLAIN'] },
      { cleartext: 'unless-tls-offered', capabilities: ['IMAP4REV1', 'STARTTLS', 'AUTH=PLAIN'] },
      { cleartext: 'unless-tls-offered', capabilities: ['IMAP4REV1', 'LOGINDISABLED', 'AUTH=PLAIN'] },
    ] as const;
    for (const { cleartext, capabilities } of cases) {
      const socket = await plainSocket(server);
      try {
        await expect(
          loginAndExamine({
            socket,
            secure: false,
            host: HOST,
            port: server.port,
            greeting: '* OK Fake IMAP ready.',
            capabilities,
            credential: { kind: 'password', user: DOVECOT_USERS.alice.name, password: secret(DOVECOT_USERS.alice.password) },
            cleartext,
            timeoutMs: 1000,
            transcript: new Transcript(true),
          }),
        ).rejects.toMatchObject({ code: 'CLEARTEXT_AUTH_REFUSED' });
      } finally {
        socket.destroy();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received.flat()).toEqual([]);
  });

  it('POP3: USER/PASS and AUTH are refused before a byte is written, unless allowed and CAPA offers no STLS', async () => {
    const server = await startFakePop3({ capa: ['USER', 'STLS', 'SASL PLAIN'] });
    fakes.push(server);
    for (const cleartext of ['never', 'unless-tls-offered'] as const) {
      const socket = await plainSocket(server);
      const reader = new BoundedReader(socket, {});
      const client = new Pop3Client(reader, 1000, cleartext);
      try {
        await client.greeting();
        // `never`: refused without CAPA; `unless-tls-offered`: CAPA lists STLS.
        if (cleartext === 'unless-tls-offered') await client.capa();
        await expect(client.userPass(DOVECOT_USERS.alice.name, DOVECOT_USERS.alice.password)).rejects.toMatchObject({ code: 'CLEARTEXT_AUTH_REFUSED' });
        await expect(client.authenticate('PLAIN', 'AGFsaWNlAHNlY3JldA==')).rejects.toMatchObject({ code: 'CLEARTEXT_AUTH_REFUSED' });
      } finally {
        reader.destroy();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received.flat().filter((line) => !/^CAPA$/.test(line))).toEqual([]);
  });
});
