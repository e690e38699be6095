/**
 * The facts of one TLS handshake, as the report shows them: negotiated protocol and cipher, certificate
 * subject, issuer, names, validity and days left, self-signed, chain trusted (with OpenSSL's reason, or the
 * proof's when OpenSSL only reported a date) and host name valid.
 */
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { unbracketHost } from './tcp.js';
import { anchorsFor, presentedChain, proveChain, type AnchorSet, type ChainCertificate } from './tls-chain.js';

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
  /**
   * Subjects of the chain as Node linked it, leaf first. Node's `getPeerCertificate(true)` completes what
   * the server sent with issuers from the trust store, so this is not only what the server sent.
   */
  readonly chain: readonly string[];
  /**
   * For each entry of `chain`: true when that certificate is a trust anchor (Node's bundled roots,
   * NODE_EXTRA_CA_CERTS, `tls.caFile`), so it is shown as "from the trust store", never as sent.
   */
  readonly chainAnchors: readonly boolean[];
  /** The leaf's Authority Information Access "CA Issuers" URLs: shown, never fetched. */
  readonly caIssuersUrls: readonly string[];
}

/**
 * The server sent its certificate without the intermediate that signed it: OpenSSL could not verify the
 * leaf's signature (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`) and its issuer is no trust anchor. The most common
 * certificate mistake on mail servers; browsers hide it by fetching the intermediate, many mail clients do not.
 */
export interface MissingIntermediate {
  /** The leaf's issuer: the certificate the server should also send. */
  readonly issuer: string;
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
  /** Set when the chain is untrusted because the server does not send its intermediate certificate. */
  readonly missingIntermediate?: MissingIntermediate;
  readonly hostnameValid: boolean;
  readonly hostnameError?: string;
  readonly handshakeMs: number;
  /** True when these facts come from the legacy retry (the server refused TLS 1.2+). */
  readonly legacyRetry: boolean;
}

/** OpenSSL's errors about validity dates: reported last, they can hide a trust error (see `proveChain`). */
const TIME_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function describeName(fields: NodeJS.Dict<string | string[]> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : (value ?? '')}`)
    .join(', ');
}

/**
 * Reads the certificate facts off the peer certificate. Built from `peer.raw`, not
 * `getPeerX509Certificate()`: on Node 20, calling that makes later `getPeerCertificate()` calls on the
 * same socket return `{}` (seen with OpenSSL 3; the reverse order breaks the X509 call instead).
 */
function certificateFacts(peer: tls.DetailedPeerCertificate, now: Date, anchors: AnchorSet): CertificateFacts | undefined {
  if (!peer.raw) return undefined;
  const own = leafFacts(peer.raw, peer.fingerprint256);
  const chain: string[] = [];
  const chainAnchors: boolean[] = [];
  let link: tls.DetailedPeerCertificate | undefined = peer;
  const seen = new Set<string>();
  while (link && link.fingerprint256 && !seen.has(link.fingerprint256)) {
    seen.add(link.fingerprint256);
    chain.push(describeName(link.subject));
    chainAnchors.push(isAnchor(link, anchors));
    link = link.issuerCertificate;
  }
  const { validToMs, ...facts } = own;
  return { ...facts, daysLeft: Math.floor((validToMs - now.getTime()) / 86_400_000), chain, chainAnchors };
}

type LeafFacts = Omit<CertificateFacts, 'daysLeft' | 'chain' | 'chainAnchors'> & { readonly validToMs: number };

/**
 * What a certificate's bytes alone say, kept for the last few certificates seen: a fleet's thousands of
 * connections to one server would otherwise parse and self-verify the same certificate each time (a tenth
 * of the run's CPU). Keyed by fingerprint and confirmed byte for byte.
 */
const leafCache = new Map<string, { readonly raw: Buffer; readonly facts: LeafFacts }>();
const LEAF_CACHE_SIZE = 64;

function leafFacts(raw: Buffer, fingerprint: string | undefined): LeafFacts {
  const cached = fingerprint === undefined ? undefined : leafCache.get(fingerprint);
  if (cached && cached.raw.equals(raw)) return cached.facts;
  const x509 = new X509Certificate(raw);
  const validTo = new Date(Date.parse(x509.validTo));
  const validFrom = new Date(Date.parse(x509.validFrom));
  const facts: LeafFacts = {
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    subjectAltNames: (x509.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((entry) => entry.length > 0)
      .map((entry) => entry.replace(/^(DNS|IP Address):/, '')),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    validToMs: validTo.getTime(),
    selfSigned: isSelfSigned(x509),
    serialNumber: x509.serialNumber,
    fingerprint256: x509.fingerprint256,
    caIssuersUrls: caIssuersUrls(x509),
  };
  if (fingerprint !== undefined) {
    if (leafCache.size >= LEAF_CACHE_SIZE) leafCache.delete(leafCache.keys().next().value!);
    leafCache.set(fingerprint, { raw: Buffer.from(raw), facts });
  }
  return facts;
}

/** The certificate itself (same fingerprint and bytes) is a trust anchor. */
function isAnchor(link: tls.DetailedPeerCertificate, anchors: AnchorSet): boolean {
  const anchor = anchors.byFingerprint.get(link.fingerprint256);
  return anchor !== undefined && link.raw !== undefined && anchor.raw.equals(link.raw);
}

/** `CA Issuers - URI:…` lines of the Authority Information Access extension (RFC 5280 §4.2.2.1). */
function caIssuersUrls(certificate: X509Certificate): string[] {
  return (certificate.infoAccess ?? '')
    .split('\n')
    .map((line) => /^CA Issuers - URI:(\S+)$/.exec(line.trim())?.[1])
    .filter((url): url is string => url !== undefined);
}

/**
 * The leaf's issuer was neither sent nor found among the anchors: OpenSSL's UNABLE_TO_VERIFY_LEAF_SIGNATURE
 * (directly, or from our proof behind a date error) for a leaf that is not self-issued, whose issuer's name
 * no anchor bears (a namesake anchor that did not sign it is a different problem), and that names its
 * issuer's certificate in a CA Issuers URL. Public CAs put that URL in every server certificate (CA/Browser
 * Forum Baseline Requirements §7.1.2.7.7), so its issuer is an intermediate the server should send; a leaf
 * without it (a TLS-inspecting proxy, a private CA) stays an unknown CA, whose fix is tls.caFile.
 */
function missingIntermediate(peer: tls.DetailedPeerCertificate, trustError: string | undefined, anchors: AnchorSet): MissingIntermediate | undefined {
  if (!peer.raw || trustError?.split(':')[0] !== 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') return undefined;
  const leaf = new X509Certificate(peer.raw);
  if (leaf.subject === leaf.issuer || anchors.bySubject.has(leaf.issuer) || caIssuersUrls(leaf).length === 0) return undefined;
  return { issuer: leaf.issuer.replace(/\n/g, ', ') };
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
export function collectTlsFacts(
  socket: tls.TLSSocket,
  host: string,
  now: Date,
  handshakeMs: number,
  legacyRetry: boolean,
  extraCa: readonly string[] = [],
  /** The chain Node already built for its own host-name hook, when it called it (a fresh, verified session). */
  seen?: tls.DetailedPeerCertificate,
): TlsFacts {
  const peer = seen ?? socket.getPeerCertificate(true);
  const hasPeer = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
  const anchors = anchorsFor(extraCa);
  const certificate = hasPeer ? certificateFacts(peer, now, anchors) : undefined;
  const authorizationError = socket.authorizationError === undefined || socket.authorizationError === null ? undefined : String(socket.authorizationError);
  let trusted = socket.authorized;
  let trustError = trusted ? undefined : authorizationError;
  let provenChain: readonly ChainCertificate[] | undefined;
  if (!trusted && authorizationError !== undefined && TIME_ERRORS.has(authorizationError)) {
    // OpenSSL reports its last error only, and dates come last: prove the rest of the chain ourselves.
    const proof = proveChain(hasPeer ? presentedChain(peer) : [], anchors);
    if (proof.ok) {
      trusted = true;
      trustError = undefined;
      provenChain = proof.chain;
    } else {
      trustError = `${proof.code}: ${proof.reason} (OpenSSL reported ${authorizationError})`;
    }
  }
  const missing = !trusted && hasPeer ? missingIntermediate(peer, trustError, anchors) : undefined;
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
    ...(missing ? { missingIntermediate: missing } : {}),
    hostnameValid: hostnameError === undefined,
    ...(hostnameError ? { hostnameError } : {}),
    handshakeMs,
    legacyRetry,
  };
}
