/**
 * A forged "no TLS 1.2+" never gets a credential sent. The one legacy retry (TLS 1.0 allowed,
 * `DEFAULT@SECLEVEL=0`, under which OpenSSL also accepts SHA-1 signatures and weak keys) exists only to name
 * a server that speaks nothing newer. An on-path attacker who answers the FIRST ClientHello with a forged
 * fatal protocol_version alert triggers that retry against a server that does speak TLS 1.2+: the retry's
 * session must fail with TLS_DOWNGRADE_SUSPECTED and carry nothing (no login, no EHLO, no goodbye), for
 * implicit TLS (IMAP, SMTP) and for SMTP STARTTLS. The certificate is signed with SHA-1: refused on the
 * normal path, it would be accepted at SECLEVEL=0.
 */
import net from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import forge from 'node-forge';
import { incomingAuthCheck } from '../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { createCa, type IssuedCert } from '../../standins/certs.js';
import { makeAccount, runInOrder, secret } from '../support/check-context.js';
import { startFakeImap, type FaultServer } from '../support/incoming-fault-servers.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';

const USER = 'atendimento@example.test';
const PASSWORD = 'Legacy-Canary-Password-7731';
const HOST = 'weak.test';
const root = createCa('Downgrade Test Root', 'downgrade-root');

/** A leaf for HOST under `root`, signed with SHA-1 (rejected by OpenSSL 3 at security level 1, Node's default). */
function sha1Leaf(): IssuedCert {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = '0123456789abcdef';
  certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
  certificate.validity.notAfter = new Date(Date.now() + 300 * 86_400_000);
  certificate.setSubject([{ name: 'commonName', value: HOST }]);
  certificate.setIssuer(root.certificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: HOST }] },
  ]);
  certificate.sign(root.keys.privateKey, forge.md.sha1.create());
  return { key: privateKey, cert: forge.pki.certificateToPem(certificate), ca: root.pem };
}

/** A fatal protocol_version alert (TLS record: alert, 1.2, length 2, fatal, 70). */
const PROTOCOL_VERSION_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]);

interface Proxy {
  readonly port: number;
  stop(): Promise<void>;
}

async function listen(server: net.Server, sockets: Set<net.Socket>): Promise<Proxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** On the path of implicit TLS: answers the FIRST connection's ClientHello with the alert, then relays. */
async function alertOnceProxy(backendPort: number): Promise<Proxy> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    connections += 1;
    if (connections === 1) {
      client.once('data', () => client.end(PROTOCOL_VERSION_ALERT));
      return;
    }
    const upstream = net.connect(backendPort, '127.0.0.1');
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return listen(server, sockets);
}

/** On the path of SMTP STARTTLS: relays, but answers the first connection's ClientHello (after STARTTLS) with the alert. */
async function alertAfterStartTlsProxy(backendPort: number): Promise<Proxy> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    connections += 1;
    const first = connections === 1;
    const upstream = net.connect(backendPort, '127.0.0.1');
    sockets.add(upstream);
    let sawStartTls = false;
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk) => {
      if (first && sawStartTls) {
        client.end(PROTOCOL_VERSION_ALERT);
        upstream.destroy();
        return;
      }
      if (/^STARTTLS\r?\n/im.test(chunk.toString('latin1'))) sawStartTls = true;
      upstream.write(chunk);
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return listen(server, sockets);
}

const evidenceOf = (outcome: CheckOutcome | undefined, label: string): string | undefined => outcome?.evidence?.find((entry) => entry.label === label)?.value;

const certificate = sha1Leaf();
let imap: FaultServer;
let smtps: SmtpTestServer;
let submission: SmtpTestServer;
const logins: string[] = [];

beforeAll(async () => {
  // (SECLEVEL=0 on the server side only lets the test servers load a SHA-1 certificate.)
  imap = await startFakeImap({
    tls: { ...certificate, options: { ciphers: 'DEFAULT@SECLEVEL=0' } },
    capabilities: 'IMAP4rev1 AUTH=PLAIN',
    login: (mechanism) => {
      logins.push(mechanism);
      return { status: 'OK Logged in.' };
    },
  });
  smtps = await startSmtpServer({ certificate, users: { [USER]: PASSWORD }, secure: true, tls: { ciphers: 'DEFAULT@SECLEVEL=0' } });
  submission = await startSmtpServer({ certificate, users: { [USER]: PASSWORD }, tls: { ciphers: 'DEFAULT@SECLEVEL=0' } });
}, 30_000);

afterAll(async () => {
  await imap?.stop();
  await smtps?.close();
  await submission?.close();
});

const imapAccount = (port: number) =>
  makeAccount({ mailbox: USER, auth: { method: 'password', password: secret(PASSWORD) }, incoming: { protocol: 'imap', host: HOST, port, security: 'tls' } });
const smtpAccount = (port: number, security: 'tls' | 'starttls') =>
  makeAccount({ mailbox: USER, auth: { method: 'password', password: secret(PASSWORD) }, outgoing: { host: HOST, port, security } });

describe('implicit TLS (IMAP): a forged protocol_version alert', () => {
  it('control: without the alert the SHA-1 chain is refused as untrusted and nothing is sent', async () => {
    logins.length = 0;
    imap.received.length = 0;
    const [, tls, auth] = await runInOrder([incomingConnectCheck, incomingTlsCheck, incomingAuthCheck], imapAccount(imap.port), [root.pem]);
    expect(tls).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(auth?.status).toBe('fail');
    expect(logins).toEqual([]);
  });

  it('fails with TLS_DOWNGRADE_SUSPECTED when the retry negotiates TLS 1.2+; no login, nothing at all is sent', async () => {
    logins.length = 0;
    imap.received.length = 0;
    const proxy = await alertOnceProxy(imap.port);
    try {
      const [connect, tls, auth] = await runInOrder([incomingConnectCheck, incomingTlsCheck, incomingAuthCheck], imapAccount(proxy.port), [root.pem]);
      expect(connect?.status).toBe('pass');
      expect(tls).toMatchObject({ status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' });
      expect(tls?.summary.key).toBe('mail.tls.downgradeSuspected');
      expect(tls?.remediation?.map((fix) => fix.message.key)).toEqual(['mail.fix.downgradeSuspected']);
      expect(evidenceOf(tls, 'mail.evidence.tlsProtocol')).toMatch(/^TLSv1\.[23] \(only with TLS 1\.0\/1\.1 allowed\)$/);
      expect(auth?.status).toBe('fail');
      expect(logins).toEqual([]);
      // Not even CAPABILITY or LOGOUT went over the SECLEVEL=0 session.
      expect(imap.received.flat()).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('implicit TLS (SMTP): a forged protocol_version alert', () => {
  it('control: without the alert the SHA-1 chain is refused as untrusted and nothing is sent', async () => {
    smtps.clear();
    const [, tls, auth] = await runInOrder([smtpConnectCheck, smtpTlsCheck, smtpAuthCheck], smtpAccount(smtps.port, 'tls'), [root.pem]);
    expect(tls).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(auth?.status).toBe('fail');
    expect(smtps.auths).toEqual([]);
  });

  it('fails with TLS_DOWNGRADE_SUSPECTED when the retry negotiates TLS 1.2+; AUTH never reaches the server', async () => {
    smtps.clear();
    const proxy = await alertOnceProxy(smtps.port);
    try {
      const [connect, tls, auth] = await runInOrder([smtpConnectCheck, smtpTlsCheck, smtpAuthCheck], smtpAccount(proxy.port, 'tls'), [root.pem]);
      expect(connect).toMatchObject({ status: 'pass', summary: { key: 'smtp.connect.passTlsOnly' } });
      expect(tls).toMatchObject({ status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' });
      expect(tls?.summary.key).toBe('mail.tls.downgradeSuspected');
      expect(auth?.status).toBe('fail');
      expect(smtps.auths).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('SMTP STARTTLS: a forged protocol_version alert after STARTTLS', () => {
  it('fails with TLS_DOWNGRADE_SUSPECTED instead of passing on the throw-away session; AUTH never reaches the server', async () => {
    submission.clear();
    const proxy = await alertAfterStartTlsProxy(submission.port);
    try {
      const [, tls, auth] = await runInOrder([smtpConnectCheck, smtpTlsCheck, smtpAuthCheck], smtpAccount(proxy.port, 'starttls'), [root.pem]);
      expect(tls).toMatchObject({ status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' });
      expect(tls?.summary.key).toBe('mail.tls.downgradeSuspected');
      expect(auth?.status).toBe('fail');
      expect(submission.auths).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('implicit TLS (SMTP): a server that really only speaks TLS 1.0/1.1', () => {
  it('is named TLS_VERSION_TOO_OLD; its connection is closed after the handshake and AUTH never reaches it', async () => {
    const old = await startSmtpServer({
      certificate,
      users: { [USER]: PASSWORD },
      secure: true,
      tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
    });
    try {
      const [connect, tls, auth] = await runInOrder([smtpConnectCheck, smtpTlsCheck, smtpAuthCheck], smtpAccount(old.port, 'tls'), [root.pem]);
      // Not even the greeting is read over the SECLEVEL=0 session.
      expect(connect).toMatchObject({ status: 'pass', summary: { key: 'smtp.connect.passTlsOnly' } });
      expect(tls).toMatchObject({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
      expect(evidenceOf(tls, 'mail.evidence.tlsProtocol')).toMatch(/^TLSv1(\.1)?$/);
      expect(auth?.status).toBe('fail');
      expect(old.auths).toEqual([]);
    } finally {
      await old.close();
    }
  });
});
