/**
 * Gmail's answers to a mail login that the protocol checks (incoming.auth, smtp.auth) share:
 * - the XOAUTH2/OAUTHBEARER error challenge (oauth-challenge.ts): 401, the token is not valid for this
 *   account; 400 with the mail scope, the token lacks `https://mail.google.com/`;
 * - "Too many login attempts" (IMAP `[ALERT]`, SMTP `454 4.7.0`; https://support.google.com/mail/answer/7126229): Google locks logins out
 *   for a while, so the fix is to wait and stop whatever keeps trying — this tool never retries a login.
 * Each returns the code, summary and fixes; the calling check adds its own evidence.
 */
import type { Account } from '../../../config/types.js';
import type { TokenOrigin } from '../../shared/token-provider.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import { challengeVerdict, parseOauthChallenge } from '../../../probes/oauth-challenge.js';
import type { Remediation } from '../../../core/check.js';
import { GMAIL_LOGIN_ATTEMPTS_URL, GMAIL_SCOPE } from '../../../providers/google.js';
import { addMailScope, clientIdOf, isWorkspaceMailbox, reauthorise } from './remediation.js';

export interface GmailDiagnosis {
  readonly code: string;
  readonly summary: Message;
  readonly remediation: Remediation[];
}

export interface GmailLogin {
  readonly account: Account;
  /** `IMAP`, `POP3` or `SMTP`. */
  readonly protocol: string;
  /** The login name sent (`user=` of XOAUTH2). */
  readonly user: string;
  /** The server's final reply, for the summary. */
  readonly reply: string;
  /** Where the token came from: `google` = issued by the token endpoint moments ago for this client. */
  readonly origin?: TokenOrigin | string;
}

/**
 * The diagnosis of a Gmail OAuth login refused with an error challenge, or undefined when the account is
 * not Gmail or the challenge says nothing we know.
 */
export function gmailChallengeDiagnosis(login: GmailLogin, challengeText: string | undefined): GmailDiagnosis | undefined {
  const { account, protocol, user, reply } = login;
  if (account.provider !== 'gmail') return undefined;
  const challenge = parseOauthChallenge(challengeText);
  const verdict = challengeVerdict(challenge);
  if (!challenge || !verdict) return undefined;
  const status = challenge.status ?? '?';
  const fresh = login.origin === 'google';
  if (verdict === 'insufficient-scope') {
    return {
      code: 'OAUTH_SCOPE_MISSING',
      summary: msg('gmail.mail.scopeMissing', { protocol, user, status, scope: challenge.scope ?? GMAIL_SCOPE, reply }),
      remediation: [...addMailScope(account), { kind: 'text', message: msg('gmail.fix.userMatchesToken', { user }) }],
    };
  }
  const remediation: Remediation[] = fresh
    ? [{ kind: 'text', message: msg('gmail.fix.tokenOtherAccount', { user }) }, reauthorise(account)]
    : [{ kind: 'text', message: msg('gmail.fix.accessTokenExpired', { user }) }];
  // Workspace can restrict IMAP and POP (not SMTP) to listed OAuth mail clients (https://support.google.com/a/answer/7281227).
  if (isWorkspaceMailbox(account) && protocol !== 'SMTP')
    remediation.push({ kind: 'portal', message: msg('gmail.fix.imapOauthClients', { clientId: clientIdOf(account), protocol }) });
  return {
    code: 'OAUTH_TOKEN_REJECTED',
    summary: msg(fresh ? 'gmail.mail.freshTokenRejected' : 'gmail.mail.tokenRejected', { protocol, user, status, reply }),
    remediation,
  };
}

/** Gmail's "too many login attempts": IMAP `[ALERT] Too many login attempts`, SMTP `454 4.7.0 Too many login attempts`. */
export function isTooManyLoginAttempts(text: string): boolean {
  return /too many (failed )?login attempts|too many authentication failures/i.test(text);
}

export function tooManyLoginAttemptsDiagnosis(login: GmailLogin): GmailDiagnosis {
  const { account, user, reply, protocol } = login;
  const remediation: Remediation[] = [
    { kind: 'text', message: msg('gmail.fix.waitLockout') },
    { kind: 'text', message: msg('gmail.fix.stopOtherClients', { user }) },
  ];
  if (account.provider === 'gmail') remediation.push({ kind: 'url', message: msg('gmail.fix.lockoutHelp'), target: GMAIL_LOGIN_ATTEMPTS_URL });
  return { code: 'TOO_MANY_LOGIN_ATTEMPTS', summary: msg('gmail.mail.tooManyLoginAttempts', { protocol, user, reply }), remediation };
}
