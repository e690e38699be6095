/**
 * A bounded reader for line-based replies (SMTP, IMAP, POP3), because a hostile or broken server may never
 * speak (tarpit), drip one byte a second, or send megabyte lines and endless multi-line replies: each reply
 * has a deadline as a whole and a size limit, and the abort signal stops it.
 */
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Transcript } from '../core/transcript.js';
import { ProbeError, nodeErrorCode, type ProbeErrorCode, type ProbeStage } from './probe-error.js';
import { elapsedSince } from './tcp.js';

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
    this.#fail({
      code: code === 'ECONNRESET' || code === 'EPIPE' ? 'TCP_RESET' : 'CONNECTION_CLOSED',
      message: error.message,
      ...(code ? { nodeCode: code } : {}),
    });
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
      throw new ProbeError(failure.code, failure.message, {
        stage: logAs.split(' ')[0] ?? 'WRITE',
        ...this.#where(),
        ...(failure.nodeCode ? { nodeCode: failure.nodeCode } : {}),
      });
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
