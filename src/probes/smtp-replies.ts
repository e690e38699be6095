/**
 * SMTP replies: parsing (RFC 5321 §4.2, enhanced status codes RFC 3463 / RFC 2034) and the classifier that
 * names what a provider's reply means. Matching is on the reply code + enhanced code + a keyword, never on
 * whole lines: reply texts change, carry server ids and timestamps (`[AM0PR01CA0001…]`, Google's `… gsmtp`).
 * The server's own text always goes into the evidence as it was sent (redacted).
 *
 * Sources: docs/provider-facts.md §SMTP AUTH switches and replies (Exchange Online 5.7.139 / 5.7.3 / 5.7.57 /
 * 5.7.60 / 5.2.25x / 5.7.30 texts) and §Gmail replies (Google 534-5.7.9, 535-5.7.8).
 */
import { scrubAndClip } from '../secrets/redact.js';

/** One SMTP reply: every line as sent, its code, its enhanced status code when present. */
export interface SmtpReply {
  /** The three-digit code of the last line (the one that ends the reply). */
  readonly code: number;
  /** `5.7.139`, from the first line (RFC 2034 §3: each line repeats it; the first suffices). */
  readonly enhanced?: string;
  /** The lines exactly as the server sent them. */
  readonly lines: readonly string[];
  /** The human-readable text: each line without its code and enhanced code, joined by spaces. */
  readonly text: string;
}

const LINE = /^(\d{3})([ -]|$)(.*)$/;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/;

/** True when `lines` hold a whole reply: the last line is `NNN text` or `NNN` (no `-` continuation), or not SMTP at all. */
export function isSmtpReplyComplete(lines: readonly string[]): boolean {
  const last = lines[lines.length - 1];
  if (last === undefined) return false;
  const match = LINE.exec(last);
  // A line that is not SMTP ends the reply at once: the caller then sees what the port really speaks.
  return match === null || match[2] !== '-';
}

/** Parses reply lines; `code` is 0 when the last line does not start with a reply code (not SMTP). */
export function parseSmtpReply(lines: readonly string[]): SmtpReply {
  const last = LINE.exec(lines[lines.length - 1] ?? '');
  const code = last ? Number(last[1]) : 0;
  let enhanced: string | undefined;
  const texts: string[] = [];
  lines.forEach((line, index) => {
    const match = LINE.exec(line);
    let rest = match ? (match[3] ?? '') : line;
    const status = ENHANCED.exec(rest);
    if (status) {
      if (index === 0 || enhanced === undefined) enhanced = status[1];
      rest = rest.slice(status[0].length);
    }
    if (rest.trim().length > 0) texts.push(rest.trim());
  });
  return { code, ...(enhanced ? { enhanced } : {}), lines: [...lines], text: texts.join(' ') };
}

/** The reply as evidence: the server's lines as sent, one per line. */
export function replyEvidence(reply: SmtpReply): string {
  return reply.lines.join('\n');
}

/** What an AUTH reply means, beyond "accepted". */
export type SmtpAuthDiagnosis =
  /** 535 5.7.139 "… SmtpClientAuthentication is disabled for the Tenant" (Set-TransportConfig). */
  | 'SMTP_AUTH_DISABLED_TENANT'
  /** 535 5.7.139 "… disabled for the Mailbox" (Set-CASMailbox). */
  | 'SMTP_AUTH_DISABLED_MAILBOX'
  /** 535 5.7.139 "basic authentication is disabled", or 550 5.7.30 "Basic authentication is not supported for Client Submission". */
  | 'SMTP_BASIC_AUTH_DISABLED'
  /** 535 5.7.139 "… locked by your organization's security defaults policy". */
  | 'SMTP_BLOCKED_BY_SECURITY_DEFAULTS'
  /** 535 5.7.139 "the request did not meet the criteria to be authenticated successfully" (Conditional Access). */
  | 'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS'
  /** 535 5.7.139 "account locked". */
  | 'SMTP_ACCOUNT_LOCKED'
  /** 535 5.7.139 with another reason: SMTP AUTH refused by a policy. */
  | 'SMTP_AUTH_DISABLED'
  /** 535 5.7.3 "Authentication unsuccessful" (Exchange Online's generic refusal; with OAuth usually permissions). */
  | 'SMTP_AUTH_UNSUCCESSFUL'
  /** 534 5.7.9 "Application-specific password required" (Google). */
  | 'GMAIL_APP_PASSWORD_REQUIRED'
  /** 535 5.7.8 "Username and Password not accepted" (Google). */
  | 'GMAIL_BAD_CREDENTIALS'
  /** 504 5.7.4 "Unrecognized authentication type", or a 504 to AUTH. */
  | 'AUTH_MECHANISM_UNSUPPORTED'
  /** 530/538 "Must issue a STARTTLS command first": the server only takes AUTH over TLS (RFC 3207 §4, 538 in RFC 4954 §6). */
  | 'SMTP_AUTH_REQUIRES_TLS'
  /** 454 (4.7.0…): the server could not authenticate now (e.g. its authentication back end is down). */
  | 'AUTH_TEMPORARY_FAILURE'
  /** Any other refusal (535, 5.7.8 elsewhere, 5.7.139 "user credentials were incorrect"…). */
  | 'AUTH_REJECTED';

/** What a MAIL FROM / RCPT TO / DATA reply means when it is not accepted. */
export type SmtpEnvelopeDiagnosis =
  /** 530 5.7.57 "Client not authenticated to send mail". */
  | 'SMTP_NOT_AUTHENTICATED'
  /** 550 5.7.60 "Client does not have permissions to send as this sender". */
  | 'SMTP_SEND_AS_DENIED'
  /** 550 5.2.251–5.2.255 "Sender throttled due to continuous …" (continuous-error throttling). */
  | 'SMTP_SENDER_THROTTLED'
  /** 550 5.7.30: basic authentication is no longer accepted for client submission. */
  | 'SMTP_BASIC_AUTH_DISABLED'
  /** Another 5xx to MAIL FROM. */
  | 'SMTP_SENDER_REJECTED'
  /** Another 5xx to RCPT TO. */
  | 'SMTP_RECIPIENT_REJECTED'
  /** Another 5xx to DATA or the message. */
  | 'SMTP_MESSAGE_REJECTED'
  /** A 4xx: try again later. */
  | 'SMTP_TEMPORARY_FAILURE'
  /** Not a reply SMTP allows there. */
  | 'PROTOCOL_UNEXPECTED_REPLY';

function has(reply: SmtpReply, pattern: RegExp): boolean {
  return pattern.test(reply.text);
}

function isGoogle(reply: SmtpReply): boolean {
  return /gsmtp|support\.google\.com|google\.com\/mail/i.test(reply.text);
}

/** Names an AUTH refusal (any non-2xx final reply to AUTH). */
export function classifyAuthReply(reply: SmtpReply): SmtpAuthDiagnosis {
  const { code, enhanced } = reply;
  if (enhanced === '5.7.139') {
    if (has(reply, /disabled for the tenant/i)) return 'SMTP_AUTH_DISABLED_TENANT';
    if (has(reply, /disabled for the mailbox/i)) return 'SMTP_AUTH_DISABLED_MAILBOX';
    if (has(reply, /basic authentication is disabled/i)) return 'SMTP_BASIC_AUTH_DISABLED';
    if (has(reply, /security defaults/i)) return 'SMTP_BLOCKED_BY_SECURITY_DEFAULTS';
    if (has(reply, /did not meet the criteria/i)) return 'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS';
    if (has(reply, /account locked|is locked/i)) return 'SMTP_ACCOUNT_LOCKED';
    if (has(reply, /credentials were incorrect/i)) return 'AUTH_REJECTED';
    return 'SMTP_AUTH_DISABLED';
  }
  if (enhanced === '5.7.30' || (code === 550 && has(reply, /basic authentication is not supported/i))) return 'SMTP_BASIC_AUTH_DISABLED';
  if (code === 538 || ((code === 530 || enhanced === '5.7.11') && has(reply, /starttls|encryption required/i))) return 'SMTP_AUTH_REQUIRES_TLS';
  if (code === 534 && (enhanced === '5.7.9' || has(reply, /application-specific password/i))) return 'GMAIL_APP_PASSWORD_REQUIRED';
  // 5.7.8 is every server's "credentials invalid" (RFC 4954 §6); only Google's own reply is Gmail's case.
  if (code === 535 && enhanced === '5.7.8' && isGoogle(reply)) return 'GMAIL_BAD_CREDENTIALS';
  if (code === 535 && enhanced === '5.7.3') return 'SMTP_AUTH_UNSUCCESSFUL';
  if (code === 504 || enhanced === '5.7.4' || enhanced === '5.5.4') return 'AUTH_MECHANISM_UNSUPPORTED';
  if (code >= 400 && code < 500) return 'AUTH_TEMPORARY_FAILURE';
  return 'AUTH_REJECTED';
}

/** Names a refused MAIL FROM (`MAIL`), RCPT TO (`RCPT`) or DATA/message (`DATA`). */
export function classifyEnvelopeReply(reply: SmtpReply, command: 'MAIL' | 'RCPT' | 'DATA'): SmtpEnvelopeDiagnosis {
  const { code, enhanced } = reply;
  if (code === 0) return 'PROTOCOL_UNEXPECTED_REPLY';
  if (enhanced === '5.7.57' || (code === 530 && has(reply, /not authenticated/i))) return 'SMTP_NOT_AUTHENTICATED';
  if (enhanced === '5.7.60' || has(reply, /permissions? to send as/i)) return 'SMTP_SEND_AS_DENIED';
  if ((enhanced !== undefined && /^5\.2\.25[1-5]$/.test(enhanced)) || has(reply, /sender throttled/i)) return 'SMTP_SENDER_THROTTLED';
  if (enhanced === '5.7.30') return 'SMTP_BASIC_AUTH_DISABLED';
  if (code >= 400 && code < 500) return 'SMTP_TEMPORARY_FAILURE';
  if (command === 'MAIL') return 'SMTP_SENDER_REJECTED';
  if (command === 'RCPT') return 'SMTP_RECIPIENT_REJECTED';
  return 'SMTP_MESSAGE_REJECTED';
}

/**
 * The id the server gave the accepted message, from the final 250 reply: Postfix/smtp-server
 * `queued as ABC123`, Exchange Online `OK <id@….prod.outlook.com>`, Google `OK  1700000000 x1-… - gsmtp`.
 * The whole reply is evidence anyway; this is the short form for the summary.
 */
export function queueIdOf(reply: SmtpReply): string | undefined {
  const text = reply.text;
  const queued = /queued as\s+([A-Za-z0-9._@<>-]+)/i.exec(text);
  if (queued) return queued[1];
  const bracketed = /^OK\s+(<[^<>\s]+>)/i.exec(text);
  if (bracketed) return bracketed[1];
  const google = /^OK\s+\d+\s+(\S+)\s+-\s+gsmtp/i.exec(text);
  if (google) return google[1];
  const ok = /^(?:OK|Ok:?)\s+(?:id=)?([A-Za-z0-9._-]{6,})/.exec(text);
  return ok ? ok[1] : undefined;
}

/**
 * What a non-SMTP greeting says this port speaks (the wrong port was configured): IMAP, POP3, SSH, HTTP.
 */
export function otherProtocolOf(line: string): string | undefined {
  if (/^\* (OK|PREAUTH|BYE)\b/i.test(line)) return 'IMAP';
  if (/^\+OK\b/.test(line)) return 'POP3';
  if (/^SSH-\d/.test(line)) return 'SSH';
  if (/^HTTP\/\d/.test(line)) return 'HTTP';
  if (/^220[ -].*\bFTP\b/i.test(line)) return 'FTP';
  return undefined;
}

/**
 * A reply in one line for a summary: code, enhanced code and the server's text, without Exchange's trailing
 * `[SN4PR….prod.outlook.com]` server id, scrubbed and cut (the whole reply stays in the evidence).
 */
export function replySummary(reply: SmtpReply): string {
  const head = [reply.code || undefined, reply.enhanced].filter(Boolean).join(' ');
  const text = reply.text.replace(/\s+\[[A-Z0-9]{4,}\.[a-z0-9.]+\.(?:outlook|exchangelabs)\.com[^\]]*\]\s*$/i, '').trim();
  return scrubAndClip([head, text].filter(Boolean).join(' ') || (reply.lines[0] ?? ''), 200, '…');
}
