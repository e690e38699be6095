/**
 * The chain proof behind a date error and the trust anchors it proves against: Node's bundled roots,
 * NODE_EXTRA_CA_CERTS (read here, since Node 20 cannot be asked for its store) and `tls.caFile`. OpenSSL
 * reports only its last error and checks dates last, so an expired certificate can hide an untrusted
 * chain; `proveChain` re-checks everything but the dates (see its comment).
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';

/** One certificate of a proven chain and its place in it. Dates are ISO 8601 (UTC). */
export interface ChainCertificate {
  readonly role: 'leaf' | 'intermediate' | 'root';
  readonly subject: string;
  readonly validFrom: string;
  readonly validTo: string;
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
  { readonly ok: true; readonly chain: readonly ChainCertificate[] } | { readonly ok: false; readonly code: string; readonly reason: string };

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
  if (presented.length > MAX_CHAIN_DEPTH)
    return { ok: false, code: 'CERT_CHAIN_TOO_LONG', reason: `the server sent more than ${MAX_CHAIN_DEPTH} certificates` };
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
      return {
        ok: false,
        code: 'INVALID_PURPOSE',
        reason: `"${nameOf(certificate)}" is not allowed for server authentication (extended key usage ${usages.join(', ')})`,
      };
    }
    const anchor = signingAnchor(certificate);
    if (anchor) return { ok: true, chain: roles([...presented.slice(0, index + 1), anchor]) };
    const issuer = presented[index + 1];
    if (!issuer) break;
    if (!signedBy(certificate, issuer)) {
      return {
        ok: false,
        code: 'CERT_SIGNATURE_FAILURE',
        reason: `the signature of "${nameOf(certificate)}" does not verify with the key of "${nameOf(issuer)}", the next certificate the server sent`,
      };
    }
    if (issuer.ca !== true)
      return { ok: false, code: 'INVALID_CA', reason: `"${nameOf(certificate)}" is signed by "${nameOf(issuer)}", which is not a CA certificate` };
  }
  const last = presented[presented.length - 1]!;
  const namesakes = anchors.bySubject.get(last.issuer) ?? [];
  const selfIssued = last.subject === last.issuer && signedBy(last, last);
  const copied = namesakes.length > 0 ? `; a trusted root has the name "${last.issuer.replace(/\n/g, ', ')}" but did not sign it (a copied name)` : '';
  if (selfIssued) {
    return presented.length === 1
      ? { ok: false, code: 'DEPTH_ZERO_SELF_SIGNED_CERT', reason: `"${nameOf(last)}" is self-signed and not a trusted certificate${copied}` }
      : {
          ok: false,
          code: 'SELF_SIGNED_CERT_IN_CHAIN',
          reason: `the chain ends in "${nameOf(last)}", a self-signed certificate that is not a trusted root${copied}`,
        };
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
