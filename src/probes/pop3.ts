/**
 * POP3 for the preflight, on our own thin client (pop3-client.ts says why not node-pop3): the
 * capability list, the one login (USER/PASS, SASL PLAIN, XOAUTH2 or OAUTHBEARER) and STAT, which
 * counts the messages without reading or deleting any (never RETR, never DELE).
 */
import type { MailCredential } from './credential.js';
import { failureOf, parsePop3Status, type ProbeFailure, type ServerReply } from './incoming-replies.js';
import { saslOauthbearer, saslPlain, saslXoauth2, type Pop3Client, type Pop3Reply, type Pop3SaslMechanism } from './pop3-client.js';

export interface Pop3Capabilities {
  /** False when the server answered CAPA with -ERR (RFC 1939-only servers). */
  readonly supported: boolean;
  readonly lines: readonly string[];
  /** The SASL mechanisms from the `SASL` line (RFC 2449 §6.3), upper case; undefined without one. */
  readonly sasl?: readonly string[];
  readonly user: boolean;
  readonly stls: boolean;
}

export function readCapabilities(supported: boolean, lines: readonly string[]): Pop3Capabilities {
  const upper = lines.map((line) => line.trim().toUpperCase());
  const saslLine = upper.find((line) => line === 'SASL' || line.startsWith('SASL '));
  return {
    supported,
    lines,
    ...(saslLine !== undefined ? { sasl: saslLine.split(/\s+/).slice(1) } : {}),
    user: upper.includes('USER'),
    stls: upper.includes('STLS'),
  };
}

export type Pop3Method = 'USER/PASS' | `AUTH ${Pop3SaslMechanism}`;

/**
 * The login this server allows for this credential, or why none: a password goes as USER/PASS
 * (RFC 1939, what every POP3 client sends) or else SASL PLAIN; a token as XOAUTH2 (Exchange, Gmail)
 * or else OAUTHBEARER (RFC 7628). Without a SASL line we still try XOAUTH2, as Microsoft documents it
 * for Exchange's POP3; a server that does not know it refuses the mechanism before any token is sent.
 */
export function choosePop3Method(credential: MailCredential, capabilities: Pop3Capabilities): Pop3Method | { none: 'not-offered' | 'mechanism' } {
  if (credential.kind === 'token') {
    if (!capabilities.sasl) return 'AUTH XOAUTH2';
    if (capabilities.sasl.includes('XOAUTH2')) return 'AUTH XOAUTH2';
    if (capabilities.sasl.includes('OAUTHBEARER')) return 'AUTH OAUTHBEARER';
    return { none: 'mechanism' };
  }
  if (capabilities.user || !capabilities.supported) return 'USER/PASS';
  if (capabilities.sasl?.includes('PLAIN')) return 'AUTH PLAIN';
  return { none: capabilities.sasl && capabilities.sasl.length > 0 ? 'mechanism' : 'not-offered' };
}

export interface Pop3LoginResult {
  readonly stage: 'done' | 'login' | 'mailbox' | 'connection';
  readonly method: Pop3Method;
  readonly loginLine?: string;
  readonly loginReply?: ServerReply;
  /** True when the server refused the mechanism itself (no credentials were sent). */
  readonly mechanismRefused?: boolean;
  readonly challenge?: string;
  readonly mailboxLine?: string;
  readonly mailboxReply?: ServerReply;
  readonly count?: number;
  readonly size?: number;
  /** The transport failure when no server reply explains what happened (timeout, close, bounds). */
  readonly failure?: ProbeFailure;
  /** The credential was written before that failure: the login's outcome is unknown. */
  readonly credentialSent?: boolean;
}

function asServerReply(reply: Pop3Reply): ServerReply | undefined {
  return parsePop3Status(reply.line);
}

/** One login, then STAT. Never retries: a refusal is returned as it is. */
export async function loginAndStat(
  client: Pop3Client,
  credential: MailCredential,
  method: Pop3Method,
  target: { host: string; port: number },
): Promise<Pop3LoginResult> {
  let loginReply: Pop3Reply;
  let challenge: string | undefined;
  try {
    if (method === 'USER/PASS') {
      if (credential.kind !== 'password') throw new Error('USER/PASS needs a password');
      loginReply = (await client.userPass(credential.user, credential.password.reveal())).reply;
    } else {
      const mechanism: Pop3SaslMechanism = method === 'AUTH PLAIN' ? 'PLAIN' : method === 'AUTH OAUTHBEARER' ? 'OAUTHBEARER' : 'XOAUTH2';
      const response =
        credential.kind === 'password'
          ? saslPlain(credential.user, credential.password.reveal())
          : mechanism === 'OAUTHBEARER'
            ? saslOauthbearer(credential.user, credential.token.reveal(), target.host, target.port)
            : saslXoauth2(credential.user, credential.token.reveal());
      const result = await client.authenticate(mechanism, response);
      loginReply = result.reply;
      challenge = result.challenge;
      if (!result.mechanismAccepted) {
        const reply = asServerReply(loginReply);
        return { stage: 'login', method, mechanismRefused: true, loginLine: loginReply.line, ...(reply ? { loginReply: reply } : {}) };
      }
    }
  } catch (error) {
    return { stage: 'connection', method, failure: failureOf(error), ...(client.credentialSent ? { credentialSent: true } : {}) };
  }
  const reply = asServerReply(loginReply);
  const login = { loginLine: loginReply.line, ...(reply ? { loginReply: reply } : {}), ...(challenge ? { challenge } : {}) };
  if (!loginReply.ok) return { stage: 'login', method, ...login };

  try {
    const stat = await client.stat();
    const statReply = asServerReply(stat.reply);
    if (!stat.reply.ok || stat.count === undefined) {
      return { stage: 'mailbox', method, ...login, mailboxLine: stat.reply.line, ...(statReply ? { mailboxReply: statReply } : {}) };
    }
    return { stage: 'done', method, ...login, count: stat.count, ...(stat.size !== undefined ? { size: stat.size } : {}) };
  } catch (error) {
    return { stage: 'mailbox', method, ...login, failure: failureOf(error) };
  }
}
