/**
 * A bounded, line-oriented view of a socket for the IMAP and POP3 probes: every read waits at most the
 * step timeout and honours the abort signal; a line longer than `maxLineLength` (a hostile or broken
 * server sending megabytes without CRLF) fails at once instead of filling memory. The socket can be
 * detached (STARTTLS/STLS hand the plain socket to TLS) and another attached.
 */
import type { Duplex } from 'node:stream';

export type LineFailureKind = 'timeout' | 'closed' | 'line-too-long' | 'aborted' | 'socket' | 'injected';

/** Why a read failed; the probes turn these into check outcomes with evidence. */
export class LineFailure extends Error {
  constructor(
    readonly kind: LineFailureKind,
    message: string,
    /** Node's error code for `socket` failures (ECONNRESET, EPIPE…). */
    readonly errno?: string,
  ) {
    super(message);
    this.name = 'LineFailure';
  }
}

export interface LineConnectionOptions {
  /** Most milliseconds one read may wait. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Longest line accepted, CRLF excluded (RFC 1939 allows 512 octets; servers send longer). */
  readonly maxLineLength?: number;
}

const DEFAULT_MAX_LINE = 64 * 1024;

export class LineConnection {
  #socket: Duplex | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #lines: string[] = [];
  #failure: LineFailure | undefined;
  #waiter: (() => void) | undefined;
  readonly #maxLine: number;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onEnd = () => this.#fail(new LineFailure('closed', 'the server closed the connection'));
  readonly #onError = (error: NodeJS.ErrnoException) =>
    this.#fail(new LineFailure('socket', error.message, typeof error.code === 'string' ? error.code : undefined));

  constructor(
    socket: Duplex,
    readonly options: LineConnectionOptions,
    /** Bytes already read from the socket by someone else (e.g. after a greeting). */
    leftover?: Buffer,
  ) {
    this.#maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.attach(socket, leftover);
  }

  get socket(): Duplex | undefined {
    return this.#socket;
  }

  /** Starts reading from `socket` (after a TLS upgrade, the TLS socket). */
  attach(socket: Duplex, leftover?: Buffer): void {
    this.#socket = socket;
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onEnd);
    socket.on('error', this.#onError);
    if (leftover && leftover.length > 0) this.#receive(leftover);
  }

  /**
   * Stops reading and returns the socket, for a TLS upgrade or another reader. Before a TLS upgrade
   * (`beforeTls`), anything the server sent after the STARTTLS/STLS answer would be plaintext injected
   * by someone on the path (RFC 3207 §4.2, RFC 2595 §3.1, CVE-2011-0411): refuse to continue then.
   * Otherwise unread bytes are returned for the next reader.
   */
  detach(options: { beforeTls?: boolean } = {}): { socket: Duplex; leftover: Buffer } {
    const socket = this.#socket;
    if (!socket) throw new LineFailure('closed', 'no socket to detach');
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('close', this.#onEnd);
    socket.off('error', this.#onError);
    this.#socket = undefined;
    const unread = Buffer.concat([...this.#lines.map((line) => Buffer.from(`${line}\r\n`)), this.#buffer]);
    this.#lines.length = 0;
    this.#buffer = Buffer.alloc(0);
    if (options.beforeTls && unread.length > 0) {
      socket.destroy();
      throw new LineFailure('injected', 'the server sent data after the STARTTLS answer and before the TLS handshake');
    }
    return { socket, leftover: unread };
  }

  /** Writes one command line (CRLF added). */
  write(line: string): void {
    const socket = this.#socket;
    if (!socket || socket.destroyed) throw this.#failure ?? new LineFailure('closed', 'the connection is closed');
    socket.write(`${line}\r\n`);
  }

  /** The next line without its CRLF, within the timeout. */
  async readLine(timeoutMs = this.options.timeoutMs): Promise<string> {
    const ready = this.#lines.shift();
    if (ready !== undefined) return ready;
    if (this.#failure) throw this.#failure;
    const signal = this.options.signal;
    if (signal?.aborted) throw new LineFailure('aborted', 'aborted');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new LineFailure('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => finish(new LineFailure('aborted', 'aborted'));
      const finish = (error?: LineFailure) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiter = undefined;
        if (error) reject(error);
        else resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiter = () => finish();
    });
    const line = this.#lines.shift();
    if (line !== undefined) return line;
    throw this.#failure ?? new LineFailure('closed', 'the server closed the connection');
  }

  /** Closes the socket without a goodbye. */
  destroy(): void {
    this.#socket?.destroy();
  }

  #receive(chunk: Buffer): void {
    if (this.#failure) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const end = this.#buffer.indexOf(0x0a);
      if (end < 0) break;
      const raw = this.#buffer.subarray(0, end > 0 && this.#buffer[end - 1] === 0x0d ? end - 1 : end);
      this.#buffer = this.#buffer.subarray(end + 1);
      if (raw.length > this.#maxLine) return this.#tooLong(raw.length);
      // UTF-8: servers may send it in human-readable texts (RFC 6856 for POP3, RFC 9051 for IMAP).
      this.#lines.push(raw.toString('utf8'));
    }
    if (this.#buffer.length > this.#maxLine) return this.#tooLong(this.#buffer.length);
    if (this.#lines.length > 0) this.#waiter?.();
  }

  #tooLong(length: number): void {
    this.#fail(new LineFailure('line-too-long', `the server sent a line longer than ${this.#maxLine} bytes (${length} so far)`));
    this.#buffer = Buffer.alloc(0);
    this.#socket?.destroy();
  }

  #fail(failure: LineFailure): void {
    this.#failure ??= failure;
    this.#waiter?.();
  }
}
