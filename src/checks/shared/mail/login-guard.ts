/**
 * The two login outcomes the SMTP and the IMAP/POP3 checks share: a credential the probe refused to send
 * over an unencrypted connection (probes/cleartext.ts decides), and a login whose answer never came after
 * the credential was sent — its outcome unknown, so never "run again".
 */
import { msg } from '../../../i18n/index.js';
import type { CheckContext, CheckOutcome, Evidence } from '../../../core/check.js';
import { settingsEvidence, type MailTarget } from './transport-outcome.js';

const PROVIDER_NAMES = { office365: 'Office 365', gmail: 'Gmail' } as const;

export interface CleartextFacts {
  /** The server's own capability lines before any login (EHLO extensions, CAPABILITY, CAPA). */
  readonly capabilities: readonly Evidence[];
  /** The server offered STARTTLS / STLS (or IMAP LOGINDISABLED) on this connection. */
  readonly offered: boolean;
  /** `STARTTLS` or `STLS`. */
  readonly command: string;
  /** The account's block in the file as it should read (security: starttls on this port, or the provider's TLS setting). */
  readonly fixYaml: string;
}

/** `CLEARTEXT_AUTH_REFUSED`: nothing was sent; why, with the server's capability line and the file's fix. */
export function cleartextOutcome(context: CheckContext, target: MailTarget, facts: CleartextFacts): CheckOutcome {
  const { provider } = context.account;
  const { host, protocol, security } = target;
  const evidence: Evidence[] = [...settingsEvidence(context, target), ...facts.capabilities];
  if (provider !== 'imap') {
    return {
      status: 'fail',
      code: 'CLEARTEXT_AUTH_REFUSED',
      summary: msg('mail.auth.cleartextProvider', { provider: PROVIDER_NAMES[provider], host, protocol, security }),
      evidence,
      remediation: [{ kind: 'text', message: msg('mail.fix.cleartextProvider', { provider: PROVIDER_NAMES[provider] }), target: facts.fixYaml }],
    };
  }
  return {
    status: 'fail',
    code: 'CLEARTEXT_AUTH_REFUSED',
    summary: facts.offered
      ? msg('mail.auth.cleartextOffered', { host, command: facts.command, protocol })
      : msg('mail.auth.cleartextRefused', { host, protocol }),
    evidence,
    remediation: [{ kind: 'text', message: msg('mail.fix.cleartextUseStarttls', { host, command: facts.command }), target: facts.fixYaml }],
  };
}

/**
 * `AUTH_REPLY_TIMEOUT`: the credential went out and no answer came within the step timeout. Servers delay
 * the answer to a failed login on purpose (Dovecot's auth_failure_delay, 2 s by default; Cyrus 3 s), so the
 * login may have failed: another attempt could be the one that locks the account. The fix checks the
 * credential first and gives the next attempt more time.
 */
export function authReplyTimeoutOutcome(context: CheckContext, target: MailTarget, command: string, user: string, evidence: readonly Evidence[]): CheckOutcome {
  const seconds = Math.max(1, Math.round(context.options.stepTimeoutMs / 1000));
  return {
    status: 'fail',
    code: 'AUTH_REPLY_TIMEOUT',
    summary: msg('mail.auth.replyTimeout', { host: target.host, command, seconds }),
    evidence: [...evidence],
    remediation: [{ kind: 'text', message: msg('mail.fix.authReplyTimeout', { user, seconds: Math.max(seconds * 2, 30) }) }],
  };
}
