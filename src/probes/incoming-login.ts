/**
 * What the one IMAP or POP3 login and its read-only command ended with, in the terms the checks report
 * (incoming-session.ts runs them).
 */
import type { ImapLoginResult } from './imap.js';
import type { ProbeFailure, ServerReply } from './incoming-replies.js';
import type { Pop3LoginResult, Pop3Method } from './pop3.js';

export interface LoginOutcome {
  /** `cleartext-refused`: no TLS on this connection and no cleartext login allowed (nothing was sent). */
  readonly kind: 'done' | 'not-offered' | 'login-disabled' | 'mechanism-unsupported' | 'refused' | 'failure' | 'cleartext-refused';
  readonly stage?: 'login' | 'mailbox';
  readonly method?: string;
  readonly loginLine?: string;
  readonly loginReply?: ServerReply;
  readonly mailboxCommand?: string;
  readonly mailboxLine?: string;
  readonly mailboxReply?: ServerReply;
  readonly challenge?: string;
  readonly byeLine?: string;
  /** POP3: the server answered the AUTH mechanism itself with -ERR (nothing was sent). */
  readonly refusedMechanism?: string;
  readonly count?: number;
  readonly size?: number;
  readonly readOnly?: boolean;
  readonly failure?: ProbeFailure;
  /** The credential went out before `failure`: the login's outcome is unknown. */
  readonly credentialSent?: boolean;
}

/** The token mechanism to use over IMAP: XOAUTH2 (Exchange, Gmail, Tactium), else OAUTHBEARER (RFC 7628). */
export function imapTokenMechanism(capabilities: readonly string[]): 'XOAUTH2' | 'OAUTHBEARER' | undefined {
  if (capabilities.includes('AUTH=XOAUTH2')) return 'XOAUTH2';
  if (capabilities.includes('AUTH=OAUTHBEARER')) return 'OAUTHBEARER';
  return undefined;
}

/** The outcome of `loginAndExamine` (imap.ts). */
export function imapLoginOutcome(result: ImapLoginResult): LoginOutcome {
  const common = {
    ...(result.method ? { method: result.method } : {}),
    ...(result.loginLine ? { loginLine: result.loginLine } : {}),
    ...(result.loginReply ? { loginReply: result.loginReply } : {}),
    ...(result.mailboxCommand ? { mailboxCommand: result.mailboxCommand } : {}),
    ...(result.mailboxLine ? { mailboxLine: result.mailboxLine } : {}),
    ...(result.mailboxReply ? { mailboxReply: result.mailboxReply } : {}),
    ...(result.challenge ? { challenge: result.challenge } : {}),
    ...(result.byeLine ? { byeLine: result.byeLine } : {}),
  };
  if (result.stage === 'done') return { kind: 'done', ...common, count: result.exists ?? 0, readOnly: result.readOnly === true };
  if (result.failure && !(result.stage === 'login' ? result.loginReply : result.mailboxReply)) {
    return {
      kind: 'failure',
      stage: result.stage === 'mailbox' ? 'mailbox' : 'login',
      ...common,
      failure: result.failure,
      ...(result.credentialSent ? { credentialSent: true } : {}),
    };
  }
  if (result.stage === 'connection')
    return {
      kind: 'failure',
      stage: 'login',
      ...common,
      failure: result.failure ?? { code: 'CONNECTION_CLOSED', message: 'closed' },
      ...(result.credentialSent ? { credentialSent: true } : {}),
    };
  return { kind: 'refused', stage: result.stage, ...common };
}

/** The outcome of `loginAndStat` (pop3.ts) with `method`. */
export function pop3LoginOutcome(result: Pop3LoginResult, method: Pop3Method): LoginOutcome {
  const common = {
    method: result.method,
    ...(result.loginLine ? { loginLine: result.loginLine } : {}),
    ...(result.loginReply ? { loginReply: result.loginReply } : {}),
    ...(result.challenge ? { challenge: result.challenge } : {}),
    ...(result.mailboxLine ? { mailboxCommand: 'STAT', mailboxLine: result.mailboxLine } : {}),
    ...(result.mailboxReply ? { mailboxReply: result.mailboxReply } : {}),
  };
  if (result.mechanismRefused) return { kind: 'mechanism-unsupported', ...common, refusedMechanism: method.replace(/^AUTH /, '') };
  if (result.stage === 'done') return { kind: 'done', ...common, count: result.count ?? 0, ...(result.size !== undefined ? { size: result.size } : {}) };
  if (result.failure)
    return {
      kind: 'failure',
      stage: result.stage === 'mailbox' ? 'mailbox' : 'login',
      ...common,
      failure: result.failure,
      ...(result.credentialSent ? { credentialSent: true } : {}),
    };
  return { kind: 'refused', stage: result.stage === 'mailbox' ? 'mailbox' : 'login', ...common };
}
