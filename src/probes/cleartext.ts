/**
 * Whether a credential may cross a connection that is not encrypted. Office 365 and Gmail never get one
 * without TLS. Another provider gets one in clear text only when the file says `security: none` AND the
 * server offers no way to encrypt: SMTP without `STARTTLS` in EHLO (RFC 3207), IMAP without `STARTTLS` or
 * `LOGINDISABLED` in CAPABILITY (RFC 9051 §6.2.1, §7.2.2), POP3 without `STLS` in CAPA (RFC 2595 §4). When
 * the server offers encryption, the fix is to use it, not to send the password past it.
 *
 * The probes that send credentials (SmtpSession.authenticate, loginAndExamine, Pop3Client) apply this
 * themselves, so no check can reach the wire around it; the checks ask first to report it with the fix.
 */
import type { Provider, Security } from '../config/types.js';
import { ProbeError, type ProbeStage } from './probe-error.js';

/** `never`: only over TLS. `unless-tls-offered`: in clear text when the server offers no encryption. */
export type CleartextPolicy = 'never' | 'unless-tls-offered';

/** The policy for an account's server, from what the file says. */
export function cleartextPolicy(provider: Provider, security: Security): CleartextPolicy {
  return provider === 'imap' && security === 'none' ? 'unless-tls-offered' : 'never';
}

/** True when a credential may go over this unencrypted connection; `tlsOffered` undefined means not known. */
export function cleartextAllowed(policy: CleartextPolicy, tlsOffered: boolean | undefined): boolean {
  return policy === 'unless-tls-offered' && tlsOffered === false;
}

/** IMAP: the server offers encryption, or refuses plaintext logins until there is some. */
export function imapOffersTls(capabilities: readonly string[]): boolean {
  return capabilities.some((capability) => capability.toUpperCase() === 'STARTTLS' || capability.toUpperCase() === 'LOGINDISABLED');
}

/** POP3: `STLS` among the CAPA lines. A server that refused CAPA (RFC 1939 only) offers nothing. */
export function pop3OffersTls(capaLines: readonly string[]): boolean {
  return capaLines.some((line) => line.trim().toUpperCase() === 'STLS');
}

/** The refusal, thrown before a byte of the credential (or of the command that carries it) is written. */
export function cleartextRefused(
  policy: CleartextPolicy,
  tlsOffered: boolean | undefined,
  where: { stage: ProbeStage; address?: string; port?: number },
): ProbeError {
  const why =
    policy === 'never'
      ? 'this provider or setting allows logins only over TLS'
      : tlsOffered
        ? 'the server offers encryption (STARTTLS), so it must be used'
        : "the server's offer of encryption is not known";
  return new ProbeError('CLEARTEXT_AUTH_REFUSED', `no credential is sent over an unencrypted connection: ${why}`, {
    stage: where.stage,
    ...(where.address ? { address: where.address } : {}),
    ...(where.port !== undefined ? { port: where.port } : {}),
  });
}
