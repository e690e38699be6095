/**
 * The transport under every mail probe (SMTP, IMAP, POP3): DNS → TCP connect with a deadline per step and
 * the abort signal, each failure named (refused, dropped SYN, reset, unreachable, DNS), with the address
 * tried and the time spent; and a bounded reader for line-based replies, because a hostile or broken server
 * may never speak (tarpit), drip one byte a second, or send megabyte lines and endless multi-line replies.
 *
 * Also the two "what does this port really speak" helpers used to name the classic 465-vs-587 mix-up.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { DnsResolver } from '../core/services.js';
import type { Transcript } from '../core/transcript.js';
import { ProbeError, errorMessage, nodeErrorCode, type ProbeErrorCode, type ProbeStage } from './probe-error.js';

/** Where to connect: the host as configured (name or IP literal, IPv6 with or without brackets) and port. */
export interface TcpTarget {
  readonly host: string;
  readonly port: number;
}

export interface TcpConnectOptions extends TcpTarget {
  /** Deadline of each step (DNS, then connect), in milliseconds: `context.options.stepTimeoutMs`. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** `context.services.dns`; not asked for IP literals. */
  readonly resolver: DnsResolver;
  /** Receives `info` lines (address tried, connect time) for `--trace`. */
  readonly transcript?: Transcript;
}

/** An open TCP connection and the facts of how it was reached (for evidence). */
export interface TcpConnection {
  readonly socket: net.Socket;
  readonly host: string;
  readonly port: number;
  /** The IP address connected to. */
  readonly address: string;
  /** Every address DNS gave (or the literal). */
  readonly addresses: readonly string[];
  readonly dnsMs: number;
  readonly connectMs: number;
  readonly localAddress?: string;
  readonly localPort?: number;
}

/** Removes the brackets of an IPv6 literal (`[::1]` → `::1`). */
export function unbracketHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** Milliseconds since `started` (a `performance.now()` value), rounded. */
export function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

/** Throws `ABORTED` when the signal fired: probes call this between steps. */
export function throwIfAborted(signal: AbortSignal | undefined, stage: ProbeStage): void {
  if (signal?.aborted) throw new ProbeError('ABORTED', 'aborted', { stage });
}

/** Node's DNS error code → ours (the dns.* checks diagnose in depth; here we only name it). */
function classifyDnsCode(code: string | undefined): ProbeErrorCode {
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME' || code === 'EAI_NODATA') return 'DNS_NOT_FOUND';
  if (code === 'ETIMEOUT' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') return 'DNS_TIMEOUT';
  return 'DNS_FAILED';
}

/**
 * Node's socket error code → ours. ECONNREFUSED is a RST to our SYN (nothing listens, or a firewall
 * REJECTs); ETIMEDOUT only comes from our own timer (Node has no connect timeout): a DROP.
 */
export function classifyConnectCode(code: string | undefined): ProbeErrorCode {
  switch (code) {
    case 'ECONNREFUSED':
      return 'TCP_REFUSED';
    case 'ETIMEDOUT':
      return 'TCP_TIMEOUT';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'TCP_RESET';
    case 'EACCES':
    case 'EPERM':
      return 'TCP_BLOCKED_LOCALLY';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return 'NETWORK_UNREACHABLE';
    default:
      return 'CONNECTION_CLOSED';
  }
}

/** Runs `task` with a deadline and the abort signal; `onTimeout` builds the error thrown at the deadline. */
async function withDeadline<T>(task: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, onTimeout: () => Error, stage: ProbeStage): Promise<T> {
  throwIfAborted(signal, stage);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    onAbort = () => reject(new ProbeError('ABORTED', 'aborted', { stage }));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([task, guard]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Resolves the host (unless it is an IP literal) within the step timeout. */
async function resolveAddresses(options: TcpConnectOptions): Promise<{ addresses: string[]; dnsMs: number }> {
  const literal = unbracketHost(options.host);
  if (net.isIP(literal) !== 0) return { addresses: [literal], dnsMs: 0 };
  const started = performance.now();
  try {
    const found = await withDeadline(
      options.resolver.resolve(options.host, { timeoutMs: options.timeoutMs, signal: options.signal }),
      options.timeoutMs,
      options.signal,
      () => new ProbeError('DNS_TIMEOUT', `no DNS answer for ${options.host} within ${options.timeoutMs} ms`, { stage: 'DNS', elapsedMs: elapsedSince(started) }),
      'DNS',
    );
    const addresses = [...new Set(found.map((entry) => entry.address))];
    if (addresses.length === 0) {
      throw new ProbeError('DNS_NOT_FOUND', `${options.host} has no address`, { stage: 'DNS', elapsedMs: elapsedSince(started) });
    }
    return { addresses, dnsMs: elapsedSince(started) };
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    const code = nodeErrorCode(error);
    throw new ProbeError(classifyDnsCode(code), `resolving ${options.host} failed (${code ?? 'unknown error'})`, {
      stage: 'DNS',
      elapsedMs: elapsedSince(started),
      nodeCode: code,
      cause: error,
    });
  }
}

/** One connection attempt to one address, bounded by `timeoutMs` and the signal. */
function connectAddress(address: string, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ProbeError('ABORTED', 'aborted', { stage: 'CONNECT', address, port }));
    const socket = net.connect({ host: address, port });
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(new ProbeError('ABORTED', 'aborted', { stage: 'CONNECT', address, port }));
    };
    // Node has no connect timeout of its own: a dropped SYN would wait for the OS (minutes).
    const timer = setTimeout(() => onError(Object.assign(new Error(`no answer from ${address}:${port} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * DNS → TCP. Every address is tried in the order DNS gave them while the connect step's deadline lasts (a
 * fast refusal moves on to the next address; a dropped SYN uses up the deadline). Throws a `ProbeError`
 * (`DNS_*`, `TCP_REFUSED`, `TCP_TIMEOUT`, `TCP_RESET`, `NETWORK_UNREACHABLE`, `TCP_BLOCKED_LOCALLY`,
 * `ABORTED`) with the address tried, the attempts and the time spent.
 */
export async function connectTcp(options: TcpConnectOptions): Promise<TcpConnection> {
  const { port, signal, transcript } = options;
  throwIfAborted(signal, 'DNS');
  const { addresses, dnsMs } = await resolveAddresses(options);
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const attempts: string[] = [];
  let last: { address: string; error: unknown } | undefined;
  for (const address of addresses) {
    const remaining = Math.round(deadline - performance.now());
    if (remaining <= 0) break;
    const attemptStarted = performance.now();
    transcript?.add('info', `connecting to ${address}:${port}`);
    try {
      const socket = await connectAddress(address, port, remaining, signal);
      socket.setNoDelay(true);
      const connectMs = elapsedSince(started);
      transcript?.add('info', `connected to ${address}:${port} in ${connectMs} ms (local ${socket.localAddress ?? '?'}:${socket.localPort ?? '?'})`);
      return {
        socket,
        host: options.host,
        port,
        address,
        addresses,
        dnsMs,
        connectMs,
        ...(socket.localAddress ? { localAddress: socket.localAddress } : {}),
        ...(socket.localPort ? { localPort: socket.localPort } : {}),
      };
    } catch (error) {
      if (error instanceof ProbeError) throw error; // aborted
      const code = nodeErrorCode(error);
      attempts.push(`${address} ${code ?? 'error'} ${elapsedSince(attemptStarted)} ms`);
      transcript?.add('info', `${address}:${port}: ${code ?? 'error'} after ${elapsedSince(attemptStarted)} ms`);
      last = { address, error };
    }
  }
  const code = nodeErrorCode(last?.error) ?? 'ETIMEDOUT';
  const ours = classifyConnectCode(code);
  const message = last ? errorMessage(last.error) : `no answer within ${options.timeoutMs} ms`;
  throw new ProbeError(ours, `connecting to ${options.host}:${port} failed: ${message}`, {
    stage: 'CONNECT',
    address: last?.address ?? addresses[0],
    port,
    elapsedMs: elapsedSince(started),
    nodeCode: code,
    ...(attempts.length > 1 ? { attempts } : {}),
    cause: last?.error,
  });
}

/** Limits on what a server may send in one reply. */
export interface ReplyBounds {
  /** Longest line accepted, CRLF excluded (RFC 5321 §4.5.3.1.5 allows 512 octets; real servers stay far below 4 KiB). */
  readonly maxLineLength: number;
  /** Largest reply (all lines of a multi-line reply, and anything queued unread) accepted. */
  readonly maxReplyBytes: number;
}

/** Generous for any real server, small enough that a hostile one cannot fill memory. */
export const DEFAULT_REPLY_BOUNDS: ReplyBounds = { maxLineLength: 8 * 1024, maxReplyBytes: 64 * 1024 };

export interface BoundedReaderOptions {
  readonly signal?: AbortSignal;
  readonly bounds?: Partial<ReplyBounds>;
  /** Server and client lines go here for `--trace` (client lines redacted by the caller's `logAs`). */
  readonly transcript?: Transcript;
  /** For error details. */
  readonly address?: string;
  readonly port?: number;
}

export interface ReadReplyOptions {
  /** For the error: `GREETING`, `EHLO`, `STARTTLS`… */
  readonly stage: ProbeStage;
  readonly timeoutMs: number;
  /** The code thrown at the deadline (default `REPLY_TIMEOUT`; `GREETING_TIMEOUT` for greetings). */
  readonly timeoutCode?: ProbeErrorCode;
}

type Failure = { readonly code: ProbeErrorCode; readonly message: string; readonly nodeCode?: string };

/**
 * Reads line-based replies from a socket with hard bounds: each `readReply` has a deadline for the whole
 * reply (a slow drip cannot stretch it), lines and replies have maximum sizes, and the abort signal stops
 * it. Lines the server sent before a close are still delivered (a `421` then close is read as a reply).
 * The socket can be detached for a TLS upgrade and the TLS socket attached.
 */
export class BoundedReader {
  #socket: Duplex | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #lines: string[] = [];
  #queuedBytes = 0;
  #failure: Failure | undefined;
  #wake: (() => void) | undefined;
  #transcript: Transcript | undefined;
  #signal: AbortSignal | undefined;
  readonly #bounds: ReplyBounds;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onEnd = () => this.#fail({ code: 'CONNECTION_CLOSED', message: 'the server closed the connection' });
  readonly #onError = (error: Error) => {
    const code = nodeErrorCode(error);
    this.#fail({ code: code === 'ECONNRESET' || code === 'EPIPE' ? 'TCP_RESET' : 'CONNECTION_CLOSED', message: error.message, ...(code ? { nodeCode: code } : {}) });
  };

  constructor(
    socket: Duplex,
    readonly options: BoundedReaderOptions = {},
    leftover?: Buffer,
  ) {
    this.#bounds = { ...DEFAULT_REPLY_BOUNDS, ...options.bounds };
    this.#transcript = options.transcript;
    this.#signal = options.signal;
    this.attach(socket, leftover);
  }

  /**
   * Where lines are recorded from now on. A session that several checks continue (one SMTP connection for
   * smtp.connect → tls → auth → send) records each step into the transcript of the check running it.
   */
  set transcript(transcript: Transcript | undefined) {
    this.#transcript = transcript;
  }

  get transcript(): Transcript | undefined {
    return this.#transcript;
  }

  /** The abort signal of the check running the current step (see `transcript`). */
  set signal(signal: AbortSignal | undefined) {
    this.#signal = signal;
  }

  get signal(): AbortSignal | undefined {
    return this.#signal;
  }

  /** The socket being read (the TLS socket after an upgrade). */
  get socket(): Duplex | undefined {
    return this.#socket;
  }

  /** True once the server closed, reset, or sent more than the bounds allow. */
  get isBroken(): boolean {
    return this.#failure !== undefined;
  }

  /** Starts reading `socket` (after a TLS upgrade, the TLS socket); `leftover` is read first. */
  attach(socket: Duplex, leftover?: Buffer): void {
    this.#socket = socket;
    this.#failure = undefined;
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onEnd);
    socket.on('error', this.#onError);
    if (leftover && leftover.length > 0) this.#receive(leftover);
    socket.resume();
  }

  /**
   * Stops reading and hands the socket over (to TLS, or to a library). With `beforeTls`, anything the
   * server sent after the STARTTLS answer would be plaintext injected on the path (RFC 3207 §4.2,
   * CVE-2011-0411): the connection is closed and `STARTTLS_INJECTION` thrown.
   */
  detach(options: { beforeTls?: boolean } = {}): { socket: Duplex; leftover: Buffer } {
    const socket = this.#socket;
    if (!socket) throw new ProbeError('CONNECTION_CLOSED', 'no socket to detach', { stage: 'TLS' });
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('close', this.#onEnd);
    socket.off('error', this.#onError);
    // Without a 'data' listener a flowing socket would drop what arrives; keep it buffered for the next owner.
    socket.pause();
    this.#socket = undefined;
    const unread = Buffer.concat([...this.#lines.map((line) => Buffer.from(`${line}\r\n`, 'utf8')), this.#buffer]);
    this.#lines.length = 0;
    this.#queuedBytes = 0;
    this.#buffer = Buffer.alloc(0);
    if (options.beforeTls && unread.length > 0) {
      socket.destroy();
      throw new ProbeError('STARTTLS_INJECTION', `${unread.length} bytes arrived after the STARTTLS answer, before the TLS handshake`, {
        stage: 'STARTTLS',
        ...this.#where(),
      });
    }
    return { socket, leftover: unread };
  }

  /** Writes one command line (CRLF added); the transcript gets `logAs` instead when the line holds a secret. */
  write(line: string, logAs: string = line): void {
    const socket = this.#socket;
    if (!socket || socket.destroyed || this.#failure) {
      const failure = this.#failure ?? { code: 'CONNECTION_CLOSED' as const, message: 'the connection is closed' };
      throw new ProbeError(failure.code, failure.message, { stage: logAs.split(' ')[0] ?? 'WRITE', ...this.#where(), ...(failure.nodeCode ? { nodeCode: failure.nodeCode } : {}) });
    }
    this.#transcript?.add('client', logAs);
    socket.write(`${line}\r\n`);
  }

  /**
   * The next reply: lines are taken until `isComplete(lines)` says the reply is whole (SMTP: a line
   * without `-` after the code; IMAP/POP3 greetings: one line). Throws `ProbeError` with the partial reply
   * on timeout (`timeoutCode`), close, reset, abort, `LINE_TOO_LONG` or `REPLY_TOO_LONG`.
   */
  async readReply(isComplete: (lines: readonly string[]) => boolean, options: ReadReplyOptions): Promise<string[]> {
    const started = performance.now();
    const deadline = started + options.timeoutMs;
    const signal = this.#signal;
    const lines: string[] = [];
    let replyBytes = 0;
    const fail = (code: ProbeErrorCode, message: string, nodeCode?: string): ProbeError =>
      new ProbeError(code, message, {
        stage: options.stage,
        elapsedMs: elapsedSince(started),
        ...this.#where(),
        ...(lines.length > 0 ? { serverReply: lines.join('\n') } : {}),
        ...(nodeCode ? { nodeCode } : {}),
      });
    for (;;) {
      const line = this.#lines.shift();
      if (line !== undefined) {
        this.#queuedBytes -= line.length + 2;
        lines.push(line);
        replyBytes += line.length + 2;
        if (replyBytes > this.#bounds.maxReplyBytes) {
          this.#destroy();
          throw fail('REPLY_TOO_LONG', `the reply exceeded ${this.#bounds.maxReplyBytes} bytes (${lines.length} lines)`);
        }
        if (isComplete(lines)) return lines;
        continue;
      }
      if (this.#failure) throw fail(this.#failure.code, this.#failure.message, this.#failure.nodeCode);
      if (signal?.aborted) throw fail('ABORTED', 'aborted');
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        const code = options.timeoutCode ?? 'REPLY_TIMEOUT';
        throw fail(code, lines.length > 0 ? `the reply was incomplete after ${options.timeoutMs} ms` : `no reply within ${options.timeoutMs} ms`);
      }
      await this.#waitForLine(remaining, signal);
    }
  }

  /** Closes the socket without a goodbye. */
  destroy(): void {
    this.#destroy();
  }

  #destroy(): void {
    this.#socket?.destroy();
  }

  #where(): { address?: string; port?: number } {
    return { ...(this.options.address ? { address: this.options.address } : {}), ...(this.options.port ? { port: this.options.port } : {}) };
  }

  #waitForLine(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      signal?.addEventListener('abort', finish, { once: true });
      this.#wake = finish;
    });
  }

  #fail(failure: Failure): void {
    if (!this.#failure) this.#failure = failure;
    this.#wake?.();
  }

  #receive(chunk: Buffer): void {
    if (this.#failure) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let added = false;
    for (;;) {
      const end = this.#buffer.indexOf(0x0a);
      if (end < 0) break;
      const raw = this.#buffer.subarray(0, end > 0 && this.#buffer[end - 1] === 0x0d ? end - 1 : end);
      this.#buffer = this.#buffer.subarray(end + 1);
      if (raw.length > this.#bounds.maxLineLength) return this.#tooLong(raw.length);
      // Reply texts may be UTF-8 (RFC 6531 §3.7.4.2 for SMTP; RFC 6856 POP3; RFC 9051 IMAP).
      const line = raw.toString('utf8');
      this.#transcript?.add('server', line);
      this.#lines.push(line);
      this.#queuedBytes += line.length + 2;
      added = true;
      if (this.#queuedBytes > this.#bounds.maxReplyBytes) {
        this.#fail({ code: 'REPLY_TOO_LONG', message: `the server sent more than ${this.#bounds.maxReplyBytes} bytes without being asked` });
        this.#destroy();
        return;
      }
    }
    if (this.#buffer.length > this.#bounds.maxLineLength) return this.#tooLong(this.#buffer.length);
    if (added) this.#wake?.();
  }

  #tooLong(length: number): void {
    this.#fail({ code: 'LINE_TOO_LONG', message: `the server sent a line longer than ${this.#bounds.maxLineLength} bytes (${length} so far)` });
    this.#buffer = Buffer.alloc(0);
    this.#destroy();
  }
}

/** A single-line greeting (IMAP `* OK …`, POP3 `+OK …`). */
export const singleLine = (lines: readonly string[]): boolean => lines.length >= 1;

/**
 * Reads a protocol's greeting with its own timeout: a server that accepts the connection but never speaks
 * (a tarpit, or an implicit-TLS port waiting for our ClientHello) ends in `GREETING_TIMEOUT`, a server that
 * closes at once in `CONNECTION_CLOSED`/`TCP_RESET`.
 */
export function readGreeting(reader: BoundedReader, options: { timeoutMs: number; isComplete?: (lines: readonly string[]) => boolean }): Promise<string[]> {
  return reader.readReply(options.isComplete ?? singleLine, { stage: 'GREETING', timeoutMs: options.timeoutMs, timeoutCode: 'GREETING_TIMEOUT' });
}

/**
 * OpenSSL's reasons when the server answered our ClientHello with plaintext (a `220`/`* OK`/`+OK` banner):
 * the port speaks plaintext first (STARTTLS or none), not implicit TLS.
 */
const PLAINTEXT_ANSWER_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_RECORD_LAYER_FAILURE']);

/** True when a TLS connect failed because a plaintext banner answered the ClientHello. */
export function isPlaintextAnswerToTls(error: unknown): boolean {
  const code = nodeErrorCode(error);
  if (code && PLAINTEXT_ANSWER_CODES.has(code)) return true;
  const message = errorMessage(error);
  return /wrong version number|packet length too long|unknown protocol|http request/i.test(message);
}

export interface PortProbeTarget {
  /** The IP address to connect to (already resolved: no DNS here). */
  readonly address: string;
  readonly port: number;
  /** SNI name (omitted for IP literals, RFC 6066 §3). */
  readonly servername?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly transcript?: Transcript;
}

/**
 * How long a follow-up probe may take after a step already timed out (naming an implicit-TLS or plaintext
 * port behind a silent greeting or handshake). Issue 4 bounds a tarpit's cost at the step timeout + 1 s, and
 * a tarpit gets the follow-up probe too; a real TLS server or banner answers well within it on loopback and
 * on most WAN paths, and when it does not, the original timeout is still reported, just less precisely named.
 */
export const FOLLOW_UP_PROBE_MS = 500;

/**
 * Does this port speak implicit TLS? Opens a FRESH connection (the caller's own has been spoiled by a
 * plaintext attempt) and sends a ClientHello; a completed handshake says yes. Used after a plaintext
 * connect got no greeting, to name "STARTTLS/plaintext configured on an implicit-TLS port" instead of a
 * bare timeout. Legacy versions are allowed here: only the fact "it speaks TLS" matters, and the
 * connection is closed at once. Never throws (answers `false`), except `ABORTED`.
 */
export async function speaksImplicitTls(target: PortProbeTarget): Promise<boolean> {
  let socket: net.Socket | undefined;
  let secure: tls.TLSSocket | undefined;
  try {
    socket = await connectAddress(target.address, target.port, target.timeoutMs, target.signal);
    const plain = socket;
    const handshake = new Promise<boolean>((resolve) => {
      secure = tls.connect({
        socket: plain,
        ...(target.servername && net.isIP(target.servername) === 0 ? { servername: target.servername } : {}),
        rejectUnauthorized: false,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      secure.once('secureConnect', () => resolve(true));
      secure.once('error', () => resolve(false));
      secure.once('close', () => resolve(false));
    });
    const answer = await withDeadline(handshake, target.timeoutMs, target.signal, () => new Error('timeout'), 'TLS').catch((error: unknown) => {
      if (error instanceof ProbeError) throw error;
      return false;
    });
    target.transcript?.add('info', `probe on a new connection: ${target.address}:${target.port} ${answer ? 'completes a TLS handshake (implicit TLS)' : 'does not complete a TLS handshake'}`);
    return answer;
  } catch (error) {
    if (error instanceof ProbeError && error.code === 'ABORTED') throw error;
    return false;
  } finally {
    secure?.destroy();
    socket?.destroy();
  }
}

/**
 * Does this port speak plaintext first? Opens a fresh connection and waits for any banner line within the
 * timeout (`* OK`, `+OK`, `220`). Used after a TLS connect failed with a reason other than
 * `isPlaintextAnswerToTls` (some servers just close on a ClientHello), to name "implicit TLS configured on
 * a STARTTLS port". Never throws (answers `undefined`), except `ABORTED`; resolves with the banner.
 */
export async function readPlaintextBanner(target: PortProbeTarget): Promise<string | undefined> {
  let socket: net.Socket | undefined;
  try {
    socket = await connectAddress(target.address, target.port, target.timeoutMs, target.signal);
    const reader = new BoundedReader(socket, { ...(target.signal ? { signal: target.signal } : {}), address: target.address, port: target.port });
    const [banner] = await readGreeting(reader, { timeoutMs: target.timeoutMs });
    target.transcript?.add('info', `probe on a new connection: ${target.address}:${target.port} greets in plaintext`);
    return banner;
  } catch (error) {
    if (error instanceof ProbeError && error.code === 'ABORTED') throw error;
    return undefined;
  } finally {
    socket?.destroy();
  }
}
