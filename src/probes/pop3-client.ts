/**
 * The POP3 commands the preflight needs, over a socket our tcp/tls probes opened and verified:
 * CAPA, STLS (RFC 2595), USER/PASS (RFC 1939), AUTH with SASL (RFC 5034: PLAIN, XOAUTH2, OAUTHBEARER),
 * STAT and QUIT. Never RETR, DELE or anything else that reads or changes messages.
 *
 * Why not node-pop3 0.11 (the design card's library): it treats every socket `data` event as one whole
 * response (no line buffering, so a reply split across TCP segments or a megabyte line breaks it), opens
 * its own socket (so it cannot continue on the one whose certificate we checked), has no STLS, no SASL,
 * no multi-line CAPA, no logger and no default timeout, and its errors carry the command sent — an
 * `AUTH XOAUTH2` token included. Layering those on its `command()` would mean replacing its parser, so
 * this is a thin client over bounded-reader.ts's BoundedReader: every reply is bounded in time and size, server
 * lines go to the transcript as read, client lines with PASS/AUTH arguments replaced.
 */
import { TLSSocket } from 'node:tls';
import { cleartextAllowed, cleartextRefused, pop3OffersTls, type CleartextPolicy } from './cleartext.js';
import { ProbeError } from './probe-error.js';
import { singleLine, type BoundedReader } from './bounded-reader.js';
import { scrubAndClip } from '../secrets/redact.js';

export interface Pop3Reply {
  readonly ok: boolean;
  /** The whole status line as the server sent it. */
  readonly line: string;
  /** The text after `+OK` / `-ERR`, response code included. */
  readonly text: string;
  /** RFC 2449 §8 / RFC 3206 response code, e.g. `AUTH`, `SYS/PERM`, `SYS/TEMP`, `IN-USE`, `LOGIN-DELAY`. */
  readonly code?: string;
}

export type Pop3SaslMechanism = 'PLAIN' | 'XOAUTH2' | 'OAUTHBEARER';

export interface Pop3SaslResult {
  readonly reply: Pop3Reply;
  /** The server's error challenge (RFC 7628 §3.2.2), decoded: e.g. `{"status":"401",…}`. */
  readonly challenge?: string;
  /** False when the server refused the mechanism itself (no `+` continuation, no credentials sent). */
  readonly mechanismAccepted: boolean;
}

export function parsePop3Reply(line: string): Pop3Reply | undefined {
  const match = /^(\+OK|-ERR)(?:\s+(.*))?$/i.exec(line);
  if (!match) return undefined;
  const text = (match[2] ?? '').trim();
  const code = /^\[([A-Za-z0-9/-]+)\]/.exec(text)?.[1]?.toUpperCase();
  return { ok: (match[1] ?? '').toUpperCase() === '+OK', line, text, ...(code ? { code } : {}) };
}

/** RFC 1939 §3: a multi-line answer ends with a line holding a single dot; a -ERR status ends at once. */
const multiLineDone = (lines: readonly string[]): boolean => lines[0]?.startsWith('-') === true || lines[lines.length - 1] === '.';

export class Pop3Client {
  /** The last CAPA list (empty when the server refused CAPA); undefined until CAPA was asked. */
  #capabilities: readonly string[] | undefined;
  #credentialSent = false;

  constructor(
    /** Replaced after STLS (the TLS socket) and for each check (its transcript and abort signal). */
    public reader: BoundedReader,
    public timeoutMs: number,
    /** Whether a credential may go over this connection without TLS (cleartext.ts), judged on CAPA's STLS. */
    readonly cleartext: CleartextPolicy = 'never',
  ) {}

  /**
   * The refusal a login would meet here for want of encryption, or undefined: the socket is TLS, or the
   * policy allows a cleartext login and CAPA offered no STLS. Unknown (CAPA never asked) counts as offered.
   */
  cleartextRefusal(stage = 'AUTH'): ProbeError | undefined {
    if (this.reader.socket instanceof TLSSocket) return undefined;
    const offered = this.#capabilities === undefined ? undefined : pop3OffersTls(this.#capabilities);
    if (cleartextAllowed(this.cleartext, offered)) return undefined;
    return cleartextRefused(this.cleartext, offered, {
      stage,
      ...(this.reader.options.address ? { address: this.reader.options.address } : {}),
      ...(this.reader.options.port ? { port: this.reader.options.port } : {}),
    });
  }

  /** The password or the SASL response was written on this connection. */
  get credentialSent(): boolean {
    return this.#credentialSent;
  }

  /** Reads the answer to a line that carried the credential: silence then means the outcome is unknown. */
  async #afterCredential<T>(stage: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof ProbeError && error.code === 'REPLY_TIMEOUT') {
        throw new ProbeError('AUTH_REPLY_TIMEOUT', `no answer to ${stage} within ${this.timeoutMs} ms after the credential was sent`, {
          stage,
          ...(error.elapsedMs !== undefined ? { elapsedMs: error.elapsedMs } : {}),
          ...(error.address ? { address: error.address } : {}),
          ...(error.port !== undefined ? { port: error.port } : {}),
          cause: error,
        });
      }
      throw error;
    }
  }

  async #line(stage: string): Promise<string> {
    const [line] = await this.reader.readReply(singleLine, { stage, timeoutMs: this.timeoutMs });
    return line ?? '';
  }

  async #reply(stage: string): Promise<Pop3Reply> {
    const line = await this.#line(stage);
    const reply = parsePop3Reply(line);
    if (!reply) throw new ProbeError('PROTOCOL_UNEXPECTED_REPLY', `not a POP3 status line: ${scrubAndClip(line, 200)}`, { stage, serverReply: line });
    return reply;
  }

  /** The greeting, if nobody read it yet. */
  greeting(): Promise<Pop3Reply> {
    return this.#reply('GREETING');
  }

  /** RFC 2449: the capability list; `reply.ok` false when the server answers -ERR (pre-CAPA servers). */
  async capa(): Promise<{ reply: Pop3Reply; capabilities: string[] }> {
    this.reader.write('CAPA');
    const lines = await this.reader.readReply(multiLineDone, { stage: 'CAPA', timeoutMs: this.timeoutMs });
    const status = lines[0] ?? '';
    const reply = parsePop3Reply(status);
    if (!reply)
      throw new ProbeError('PROTOCOL_UNEXPECTED_REPLY', `not a POP3 status line: ${scrubAndClip(status, 200)}`, { stage: 'CAPA', serverReply: status });
    if (!reply.ok) {
      this.#capabilities = [];
      return { reply, capabilities: [] };
    }
    // RFC 1939 §3 byte-stuffing: a leading dot is doubled.
    const capabilities = lines.slice(1, -1).map((line) => (line.startsWith('..') ? line.slice(1) : line));
    this.#capabilities = capabilities;
    return { reply, capabilities };
  }

  async stls(): Promise<Pop3Reply> {
    this.reader.write('STLS');
    return this.#reply('STLS');
  }

  /** RFC 1939 USER/PASS. Stops after a USER refusal (some servers refuse unknown users there). */
  async userPass(user: string, password: string): Promise<{ step: 'USER' | 'PASS'; reply: Pop3Reply }> {
    const refusal = this.cleartextRefusal('USER');
    if (refusal) throw refusal;
    this.reader.write(`USER ${user}`);
    const userReply = await this.#reply('USER');
    if (!userReply.ok) return { step: 'USER', reply: userReply };
    this.reader.write(`PASS ${password}`, 'PASS [redacted]');
    this.#credentialSent = true;
    return { step: 'PASS', reply: await this.#afterCredential('PASS', () => this.#reply('PASS')) };
  }

  /**
   * RFC 5034 AUTH without an initial response: `AUTH <mech>` → `+` → the base64 response. OAuth tokens
   * make lines far longer than the 255 octets RFC 5034 §4 asks initial responses to stay under, and
   * Microsoft documents exactly this exchange for POP3 XOAUTH2
   * (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
   */
  async authenticate(mechanism: Pop3SaslMechanism, responseBase64: string): Promise<Pop3SaslResult> {
    const stage = `AUTH ${mechanism}`;
    const refusal = this.cleartextRefusal(stage);
    if (refusal) throw refusal;
    this.reader.write(`AUTH ${mechanism}`);
    const first = await this.#line(stage);
    const firstReply = parsePop3Reply(first);
    if (firstReply) return { reply: firstReply, mechanismAccepted: false };
    if (!first.startsWith('+'))
      throw new ProbeError('PROTOCOL_UNEXPECTED_REPLY', `unexpected answer to AUTH: ${scrubAndClip(first, 200)}`, { stage, serverReply: first });
    this.reader.write(responseBase64, `[redacted ${mechanism} response]`);
    this.#credentialSent = true;
    const second = await this.#afterCredential(stage, () => this.#line(stage));
    const secondReply = parsePop3Reply(second);
    if (secondReply) return { reply: secondReply, mechanismAccepted: true };
    if (!second.startsWith('+'))
      throw new ProbeError('PROTOCOL_UNEXPECTED_REPLY', `unexpected answer to AUTH: ${scrubAndClip(second, 200)}`, { stage, serverReply: second });
    // An error challenge (RFC 7628 §3.2.2; Google's XOAUTH2 doc): decode it for the report, then answer
    // as the mechanism requires so the server sends its final -ERR: OAUTHBEARER a single %x01 (AQ==),
    // XOAUTH2 an empty line (https://developers.google.com/workspace/gmail/imap/xoauth2-protocol).
    const challenge = decodeChallenge(second.slice(1).trim());
    if (challenge) this.reader.options.transcript?.add('info', `SASL error challenge: ${challenge}`);
    if (mechanism === 'OAUTHBEARER') this.reader.write('AQ==');
    else this.reader.write('', '(empty line)');
    const third = await this.#afterCredential(stage, () => this.#line(stage));
    const thirdReply = parsePop3Reply(third);
    if (thirdReply) return { reply: thirdReply, mechanismAccepted: true, ...(challenge ? { challenge } : {}) };
    // A second challenge: cancel the exchange (RFC 5034 §4, "*") rather than loop.
    this.reader.write('*');
    return { reply: await this.#afterCredential(stage, () => this.#reply(stage)), mechanismAccepted: true, ...(challenge ? { challenge } : {}) };
  }

  /** STAT: message count and size of the maildrop; reads nothing else. */
  async stat(): Promise<{ reply: Pop3Reply; count?: number; size?: number }> {
    this.reader.write('STAT');
    const reply = await this.#reply('STAT');
    const match = reply.ok ? /^(\d+)\s+(\d+)/.exec(reply.text) : null;
    if (!match) return { reply };
    return { reply, count: Number(match[1]), size: Number(match[2]) };
  }

  /** QUIT, best effort, with a short wait; then the socket is closed. */
  async quit(timeoutMs = 1000): Promise<void> {
    try {
      this.reader.write('QUIT');
      await this.reader.readReply(singleLine, { stage: 'QUIT', timeoutMs });
    } catch {
      // The session is over either way.
    } finally {
      this.reader.destroy();
    }
  }
}

/** Base64-decoded text of a SASL challenge when it is printable (Dovecot and Google send JSON). */
export function decodeChallenge(base64: string): string | undefined {
  if (!base64 || !/^[A-Za-z0-9+/=]+$/.test(base64)) return undefined;
  const text = Buffer.from(base64, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/** RFC 4616 PLAIN: `authzid \0 authcid \0 password`, with an empty authzid. */
export function saslPlain(user: string, password: string): string {
  return Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
}

/** XOAUTH2: `user=<user>^Aauth=Bearer <token>^A^A` (docs/provider-facts.md §XOAUTH2). */
export function saslXoauth2(user: string, token: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}

/** RFC 7628 §3.1 OAUTHBEARER: GS2 header, then host, port and the bearer token, \x01-separated. */
export function saslOauthbearer(user: string, token: string, host: string, port: number): string {
  const authzid = user.replace(/=/g, '=3D').replace(/,/g, '=2C'); // RFC 5801 §4 saslname escaping
  return Buffer.from(`n,a=${authzid},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}
