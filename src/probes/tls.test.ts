import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { connectImplicitTls, upgradeToTls } from './tls.js';
import { anchorSet, anchorsFor, nodeExtraCaCertificates, proveChain, trustAnchors } from './tls-chain.js';
import type { TlsFacts } from './tls-facts.js';
import { judgeTls } from './tls-verdict.js';
import { BoundedReader, readGreeting } from './bounded-reader.js';
import { connectTcp } from './tcp.js';
import { ProbeError } from './probe-error.js';
import { Transcript } from '../runner/transcript.js';
import type { DnsResolver } from '../core/services.js';
import { createCa, createIntermediate, daysFromNow, issueCert, type IssuedCert } from '../../standins/certs.js';

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
  // Signed by someone's own root that expired, and the server sends that root: OpenSSL's last error is
  // CERT_HAS_EXPIRED, which hides SELF_SIGNED_CERT_IN_CHAIN.
  'attacker.test': issueCert(createCa('Attacker Root', 'attacker-root', { notBefore: daysFromNow(-2000), notAfter: daysFromNow(-1500) }), {
    hosts: ['attacker.test'],
    sendRoot: true,
  }),
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
      tls.createServer(
        { key: valid.key, cert: valid.cert, SNICallback: (name, done) => done(null, contexts.get(name) ?? contexts.get('valid.test')) },
        (socket) => socket.on('error', () => undefined),
      ),
    ),
  );
  // TLS 1.0 only, as docs/testing.md §Fault servers describes for a legacy server on Node 20 / OpenSSL 3.
  legacyPort = await listen(
    track(
      tls.createServer({ key: valid.key, cert: valid.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (socket) =>
        socket.on('error', () => undefined),
      ),
    ),
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
    expect(
      transcript
        .entries()
        .filter((entry) => entry.direction === 'tls')
        .map((entry) => entry.text)
        .join('\n'),
    ).toMatch(/TLSv1\.3 .*certificate subject/s);
  });

  it("counts the days left from each connection's own clock, the certificate's facts read once", async () => {
    const first = await implicit('valid.test');
    first.session.socket.destroy();
    const later = new Date(now().getTime() + 100 * 86_400_000);
    const second = await connectImplicitTls({ host: 'valid.test', port: sniPort, timeoutMs: 2000, resolver: loopback, extraCa: [ca.pem], now: () => later });
    second.session.socket.destroy();
    const [a, b] = [first.session.facts.certificate!, second.session.facts.certificate!];
    expect(b.fingerprint256).toBe(a.fingerprint256);
    expect(a.daysLeft - b.daysLeft).toBe(100);
    expect({ ...b, daysLeft: a.daysLeft }).toEqual(a);
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
    expect(session.verdict).toMatchObject({
      status: 'fail',
      code: 'TLS_CERT_EXPIRED',
      outOfDate: [{ role: 'leaf', problem: 'expired', subject: expect.stringContaining('CN=expired.test') }],
    });
    expect(session.verdict.outOfDate).toHaveLength(1);
    expect(session.facts.certificate?.daysLeft).toBeLessThan(0);
  });

  it('fails with TLS_CERT_NOT_YET_VALID when the certificate starts the day after tomorrow', async () => {
    const { session } = await implicit('future.test');
    session.socket.destroy();
    expect(session.verdict).toMatchObject({ status: 'fail', code: 'TLS_CERT_NOT_YET_VALID', outOfDate: [{ role: 'leaf', problem: 'not-yet-valid' }] });
  });

  it('fails with TLS_CERT_UNTRUSTED, not TLS_CERT_EXPIRED, when the chain ends in an expired root that is no anchor', async () => {
    const { session } = await implicit('attacker.test');
    session.socket.destroy();
    expect(session.verdict).toEqual({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(session.facts.trusted).toBe(false);
    expect(session.facts.trustError).toMatch(/^SELF_SIGNED_CERT_IN_CHAIN: the chain ends in "CN=Attacker Root.*\(OpenSSL reported CERT_HAS_EXPIRED\)$/);
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
    const { session, tcp } = await implicit('valid.test', legacyPort, [ca.pem], transcript);
    // Closed by connectImplicitTls itself: nobody can read from or write to the SECLEVEL=0 session.
    expect(session.socket.destroyed).toBe(true);
    expect(tcp.socket.destroyed).toBe(true);
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
      chainAnchors: [false],
      caIssuersUrls: [],
    },
    trusted: true,
    hostnameValid: true,
    handshakeMs: 5,
    legacyRetry: false,
  };

  const leafDates = { role: 'leaf' as const, subject: 'CN=mail.example.test', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z' };

  it('judges dates by the injected clock', () => {
    expect(judgeTls(facts, new Date('2026-06-01T00:00:00Z'))).toEqual({ status: 'pass' });
    expect(judgeTls(facts, new Date('2027-01-02T00:00:00Z'))).toEqual({
      status: 'fail',
      code: 'TLS_CERT_EXPIRED',
      outOfDate: [{ ...leafDates, problem: 'expired' }],
    });
    expect(judgeTls(facts, new Date('2025-12-31T00:00:00Z'))).toEqual({
      status: 'fail',
      code: 'TLS_CERT_NOT_YET_VALID',
      outOfDate: [{ ...leafDates, problem: 'not-yet-valid' }],
    });
  });

  it('fails an untrusted chain as untrusted even when its certificate is also out of date (trust before dates)', () => {
    const untrusted = { ...facts, trusted: false, trustError: 'SELF_SIGNED_CERT_IN_CHAIN' };
    expect(judgeTls(untrusted, new Date('2027-01-02T00:00:00Z'))).toEqual({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(judgeTls({ ...untrusted, certificate: { ...facts.certificate!, selfSigned: true } }, new Date('2025-12-31T00:00:00Z'))).toEqual({
      status: 'fail',
      code: 'TLS_SELF_SIGNED',
    });
  });

  it('names every out-of-date certificate of a proven chain, leaf first', () => {
    const provenChain = [
      leafDates,
      { role: 'intermediate' as const, subject: 'CN=Old Intermediate', validFrom: '2020-01-01T00:00:00.000Z', validTo: '2021-06-01T00:00:00.000Z' },
      { role: 'root' as const, subject: 'CN=Root', validFrom: '2026-03-01T00:00:00.000Z', validTo: '2036-01-01T00:00:00.000Z' },
    ];
    const verdict = judgeTls({ ...facts, provenChain, dateError: 'CERT_HAS_EXPIRED' }, new Date('2026-02-01T00:00:00Z'));
    expect(verdict).toEqual({
      status: 'fail',
      code: 'TLS_CERT_EXPIRED',
      outOfDate: [
        { ...provenChain[1], problem: 'expired' },
        { ...provenChain[2], problem: 'not-yet-valid' },
      ],
    });
  });

  it('never passes a chain trusted only by our proof, even when the injected clock sees every date in range', () => {
    const provenChain = [leafDates];
    expect(judgeTls({ ...facts, provenChain, dateError: 'CERT_NOT_YET_VALID' }, new Date('2026-06-01T00:00:00Z'))).toEqual({
      status: 'fail',
      code: 'TLS_CERT_NOT_YET_VALID',
      outOfDate: [],
    });
    expect(judgeTls({ ...facts, provenChain, dateError: 'CERT_HAS_EXPIRED' }, new Date('2026-06-01T00:00:00Z'))).toEqual({
      status: 'fail',
      code: 'TLS_CERT_EXPIRED',
      outOfDate: [],
    });
  });

  it('fails TLS 1.1 before looking at the certificate', () => {
    expect(judgeTls({ ...facts, protocol: 'TLSv1.1' }, new Date('2026-06-01T00:00:00Z'))).toEqual({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
  });

  it('never passes a legacy-retry session: TLS 1.2+ there is a suspected downgrade, TLS 1.0/1.1 is too old', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(judgeTls({ ...facts, legacyRetry: true }, at)).toEqual({ status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' });
    expect(judgeTls({ ...facts, protocol: 'TLSv1.3', legacyRetry: true }, at)).toEqual({ status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' });
    expect(judgeTls({ ...facts, protocol: 'TLSv1', legacyRetry: true }, at)).toEqual({ status: 'fail', code: 'TLS_VERSION_TOO_OLD' });
  });

  it('warns under 30 days left and passes at 30', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(judgeTls({ ...facts, certificate: { ...facts.certificate!, daysLeft: 29 } }, at)).toEqual({ status: 'warn', code: 'TLS_CERT_EXPIRING' });
    expect(judgeTls({ ...facts, certificate: { ...facts.certificate!, daysLeft: 30 } }, at)).toEqual({ status: 'pass' });
  });
});

describe('trustAnchors', () => {
  it("keeps Node's default store when there is no extra CA, and adds the extra CA to the roots (and NODE_EXTRA_CA_CERTS) otherwise", () => {
    expect(trustAnchors([])).toBeUndefined();
    const anchors = trustAnchors([ca.pem]);
    expect(anchors).toContain(ca.pem);
    expect(anchors?.length).toBe(tls.rootCertificates.length + nodeExtraCaCertificates().length + 1);
  });
});

/** The certificates of PEM texts (a server's `cert`: leaf then intermediates), as X509Certificate. */
function x509s(...pems: string[]): X509Certificate[] {
  return pems.flatMap((pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));
}

describe('proveChain', () => {
  const root = createCa('Proof Root', 'proof-root');
  const intermediate = createIntermediate(root, 'Proof Intermediate', { notBefore: daysFromNow(-900), notAfter: daysFromNow(-400) });
  const viaIntermediate = issueCert(intermediate, { hosts: ['chain.test'] });
  const direct = issueCert(root, { hosts: ['direct.test'], notAfter: daysFromNow(-1), notBefore: daysFromNow(-30) });
  const anchors = anchorSet([root.pem]);

  it('proves leaf → intermediate → anchor by signatures, naming each place (dates are not its business)', () => {
    const proof = proveChain(x509s(viaIntermediate.cert), anchors);
    expect(proof).toEqual({
      ok: true,
      chain: [
        expect.objectContaining({ role: 'leaf', subject: expect.stringContaining('CN=chain.test') }),
        expect.objectContaining({ role: 'intermediate', subject: expect.stringContaining('CN=Proof Intermediate') }),
        expect.objectContaining({ role: 'root', subject: expect.stringContaining('CN=Proof Root') }),
      ],
    });
  });

  it('stops at a certificate that is itself an anchor (the server sent the root, or tls.caFile holds the leaf)', () => {
    const sent = issueCert(intermediate, { hosts: ['chain.test'], sendRoot: true });
    const proof = proveChain(x509s(sent.cert), anchors);
    expect(proof.ok && proof.chain.map((link) => link.role)).toEqual(['leaf', 'intermediate', 'root']);
    const selfSigned = issueCert(root, { hosts: ['self.test'], selfSigned: true });
    const pinned = proveChain(x509s(selfSigned.cert), anchorSet([selfSigned.cert]));
    expect(pinned.ok && pinned.chain.map((link) => link.role)).toEqual(['leaf']);
  });

  it('refuses a chain that ends in a self-signed root that is no anchor', () => {
    const attacker = createCa('Proof Attacker', 'proof-attacker');
    const proof = proveChain(x509s(issueCert(attacker, { hosts: ['chain.test'], sendRoot: true }).cert), anchors);
    expect(proof).toMatchObject({ ok: false, code: 'SELF_SIGNED_CERT_IN_CHAIN', reason: expect.stringContaining('"CN=Proof Attacker') });
  });

  it("refuses a root that copies an anchor's name with its own key, sent or not", () => {
    const copy = createCa('Proof Root', 'proof-root-copy');
    const forged = issueCert(copy, { hosts: ['chain.test'], sendRoot: true });
    expect(proveChain(x509s(forged.cert), anchors)).toMatchObject({
      ok: false,
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
      reason: expect.stringContaining('copied name'),
    });
    const leafOnly = issueCert(copy, { hosts: ['chain.test'] });
    expect(proveChain(x509s(leafOnly.cert), anchors)).toMatchObject({
      ok: false,
      code: 'CERT_SIGNATURE_FAILURE',
      reason: expect.stringContaining('copied name'),
    });
  });

  it('refuses a leaf signed by a certificate that is not a CA, even one issued by an anchor', () => {
    const endEntity = createIntermediate(root, 'Proof Valid Leaf', { isCa: false });
    const forged = issueCert(endEntity, { hosts: ['bank.test'] });
    expect(proveChain(x509s(forged.cert), anchors)).toMatchObject({ ok: false, code: 'INVALID_CA', reason: expect.stringContaining('"CN=Proof Valid Leaf') });
  });

  it("refuses a link whose signature does not verify with the next certificate's key", () => {
    const other = createIntermediate(root, 'Proof Other Intermediate');
    expect(proveChain(x509s(viaIntermediate.cert.split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n', other.pem), anchors)).toMatchObject({
      ok: false,
      code: 'CERT_SIGNATURE_FAILURE',
    });
  });

  it('refuses a leaf not allowed for server authentication, an unknown issuer, and a chain longer than ten', () => {
    expect(proveChain(x509s(issueCert(root, { hosts: ['client.test'], serverAuth: false }).cert), anchors)).toMatchObject({
      ok: false,
      code: 'INVALID_PURPOSE',
    });
    expect(proveChain(x509s(direct.cert), anchorSet([otherCa.pem]))).toMatchObject({ ok: false, code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    let parent = root;
    for (let depth = 0; depth < 10; depth += 1) parent = createIntermediate(parent, `Proof Depth ${depth}`, { keyRole: 'proof-depth' });
    expect(proveChain(x509s(issueCert(parent, { hosts: ['deep.test'] }).cert), anchors)).toMatchObject({ ok: false, code: 'CERT_CHAIN_TOO_LONG' });
  });

  it("proves a chain to a root under Node's bundled roots only by a real signature: an empty anchor set proves nothing", () => {
    expect(proveChain(x509s(direct.cert), anchorSet([]))).toMatchObject({ ok: false });
    expect(proveChain(x509s(direct.cert), anchors)).toMatchObject({ ok: true });
  });
});

describe('anchors: NODE_EXTRA_CA_CERTS', () => {
  it('reads the PEM file NODE_EXTRA_CA_CERTS names, and tolerates a missing or malformed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-anchors-'));
    const file = join(dir, 'extra.pem');
    writeFileSync(file, `garbage\n${ca.pem}\n-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n${otherCa.pem}`);
    expect(nodeExtraCaCertificates(file)).toEqual([ca.pem.trim(), otherCa.pem.trim()]);
    expect(nodeExtraCaCertificates(join(dir, 'missing.pem'))).toEqual([]);
    expect(nodeExtraCaCertificates(dir)).toEqual([]);
  });

  it('adds NODE_EXTRA_CA_CERTS to the anchors with and without tls.caFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-anchors-'));
    const file = join(dir, 'extra.pem');
    writeFileSync(file, otherCa.pem);
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = file;
    try {
      const fingerprint = new X509Certificate(otherCa.pem).fingerprint256;
      expect(anchorsFor([]).byFingerprint.has(fingerprint)).toBe(true);
      const extra = [ca.pem];
      expect(trustAnchors(extra)).toContain(otherCa.pem.trim());
      expect(anchorsFor(extra).byFingerprint.has(fingerprint)).toBe(true);
      expect(anchorsFor(extra)).toBe(anchorsFor(extra));
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
    expect(anchorsFor([]).byFingerprint.has(new X509Certificate(otherCa.pem).fingerprint256)).toBe(false);
  });
});
