/**
 * Judging a handshake's facts into one verdict code: protocol, downgrade, trust, the validity dates of every
 * certificate of the proven chain, host name, then expiry soon.
 */
import type { ChainCertificate } from './tls-chain.js';
import type { TlsFacts } from './tls-facts.js';

/** Under this many days left, a valid certificate is a `warn`: it is about to expire. */
export const CERT_EXPIRY_WARN_DAYS = 30;

/** Protocols below TLS 1.2: refused by Microsoft (and by Node's defaults). */
const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

export type TlsVerdictCode =
  | 'TLS_VERSION_TOO_OLD'
  | 'TLS_DOWNGRADE_SUSPECTED'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_CERT_NOT_YET_VALID'
  | 'TLS_SELF_SIGNED'
  | 'TLS_CERT_UNTRUSTED'
  | 'TLS_CHAIN_INCOMPLETE'
  | 'TLS_HOSTNAME_MISMATCH'
  | 'TLS_CERT_EXPIRING';

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
  if (!facts.trusted)
    return { status: 'fail', code: certificate?.selfSigned ? 'TLS_SELF_SIGNED' : facts.missingIntermediate ? 'TLS_CHAIN_INCOMPLETE' : 'TLS_CERT_UNTRUSTED' };
  const outOfDate = outOfDateCertificates(facts, now);
  if (outOfDate.some((link) => link.problem === 'expired')) return { status: 'fail', code: 'TLS_CERT_EXPIRED', outOfDate };
  if (outOfDate.length > 0) return { status: 'fail', code: 'TLS_CERT_NOT_YET_VALID', outOfDate };
  // Trust that rests on our proof is only ever a date failure: if the injected clock sees every date
  // in range, OpenSSL's clock did not, and OpenSSL's other checks were never seen to pass.
  if (facts.provenChain)
    return { status: 'fail', code: facts.dateError === 'CERT_NOT_YET_VALID' ? 'TLS_CERT_NOT_YET_VALID' : 'TLS_CERT_EXPIRED', outOfDate: [] };
  if (!facts.hostnameValid) return { status: 'fail', code: 'TLS_HOSTNAME_MISMATCH' };
  if (certificate && certificate.daysLeft < CERT_EXPIRY_WARN_DAYS) return { status: 'warn', code: 'TLS_CERT_EXPIRING' };
  return { status: 'pass' };
}
