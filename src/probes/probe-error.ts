/**
 * The expected failures of a network probe: a refused port, a tarpit, an expired certificate,
 * a rejected login. A probe throws a `ProbeError`; the check catches it and returns a `fail` with evidence.
 * Checks switch on `code`, never on a library's message text.
 */
import { scrub } from '../secrets/redact.js';

/**
 * Every code a transport or mail-protocol probe can report, grouped by family, with one line of meaning
 * each (in the spirit of nodemailer's `lib/errors.js`). Protocol-specific reply diagnoses (e.g. SMTP's
 * `SMTP_AUTH_DISABLED_TENANT`) live beside their protocol's reply classifier.
 */
export const PROBE_ERROR_CODES = {
  // Name resolution (the dns.* checks diagnose these in depth; a connect step only names them).
  DNS_NOT_FOUND: 'the host name does not exist in DNS (NXDOMAIN) or has no address',
  DNS_TIMEOUT: 'no DNS server answered in time',
  DNS_FAILED: 'name resolution failed for another reason (server failure, no network)',

  // Reaching the port.
  TCP_REFUSED: 'the address answered with a reset to the connection attempt: nothing listens on that port, or a firewall rejects it',
  TCP_TIMEOUT: 'no answer to the connection attempt in time: the SYN was dropped, typically by a firewall',
  TCP_RESET: 'the connection was reset by the server or a middlebox after it was accepted',
  TCP_BLOCKED_LOCALLY: 'this machine refused to open the connection (local firewall or security software: EACCES/EPERM)',
  NETWORK_UNREACHABLE: 'no route to the address from this machine (ENETUNREACH/EHOSTUNREACH)',
  GREETING_TIMEOUT: 'the port accepted the connection but the server never greeted: a tarpit, or an implicit-TLS port spoken to in plaintext',
  CONNECTION_CLOSED: 'the server closed the connection before the exchange was complete',
  REPLY_TIMEOUT: 'the server stopped answering in the middle of the exchange',
  ABORTED: 'the run was interrupted (Ctrl-C) or the check ran out of time',

  // TLS.
  TLS_HANDSHAKE_FAILED: 'the TLS handshake failed (no common cipher or protocol, or the server broke it off)',
  TLS_HANDSHAKE_TIMEOUT: 'the TLS handshake did not finish in time',
  TLS_VERSION_TOO_OLD: 'the server only negotiates TLS 1.0 or 1.1; TLS 1.2 or newer is required',
  TLS_DOWNGRADE_SUSPECTED:
    'the first handshake was refused as if the server had no TLS 1.2+, yet the one retry negotiated TLS 1.2+: something on the path interfered; nothing was sent',
  TLS_CERT_EXPIRED: 'the server certificate has expired',
  TLS_CERT_NOT_YET_VALID: "the server certificate is not valid yet (or this machine's clock is wrong)",
  TLS_CERT_EXPIRING: 'the server certificate expires within 30 days (a warning)',
  TLS_HOSTNAME_MISMATCH: 'the server certificate does not name the configured host',
  TLS_CERT_UNTRUSTED: 'the certificate chain does not lead to a trusted root (unknown CA, missing intermediate, or a TLS-inspecting proxy)',
  TLS_SELF_SIGNED: 'the server presents a self-signed certificate that is not trusted',
  TLS_CHAIN_INCOMPLETE: 'the server does not send the intermediate certificate that signed its own (the chain is incomplete)',
  IMPLICIT_TLS_ON_STARTTLS_PORT: 'implicit TLS (security: tls) was configured but the port speaks plaintext first (a STARTTLS port such as 587)',
  STARTTLS_ON_IMPLICIT_TLS_PORT: 'STARTTLS (or plaintext) was configured but the port expects TLS from the first byte (an implicit-TLS port such as 465)',
  CLEARTEXT_ON_IMPLICIT_TLS_PORT:
    'no encryption (security: none) was configured but the port expects TLS from the first byte (an implicit-TLS port such as 993)',
  STARTTLS_NOT_OFFERED: 'the server does not advertise STARTTLS, so the connection cannot be encrypted',
  STARTTLS_REJECTED: 'the server advertised STARTTLS but refused the command',
  STARTTLS_INJECTION: 'plaintext arrived after the STARTTLS answer and before the handshake (RFC 3207 §4.2: a man in the middle, or a broken server)',

  // Authentication.
  AUTH_NOT_OFFERED: 'the server advertises no authentication mechanism (on this connection)',
  AUTH_MECHANISM_UNSUPPORTED: 'the server does not offer a mechanism this account can use (e.g. XOAUTH2 for a token)',
  AUTH_REJECTED: 'the server rejected the credentials',
  AUTH_TEMPORARY_FAILURE: 'the server could not authenticate right now (a 4xx reply); not retried',
  CLEARTEXT_AUTH_REFUSED:
    "no credential was sent: the connection is not encrypted, and the provider (Office 365, Gmail) or the server's own STARTTLS offer rules out a cleartext login",
  AUTH_REPLY_TIMEOUT: "the credential was sent and the server did not answer in time: the login's outcome is unknown (servers delay failed logins on purpose)",

  // Protocol.
  GREETING_REJECTED: 'the server answered the connection with a refusal (SMTP 554/421, IMAP BYE, POP3 -ERR) instead of a greeting',
  WRONG_PROTOCOL: 'the port speaks another protocol (IMAP, POP3, SSH, HTTP…): the wrong port is configured',
  COMMAND_REJECTED: 'the server refused a command every server of the protocol must accept (e.g. SMTP EHLO)',
  PROTOCOL_UNEXPECTED_REPLY: 'the server answered with a reply the protocol does not allow at that point',
  LINE_TOO_LONG: 'the server sent a line longer than any real reply (a broken or hostile server)',
  REPLY_TOO_LONG: 'the server sent a reply larger than any real reply (e.g. an endless multi-line reply)',
} as const;

export type ProbeErrorCode = keyof typeof PROBE_ERROR_CODES;

/**
 * Where in the exchange a probe failed, like nodemailer's `command`: `DNS`, `CONNECT`, `GREETING`, `TLS`,
 * `STARTTLS`, `EHLO`, `AUTH PLAIN`, `MAIL FROM`… (the protocol's own command name after connecting).
 */
export type ProbeStage = 'DNS' | 'CONNECT' | 'GREETING' | 'TLS' | 'STARTTLS' | 'EHLO' | 'QUIT' | (string & {});

export interface ProbeErrorDetails {
  readonly stage: ProbeStage;
  /** The server's own reply (all lines), redacted on construction. */
  readonly serverReply?: string;
  /** Milliseconds the failing step took. */
  readonly elapsedMs?: number;
  /** The IP address tried (or the last one, when several were). */
  readonly address?: string;
  readonly port?: number;
  /** Node's / OpenSSL's code for the underlying error (`ECONNREFUSED`, `ERR_SSL_WRONG_VERSION_NUMBER`…). */
  readonly nodeCode?: string;
  /** Every address tried, with what each did (`192.0.2.1 ECONNREFUSED 3 ms`), when there were several. */
  readonly attempts?: readonly string[];
  readonly cause?: unknown;
}

/** An expected failure of a network step; the check turns it into a `fail` with evidence. */
export class ProbeError extends Error {
  readonly code: ProbeErrorCode;
  readonly stage: ProbeStage;
  readonly serverReply?: string;
  readonly elapsedMs?: number;
  readonly address?: string;
  readonly port?: number;
  readonly nodeCode?: string;
  readonly attempts?: readonly string[];

  constructor(code: ProbeErrorCode, message: string, details: ProbeErrorDetails) {
    // The message may quote a reply or a library error: scrub it like everything else that may be shown.
    super(scrub(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProbeError';
    this.code = code;
    this.stage = details.stage;
    if (details.serverReply !== undefined) this.serverReply = scrub(details.serverReply);
    if (details.elapsedMs !== undefined) this.elapsedMs = details.elapsedMs;
    if (details.address !== undefined) this.address = details.address;
    if (details.port !== undefined) this.port = details.port;
    if (details.nodeCode !== undefined) this.nodeCode = details.nodeCode;
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }
}

export function isProbeError(error: unknown): error is ProbeError {
  return error instanceof ProbeError;
}

/** Node's `code` of an error (`ECONNREFUSED`, `ERR_SSL_…`), when it has one. */
export function nodeErrorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/**
 * The message of anything thrown. Not `instanceof Error`: errors made by Node's internals may come from
 * another realm (jest's VM contexts), where that test fails.
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/**
 * The code for a port that expects TLS from the first byte, by what the file asked for: `security: none`
 * (no encryption at all) is a different mistake from `security: starttls` (the wrong way to encrypt).
 */
export function implicitTlsPortCode(security: string): 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' | 'STARTTLS_ON_IMPLICIT_TLS_PORT' {
  return security === 'none' ? 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' : 'STARTTLS_ON_IMPLICIT_TLS_PORT';
}
