/**
 * Reads IMAP and POP3 server replies the way the report needs them: on status + response code +
 * keyword, never on the whole line (texts change; docs/provider-facts.md §Gmail replies, §IMAP/POP OAuth failures).
 * Response codes: IMAP RFC 5530 (AUTHENTICATIONFAILED, CONTACTADMIN, UNAVAILABLE…) and RFC 9051 §7.1
 * (ALERT), Google's WEBALERT; POP3 RFC 2449 §8 and RFC 3206 (AUTH, SYS/TEMP, SYS/PERM, IN-USE, LOGIN-DELAY).
 */
import { ProbeError, type ProbeErrorCode } from './probe-error.js';
import { scrubAndClip } from '../secrets/redact.js';

export type IncomingProtocolName = 'imap' | 'pop3';

export interface ServerReply {
  readonly protocol: IncomingProtocolName;
  /** IMAP `OK`/`NO`/`BAD`/`BYE`; POP3 `+OK`/`-ERR`. */
  readonly status: string;
  /** The bracketed response code without its arguments, upper case (`AUTHENTICATIONFAILED`, `SYS/PERM`). */
  readonly code?: string;
  /** The code's argument, when there is one (`[WEBALERT https://…]` → the URL). */
  readonly codeArgument?: string;
  /** The human-readable text after status (and tag), code included, as the server sent it. */
  readonly text: string;
}

export type ReplyDiagnosis =
  /** Gmail: the account password was used on a 2-Step-Verification account. */
  | 'app-password-required'
  /** Google wants a browser sign-in first (`[WEBALERT url]`, "log in via your web browser"). */
  | 'web-login-required'
  /** IMAP or POP3 is switched off for the account or the domain (Gmail texts, Dovecot nologin). */
  | 'protocol-disabled'
  | 'too-many-connections'
  /** Google locks logins out for a while after too many attempts (`[ALERT] Too many login attempts`). */
  | 'too-many-login-attempts'
  /** Exchange: login accepted, mailbox not reachable (`BAD User is authenticated but not connected.`). */
  | 'authenticated-not-connected'
  /** Exchange's generic refusal (`NO AUTHENTICATE failed.`, `-ERR Authentication failure: …`). */
  | 'exchange-rejected'
  /** Credentials or token rejected (`[AUTHENTICATIONFAILED]`, `-ERR [AUTH]`, or a bare NO/-ERR at login). */
  | 'auth-failed'
  | 'password-expired'
  /** The login needs an encrypted connection (`[PRIVACYREQUIRED]`). */
  | 'tls-required'
  | 'contact-admin'
  /** Try again later: `[UNAVAILABLE]`, `[SYS/TEMP]`, `[INUSE]`/`[IN-USE]`, `[LOGIN-DELAY]`. */
  | 'temporary'
  /** `[SYS/PERM]` without a better-known text. */
  | 'permanent'
  /** An `[ALERT]` the server wants the user to read, without a better-known text. */
  | 'alert'
  /** After login: the mailbox could not be opened (EXAMINE NO, STAT -ERR). */
  | 'mailbox-failed';

export interface Diagnosis {
  readonly kind: ReplyDiagnosis;
  /** A URL the server gave (WEBALERT, Google help links), for the remediation. */
  readonly url?: string;
}

/** Parses the response code at the start of a text: `[CODE arg] rest`. */
export function responseCode(text: string): { code?: string; argument?: string } {
  const match = /^\s*\[([A-Za-z0-9/_-]+)(?:\s+([^\]]*))?\]/.exec(text);
  if (!match) return {};
  return { code: (match[1] ?? '').toUpperCase(), ...(match[2] ? { argument: match[2].trim() } : {}) };
}

/** An IMAP tagged or untagged status line → ServerReply; undefined for anything else. */
export function parseImapStatus(line: string): ServerReply | undefined {
  const match = /^(\S+)\s+(OK|NO|BAD|BYE|PREAUTH)\b\s?(.*)$/i.exec(line);
  if (!match) return undefined;
  const text = match[3] ?? '';
  const { code, argument } = responseCode(text);
  return { protocol: 'imap', status: (match[2] ?? '').toUpperCase(), text, ...(code ? { code } : {}), ...(argument ? { codeArgument: argument } : {}) };
}

/** A POP3 status line → ServerReply. */
export function parsePop3Status(line: string): ServerReply | undefined {
  const match = /^(\+OK|-ERR)\b\s?(.*)$/i.exec(line);
  if (!match) return undefined;
  const text = match[2] ?? '';
  const { code, argument } = responseCode(text);
  return { protocol: 'pop3', status: (match[1] ?? '').toUpperCase(), text, ...(code ? { code } : {}), ...(argument ? { codeArgument: argument } : {}) };
}

const URL_PATTERN = /https?:\/\/[^\s\])]+/i;

/**
 * What a refusal means. `phase` is where it came: the login itself, or the first command after it
 * (EXAMINE INBOX / STAT / imapflow's NAMESPACE), where Exchange and Gmail report what they did not
 * say at login.
 */
export function diagnoseReply(reply: ServerReply, phase: 'login' | 'mailbox'): Diagnosis {
  const text = reply.text;
  // The server's argument becomes a "sign in here" step: only a web address, never `javascript:` or `file:`.
  const alert = reply.code === 'WEBALERT' && reply.codeArgument && /^https?:\/\/\S+$/i.test(reply.codeArgument) ? reply.codeArgument : undefined;
  const url = alert ?? URL_PATTERN.exec(text)?.[0];
  const withUrl = (kind: ReplyDiagnosis): Diagnosis => (url ? { kind, url } : { kind });

  // Known provider texts first: their keywords say more than their codes (docs/provider-facts.md §Gmail replies).
  if (/application-specific password required/i.test(text)) return withUrl('app-password-required');
  if (reply.code === 'WEBALERT' || /log ?in via your web browser/i.test(text)) return withUrl('web-login-required');
  if (/not enabled for (IMAP|POP)|(IMAP|POP3?) access is disabled|(IMAP|POP3?) is disabled|protocol is disabled/i.test(text)) {
    return withUrl('protocol-disabled');
  }
  if (/too many simultaneous connections/i.test(text) || reply.code === 'LIMIT') return withUrl('too-many-connections');
  if (/too many (failed )?login attempts|too many authentication failures/i.test(text)) return withUrl('too-many-login-attempts');
  if (/authenticated but not connected/i.test(text)) return withUrl('authenticated-not-connected');
  if (
    phase === 'login' &&
    !reply.code &&
    (/^AUTHENTICATE failed\.?$/i.test(text.trim()) || /^Authentication failure: unknown user name or bad password/i.test(text.trim()))
  ) {
    return withUrl('exchange-rejected');
  }

  switch (reply.code) {
    case 'AUTHENTICATIONFAILED':
    case 'AUTH':
    case 'AUTHORIZATIONFAILED':
      return withUrl('auth-failed');
    case 'EXPIRED':
      return withUrl('password-expired');
    case 'PRIVACYREQUIRED':
      return withUrl('tls-required');
    case 'CONTACTADMIN':
      return withUrl('contact-admin');
    case 'UNAVAILABLE':
    case 'SYS/TEMP':
    case 'INUSE':
    case 'IN-USE':
    case 'LOGIN-DELAY':
      return withUrl('temporary');
    case 'SYS/PERM':
      return withUrl('permanent');
    case 'ALERT':
      return withUrl('alert');
    default:
      return withUrl(phase === 'login' ? 'auth-failed' : 'mailbox-failed');
  }
}

/**
 * The server's text for evidence: trailing server ids and timings trimmed, so the line says what the
 * server said without Exchange's `[SN2PR00CA0018.namprd00.prod.outlook.com …]` tail
 * (docs/provider-facts.md §Reply hygiene).
 */
export function replyForEvidence(line: string): string {
  // Scrubbed before the cut: a `-ERR` may echo the PASS argument, and a cut secret no longer matches.
  return scrubAndClip(line.replace(/\s+\[[A-Z0-9]{4,}\.[a-z0-9.]+\.outlook\.com[^\]]*\]\s*$/i, ''), 500);
}

/**
 * The codes the incoming checks report besides the transport ones in probe-error.ts, one line of
 * meaning each.
 */
export const INCOMING_CODES = {
  OAUTH_TOKEN_REJECTED: 'the server refused the access token (expired, wrong audience or scope, another user)',
  EXCHANGE_OAUTH_REJECTED: "Exchange Online's generic OAuth refusal (`AUTHENTICATE failed.` / `Authentication failure`); causes ranked in the remediation",
  EXCHANGE_BASIC_AUTH_DISABLED: 'Exchange Online refused a password login: basic authentication for IMAP/POP is off since 2022-10-01',
  EXCHANGE_NOT_CONNECTED:
    'Exchange accepted the token but refused the mailbox (`User is authenticated but not connected.`): service principal or mailbox permission missing',
  MAILBOX_NOT_ACCESSIBLE:
    'a person (password or delegated token) logged in, then Exchange refused the mailbox (`User is authenticated but not connected.`): no FullAccess, or the mailbox is on the other side of a hybrid deployment',
  GMAIL_APP_PASSWORD_REQUIRED: 'Google wants an app password (the account has 2-Step Verification)',
  WEB_LOGIN_REQUIRED: 'the provider wants a browser sign-in first (`[WEBALERT]`, "log in via your web browser")',
  IMAP_DISABLED: 'IMAP is turned off for the account or its domain',
  POP3_DISABLED: 'POP3 is turned off for the account or its domain',
  TOO_MANY_CONNECTIONS: 'the account has too many simultaneous connections',
  TOO_MANY_LOGIN_ATTEMPTS: 'Google locks the logins out for a while after too many attempts (never retried)',
  OAUTH_SCOPE_MISSING: 'the server refused the token with an error challenge saying it lacks the scope (Gmail: status 400, https://mail.google.com/)',
  AUTH_PASSWORD_EXPIRED: 'the password has expired (`[EXPIRED]`)',
  AUTH_TLS_REQUIRED: 'the server refuses logins without encryption (`[PRIVACYREQUIRED]`)',
  AUTH_LOGIN_DISABLED: 'IMAP LOGINDISABLED and no password mechanism offered',
  AUTH_PASSWORD_MISSING: 'auth.method is password but no password is set',
  ACCOUNT_CONTACT_ADMIN: 'the server refuses the account and asks to contact its administrator (`[CONTACTADMIN]`)',
  ACCOUNT_UNAVAILABLE: 'the server refuses the account for a permanent reason (`[SYS/PERM]`)',
  SERVER_ALERT: 'the server refused the login with an `[ALERT]` for the user',
  MAILBOX_UNAVAILABLE: 'logged in, but INBOX could not be opened (EXAMINE or STAT refused)',
  GREETING_REFUSED: 'the server refused the session in its greeting (`* BYE`, `-ERR`)',
  TLS_NOT_CONFIGURED: 'security: none, so the login and the mail travel unencrypted (a warning)',
} as const;

export type IncomingCode = keyof typeof INCOMING_CODES;

/** A transport failure kept as a result field, when no server reply explains what happened. */
export interface ProbeFailure {
  readonly code: ProbeErrorCode;
  readonly message: string;
  readonly serverReply?: string;
}

/** A ProbeError as a result field; anything else is a bug and is rethrown. */
export function failureOf(error: unknown): ProbeFailure {
  if (error instanceof ProbeError) return { code: error.code, message: error.message, ...(error.serverReply ? { serverReply: error.serverReply } : {}) };
  throw error;
}
