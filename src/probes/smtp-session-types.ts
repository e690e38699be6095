/** The contracts of an SMTP session (smtp.ts): how it is opened, and what STARTTLS and AUTH ended with. */
import type { Security } from '../config/types.js';
import type { DnsResolver } from '../core/services.js';
import type { Transcript } from '../core/transcript.js';
import type { CleartextPolicy } from './cleartext.js';
import type { SmtpReply } from './smtp-replies.js';
import type { SmtpCapabilities, SmtpMechanism } from './smtp-ehlo.js';
import type { TlsSession } from './tls.js';

export interface SmtpSessionOptions {
  /** As configured (name or IP literal): SNI, certificate name, DNS. */
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  /** Deadline of each network step. */
  readonly timeoutMs: number;
  readonly resolver: DnsResolver;
  /** `tls.caFile` anchors: `context.services.extraCa`. */
  readonly extraCa: readonly string[];
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly transcript?: Transcript;
  /** The EHLO name; by default this machine's FQDN, or its address literal (RFC 5321 §4.1.3). */
  readonly clientName?: string;
  /** Whether AUTH may go over this connection without TLS (cleartext.ts); `never` when not given. */
  readonly cleartext?: CleartextPolicy;
}

/** The outcome of STARTTLS (or of the implicit TLS done at connect). */
export interface SmtpTlsResult {
  readonly tls: TlsSession;
  /** `starttls` upgraded this connection; `implicit` was TLS from the start. */
  readonly mode: 'starttls' | 'implicit';
  /** EHLO after TLS; absent when the TLS verdict failed (nothing more is sent then). */
  readonly capabilities?: SmtpCapabilities;
}

/** What AUTH ended with: the mechanism used and the server's final reply. Never retried. */
export interface SmtpAuthResult {
  readonly mechanism: SmtpMechanism;
  readonly accepted: boolean;
  readonly reply: SmtpReply;
  /**
   * The error the server explained in a SASL challenge before refusing an OAuth token (XOAUTH2/OAUTHBEARER
   * `334 <base64 JSON>`, e.g. `{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}`):
   * decoded, holds no secret.
   */
  readonly challenge?: string;
}
