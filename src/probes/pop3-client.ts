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
 * this is a thin client of our own; every read is bounded by the step timeout (LineConnection).
 */
import type { LineConnection } from './incoming-lines.js';

/** Where client and server lines go (the check's Transcript); callers pass already-redacted text. */
export interface TranscriptSink {
  add(direction: 'client' | 'server' | 'tls' | 'info', text: string): void;
}

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
  /** False when the server refused the mechanism itself (no `+` continuation). */
  readonly mechanismAccepted: boolean;
}

/** Most lines accepted in one multi-line answer (CAPA lists a dozen): an endless answer fails. */
const MAX_MULTILINE = 500;

export function parsePop3Reply(line: string): Pop3Reply | undefined {
  const match = /^(\+OK|-ERR)(?:\s+(.*))?$/i.exec(line);
  if (!match) return undefined;
  const text = (match[2] ?? '').trim();
  const code = /^\[([A-Za-z0-9/-]+)\]/.exec(text)?.[1]?.toUpperCase();
  return { ok: (match[1] ?? '').toUpperCase() === '+OK', line, text, ...(code ? { code } : {}) };
}

/** A reply that is neither `+OK` nor `-ERR` where one is required. */
export class Pop3ProtocolError extends Error {
  constructor(readonly line: string) {
    super(`unexpected POP3 answer: ${line.slice(0, 200)}`);
    this.name = 'Pop3ProtocolError';
  }
}

export class Pop3Client {
  constructor(
    readonly lines: LineConnection,
    readonly transcript: TranscriptSink,
  ) {}

  async #read(): Promise<string> {
    const line = await this.lines.readLine();
    this.transcript.add('server', line);
    return line;
  }

  async #reply(): Promise<Pop3Reply> {
    const line = await this.#read();
    const reply = parsePop3Reply(line);
    if (!reply) throw new Pop3ProtocolError(line);
    return reply;
  }

  /** Sends a command; `shown` is what the transcript records (the redacted form). */
  #send(line: string, shown = line): void {
    this.transcript.add('client', shown);
    this.lines.write(line);
  }

  /** The greeting, if nobody read it yet. */
  greeting(): Promise<Pop3Reply> {
    return this.#reply();
  }

  /** RFC 2449: the capability list, or `supported: false` when the server answers -ERR (pre-CAPA servers). */
  async capa(): Promise<{ reply: Pop3Reply; capabilities: string[] }> {
    this.#send('CAPA');
    const reply = await this.#reply();
    if (!reply.ok) return { reply, capabilities: [] };
    const capabilities: string[] = [];
    for (;;) {
      const line = await this.#read();
      if (line === '.') break;
      if (capabilities.length >= MAX_MULTILINE) throw new Pop3ProtocolError(`more than ${MAX_MULTILINE} CAPA lines`);
      capabilities.push(line.startsWith('..') ? line.slice(1) : line); // RFC 1939 §3 byte-stuffing
    }
    return { reply, capabilities };
  }

  async stls(): Promise<Pop3Reply> {
    this.#send('STLS');
    return this.#reply();
  }

  /** RFC 1939 USER/PASS. Stops after a USER refusal (some servers refuse unknown users there). */
  async userPass(user: string, password: string): Promise<{ step: 'USER' | 'PASS'; reply: Pop3Reply }> {
    this.#send(`USER ${user}`);
    const userReply = await this.#reply();
    if (!userReply.ok) return { step: 'USER', reply: userReply };
    this.#send(`PASS ${password}`, 'PASS [redacted]');
    return { step: 'PASS', reply: await this.#reply() };
  }

  /**
   * RFC 5034 AUTH without an initial response: `AUTH <mech>` → `+` → the base64 response. OAuth tokens
   * make lines far longer than the 255 octets RFC 5034 §4 asks initial responses to stay under, and
   * Microsoft documents exactly this exchange for POP3 XOAUTH2
   * (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
   */
  async authenticate(mechanism: Pop3SaslMechanism, responseBase64: string): Promise<Pop3SaslResult> {
    this.#send(`AUTH ${mechanism}`);
    const first = await this.#read();
    const firstReply = parsePop3Reply(first);
    if (firstReply) return { reply: firstReply, mechanismAccepted: false };
    if (!first.startsWith('+')) throw new Pop3ProtocolError(first);
    this.#send(responseBase64, `[redacted ${mechanism} response]`);
    const second = await this.#read();
    const secondReply = parsePop3Reply(second);
    if (secondReply) return { reply: secondReply, mechanismAccepted: true };
    if (!second.startsWith('+')) throw new Pop3ProtocolError(second);
    // An error challenge (RFC 7628 §3.2.2; Google's XOAUTH2 doc): decode it for the report, then answer
    // as the mechanism requires so the server sends its final -ERR: OAUTHBEARER a single %x01 (AQ==),
    // XOAUTH2 an empty line (https://developers.google.com/workspace/gmail/imap/xoauth2-protocol).
    const challenge = decodeChallenge(second.slice(1).trim());
    if (challenge) this.transcript.add('info', `SASL error challenge: ${challenge}`);
    this.#send(mechanism === 'OAUTHBEARER' ? 'AQ==' : '', mechanism === 'OAUTHBEARER' ? 'AQ==' : '(empty line)');
    const third = await this.#read();
    const thirdReply = parsePop3Reply(third);
    if (thirdReply) return { reply: thirdReply, mechanismAccepted: true, ...(challenge ? { challenge } : {}) };
    // A second challenge: cancel the exchange (RFC 5034 §4, "*") rather than loop.
    this.#send('*');
    return { reply: await this.#reply(), mechanismAccepted: true, ...(challenge ? { challenge } : {}) };
  }

  /** STAT: message count and size of the maildrop; reads nothing else. */
  async stat(): Promise<{ reply: Pop3Reply; count?: number; size?: number }> {
    this.#send('STAT');
    const reply = await this.#reply();
    const match = reply.ok ? /^(\d+)\s+(\d+)/.exec(reply.text) : null;
    if (!match) return { reply };
    return { reply, count: Number(match[1]), size: Number(match[2]) };
  }

  /** QUIT, best effort, with a short wait; then the socket is closed. */
  async quit(timeoutMs = 1000): Promise<void> {
    try {
      this.#send('QUIT');
      const line = await this.lines.readLine(timeoutMs);
      this.transcript.add('server', line);
    } catch {
      // The session is over either way.
    } finally {
      this.lines.destroy();
    }
  }
}

/** Base64-decoded text of a SASL challenge when it is printable (Dovecot/Google send JSON). */
export function decodeChallenge(base64: string): string | undefined {
  if (!base64 || !/^[A-Za-z0-9+/=]+$/.test(base64)) return undefined;
  const text = Buffer.from(base64, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/** RFC 4616 PLAIN: `authzid \0 authcid \0 password`, with an empty authzid. */
export function saslPlain(user: string, password: string): string {
  return Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
}

/** XOAUTH2: `user=<user>^Aauth=Bearer <token>^A^A` (providers.md §1.5; Google's and Microsoft's docs). */
export function saslXoauth2(user: string, token: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}

/** RFC 7628 §3.1 OAUTHBEARER: GS2 header, then host, port and the bearer token, \x01-separated. */
export function saslOauthbearer(user: string, token: string, host: string, port: number): string {
  const authzid = user.replace(/=/g, '=3D').replace(/,/g, '=2C'); // RFC 5801 §4 saslname escaping
  return Buffer.from(`n,a=${authzid},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}
