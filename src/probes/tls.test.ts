import net from 'node:net';
import tls from 'node:tls';
import { connectImplicitTls, judgeTls, trustAnchors, upgradeToTls, type TlsFacts } from './tls.js';
import { BoundedReader, connectTcp, readGreeting } from './tcp.js';
import { ProbeError } from './probe-error.js';
import { Transcript } from '../runner/transcript.js';
import type { DnsResolver } from '../runner/services.js';
import { createCa, daysFromNow, issueCert, type IssuedCert } from '../../test/support/certs.js';

const loopback: DnsResolver = { resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
const now = () => new Date();

const ca = createCa();
const otherCa = createCa('Unknown Test CA', 'other-ca');
/** One certificate per SNI name: the server picks by the name the client asks for. */
const certificates: Record<string, IssuedCert> = {
  'valid.test': issueCert(ca, { hosts: ['valid.test'] }),
  'expired.test': issueCert(ca, { hosts: ['expired.test'], notBefore: daysFromNow(-60), notAfter: daysFromNow(-1) }),
  'future.test': issueCert(ca, { hosts: ['future.test'], notBefore: daysFromNow(2), notAfter: daysFromNow(400) }),
  'wronghost.test': issueCert(ca, { hosts: ['other.example'] }),
  'selfsigned.test': issueCert(ca, { hosts: ['selfsigned.test'], selfSigned: true }),
  'unknownca.test': issueCert(otherCa, { hosts: ['unknownca.test'] }),
  'expiring.test': issueCert(ca, { hosts: ['expiring.test'], notAfter: daysFromNow(10) }),
};
const contexts = new Map(Object.entries(certificates).map(([name, pair]) => [name, tls.createSecureContext({ key: pair.key, cert: pair.cert })]));

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
function track<T extends net.Server>(server: T): T {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  return server;
}
async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

let sniPort: number;
let legacyPort: number;
let bannerPort: number;
let starttlsPort: number;

beforeAll(async () => {
  const valid = certificates['valid.test']!;
  sniPort = await listen(
    track(
      tls.createServer({ key: valid.key, cert: valid.cert, SNICallback: (name, done) => done(null, contexts.get(name) ?? contexts.get('valid.test')) }, (socket) => socket.on('error', () => undefined)),
    ),
  );
  // TLS 1.0 only, as test-servers.md describes for a legacy server on Node 20 / OpenSSL 3.
  legacyPort = await listen(
    track(tls.createServer({ key: valid.key, cert: valid.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (socket) => socket.on('error', () => undefined))),
  );
  bannerPort = await listen(track(net.createServer((socket) => socket.write('220 plain.test ESMTP\r\n'))));
  // A minimal STARTTLS dialogue: banner, then `STARTTLS` → `220 go ahead` → TLS on the same socket.
  starttlsPort = await listen(
    track(
      net.createServer((socket) => {
        socket.write('220 starttls.test ESMTP\r\n');
        socket.once('data', () => {
          socket.write('220 2.0.0 Ready to start TLS\r\n');
          const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: contexts.get('valid.test')! });
          secure.on('error', () => undefined);
        });
      }),
    ),
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function implicit(host: string, port = sniPort, extraCa: readonly string[] = [ca.pem], transcript?: Transcript) {
  return connectImplicitTls({ host, port, timeoutMs: 2000, resolver: loopback, extraCa, now, ...(transcript ? { transcript } : {}) });
}

async function failure(promise: Promise<unknown>): Promise<ProbeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProbeError) return error;
    throw error;
  }
  throw new Error('expected a ProbeError');
}

describe('connectImplicitTls', () => {
  it('passes a certificate trusted through tls.caFile (extraCa) and collects its facts', async () => {
    const transcript = new Transcript(true);
    const { session, tcp } = await implicit('valid.test', sniPort, [ca.pem], transcript);
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'pass' });
    expect(tcp.address).toBe('127.0.0.1');
    expect(session.facts.protocol).toBe('TLSv1.3');
    expect(session.facts.cipher).toMatch(/^TLS_/);
    expect(session.facts.trusted).toBe(true);
    expect(session.facts.hostnameValid).toBe(true);
    expect(session.facts.certificate?.subject).toContain('CN=valid.test');
    expect(session.facts.certificate?.issuer).toContain('CN=Tactium Preflight Test CA');
    expect(session.facts.certificate?.subjectAltNames).toEqual(['valid.test']);
    expect(session.facts.certificate?.daysLeft).toBeGreaterThanOrEqual(363);
    expect(session.facts.certificate?.selfSigned).toBe(false);
    expect(transcript.entries().filter((entry) => entry.direction === 'tls').map((entry) => entry.text).join('\n')).toMatch(/TLSv1\.3 .*certificate subject/s);
  });

  it('fails with TLS_CERT_UNTRUSTED when the CA is not in the trust store (no tls.caFile)', async () => {
    const { session } = await implicit('valid.test', sniPort, []);
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(session.facts.trustError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('fails with TLS_CERT_EXPIRED when the certificate expired yesterday', async () => {
    const { session } = await implicit('expired.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_EXPIRED' });
    expect(session.facts.certificate?.daysLeft).toBeLessThan(0);
  });

  it('fails with TLS_CERT_NOT_YET_VALID when the certificate starts the day after tomorrow', async () => {
    const { session } = await implicit('future.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_NOT_YET_VALID' });
  });

  it('fails with TLS_HOSTNAME_MISMATCH when the certificate names another host', async () => {
    const { session } = await implicit('wronghost.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_HOSTNAME_MISMATCH' });
    expect(session.facts.hostnameError).toContain('wronghost.test');
  });

  it('fails with TLS_SELF_SIGNED for an untrusted self-signed certificate', async () => {
    const { session } = await implicit('selfsigned.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_SELF_SIGNED' });
    expect(session.facts.certificate?.selfSigned).toBe(true);
    expect(session.facts.trustError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('accepts a self-signed certificate that tls.caFile trusts', async () => {
    const { session } = await implicit('selfsigned.test', sniPort, [certificates['selfsigned.test']!.cert]);
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'pass' });
  });

  it('fails with TLS_CERT_UNTRUSTED for a certificate from an unknown CA', async () => {
    const { session } = await implicit('unknownca.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(session.facts.certificate?.issuer).toContain('Unknown Test CA');
  });

  it('warns with TLS_CERT_EXPIRING when the certificate expires in 10 days', async () => {
    const { session } = await implicit('expiring.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'warn', code: 'TLS_CERT_EXPIRING' });
    expect(session.facts.certificate?.daysLeft).toBe(9);
  });

  it('names a TLS 1.0-only server with TLS_VERSION_TOO_OLD after one legacy retry', async () => {
    const transcript = new Transcript(true);
    const { session } = await implicit('valid.test', legacyPort, [ca.pem], transcript);
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
    expect(session.facts.protocol).toBe('TLSv1');
    expect(session.facts.legacyRetry).toBe(true);
    expect(transcript.entries().some((entry) => /retrying once/.test(entry.text))).toBe(true);
  });

  it('fails with IMPLICIT_TLS_ON_STARTTLS_PORT when a plaintext banner answers the ClientHello', async () => {
    const error = await failure(implicit('valid.test', bannerPort));
    expect(error.code).toBe('IMPLICIT_TLS_ON_STARTTLS_PORT');
    expect(error.nodeCode).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
  });
});

describe('upgradeToTls (STARTTLS)', () => {
  it('upgrades an open socket after the STARTTLS answer and judges the certificate', async () => {
    const tcp = await connectTcp({ host: 'valid.test', port: starttlsPort, timeoutMs: 1000, resolver: loopback });
    const reader = new BoundedReader(tcp.socket);
    await readGreeting(reader, { timeoutMs: 1000 });
    reader.write('STARTTLS');
    expect(await reader.readReply((lines) => lines.length > 0, { stage: 'STARTTLS', timeoutMs: 1000 })).toEqual(['220 2.0.0 Ready to start TLS']);
    const { socket } = reader.detach({ beforeTls: true });
    const session = await upgradeToTls(socket, { host: 'valid.test', timeoutMs: 1000, extraCa: [ca.pem], now, stage: 'STARTTLS' });
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'pass' });
    expect(session.facts.certificate?.subject).toContain('CN=valid.test');
  });

  it('fails with TLS_HANDSHAKE_TIMEOUT when the server never answers the ClientHello', async () => {
    const tcp = await connectTcp({ host: 'valid.test', port: bannerPort, timeoutMs: 1000, resolver: loopback });
    const reader = new BoundedReader(tcp.socket);
    await readGreeting(reader, { timeoutMs: 1000 });
    const { socket } = reader.detach();
    // The banner server reads nothing and answers nothing after its banner.
    const error = await failure(upgradeToTls(socket, { host: 'valid.test', timeoutMs: 300, extraCa: [ca.pem], now, stage: 'STARTTLS' }));
    expect(error.code).toBe('TLS_HANDSHAKE_TIMEOUT');
    expect(error.stage).toBe('STARTTLS');
  });
});

describe('judgeTls', () => {
  const facts: TlsFacts = {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    certificate: {
      subject: 'CN=mail.example.test',
      issuer: 'CN=CA',
      subjectAltNames: ['mail.example.test'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
      daysLeft: 100,
      selfSigned: false,
      serialNumber: '01',
      fingerprint256: 'AA',
      chain: ['CN=mail.example.test'],
    },
    trusted: true,
    hostnameValid: true,
    handshakeMs: 5,
    legacyRetry: false,
  };

  it('judges dates by the injected clock', () => {
    expect(judgeTls(facts, new Date('2026-06-01T00:00:00Z'))).toEqual({ status: 'pass' });
    expect(judgeTls(facts, new Date('2027-01-02T00:00:00Z'))).toEqual({ status: 'fail', code: 'TLS_CERT_EXPIRED' });
    expect(judgeTls(facts, new Date('2025-12-31T00:00:00Z'))).toEqual({ status: 'fail', code: 'TLS_CERT_NOT_YET_VALID' });
  });

  it('fails TLS 1.1 before looking at the certificate', () => {
    expect(judgeTls({ ...facts, protocol: 'TLSv1.1' }, new Date('2026-06-01T00:00:00Z'))).toEqual({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
  });

  it('warns under 30 days left and passes at 30', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(judgeTls({ ...facts, certificate: { ...facts.certificate!, daysLeft: 29 } }, at)).toEqual({ status: 'warn', code: 'TLS_CERT_EXPIRING' });
    expect(judgeTls({ ...facts, certificate: { ...facts.certificate!, daysLeft: 30 } }, at)).toEqual({ status: 'pass' });
  });
});

describe('trustAnchors', () => {
  it('keeps Node\'s default store when there is no extra CA, and adds the extra CA to the roots otherwise', () => {
    expect(trustAnchors([])).toBeUndefined();
    const anchors = trustAnchors([ca.pem]);
    expect(anchors).toContain(ca.pem);
    expect(anchors?.length).toBe(tls.rootCertificates.length + 1);
  });
});
