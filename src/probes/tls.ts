/**
 * TLS for the mail probes: implicit TLS (IMAPS 993, POP3S 995, SMTPS 465) and the STARTTLS upgrade of an
 * open socket, both collecting the facts the report shows — negotiated protocol and cipher, certificate
 * subject, issuer, names, validity and days left, self-signed, chain trusted (with OpenSSL's reason),
 * host name valid — and judging them into one verdict code.
 *
 * Why `rejectUnauthorized: false`: with Node's default a bad certificate aborts the handshake and leaves
 * nothing to show; we complete the handshake, read the facts, then judge `authorized` /
 * `authorizationError` and `tls.checkServerIdentity` ourselves. Nothing is sent over a connection whose
 * verdict is `fail`: the callers stop there.
 *
 * Why `minVersion` is left at Node's default (TLS 1.2) and an old server is retried once: a server that only
 * speaks TLS 1.0/1.1 makes the handshake fail with an opaque alert; a second handshake on a NEW connection
 * that allows TLS 1.0 (`minVersion: 'TLSv1'`, `DEFAULT@SECLEVEL=0`, see docs/testing.md) only serves to name
 * it (`TLS_VERSION_TOO_OLD`: Microsoft requires TLS 1.2+,
 * https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-smtp-auth).
 * That session never passes and carries nothing: if it negotiates TLS 1.2+ after all, the first refusal
 * was forged on the path (`TLS_DOWNGRADE_SUSPECTED`).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Transcript } from '../core/transcript.js';
import { scrubAndClip } from '../secrets/redact.js';
import { ProbeError, errorMessage, nodeErrorCode, type ProbeStage } from './probe-error.js';
import { FOLLOW_UP_PROBE_MS, isPlaintextAnswerToTls, readPlaintextBanner } from './port-probe.js';
import { connectTcp, elapsedSince, unbracketHost, type TcpConnectOptions, type TcpConnection } from './tcp.js';

/** Under this many days left, a valid certificate is a `warn`: it is about to expire. */
export const CERT_EXPIRY_WARN_DAYS = 30;

/** Protocols below TLS 1.2: refused by Microsoft (and by Node's defaults). */
const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

export interface TlsHandshakeOptions {
  /** The host as configured: SNI (unless an IP literal) and the name the certificate must match. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Extra trust anchors (PEM) from `tls.caFile`: `context.services.extraCa`. */
  readonly extraCa: readonly string[];
  /** The clock (`context.services.now`) for validity and days left. */
  readonly now: () => Date;
  readonly transcript?: Transcript;
  /** Allow TLS 1.0/1.1 and weak ciphers: only for the one retry that names an old server. */
  readonly legacy?: boolean;
  /** `TLS` for implicit TLS, `STARTTLS` for an upgrade (for errors). */
  readonly stage?: ProbeStage;
  /** For error details. */
  readonly address?: string;
  readonly port?: number;
}

/** What the server's certificate says. Dates are ISO 8601 (UTC). */
export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  /** DNS names and IP addresses from subjectAltName. */
  readonly subjectAltNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  /** Whole days from `now()` until `validTo` (negative once expired). */
  readonly daysLeft: number;
  readonly selfSigned: boolean;
  readonly serialNumber: string;
  readonly fingerprint256: string;
  /** Subjects of the chain the server sent, leaf first. */
  readonly chain: readonly string[];
}

/** Everything seen in one handshake. */
export interface TlsFacts {
  /** `TLSv1.3`, `TLSv1.2`, `TLSv1`… */
  readonly protocol: string;
  /** OpenSSL/IANA cipher name. */
  readonly cipher: string;
  readonly certificate?: CertificateFacts;
  /**
   * The whole chain verifies to a trust anchor (Node's bundled roots, NODE_EXTRA_CA_CERTS, `tls.caFile`):
   * OpenSSL authorized it, or OpenSSL only reported a validity date and `proveChain` verified it.
   */
  readonly trusted: boolean;
  /**
   * Why not trusted: OpenSSL's reason (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `DEPTH_ZERO_SELF_SIGNED_CERT`…), or,
   * when OpenSSL only reported a date, the failed proof's code and reason (`SELF_SIGNED_CERT_IN_CHAIN: …`).
   */
  readonly trustError?: string;
  /**
   * Set when trust rests on our own proof (OpenSSL reported only `dateError`): the proven chain, leaf first,
   * ending with the trust anchor, so that the verdict can name every certificate that is out of date.
   */
  readonly provenChain?: readonly ChainCertificate[];
  /** OpenSSL's date error (`CERT_HAS_EXPIRED`, `CERT_NOT_YET_VALID`) when trust rests on `provenChain`. */
  readonly dateError?: string;
  readonly hostnameValid: boolean;
  readonly hostnameError?: string;
  readonly handshakeMs: number;
  /** True when these facts come from the legacy retry (the server refused TLS 1.2+). */
  readonly legacyRetry: boolean;
}

export type TlsVerdictCode =
  | 'TLS_VERSION_TOO_OLD'
  | 'TLS_DOWNGRADE_SUSPECTED'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_CERT_NOT_YET_VALID'
  | 'TLS_SELF_SIGNED'
  | 'TLS_CERT_UNTRUSTED'
  | 'TLS_HOSTNAME_MISMATCH'
  | 'TLS_CERT_EXPIRING';

/** One certificate of a proven chain and its place in it. Dates are ISO 8601 (UTC). */
export interface ChainCertificate {
  readonly role: 'leaf' | 'intermediate' | 'root';
  readonly subject: string;
  readonly validFrom: string;
  readonly validTo: string;
}

/** A certificate of the chain whose validity dates do not include now. */
export interface OutOfDateCertificate extends ChainCertificate {
  readonly problem: 'expired' | 'not-yet-valid';
}

/** The judgement of a handshake: `pass`, `warn` (expiring) or `fail`, with the code. */
export interface TlsVerdict {
  readonly status: 'pass' | 'warn' | 'fail';
  readonly code?: TlsVerdictCode;
  /** With `TLS_CERT_EXPIRED` / `TLS_CERT_NOT_YET_VALID`: every certificate out of date, leaf first. */
  readonly outOfDate?: readonly OutOfDateCertificate[];
}

/**
 * An established TLS connection, its facts and its verdict. Callers must not send on a `fail` verdict. A
 * session from the legacy retry (`facts.legacyRetry`) always fails and comes back with its socket
 * already destroyed: callers must not even read from it.
 */
export interface TlsSession {
  readonly socket: tls.TLSSocket;
  readonly facts: TlsFacts;
  readonly verdict: TlsVerdict;
}

/** OpenSSL's errors about validity dates: reported last, they can hide a trust error (see `proveChain`). */
const TIME_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** The certificates whose dates do not include `now`: the proven chain's, else the leaf's. */
export function outOfDateCertificates(facts: TlsFacts, now: Date): OutOfDateCertificate[] {
  const certificate = facts.certificate;
  const chain: readonly ChainCertificate[] =
    facts.provenChain ?? (certificate ? [{ role: 'leaf', subject: certificate.subject, validFrom: certificate.validFrom, validTo: certificate.validTo }] : []);
  const found: OutOfDateCertificate[] = [];
  for (const link of chain) {
    if (now.getTime() > Date.parse(link.validTo)) found.push({ ...link, problem: 'expired' });
    else if (now.getTime() < Date.parse(link.validFrom)) found.push({ ...link, problem: 'not-yet-valid' });
  }
  return found;
}

/**
 * Judges a handshake's facts, most fundamental first: an old protocol; a legacy retry that negotiated a
 * current one (a downgrade attempt); then trust (self-signed named apart
 * from an unknown CA), so that an untrusted chain is never reported as merely out of date; then the
 * validity dates of every certificate of the proven chain (by the injected clock); then the host name;
 * then expiry within 30 days (warn).
 */
export function judgeTls(facts: TlsFacts, now: Date): TlsVerdict {
  if (OLD_PROTOCOLS.has(facts.protocol)) return { status: 'fail', code: 'TLS_VERSION_TOO_OLD' };
  // The legacy retry (TLS 1.0 allowed, SECLEVEL=0: SHA-1 and weak keys accepted) only names an old server
  // and never passes. Had it negotiated TLS 1.2+, the server does speak it: the first refusal did not come
  // from the server but from something on the path (one forged protocol_version alert suffices).
  if (facts.legacyRetry) return { status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' };
  const certificate = facts.certificate;
  if (!facts.trusted) return { status: 'fail', code: certificate?.selfSigned ? 'TLS_SELF_SIGNED' : 'TLS_CERT_UNTRUSTED' };
  const outOfDate = outOfDateCertificates(facts, now);
  if (outOfDate.some((link) => link.problem === 'expired')) return { status: 'fail', code: 'TLS_CERT_EXPIRED', outOfDate };
  if (outOfDate.length > 0) return { status: 'fail', code: 'TLS_CERT_NOT_YET_VALID', outOfDate };
  // Trust that rests on our proof is only ever a date failure: if the injected clock sees every date
  // in range, OpenSSL's clock did not, and OpenSSL's other checks were never seen to pass.
  if (facts.provenChain) return { status: 'fail', code: facts.dateError === 'CERT_NOT_YET_VALID' ? 'TLS_CERT_NOT_YET_VALID' : 'TLS_CERT_EXPIRED', outOfDate: [] };
  if (!facts.hostnameValid) return { status: 'fail', code: 'TLS_HOSTNAME_MISMATCH' };
  if (certificate && certificate.daysLeft < CERT_EXPIRY_WARN_DAYS) return { status: 'warn', code: 'TLS_CERT_EXPIRING' };
  return { status: 'pass' };
}

/**
 * The certificates of the PEM file NODE_EXTRA_CA_CERTS names (Node adds them to its default store at
 * start-up; Node 20 has no `tls.getCACertificates()` to ask). Missing, unreadable or malformed: none (Node
 * itself only warns). Read once per path.
 */
let nodeExtraCache: { readonly path: string; readonly pems: readonly string[] } | undefined;

export function nodeExtraCaCertificates(path: string | undefined = process.env.NODE_EXTRA_CA_CERTS): readonly string[] {
  if (!path) return [];
  if (nodeExtraCache?.path === path) return nodeExtraCache.pems;
  let pems: string[];
  try {
    pems = splitPem(readFileSync(path, 'utf8')).filter((pem) => parseCertificate(pem) !== undefined);
  } catch {
    pems = [];
  }
  nodeExtraCache = { path, pems };
  return pems;
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

function parseCertificate(data: string | Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(data);
  } catch {
    return undefined;
  }
}

/**
 * Node's bundled roots, NODE_EXTRA_CA_CERTS and `tls.caFile`, or `undefined` (Node's default store, which
 * already holds NODE_EXTRA_CA_CERTS) when there is no extra CA: an explicit `ca` replaces the whole default
 * store, NODE_EXTRA_CA_CERTS included, so those are added back by hand.
 */
export function trustAnchors(extraCa: readonly string[]): string[] | undefined {
  return extraCa.length > 0 ? [...tls.rootCertificates, ...nodeExtraCaCertificates(), ...extraCa] : undefined;
}

/** The anchors of a chain proof, indexed by fingerprint (the certificate itself) and by subject (a pre-filter). */
export interface AnchorSet {
  readonly byFingerprint: ReadonlyMap<string, X509Certificate>;
  readonly bySubject: ReadonlyMap<string, readonly X509Certificate[]>;
}

/** Parses anchors from PEM texts (each may hold several certificates); unparsable ones are left out. */
export function anchorSet(pems: readonly string[]): AnchorSet {
  const byFingerprint = new Map<string, X509Certificate>();
  const bySubject = new Map<string, X509Certificate[]>();
  for (const pem of pems.flatMap((text) => splitPem(text))) {
    const certificate = parseCertificate(pem);
    if (!certificate || byFingerprint.has(certificate.fingerprint256)) continue;
    byFingerprint.set(certificate.fingerprint256, certificate);
    const same = bySubject.get(certificate.subject) ?? [];
    same.push(certificate);
    bySubject.set(certificate.subject, same);
  }
  return { byFingerprint, bySubject };
}

/**
 * The anchors for a run, parsed only when a date error needs a proof (~140 roots: milliseconds), then
 * cached per set of extra CAs (the same array for the whole run) and once for the default store.
 */
const anchorSets = new WeakMap<readonly string[], AnchorSet>();
let defaultAnchors: { readonly extraPath: string | undefined; readonly set: AnchorSet } | undefined;

export function anchorsFor(extraCa: readonly string[]): AnchorSet {
  if (extraCa.length === 0) {
    const extraPath = process.env.NODE_EXTRA_CA_CERTS;
    const cached = defaultAnchors;
    if (cached && cached.extraPath === extraPath) return cached.set;
    const set = anchorSet([...tls.rootCertificates, ...nodeExtraCaCertificates(extraPath)]);
    defaultAnchors = { extraPath, set };
    return set;
  }
  let set = anchorSets.get(extraCa);
  if (!set) anchorSets.set(extraCa, (set = anchorSet(trustAnchors(extraCa) ?? [])));
  return set;
}

/** The most certificates a proof follows (the server's chain, plus the anchor). */
export const MAX_CHAIN_DEPTH = 10;

/** `serverAuth` and `anyExtendedKeyUsage` (RFC 5280 §4.2.1.12). */
const SERVER_AUTH_USAGES = ['1.3.6.1.5.5.7.3.1', '2.5.29.37.0'];

export type ChainProof =
  | { readonly ok: true; readonly chain: readonly ChainCertificate[] }
  | { readonly ok: false; readonly code: string; readonly reason: string };

function nameOf(certificate: X509Certificate): string {
  return certificate.subject.replace(/\n/g, ', ');
}

function signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Proves that `presented` (the server's chain, leaf first, in issuing order) leads to a trust anchor:
 * - every link: the child's signature verifies with the next certificate's public key, and that next
 *   certificate is a CA (basicConstraints cA) — otherwise any valid leaf from a public CA could sign a
 *   forged leaf;
 * - every certificate the server sent, if it restricts its extended key usage, allows server
 *   authentication (OpenSSL's purpose check, which a date error would hide as well);
 * - the chain ends in an anchor: a certificate byte for byte equal to one (same SHA-256 fingerprint and
 *   DER), or one whose signature verifies with the public key of an anchor that is a CA. Subject names only
 *   pre-filter the anchors to try; they prove nothing (a root that copies a real root's name has its own key).
 * Validity dates are not looked at: `judgeTls` names the certificates out of date. Not re-checked:
 * pathLenConstraint, name constraints and key usage bits, which Node 20's X509Certificate does not expose;
 * a chain that relies on them being ignored is still reported as a failure (a date), never as a pass.
 */
export function proveChain(presented: readonly X509Certificate[], anchors: AnchorSet): ChainProof {
  if (presented.length === 0) return { ok: false, code: 'NO_CERTIFICATE', reason: 'the server sent no certificate' };
  if (presented.length > MAX_CHAIN_DEPTH) return { ok: false, code: 'CERT_CHAIN_TOO_LONG', reason: `the server sent more than ${MAX_CHAIN_DEPTH} certificates` };
  const isAnchor = (certificate: X509Certificate): boolean => anchors.byFingerprint.get(certificate.fingerprint256)?.raw.equals(certificate.raw) === true;
  // Leaf first, the anchor last (`root`, even when tls.caFile trusts an intermediate), the rest between.
  const roles = (certificates: readonly X509Certificate[]): ChainCertificate[] =>
    certificates.map((certificate, index) => ({
      role: index === 0 ? 'leaf' : index === certificates.length - 1 ? 'root' : 'intermediate',
      subject: nameOf(certificate),
      validFrom: new Date(Date.parse(certificate.validFrom)).toISOString(),
      validTo: new Date(Date.parse(certificate.validTo)).toISOString(),
    }));
  // The shortest proven path wins: with cross-signed roots the server may send a path to an old root
  // while the trust store holds the new one under the same name and key.
  const signingAnchor = (certificate: X509Certificate): X509Certificate | undefined =>
    (anchors.bySubject.get(certificate.issuer) ?? []).find((candidate) => candidate.ca === true && signedBy(certificate, candidate));
  for (let index = 0; index < presented.length; index += 1) {
    const certificate = presented[index]!;
    if (isAnchor(certificate)) return { ok: true, chain: roles(presented.slice(0, index + 1)) };
    const usages = certificate.keyUsage;
    if (usages && usages.length > 0 && !usages.some((usage) => SERVER_AUTH_USAGES.includes(usage))) {
      return { ok: false, code: 'INVALID_PURPOSE', reason: `"${nameOf(certificate)}" is not allowed for server authentication (extended key usage ${usages.join(', ')})` };
    }
    const anchor = signingAnchor(certificate);
    if (anchor) return { ok: true, chain: roles([...presented.slice(0, index + 1), anchor]) };
    const issuer = presented[index + 1];
    if (!issuer) break;
    if (!signedBy(certificate, issuer)) {
      return { ok: false, code: 'CERT_SIGNATURE_FAILURE', reason: `the signature of "${nameOf(certificate)}" does not verify with the key of "${nameOf(issuer)}", the next certificate the server sent` };
    }
    if (issuer.ca !== true) return { ok: false, code: 'INVALID_CA', reason: `"${nameOf(certificate)}" is signed by "${nameOf(issuer)}", which is not a CA certificate` };
  }
  const last = presented[presented.length - 1]!;
  const namesakes = anchors.bySubject.get(last.issuer) ?? [];
  const selfIssued = last.subject === last.issuer && signedBy(last, last);
  const copied = namesakes.length > 0 ? `; a trusted root has the name "${last.issuer.replace(/\n/g, ', ')}" but did not sign it (a copied name)` : '';
  if (selfIssued) {
    return presented.length === 1
      ? { ok: false, code: 'DEPTH_ZERO_SELF_SIGNED_CERT', reason: `"${nameOf(last)}" is self-signed and not a trusted certificate${copied}` }
      : { ok: false, code: 'SELF_SIGNED_CERT_IN_CHAIN', reason: `the chain ends in "${nameOf(last)}", a self-signed certificate that is not a trusted root${copied}` };
  }
  return {
    ok: false,
    code: namesakes.length > 0 ? 'CERT_SIGNATURE_FAILURE' : presented.length === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    reason: `no trusted root signed "${nameOf(last)}" (its issuer: "${last.issuer.replace(/\n/g, ', ')}")${copied}`,
  };
}

/**
 * The certificates the peer presented, leaf first, in the order Node linked them (`issuerCertificate`),
 * de-duplicated by fingerprint (a self-signed root points to itself) and bounded (one past the maximum, so
 * that a longer chain is refused rather than cut). Node may append the issuer it found in the trust store
 * by name; the proof checks it by signature like any other.
 */
export function presentedChain(peer: tls.DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let link: tls.DetailedPeerCertificate | undefined = peer;
  while (link && link.raw && chain.length <= MAX_CHAIN_DEPTH) {
    const certificate = parseCertificate(link.raw);
    if (!certificate || seen.has(certificate.fingerprint256)) break;
    seen.add(certificate.fingerprint256);
    chain.push(certificate);
    link = link.issuerCertificate;
  }
  return chain;
}

/**
 * One secure context per set of anchors (and legacy flag), reused by every connection of the run: with a
 * `ca` list, Node builds a new context for each connection, parsing its ~140 bundled roots again each time
 * (milliseconds and about a megabyte per connection; 100 accounts in `npm run bench`).
 */
const secureContexts = new WeakMap<readonly string[], Map<boolean, tls.SecureContext>>();

function secureContextFor(extraCa: readonly string[], legacy: boolean): tls.SecureContext | undefined {
  const ca = trustAnchors(extraCa);
  if (!ca) return undefined;
  let byLegacy = secureContexts.get(extraCa);
  if (!byLegacy) secureContexts.set(extraCa, (byLegacy = new Map()));
  let context = byLegacy.get(legacy);
  if (!context) {
    context = tls.createSecureContext({ ca, ...(legacy ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : {}) });
    byLegacy.set(legacy, context);
  }
  return context;
}

/** The SNI name: the configured host unless it is an IP literal (RFC 6066 §3 forbids literals). */
export function serverNameFor(host: string): string | undefined {
  const name = unbracketHost(host);
  return net.isIP(name) === 0 ? name : undefined;
}

/**
 * True when a handshake failure means "the server only speaks TLS versions we refuse" (worth one legacy
 * retry to name it): OpenSSL's `unsupported protocol` (the server chose 1.0/1.1) or the server's
 * `protocol version` alert (it has nothing in 1.2+).
 */
export function isOldProtocolRefusal(error: unknown): boolean {
  const code = nodeErrorCode(error);
  if (code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' || code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' || code === 'ERR_SSL_VERSION_TOO_LOW') return true;
  const message = errorMessage(error);
  return /unsupported protocol|alert protocol version|no protocols available|version too low/i.test(message);
}

function describeName(fields: NodeJS.Dict<string | string[]> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value ?? ''}`)
    .join(', ');
}

/**
 * Reads the certificate facts off the peer certificate. Built from `peer.raw`, not
 * `getPeerX509Certificate()`: on Node 20, calling that makes later `getPeerCertificate()` calls on the
 * same socket return `{}` (seen with OpenSSL 3; the reverse order breaks the X509 call instead).
 */
function certificateFacts(peer: tls.DetailedPeerCertificate, now: Date): CertificateFacts | undefined {
  if (!peer.raw) return undefined;
  const x509 = new X509Certificate(peer.raw);
  const chain: string[] = [];
  let link: tls.DetailedPeerCertificate | undefined = peer;
  const seen = new Set<string>();
  while (link && link.fingerprint256 && !seen.has(link.fingerprint256)) {
    seen.add(link.fingerprint256);
    chain.push(describeName(link.subject));
    link = link.issuerCertificate;
  }
  const validTo = new Date(Date.parse(x509.validTo));
  const validFrom = new Date(Date.parse(x509.validFrom));
  return {
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    subjectAltNames: (x509.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((entry) => entry.length > 0)
      .map((entry) => entry.replace(/^(DNS|IP Address):/, '')),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / 86_400_000),
    selfSigned: isSelfSigned(x509),
    serialNumber: x509.serialNumber,
    fingerprint256: x509.fingerprint256,
    chain,
  };
}

/**
 * Issuer = subject and the signature verifies with its own key. Not `checkIssued()`: OpenSSL's issuer
 * check also demands keyCertSign, which a self-signed server (leaf) certificate usually lacks.
 */
function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/**
 * Collects the facts of an established connection: trust as Node's verification found it, except that a
 * date error is only trusted when `proveChain` proves the chain; the host name is checked here.
 */
export function collectTlsFacts(socket: tls.TLSSocket, host: string, now: Date, handshakeMs: number, legacyRetry: boolean, extraCa: readonly string[] = []): TlsFacts {
  const peer = socket.getPeerCertificate(true);
  const hasPeer = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
  const certificate = hasPeer ? certificateFacts(peer, now) : undefined;
  const authorizationError = socket.authorizationError === undefined || socket.authorizationError === null ? undefined : String(socket.authorizationError);
  let trusted = socket.authorized;
  let trustError = trusted ? undefined : authorizationError;
  let provenChain: readonly ChainCertificate[] | undefined;
  if (!trusted && authorizationError !== undefined && TIME_ERRORS.has(authorizationError)) {
    // OpenSSL reports its last error only, and dates come last: prove the rest of the chain ourselves.
    const proof = proveChain(hasPeer ? presentedChain(peer) : [], anchorsFor(extraCa));
    if (proof.ok) {
      trusted = true;
      trustError = undefined;
      provenChain = proof.chain;
    } else {
      trustError = `${proof.code}: ${proof.reason} (OpenSSL reported ${authorizationError})`;
    }
  }
  let hostnameError: string | undefined;
  if (hasPeer) {
    const identityError = tls.checkServerIdentity(unbracketHost(host), peer);
    if (identityError) hostnameError = identityError.message;
  } else {
    hostnameError = 'the server sent no certificate';
  }
  const cipher = socket.getCipher();
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    ...(certificate ? { certificate } : {}),
    trusted,
    ...(!trusted && trustError ? { trustError } : {}),
    ...(provenChain ? { provenChain, ...(authorizationError ? { dateError: authorizationError } : {}) } : {}),
    hostnameValid: hostnameError === undefined,
    ...(hostnameError ? { hostnameError } : {}),
    handshakeMs,
    legacyRetry,
  };
}

function recordFacts(transcript: Transcript | undefined, facts: TlsFacts): void {
  if (!transcript) return;
  transcript.add('tls', `${facts.protocol} ${facts.cipher}, handshake ${facts.handshakeMs} ms${facts.legacyRetry ? ' (legacy retry, only to name the version)' : ''}`);
  const certificate = facts.certificate;
  if (certificate) {
    transcript.add('tls', `certificate subject "${certificate.subject}", issuer "${certificate.issuer}", names ${certificate.subjectAltNames.join(' ') || '(none)'}, valid ${certificate.validFrom} → ${certificate.validTo} (${certificate.daysLeft} days left)`);
  }
  const trust = facts.provenChain
    ? `trusted only by our own check (OpenSSL reported ${facts.dateError ?? 'a date'}): ${facts.provenChain.map((link) => `${link.role} "${link.subject}" ${link.validFrom} → ${link.validTo}`).join(' ← ')}`
    : facts.trusted
      ? 'trusted'
      : `not trusted (${facts.trustError ?? 'unknown reason'})`;
  transcript.add('tls', `chain ${trust}; host name ${facts.hostnameValid ? 'valid' : `invalid (${facts.hostnameError ?? ''})`}`);
}

/**
 * Runs a TLS handshake over `socket` (an open TCP socket, fresh for implicit TLS or after the STARTTLS
 * answer). Resolves with the session and its verdict (even a `fail` verdict: the facts are the evidence);
 * rejects with `TLS_HANDSHAKE_FAILED` / `TLS_HANDSHAKE_TIMEOUT` / `CONNECTION_CLOSED` / `ABORTED` when
 * there is no handshake to judge. `nodeCode` keeps OpenSSL's reason (`ERR_SSL_WRONG_VERSION_NUMBER`…).
 */
export function upgradeToTls(socket: Duplex, options: TlsHandshakeOptions): Promise<TlsSession> {
  const stage = options.stage ?? 'TLS';
  const started = performance.now();
  const where = { stage, ...(options.address ? { address: options.address } : {}), ...(options.port ? { port: options.port } : {}) };
  return new Promise<TlsSession>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ProbeError('ABORTED', 'aborted', where));
    const servername = serverNameFor(options.host);
    options.transcript?.add('tls', `ClientHello${servername ? ` (SNI ${servername})` : ''}${options.legacy ? ', allowing TLS 1.0/1.1' : ''}`);
    let secure: tls.TLSSocket;
    try {
      // Inside the try: a malformed tls.caFile certificate fails here, as it did inside tls.connect.
      const secureContext = secureContextFor(options.extraCa, options.legacy === true);
      secure = tls.connect({
        socket,
        ...(servername ? { servername } : {}),
        ...(secureContext ? { secureContext } : {}),
        rejectUnauthorized: false,
        // Node folds a host-name mismatch into `authorized`; we check the name ourselves (collectTlsFacts),
        // so that `authorized` means "the chain is trusted" and both facts can be reported apart.
        checkServerIdentity: () => undefined,
        ...(options.legacy ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
      });
    } catch (error) {
      socket.destroy();
      return reject(new ProbeError('TLS_HANDSHAKE_FAILED', `TLS could not start: ${errorMessage(error)}`, { ...where, cause: error }));
    }
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      secure.off('secureConnect', onSecure);
      secure.off('error', onError);
      secure.off('close', onClose);
    };
    const failWith = (error: ProbeError) => {
      cleanup();
      secure.destroy();
      socket.destroy();
      options.transcript?.add('tls', `handshake failed: ${error.message}`);
      reject(error);
    };
    const onSecure = () => {
      cleanup();
      const handshakeMs = elapsedSince(started);
      const facts = collectTlsFacts(secure, options.host, options.now(), handshakeMs, options.legacy === true, options.extraCa);
      recordFacts(options.transcript, facts);
      resolve({ socket: secure, facts, verdict: judgeTls(facts, options.now()) });
    };
    const onError = (error: Error) => {
      const code = nodeErrorCode(error);
      const ours = code === 'ECONNRESET' ? 'TCP_RESET' : 'TLS_HANDSHAKE_FAILED';
      failWith(new ProbeError(ours, `TLS handshake failed: ${error.message}`, { ...where, elapsedMs: elapsedSince(started), ...(code ? { nodeCode: code } : {}), cause: error }));
    };
    const onClose = () =>
      failWith(new ProbeError('CONNECTION_CLOSED', 'the server closed the connection during the TLS handshake', { ...where, elapsedMs: elapsedSince(started) }));
    const onAbort = () => failWith(new ProbeError('ABORTED', 'aborted', where));
    const timer = setTimeout(
      () => failWith(new ProbeError('TLS_HANDSHAKE_TIMEOUT', `the TLS handshake did not finish within ${options.timeoutMs} ms`, { ...where, elapsedMs: elapsedSince(started) })),
      options.timeoutMs,
    );
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
    secure.once('close', onClose);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.resume();
  });
}

export interface ImplicitTlsConnection {
  readonly tcp: TcpConnection;
  readonly session: TlsSession;
}

/**
 * Implicit TLS (993, 995, 465): DNS → TCP → handshake, judged. When the handshake fails:
 * - a plaintext banner answered our ClientHello → `IMPLICIT_TLS_ON_STARTTLS_PORT` (security: tls on a
 *   STARTTLS port such as 587/143/110);
 * - the server refused every version we offer → one legacy handshake on a new connection; if it completes,
 *   the session comes back, its socket already destroyed, with the facts and a `fail` verdict:
 *   `TLS_VERSION_TOO_OLD`, or `TLS_DOWNGRADE_SUSPECTED` when it negotiated TLS 1.2+ after all;
 * - otherwise a fresh connection checks for a plaintext banner (servers that just hang up on a
 *   ClientHello) before `TLS_HANDSHAKE_FAILED` / `TLS_HANDSHAKE_TIMEOUT` is reported.
 */
export async function connectImplicitTls(options: TcpConnectOptions & Omit<TlsHandshakeOptions, 'host' | 'timeoutMs' | 'signal' | 'transcript' | 'legacy' | 'address' | 'port'>): Promise<ImplicitTlsConnection> {
  const handshake = async (legacy: boolean): Promise<ImplicitTlsConnection> => {
    const tcp = await connectTcp(options);
    const session = await upgradeToTls(tcp.socket, {
      host: options.host,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      extraCa: options.extraCa,
      now: options.now,
      ...(options.transcript ? { transcript: options.transcript } : {}),
      legacy,
      stage: options.stage ?? 'TLS',
      address: tcp.address,
      port: tcp.port,
    });
    return { tcp, session };
  };
  try {
    return await handshake(false);
  } catch (error) {
    if (!(error instanceof ProbeError) || error.stage === 'DNS' || error.stage === 'CONNECT' || error.code === 'ABORTED') throw error;
    if (isPlaintextAnswerToTls(error.cause ?? error)) {
      throw new ProbeError('IMPLICIT_TLS_ON_STARTTLS_PORT', `port ${options.port} answered the TLS ClientHello in plaintext: it expects plaintext first (STARTTLS), not implicit TLS`, {
        stage: error.stage,
        ...(error.address ? { address: error.address } : {}),
        port: options.port,
        ...(error.nodeCode ? { nodeCode: error.nodeCode } : {}),
        cause: error,
      });
    }
    if (isOldProtocolRefusal(error.cause ?? error)) {
      options.transcript?.add('info', 'the server refused TLS 1.2 and newer; retrying once on a new connection, allowing TLS 1.0/1.1, only to name the version');
      let named: ImplicitTlsConnection;
      try {
        named = await handshake(true);
      } catch {
        throw error;
      }
      // Judged (always a fail: TLS_VERSION_TOO_OLD or TLS_DOWNGRADE_SUSPECTED): the facts are all it was
      // for. Closed at once, so that no caller can read from or write to a SECLEVEL=0 session.
      named.session.socket.destroy();
      named.tcp.socket.destroy();
      return named;
    }
    if (error.address) {
      const banner = await readPlaintextBanner({
        address: error.address,
        port: options.port,
        timeoutMs: Math.min(options.timeoutMs, FOLLOW_UP_PROBE_MS),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.transcript ? { transcript: options.transcript } : {}),
      });
      if (banner !== undefined) {
        throw new ProbeError('IMPLICIT_TLS_ON_STARTTLS_PORT', `port ${options.port} greets in plaintext ("${scrubAndClip(banner, 80)}"): it expects STARTTLS, not implicit TLS`, {
          stage: error.stage,
          address: error.address,
          port: options.port,
          serverReply: banner,
          cause: error,
        });
      }
    }
    throw error;
  }
}
