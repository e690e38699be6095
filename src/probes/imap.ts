/**
 * IMAP for the preflight: the greeting, CAPABILITY and STARTTLS are a few raw lines of our own
 * (imap-raw.ts) over the socket the tcp/tls probes opened (so the certificate we judged is the one the
 * session uses, and the capability lists before and after STARTTLS are ours to show); the login,
 * `EXAMINE INBOX` and LOGOUT are imapflow's, continued on that same socket through its `transport` option.
 *
 * imapflow cannot start from a socket that already received its greeting, so the transport hands it the
 * server's greeting again, with the post-TLS capability list we read in its `[CAPABILITY …]` code
 * (RFC 9051 §7.1): imapflow then skips its own CAPABILITY and uses exactly the mechanism we chose
 * (imapflow would take OAUTHBEARER whenever offered; we prefer XOAUTH2, what Exchange and Tactium use).
 * Everything after that greeting is the real server's.
 *
 * Never SELECT, STORE, EXPUNGE or APPEND: the mailbox is opened with EXAMINE (read-only, RFC 9051 §6.3.3).
 */
import { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { ImapFlow, ImapFlowOptions, ImapTransportSocket, Logger } from 'imapflow';
import { cleartextAllowed, cleartextRefused, imapOffersTls, type CleartextPolicy } from './cleartext.js';
import { failureOf, parseImapStatus, type ProbeFailure, type ServerReply } from './incoming-replies.js';
import { ProbeError, type ProbeErrorCode } from './probe-error.js';
import type { Transcript } from '../core/transcript.js';
import type { MailCredential } from './credential.js';
import { scrubAndClip } from '../secrets/redact.js';

/** A token login over IMAP also names its SASL mechanism (the capabilities decide it before the login). */
export type ImapCredential =
  Extract<MailCredential, { kind: 'password' }> | (Extract<MailCredential, { kind: 'token' }> & { readonly mechanism: 'XOAUTH2' | 'OAUTHBEARER' });

export interface ImapLoginInput {
  /** The socket after TLS (implicit or STARTTLS), or the plain one when security is `none`. */
  readonly socket: Duplex;
  /** Bytes the raw phase read past its last line. */
  readonly leftover?: Buffer;
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly servername?: string;
  /** The server's greeting line, as read by the connect step. */
  readonly greeting: string;
  /** The capabilities valid now (after TLS); decides the mechanism. */
  readonly capabilities: readonly string[];
  readonly credential: ImapCredential;
  /** Whether the login may go over a socket without TLS (cleartext.ts), judged on `capabilities`. */
  readonly cleartext: CleartextPolicy;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly transcript: Transcript;
  readonly clientVersion?: string;
}

/** How the login and the read-only look at INBOX went. */
export interface ImapLoginResult {
  readonly stage: 'done' | 'login' | 'mailbox' | 'connection';
  /** The mechanism used: `LOGIN`, `AUTHENTICATE PLAIN`, `AUTHENTICATE XOAUTH2`… */
  readonly method?: string;
  /** The server's answer to the login (tagged line), as sent. */
  readonly loginLine?: string;
  readonly loginReply?: ServerReply;
  /** The failing post-login answer (NAMESPACE, EXAMINE…), as sent. */
  readonly mailboxLine?: string;
  readonly mailboxReply?: ServerReply;
  readonly mailboxCommand?: string;
  /** `* BYE …` if the server ended the session. */
  readonly byeLine?: string;
  /** The decoded SASL error challenge (`{"status":"401",…}`). */
  readonly challenge?: string;
  readonly capabilitiesAfterLogin?: readonly string[];
  /** EXAMINE INBOX: messages, and whether the server confirmed read-only. */
  readonly exists?: number;
  readonly readOnly?: boolean;
  /** What went wrong on the wire when no server reply explains it (timeout, closed, line too long). */
  readonly failure?: ProbeFailure;
  /** The credential was written before that failure: the login's outcome is unknown. */
  readonly credentialSent?: boolean;
  /** The open client, to LOGOUT later; undefined once closed. */
  readonly client?: ImapFlow;
}

/**
 * The greeting replayed to imapflow: the server's own text, with the capability list replaced by the
 * one valid now and narrowed to the mechanism we want used.
 */
export function replayedGreeting(greeting: string, capabilities: readonly string[]): string {
  const text = greeting.replace(/^\*\s+OK\s+/i, '').replace(/^\[CAPABILITY [^\]]*\]\s*/i, '');
  return `* OK [CAPABILITY ${capabilities.join(' ')}] ${text}`.trimEnd();
}

/** Narrows the AUTH= list so imapflow's choice is ours; everything else stays as the server said. */
export function capabilitiesFor(credential: ImapCredential, capabilities: readonly string[]): string[] {
  if (credential.kind === 'token') {
    return capabilities.filter((capability) => !capability.startsWith('AUTH=') || capability === `AUTH=${credential.mechanism}`);
  }
  return capabilities.filter((capability) => !/^AUTH=(XOAUTH2?|OAUTHBEARER)$/.test(capability));
}

/**
 * Carries the session to imapflow: reads start with the replayed greeting, then the real socket's
 * bytes; writes go to the socket. Keeps the raw tagged lines (exact server text for the evidence).
 */
class ReplaySocket extends Duplex {
  readonly rawLines: string[] = [];
  /** The last line the server sent (any kind), for the evidence of a failure no status line explains. */
  lastLine?: string;
  /** The server's side of the socket ended or closed: only then did "the connection end". */
  ended = false;
  #pending = '';
  #overlong = false;
  constructor(
    readonly inner: Duplex,
    first: Buffer,
  ) {
    super();
    this.push(first);
    inner.on('data', (chunk: Buffer) => {
      this.#remember(chunk);
      if (!this.push(chunk)) inner.pause();
    });
    inner.once('end', () => {
      this.ended = true;
      this.push(null);
    });
    inner.once('error', (error: Error) => {
      this.ended = true;
      this.destroy(error);
    });
    inner.once('close', () => {
      this.ended = true;
      if (!this.destroyed) this.push(null);
    });
    inner.on('timeout', () => this.emit('timeout'));
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.inner.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner.destroy();
    callback(error);
  }

  setTimeout(ms: number): this {
    if ('setTimeout' in this.inner && typeof this.inner.setTimeout === 'function') this.inner.setTimeout(ms);
    return this;
  }

  getCipher(): ReturnType<TLSSocket['getCipher']> | null {
    return isTlsSocket(this.inner) ? this.inner.getCipher() : null;
  }

  get authorized(): boolean | undefined {
    return isTlsSocket(this.inner) ? this.inner.authorized : undefined;
  }

  /** Keeps the last status lines (tagged or BYE), bounded, for the evidence. */
  #remember(chunk: Buffer): void {
    this.#pending += chunk.toString('utf8');
    const parts = this.#pending.split(/\r?\n/);
    this.#pending = parts.pop() ?? '';
    // The rest of a line dropped for its length: its tail could be the tail of a secret, never evidence.
    if (this.#overlong && parts.length > 0) {
      parts.shift();
      this.#overlong = false;
    }
    if (this.#pending.length > 64 * 1024) {
      this.#pending = '';
      this.#overlong = true;
    }
    for (const line of parts) {
      if (line.trim() !== '') this.lastLine = scrubAndClip(line, 2000);
      if (/^(\S+) (OK|NO|BAD|BYE)\b/i.test(line) && !/^\* OK\b/i.test(line)) {
        this.rawLines.push(scrubAndClip(line, 2000));
        if (this.rawLines.length > 50) this.rawLines.shift();
      }
    }
  }
}

function isTlsSocket(socket: Duplex): socket is TLSSocket {
  return socket instanceof TLSSocket;
}

/** A property of an object of unknown shape (library errors, log records), without a cast. */
function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? Reflect.get(value, name) : undefined;
}

/**
 * imapflow logs an AUTHENTICATE PLAIN response as the base64 of `\0user\0(* value hidden *)`: safe, but
 * unreadable; say what it is instead.
 */
function maskedSaslResponse(line: string): string {
  if (!/^[A-Za-z0-9+/]+=*$/.test(line) || line.length < 8) return line;
  return Buffer.from(line, 'base64').toString('utf8').includes('value hidden') ? '[redacted SASL response]' : line;
}

/** What the login put on the wire so far: set by the transcript logger, read when no answer came. */
interface LoginProgress {
  /** LOGIN, or AUTHENTICATE with its initial response (SASL-IR), or a continuation after AUTHENTICATE. */
  credentialSent: boolean;
  loginTag?: string;
}

/** imapflow's logger → our transcript: its own command log masks credentials (`sensitive`, RFC-aware). */
function transcriptLogger(transcript: Transcript, commands: Map<string, string>, hide: string, progress: LoginProgress): Logger {
  let skippedGreeting = false;
  const entry = (level: string) => (record: unknown) => {
    const src = field(record, 'src');
    const msg = field(record, 'msg');
    if (typeof msg !== 'string') return;
    if (src === 'c') {
      const words = msg.split(' ');
      const [tag, command] = words;
      if (tag && command) commands.set(tag, command.toUpperCase());
      const upper = command?.toUpperCase();
      if (progress.loginTag !== undefined && tag !== progress.loginTag)
        progress.credentialSent = true; // the SASL response (a continuation)
      else if (upper === 'LOGIN' || (upper === 'AUTHENTICATE' && words.length >= 4)) progress.credentialSent = true;
      if (upper === 'LOGIN' || upper === 'AUTHENTICATE') progress.loginTag = tag;
      transcript.add('client', maskedSaslResponse(msg));
    } else if (src === 's') {
      // The replayed greeting was recorded by the connect step already.
      if (!skippedGreeting && msg === hide) {
        skippedGreeting = true;
        return;
      }
      transcript.add('server', msg);
    } else if (src === 'tls') {
      transcript.add('tls', msg);
    } else if (level === 'warn' || level === 'error') {
      transcript.add('info', `imapflow: ${msg}`);
    }
  };
  return { trace: () => undefined, debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error'), fatal: entry('error') };
}

/**
 * The refusal a login would meet on this socket for want of encryption (cleartext.ts), or undefined: a TLS
 * socket, or a cleartext login the policy allows because the server offers neither STARTTLS nor
 * LOGINDISABLED.
 */
export function imapCleartextRefusal(input: Pick<ImapLoginInput, 'socket' | 'secure' | 'capabilities' | 'cleartext' | 'port'>): ProbeError | undefined {
  if (input.secure && input.socket instanceof TLSSocket) return undefined;
  const offered = imapOffersTls(input.capabilities);
  return cleartextAllowed(input.cleartext, offered) ? undefined : cleartextRefused(input.cleartext, offered, { stage: 'LOGIN', port: input.port });
}

/**
 * The login (LOGIN or AUTHENTICATE) and EXAMINE INBOX, through imapflow on the given socket. Throws
 * `CLEARTEXT_AUTH_REFUSED` before anything is written when `imapCleartextRefusal` says so. A login whose
 * credential went out without an answer ends with the failure `AUTH_REPLY_TIMEOUT` (outcome unknown).
 */
export async function loginAndExamine(input: ImapLoginInput): Promise<ImapLoginResult> {
  const refusal = imapCleartextRefusal(input);
  if (refusal) throw refusal;
  const { ImapFlow } = await import('imapflow');
  const capabilities = capabilitiesFor(input.credential, input.capabilities);
  const greeting = replayedGreeting(input.greeting, capabilities);
  const socket = new ReplaySocket(input.socket, Buffer.concat([Buffer.from(`${greeting}\r\n`), input.leftover ?? Buffer.alloc(0)]));
  const commands = new Map<string, string>();
  const progress: LoginProgress = { credentialSent: false };
  const method = methodFor(input.credential, capabilities);
  const transportSocket: ImapTransportSocket = socket;
  const options: ImapFlowOptions = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    ...(input.servername ? { servername: input.servername } : {}),
    doSTARTTLS: false, // TLS is already decided and in place
    auth:
      input.credential.kind === 'password'
        ? { user: input.credential.user, pass: input.credential.password.reveal(), ...(method === 'LOGIN' ? { loginMethod: 'LOGIN' } : {}) }
        : { user: input.credential.user, accessToken: input.credential.token.reveal() },
    transport: {
      connect: (_options, onConnect) => {
        setImmediate(onConnect);
        return transportSocket;
      },
    },
    logger: transcriptLogger(input.transcript, commands, greeting, progress),
    // Who we are, for the server's logs (RFC 2971); imapflow's own name and vendor are left out.
    clientInfo: { name: 'tactium-preflight', version: input.clientVersion ?? false, vendor: false, 'support-url': false },
    disableCompression: true,
    disableAutoEnable: true,
    disableAutoIdle: true,
    connectionTimeout: input.timeoutMs,
    greetingTimeout: input.timeoutMs,
    socketTimeout: input.timeoutMs,
    maxLineLength: 1024 * 1024,
    maxLiteralSize: 1024 * 1024,
    maxResponseSize: 4 * 1024 * 1024,
  };
  const client = new ImapFlow(options);
  // After connect() settles imapflow reports connection trouble as 'error' events; the result says it. The
  // last one says why a command then failed with "Connection not available" (a socket timeout, a reset).
  let clientError: unknown;
  client.on('error', (error: unknown) => (clientError = error));

  const tagOf = (command: string): string | undefined => [...commands.entries()].reverse().find(([, name]) => name === command)?.[0];
  const statusFor = (command: string): { line?: string; reply?: ServerReply } => {
    const tag = tagOf(command);
    const line = tag ? [...socket.rawLines].reverse().find((raw) => raw.startsWith(`${tag} `)) : undefined;
    const reply = line ? parseImapStatus(line) : undefined;
    return { ...(line ? { line } : {}), ...(reply ? { reply } : {}) };
  };
  const bye = (): string | undefined => [...socket.rawLines].reverse().find((raw) => /^\* BYE\b/i.test(raw) && !/^\* BYE Logging out/i.test(raw));
  const loginCommand = method === 'LOGIN' ? 'LOGIN' : 'AUTHENTICATE';
  /** imapflow's own errors (no ProbeError) carry its code: map the ones that mean the wire failed. */
  const failureFrom = (error: unknown): ProbeFailure => {
    const last = socket.lastLine ? { serverReply: socket.lastLine } : {};
    if (error instanceof ProbeError) return { ...failureOf(error), ...(error.serverReply ? {} : last) };
    const cause = field(error, 'code') === 'NoConnection' && clientError !== undefined ? clientError : error;
    const code = field(cause, 'code');
    const message = field(cause, 'message');
    const mapped = imapflowCode(typeof code === 'string' ? code : undefined);
    // imapflow's "Command failed" and the like, on a socket the server has not closed: not a lost connection.
    const open = mapped === 'CONNECTION_CLOSED' && !socket.ended;
    return { code: open ? 'PROTOCOL_UNEXPECTED_REPLY' : mapped, message: typeof message === 'string' ? message : String(error), ...last };
  };
  /**
   * The last command after the login that the server refused (NO/BAD), whichever it was: imapflow runs
   * NAMESPACE, LIST and LSUB of its own before EXAMINE, and Exchange refuses the first that touches the mailbox.
   */
  const refusedAfterLogin = (): { command: string; line: string; reply: ServerReply } | undefined => {
    for (const raw of [...socket.rawLines].reverse()) {
      const tag = raw.split(' ', 1)[0] ?? '';
      const command = commands.get(tag);
      if (!command || ['LOGIN', 'AUTHENTICATE', 'LOGOUT'].includes(command)) continue;
      const reply = parseImapStatus(raw);
      if (reply && (reply.status === 'NO' || reply.status === 'BAD')) return { command, line: raw, reply };
    }
    return undefined;
  };

  const guard = async <T>(work: Promise<T>, limitMs: number): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ProbeError('REPLY_TIMEOUT', `no answer within ${limitMs} ms`, { stage: 'IMAP' })), limitMs);
          onAbort = () => reject(new ProbeError('ABORTED', 'aborted', { stage: 'IMAP' }));
          if (input.signal?.aborted) onAbort();
          input.signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) input.signal?.removeEventListener('abort', onAbort);
    }
  };

  try {
    // ID, the login, ID again, NAMESPACE: each bounded by imapflow's socketTimeout, the whole by this.
    await guard(client.connect(), input.timeoutMs * 4);
  } catch (error) {
    // Read before close(): closing ends the socket, and only a close by the server is a lost connection.
    const failure = failureFrom(error);
    client.close();
    const login = statusFor(loginCommand);
    // imapflow decodes the SASL error challenge into `oauthError` (its authenticate.js).
    const oauthError = field(error, 'oauthError');
    const challenge = oauthError && typeof oauthError === 'object' ? JSON.stringify(oauthError) : undefined;
    const byeLine = bye();
    if (login.reply && login.reply.status === 'OK') {
      // Logged in, then a command after it failed: Exchange's "authenticated but not connected".
      const after = refusedAfterLogin();
      return {
        stage: 'mailbox',
        method,
        ...(login.line ? { loginLine: login.line } : {}),
        ...(login.reply ? { loginReply: login.reply } : {}),
        ...(after?.line ? { mailboxLine: after.line, mailboxCommand: after.command } : {}),
        ...(after?.reply ? { mailboxReply: after.reply } : {}),
        ...(byeLine ? { byeLine } : {}),
        ...(after?.reply ? {} : { failure }),
      };
    }
    if (login.reply) {
      return {
        stage: 'login',
        method,
        loginLine: login.line ?? '',
        loginReply: login.reply,
        ...(challenge ? { challenge } : {}),
        ...(byeLine ? { byeLine } : {}),
      };
    }
    // No answer after the credential went out: the server may be delaying a failed login (outcome unknown).
    const unanswered = progress.credentialSent && failure.code === 'REPLY_TIMEOUT' ? { ...failure, code: 'AUTH_REPLY_TIMEOUT' as const } : failure;
    return { stage: 'connection', method, failure: unanswered, ...(progress.credentialSent ? { credentialSent: true } : {}), ...(byeLine ? { byeLine } : {}) };
  }

  const login = statusFor(loginCommand);
  const capabilitiesAfterLogin = [...client.capabilities.keys()].map((capability) => capability.toUpperCase());
  try {
    // LIST and LSUB (imapflow resolves the path), then EXAMINE.
    const mailbox = await guard(client.mailboxOpen('INBOX', { readOnly: true }), input.timeoutMs * 3);
    return {
      stage: 'done',
      method,
      ...(login.line ? { loginLine: login.line } : {}),
      ...(login.reply ? { loginReply: login.reply } : {}),
      capabilitiesAfterLogin,
      exists: mailbox.exists,
      readOnly: mailbox.readOnly === true,
      client,
    };
  } catch (error) {
    // EXAMINE's own answer, else the LIST or LSUB imapflow sent before it and the server refused.
    const examine = statusFor('EXAMINE');
    const refused = examine.reply ? { command: 'EXAMINE', ...examine } : refusedAfterLogin();
    const byeLine = bye();
    const failure = refused?.reply ? undefined : failureFrom(error);
    client.close();
    return {
      stage: 'mailbox',
      method,
      ...(login.line ? { loginLine: login.line } : {}),
      ...(login.reply ? { loginReply: login.reply } : {}),
      capabilitiesAfterLogin,
      mailboxCommand: refused?.command ?? 'EXAMINE',
      ...(refused?.line ? { mailboxLine: refused.line } : {}),
      ...(refused?.reply ? { mailboxReply: refused.reply } : {}),
      ...(byeLine ? { byeLine } : {}),
      ...(failure ? { failure } : {}),
    };
  }
}

/** What imapflow will send for these capabilities (its order: OAuth, then PLAIN, then LOGIN command). */
export function methodFor(credential: ImapCredential, capabilities: readonly string[]): string {
  if (credential.kind === 'token') return `AUTHENTICATE ${credential.mechanism}`;
  // imapflow sends LOGIN for names with \ or / (Exchange's DOMAIN\user and alias forms; its authenticate()).
  if (/[\\/]/.test(credential.user)) return 'LOGIN';
  if (capabilities.includes('AUTH=PLAIN')) return 'AUTHENTICATE PLAIN';
  if (capabilities.includes('AUTH=LOGIN')) return 'AUTHENTICATE LOGIN';
  return 'LOGIN';
}

/** LOGOUT through imapflow, bounded; the socket is closed either way. */
export async function logoutImap(client: ImapFlow, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([client.logout(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  } catch {
    // Closing anyway.
  } finally {
    clearTimeout(timer);
    client.close();
  }
}

/** imapflow error codes → ours, for failures no server reply explains (its errors.ts). */
function imapflowCode(code: string | undefined): ProbeErrorCode {
  switch (code) {
    case 'LineTooLarge':
    case 'LiteralTooLarge':
      return 'LINE_TOO_LONG';
    case 'ResponseTooLarge':
    case 'TooManyTokens':
      return 'REPLY_TOO_LONG';
    case 'ETIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'UPGRADE_TIMEOUT':
      return 'REPLY_TIMEOUT';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'TCP_RESET';
    default:
      return 'CONNECTION_CLOSED';
  }
}
