/**
 * TLS trust only from a verified chain, end to end: real servers on loopback (an IMAP server over implicit
 * TLS and over STARTTLS, and the `smtp-server` package over STARTTLS and implicit TLS) present chains built
 * at run time, and the real checks run against them: connect → tls → auth, the auth check run even after a
 * TLS failure (as `--only …auth` would). The SERVER says whether a credential arrived.
 *
 * Why these chains: with `rejectUnauthorized: false` OpenSSL reports only its last error, and dates come
 * last, so an attacker's own root that is also out of date (or an expired leaf under it) comes back as
 * CERT_HAS_EXPIRED / CERT_NOT_YET_VALID rather than SELF_SIGNED_CERT_IN_CHAIN; and an expired intermediate
 * under a trusted root comes back as CERT_HAS_EXPIRED while the leaf's own dates are fine.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { incomingAuthCheck } from '../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../src/checks/incoming/connect.js';
import { loginSession, secureSession } from '../../src/checks/incoming/shared/session.js';
import { incomingTlsCheck } from '../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { RunMemo } from '../../src/core/memo.js';
import { createCa, createIntermediate, daysFromNow, issueCert, type IssuedCert } from '../../standins/certs.js';
import { makeAccount, makeContext, runInOrder, secret } from '../support/check-context.js';
import { startFakeImap, type FaultServer } from '../support/incoming-fault-servers.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';

const USER = 'atendimento@example.test';
const PASSWORD = 'Trust-Canary-Password-5519';

const trustedRoot = createCa('Trust Test Root', 'trust-root');
const trustedIntermediate = createIntermediate(trustedRoot, 'Trust Test Intermediate');
const expiredIntermediate = createIntermediate(trustedRoot, 'Trust Test Old Intermediate', { notBefore: daysFromNow(-900), notAfter: daysFromNow(-400) });
const expiredAttackerRoot = createCa('Attacker Root', 'attacker-root', { notBefore: daysFromNow(-2000), notAfter: daysFromNow(-1500) });
const futureAttackerRoot = createCa('Attacker Future Root', 'attacker-future-root', { notBefore: daysFromNow(30), notAfter: daysFromNow(3000) });
const validAttackerRoot = createCa('Attacker Valid Root', 'attacker-valid-root');
/** The trusted root's name, byte for byte, with the attacker's own key. */
const copiedRoot = createCa('Trust Test Root', 'attacker-copied-root');
const expiredLeafDates = { notBefore: daysFromNow(-90), notAfter: daysFromNow(-2) };

interface TrustCase {
  readonly name: string;
  readonly host: string;
  readonly certificate: IssuedCert;
  /** tls.caFile: the trusted root, or nothing (Node's store only). */
  readonly extraCa: string[];
  readonly expect: (outcome: CheckOutcome) => void;
}

function untrusted(reason: RegExp): (outcome: CheckOutcome) => void {
  return (outcome) => {
    expect(outcome).toMatchObject({
      status: 'fail',
      code: 'TLS_CERT_UNTRUSTED',
      summary: { key: 'mail.tls.untrusted', params: { reason: expect.stringMatching(reason) } },
    });
    expect(outcome.evidence?.find((entry) => entry.label === 'mail.evidence.certTrust')?.value).toMatch(/^not trusted/);
  };
}

function expiredAt(role: 'leaf' | 'intermediate', subject: string): (outcome: CheckOutcome) => void {
  return (outcome) => {
    expect(outcome).toMatchObject({
      status: 'fail',
      code: 'TLS_CERT_EXPIRED',
      summary: {
        key: role === 'leaf' ? 'mail.tls.expiredLeaf' : 'mail.tls.expiredIntermediate',
        params: { subject: expect.stringContaining(`CN=${subject}`) },
      },
    });
    const listed = outcome.evidence?.find((entry) => entry.label === 'mail.evidence.certOutOfDate')?.value ?? '';
    expect(listed).toMatch(new RegExp(`^${role} certificate "CN=${subject}, O=tactium-preflight tests" expired \\d{4}-\\d\\d-\\d\\dT`));
    expect(listed.split('\n')).toHaveLength(1);
    expect(outcome.evidence?.find((entry) => entry.label === 'mail.evidence.certTrust')?.value).toMatch(
      /^trusted: every signature verified up to the trusted root "CN=Trust Test Root/,
    );
  };
}

const CASES: readonly TrustCase[] = [
  {
    name: '1. an expired attacker root (no anchor), valid leaf, no tls.caFile → untrusted',
    host: 'expired-root.test',
    certificate: issueCert(expiredAttackerRoot, { hosts: ['expired-root.test'], sendRoot: true }),
    extraCa: [],
    expect: untrusted(/^SELF_SIGNED_CERT_IN_CHAIN: the chain ends in "CN=Attacker Root.*\(OpenSSL reported CERT_HAS_EXPIRED\)$/),
  },
  {
    name: '2. a not-yet-valid attacker root → untrusted',
    host: 'future-root.test',
    certificate: issueCert(futureAttackerRoot, { hosts: ['future-root.test'], sendRoot: true }),
    extraCa: [trustedRoot.pem],
    expect: untrusted(/^SELF_SIGNED_CERT_IN_CHAIN: .*"CN=Attacker Future Root.*\(OpenSSL reported CERT_NOT_YET_VALID\)$/),
  },
  {
    name: '3. a valid attacker root with an expired leaf → untrusted, not expired',
    host: 'expired-leaf-attacker.test',
    certificate: issueCert(validAttackerRoot, { hosts: ['expired-leaf-attacker.test'], sendRoot: true, ...expiredLeafDates }),
    extraCa: [trustedRoot.pem],
    expect: untrusted(/^SELF_SIGNED_CERT_IN_CHAIN: .*"CN=Attacker Valid Root.*\(OpenSSL reported CERT_HAS_EXPIRED\)$/),
  },
  {
    name: "4. an attacker root copying the trusted root's name (expired leaf) → untrusted",
    host: 'copied-root.test',
    certificate: issueCert(copiedRoot, { hosts: ['copied-root.test'], sendRoot: true, ...expiredLeafDates }),
    extraCa: [trustedRoot.pem],
    expect: untrusted(/^SELF_SIGNED_CERT_IN_CHAIN: .*"CN=Trust Test Root.*copied name.*\(OpenSSL reported CERT_HAS_EXPIRED\)$/),
  },
  {
    name: '5. an expired intermediate under a trusted root → TLS_CERT_EXPIRED naming the intermediate',
    host: 'expired-intermediate.test',
    certificate: issueCert(expiredIntermediate, { hosts: ['expired-intermediate.test'] }),
    extraCa: [trustedRoot.pem],
    expect: expiredAt('intermediate', 'Trust Test Old Intermediate'),
  },
  {
    name: '6. an expired leaf under a trusted root → TLS_CERT_EXPIRED naming the leaf',
    host: 'expired-leaf.test',
    certificate: issueCert(trustedIntermediate, { hosts: ['expired-leaf.test'], ...expiredLeafDates }),
    extraCa: [trustedRoot.pem],
    expect: expiredAt('leaf', 'expired-leaf.test'),
  },
];

const VALID: TrustCase = {
  name: '7. a valid chain → pass',
  host: 'valid.test',
  certificate: issueCert(trustedIntermediate, { hosts: ['valid.test'] }),
  extraCa: [trustedRoot.pem],
  expect: (outcome) => {
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.find((entry) => entry.label === 'mail.evidence.certTrust')?.value).toBe('trusted');
  },
};

/** What reached an IMAP server: every login attempt, and every line that carries the password in any form. */
interface ImapServer {
  readonly server: FaultServer;
  readonly logins: string[];
}

const imapServers = new Map<string, { implicit: ImapServer; starttls: ImapServer }>();
let smtpStarttls: SmtpTestServer;
let smtpImplicit: SmtpTestServer;

async function imapServer(certificate: IssuedCert, security: 'tls' | 'starttls'): Promise<ImapServer> {
  const logins: string[] = [];
  const login = (mechanism: string) => {
    logins.push(mechanism);
    return { status: 'OK Logged in.' };
  };
  const server = await (security === 'tls'
    ? startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=PLAIN', login })
    : startFakeImap({ startTls: certificate, capabilities: 'IMAP4rev1 STARTTLS LOGINDISABLED', capabilitiesSecure: 'IMAP4rev1 AUTH=PLAIN', login }));
  return { server, logins };
}

beforeAll(async () => {
  for (const trustCase of [...CASES, VALID]) {
    imapServers.set(trustCase.host, {
      implicit: await imapServer(trustCase.certificate, 'tls'),
      starttls: await imapServer(trustCase.certificate, 'starttls'),
    });
  }
  const sni = Object.fromEntries([...CASES, VALID].map((trustCase) => [trustCase.host, trustCase.certificate]));
  const users = { [USER]: PASSWORD };
  // The default certificate is never used: every account's host is an SNI name above.
  [smtpStarttls, smtpImplicit] = await Promise.all([
    startSmtpServer({ certificate: VALID.certificate, sni, users }),
    startSmtpServer({ certificate: VALID.certificate, sni, users, secure: true }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([...imapServers.values()].flatMap(({ implicit, starttls }) => [implicit.server.stop(), starttls.server.stop()]));
  await Promise.all([smtpStarttls?.close(), smtpImplicit?.close()]);
});

function imapAccount(host: string, port: number, security: 'tls' | 'starttls') {
  return makeAccount({ mailbox: USER, auth: { method: 'password', password: secret(PASSWORD) }, incoming: { protocol: 'imap', host, port, security } });
}

function smtpAccount(host: string, port: number, security: 'tls' | 'starttls') {
  return makeAccount({ mailbox: USER, auth: { method: 'password', password: secret(PASSWORD) }, outgoing: { host, port, security } });
}

/** Every line the IMAP server received on any connection, and whether one carried the password (plain or in SASL PLAIN). */
function imapReceivedPassword(server: FaultServer): boolean {
  const plain = Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64');
  return server.received.flat().some((line) => line.includes(PASSWORD) || line.includes(plain));
}

describe.each([
  ['IMAP, implicit TLS', 'tls'],
  ['IMAP, STARTTLS', 'starttls'],
] as const)('%s', (_label, security) => {
  it.each(CASES.map((trustCase) => [trustCase.name, trustCase] as const))('%s; the server receives no credential', async (_name, trustCase) => {
    const { server, logins } = imapServers.get(trustCase.host)![security === 'tls' ? 'implicit' : 'starttls'];
    const [, tls, auth] = await runInOrder(
      [incomingConnectCheck, incomingTlsCheck, incomingAuthCheck],
      imapAccount(trustCase.host, server.port, security),
      trustCase.extraCa,
    );
    trustCase.expect(tls!);
    expect(auth).toMatchObject({ status: 'fail', code: tls!.code });
    expect(logins).toEqual([]);
    expect(server.received.flat().filter((line) => /\b(LOGIN|AUTHENTICATE)\b/i.test(line))).toEqual([]);
    expect(imapReceivedPassword(server)).toBe(false);
  });

  it(`${VALID.name}; the credential arrives`, async () => {
    const { server, logins } = imapServers.get(VALID.host)![security === 'tls' ? 'implicit' : 'starttls'];
    const [, tls, auth] = await runInOrder(
      [incomingConnectCheck, incomingTlsCheck, incomingAuthCheck],
      imapAccount(VALID.host, server.port, security),
      VALID.extraCa,
    );
    VALID.expect(tls!);
    expect(auth).toMatchObject({ status: 'pass' });
    expect(logins).toEqual(['PLAIN']);
    expect(imapReceivedPassword(server)).toBe(true);
  });
});

describe.each([
  ['SMTP, STARTTLS', 'starttls'],
  ['SMTP, implicit TLS', 'tls'],
] as const)('%s', (_label, security) => {
  const serverFor = () => (security === 'starttls' ? smtpStarttls : smtpImplicit);

  it.each(CASES.map((trustCase) => [trustCase.name, trustCase] as const))('%s; the server receives no credential', async (_name, trustCase) => {
    const server = serverFor();
    server.clear();
    const [, tls, auth] = await runInOrder(
      [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck],
      smtpAccount(trustCase.host, server.port, security),
      trustCase.extraCa,
    );
    trustCase.expect(tls!);
    expect(auth).toMatchObject({ status: 'fail', code: tls!.code });
    expect(server.auths).toEqual([]);
  });

  it(`${VALID.name}; the credential arrives`, async () => {
    const server = serverFor();
    server.clear();
    const [, tls, auth] = await runInOrder([smtpConnectCheck, smtpTlsCheck, smtpAuthCheck], smtpAccount(VALID.host, server.port, security), VALID.extraCa);
    VALID.expect(tls!);
    expect(auth).toMatchObject({ status: 'pass' });
    expect(server.auths).toEqual([{ method: 'PLAIN', username: USER, accepted: true }]);
  });
});

describe('the incoming login itself', () => {
  it('refuses to send a credential over a session whose TLS failed, even when a caller forgets to stop', async () => {
    const trustCase = CASES[0]!;
    const { server, logins } = imapServers.get(trustCase.host)!.implicit;
    const account = imapAccount(trustCase.host, server.port, 'tls');
    const shared = new RunMemo();
    try {
      const context = makeContext(account, { shared, extraCa: trustCase.extraCa });
      const session = await secureSession(context);
      expect(session.tlsSession?.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
      const outcome = await loginSession(session, context, { kind: 'password', user: USER, password: secret(PASSWORD) });
      expect(outcome).toMatchObject({
        kind: 'failure',
        failure: { code: 'TLS_CERT_UNTRUSTED', message: 'nothing is sent over a TLS connection that failed its checks' },
      });
    } finally {
      await shared.dispose();
    }
    expect(logins).toEqual([]);
    expect(imapReceivedPassword(server)).toBe(false);
  });
});
