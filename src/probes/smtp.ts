/**
 * One SMTP submission session, step by step, as the checks report it: connect (TCP, 220 greeting, EHLO),
 * TLS (STARTTLS and EHLO again, or implicit TLS), AUTH, and the envelope (MAIL FROM, RCPT TO, RSET) or one
 * real message. smtp.connect → smtp.tls → smtp.auth → smtp.send continue the same session (never more than
 * one connection per mailbox and protocol).
 *
 * Why not nodemailer's SMTPConnection for the dialogue (it is used for what fits: composing the test
 * message with `nodemailer/lib/mail-composer`; and its convention of logging AUTH arguments as a
 * "secret" placeholder is kept in our transcript):
 * - its `connect()` runs greeting → EHLO → STARTTLS → EHLO as one step with no public way to stop after the
 *   plaintext EHLO, inspect it, and upgrade on our terms; the TLS socket (negotiated version, certificate)
 *   and the plaintext EHLO (`_plaintextEhlo`) are private;
 * - a socket handed over with the `connection` option is always expected to greet first (`_onConnect` →
 *   `_actionGreeting`), so it cannot take over a session already past EHLO/STARTTLS for AUTH alone;
 * - it skips AUTH silently when the server does not advertise it (docs/testing.md §SMTP), and its XOAUTH2 path
 *   asks for a new token and authenticates again after a failed attempt (`_actionAUTHComplete` →
 *   `_handleXOauth2Token(true)`): a failed login is never retried (accounts lock, providers throttle);
 * - it has no public MAIL FROM + RCPT TO without DATA, which is the only safe envelope test on a live mailbox.
 * So the dialogue is ours, on the bounded tcp/tls layer: every reply has a deadline and size limits, and
 * every line goes to the check's transcript (AUTH arguments replaced at the source).
 */
import { performance } from 'node:perf_hooks';
import type { Transcript } from '../core/transcript.js';
import type { MailCredential } from './credential.js';
import { cleartextAllowed, cleartextRefused } from './cleartext.js';
import { ProbeError, implicitTlsPortCode, type ProbeStage } from './probe-error.js';
import { BoundedReader, readGreeting } from './bounded-reader.js';
import { IMPLICIT_TLS_PORT, readPlaintextGreeting } from './port-probe.js';
import { connectTcp, elapsedSince, throwIfAborted, type TcpConnection } from './tcp.js';
import { connectImplicitTls, isOldProtocolRefusal, serverNameFor, upgradeToTls, type TlsSession } from './tls.js';
import { isSmtpReplyComplete, otherProtocolOf, parseSmtpReply, type SmtpReply } from './smtp-replies.js';
import { chooseMechanism, defaultClientName, NOT_ASKED, parseCapabilities, type SmtpCapabilities } from './smtp-ehlo.js';
import { dotStuff } from './smtp-message.js';
import type { SmtpAuthResult, SmtpSessionOptions, SmtpTlsResult } from './smtp-session-types.js';

/** Real EHLO replies are under 1 KiB and reply lines under 512 octets (RFC 5321 §4.5.3.1.5); generous bounds. */
const SMTP_BOUNDS = { maxLineLength: 4096, maxReplyBytes: 64 * 1024 };

/** The greeting of a session whose connection was closed right after the TLS handshake (the legacy retry). */
export const NOT_GREETED: SmtpReply = { code: 0, lines: [], text: '' };

/** One SMTP session. Open it with `SmtpSession.open`; close it with `quit()`. */
export class SmtpSession {
  readonly #options: SmtpSessionOptions;
  readonly #reader: BoundedReader;
  readonly #clientName: string;
  #tls: SmtpTlsResult | undefined;
  #authAttempted = false;
  #closed = false;

  private constructor(
    options: SmtpSessionOptions,
    readonly tcp: TcpConnection,
    reader: BoundedReader,
    /** The 220 greeting. */
    readonly greeting: SmtpReply,
    /** EHLO on the first (plaintext, or implicit-TLS) connection. */
    readonly capabilities: SmtpCapabilities,
    implicitTls: TlsSession | undefined,
  ) {
    this.#options = options;
    this.#reader = reader;
    this.#clientName = options.clientName ?? defaultClientName(tcp.localAddress);
    if (implicitTls) this.#tls = { tls: implicitTls, mode: 'implicit', ...(capabilities === NOT_ASKED ? {} : { capabilities }) };
  }

  /**
   * Connects and greets: DNS → TCP (→ TLS for `security: tls`) → 220 → EHLO. Throws `ProbeError`:
   * the transport codes of tcp/tls; `STARTTLS_ON_IMPLICIT_TLS_PORT` when a plaintext connect got no
   * greeting but the port completes a TLS handshake on a second connection (465 configured as starttls;
   * asked after a short delay, see port-probe.ts `readPlaintextGreeting`);
   * `IMPLICIT_TLS_ON_STARTTLS_PORT` (587 configured as tls); `GREETING_REJECTED` (554/421);
   * `WRONG_PROTOCOL` (an IMAP/POP3/SSH banner); `COMMAND_REJECTED` (EHLO refused).
   */
  static async open(options: SmtpSessionOptions): Promise<SmtpSession> {
    const { timeoutMs, signal, transcript } = options;
    const common = {
      host: options.host,
      port: options.port,
      timeoutMs,
      resolver: options.resolver,
      ...(signal ? { signal } : {}),
      ...(transcript ? { transcript } : {}),
    };
    let tcp: TcpConnection;
    let implicitTls: TlsSession | undefined;
    if (options.security === 'tls') {
      const connected = await connectImplicitTls({ ...common, extraCa: options.extraCa, now: options.now });
      tcp = connected.tcp;
      implicitTls = connected.session;
    } else {
      tcp = await connectTcp(common);
    }
    const socket = implicitTls?.socket ?? tcp.socket;
    if (implicitTls?.facts.legacyRetry) {
      // The legacy retry's session is closed already (tls.ts): nothing is read or sent over it; smtp.tls
      // reports its verdict.
      const reader = new BoundedReader(socket, { bounds: SMTP_BOUNDS, address: tcp.address, port: tcp.port });
      reader.destroy();
      return new SmtpSession(
        { ...options, clientName: options.clientName ?? defaultClientName(tcp.localAddress) },
        tcp,
        reader,
        NOT_GREETED,
        NOT_ASKED,
        implicitTls,
      );
    }
    const reader = new BoundedReader(socket, {
      bounds: SMTP_BOUNDS,
      address: tcp.address,
      port: tcp.port,
      ...(signal ? { signal } : {}),
      ...(transcript ? { transcript } : {}),
    });
    try {
      const started = performance.now();
      const greetingLines = implicitTls
        ? await readGreeting(reader, { timeoutMs, isComplete: isSmtpReplyComplete })
        : await readPlaintextGreeting(reader, {
            timeoutMs,
            isComplete: isSmtpReplyComplete,
            address: tcp.address,
            port: tcp.port,
            ...(serverNameFor(options.host) ? { servername: serverNameFor(options.host) } : {}),
            ...(signal ? { signal } : {}),
            ...(transcript ? { transcript } : {}),
          });
      if (greetingLines === IMPLICIT_TLS_PORT) {
        throw new ProbeError(
          implicitTlsPortCode(options.security),
          `port ${tcp.port} sent no greeting in plaintext but completes a TLS handshake: it is an implicit-TLS port`,
          { stage: 'GREETING', address: tcp.address, port: tcp.port, elapsedMs: elapsedSince(started) },
        );
      }
      const greeting = parseSmtpReply(greetingLines);
      if (greeting.code === 0) {
        const other = otherProtocolOf(greetingLines[0] ?? '');
        throw new ProbeError('WRONG_PROTOCOL', `port ${tcp.port} greets like ${other ?? 'something other than SMTP'}`, {
          stage: 'GREETING',
          serverReply: greetingLines.join('\n'),
          address: tcp.address,
          port: tcp.port,
        });
      }
      if (greeting.code !== 220) {
        throw new ProbeError('GREETING_REJECTED', `the server answered the connection with ${greeting.code}`, {
          stage: 'GREETING',
          serverReply: greetingLines.join('\n'),
          address: tcp.address,
          port: tcp.port,
        });
      }
      const clientName = options.clientName ?? defaultClientName(tcp.localAddress);
      // Over an implicit-TLS connection that failed its checks nothing is sent, not even EHLO: the greeting
      // (which the server sends unasked) is all smtp.connect reports, and smtp.tls names the TLS failure.
      const capabilities = implicitTls?.verdict.status === 'fail' ? NOT_ASKED : await SmtpSession.#ehlo(reader, clientName, timeoutMs);
      return new SmtpSession({ ...options, clientName }, tcp, reader, greeting, capabilities, implicitTls);
    } catch (error) {
      reader.destroy();
      throw error;
    }
  }

  static async #ehlo(reader: BoundedReader, clientName: string, timeoutMs: number): Promise<SmtpCapabilities> {
    reader.write(`EHLO ${clientName}`);
    const reply = parseSmtpReply(await reader.readReply(isSmtpReplyComplete, { stage: 'EHLO', timeoutMs }));
    if (reply.code !== 250) {
      throw new ProbeError(reply.code === 0 ? 'PROTOCOL_UNEXPECTED_REPLY' : 'COMMAND_REJECTED', `EHLO was answered with ${reply.code || reply.lines[0]}`, {
        stage: 'EHLO',
        serverReply: reply.lines.join('\n'),
        ...(reader.options.address ? { address: reader.options.address } : {}),
        ...(reader.options.port ? { port: reader.options.port } : {}),
      });
    }
    return parseCapabilities(reply);
  }

  /** The session records into the running check's transcript and stops with its signal. */
  use(context: { readonly transcript?: Transcript; readonly signal?: AbortSignal }): this {
    this.#reader.transcript = context.transcript;
    this.#reader.signal = context.signal;
    return this;
  }

  /** The EHLO name sent. */
  get clientName(): string {
    return this.#clientName;
  }

  /** TLS, once negotiated (at connect for implicit TLS, by `startTls()` otherwise). */
  get tls(): SmtpTlsResult | undefined {
    return this.#tls;
  }

  /** The latest capabilities: after TLS when it was negotiated and passed, else from the first EHLO. */
  get currentCapabilities(): SmtpCapabilities {
    return this.#tls?.capabilities ?? this.capabilities;
  }

  get isClosed(): boolean {
    return this.#closed || this.#reader.isBroken;
  }

  #fail(code: ConstructorParameters<typeof ProbeError>[0], message: string, stage: ProbeStage, reply?: SmtpReply): ProbeError {
    return new ProbeError(code, message, { stage, address: this.tcp.address, port: this.tcp.port, ...(reply ? { serverReply: reply.lines.join('\n') } : {}) });
  }

  async #command(line: string, stage: ProbeStage, logAs?: string): Promise<SmtpReply> {
    throwIfAborted(this.#reader.signal, stage);
    if (this.#tlsFailed) throw new Error('nothing is sent over a TLS connection that failed its checks');
    this.#reader.write(line, logAs);
    return parseSmtpReply(await this.#reader.readReply(isSmtpReplyComplete, { stage, timeoutMs: this.#options.timeoutMs }));
  }

  /**
   * STARTTLS (RFC 3207) and EHLO again (§4.2: everything learnt before TLS is discarded). Throws
   * `STARTTLS_NOT_OFFERED`, `STARTTLS_REJECTED`, `STARTTLS_INJECTION`, `TLS_HANDSHAKE_*`. When the server
   * only speaks TLS 1.0/1.1, one more session on a new connection (greeting, EHLO, STARTTLS, a handshake
   * that allows TLS 1.0) names the version: the result carries the `TLS_VERSION_TOO_OLD` verdict (or
   * `TLS_DOWNGRADE_SUSPECTED` when it negotiated TLS 1.2+ after all) and that connection is closed at
   * once. With a `fail` verdict nothing more is sent.
   */
  async startTls(): Promise<SmtpTlsResult> {
    if (this.#tls) return this.#tls;
    if (!this.capabilities.startTls) {
      throw this.#fail('STARTTLS_NOT_OFFERED', 'the server does not advertise STARTTLS', 'STARTTLS');
    }
    const reply = await this.#command('STARTTLS', 'STARTTLS');
    if (reply.code !== 220) {
      throw this.#fail(
        reply.code === 0 ? 'PROTOCOL_UNEXPECTED_REPLY' : 'STARTTLS_REJECTED',
        `STARTTLS was answered with ${reply.code || reply.lines[0]}`,
        'STARTTLS',
        reply,
      );
    }
    const { socket } = this.#reader.detach({ beforeTls: true });
    let tls: TlsSession;
    try {
      tls = await upgradeToTls(socket, this.#tlsOptions());
    } catch (error) {
      this.#closed = true;
      if (error instanceof ProbeError && isOldProtocolRefusal(error.cause ?? error)) {
        this.#reader.transcript?.add(
          'info',
          'the server refused TLS 1.2 and newer; retrying once on a new connection, allowing TLS 1.0/1.1, only to name the version',
        );
        const named = await this.#legacyStartTls().catch(() => undefined);
        if (named) {
          // A throw-away session that only names the version: its verdict is a fail whatever it negotiated
          // (judgeTls: TLS_VERSION_TOO_OLD, or TLS_DOWNGRADE_SUSPECTED for TLS 1.2+), so AUTH is refused.
          this.#tls = {
            tls: named.verdict.status === 'fail' ? named : { ...named, verdict: { status: 'fail', code: 'TLS_DOWNGRADE_SUSPECTED' } },
            mode: 'starttls',
          };
          return this.#tls;
        }
      }
      throw error;
    }
    this.#reader.attach(tls.socket);
    if (tls.verdict.status === 'fail') {
      this.#tls = { tls, mode: 'starttls' };
      return this.#tls;
    }
    const capabilities = await SmtpSession.#ehlo(this.#reader, this.#clientName, this.#options.timeoutMs);
    this.#tls = { tls, mode: 'starttls', capabilities };
    return this.#tls;
  }

  #tlsOptions(legacy = false) {
    const signal = this.#reader.signal;
    const transcript = this.#reader.transcript;
    return {
      host: this.#options.host,
      timeoutMs: this.#options.timeoutMs,
      extraCa: this.#options.extraCa,
      now: this.#options.now,
      stage: 'STARTTLS',
      address: this.tcp.address,
      port: this.tcp.port,
      legacy,
      ...(signal ? { signal } : {}),
      ...(transcript ? { transcript } : {}),
    } as const;
  }

  /** A second, throw-away session that allows TLS 1.0/1.1 only to read what the server negotiates. */
  async #legacyStartTls(): Promise<TlsSession> {
    const signal = this.#reader.signal;
    const transcript = this.#reader.transcript;
    const tcp = await connectTcp({
      host: this.tcp.address,
      port: this.tcp.port,
      timeoutMs: this.#options.timeoutMs,
      resolver: this.#options.resolver,
      ...(signal ? { signal } : {}),
      ...(transcript ? { transcript } : {}),
    });
    const reader = new BoundedReader(tcp.socket, {
      bounds: SMTP_BOUNDS,
      address: tcp.address,
      port: tcp.port,
      ...(signal ? { signal } : {}),
      ...(transcript ? { transcript } : {}),
    });
    try {
      await readGreeting(reader, { timeoutMs: this.#options.timeoutMs, isComplete: isSmtpReplyComplete });
      await SmtpSession.#ehlo(reader, this.#clientName, this.#options.timeoutMs);
      reader.write('STARTTLS');
      const reply = parseSmtpReply(await reader.readReply(isSmtpReplyComplete, { stage: 'STARTTLS', timeoutMs: this.#options.timeoutMs }));
      if (reply.code !== 220) throw this.#fail('STARTTLS_REJECTED', `STARTTLS was answered with ${reply.code}`, 'STARTTLS', reply);
      const { socket } = reader.detach({ beforeTls: true });
      const session = await upgradeToTls(socket, this.#tlsOptions(true));
      session.socket.destroy();
      return session;
    } finally {
      reader.destroy();
      tcp.socket.destroy();
    }
  }

  /**
   * The refusal AUTH would meet on this connection for want of encryption, or undefined: TLS negotiated
   * and not failed, or a cleartext login allowed (the policy permits it and EHLO offered no STARTTLS).
   */
  cleartextRefusal(): ProbeError | undefined {
    const where = { stage: 'AUTH', address: this.tcp.address, port: this.tcp.port };
    if (this.#tls) return this.#tlsFailed ? cleartextRefused('never', undefined, where) : undefined;
    const policy = this.#options.cleartext ?? 'never';
    const offered = this.capabilities.startTls;
    return cleartextAllowed(policy, offered) ? undefined : cleartextRefused(policy, offered, where);
  }

  /**
   * AUTH with the mechanism that fits the credential among those advertised on the current connection
   * (after TLS). Throws `CLEARTEXT_AUTH_REFUSED` (no TLS, and `cleartextRefusal()` says no),
   * `AUTH_NOT_OFFERED` (nothing advertised: nodemailer would have skipped AUTH silently) or
   * `AUTH_MECHANISM_UNSUPPORTED` before sending anything; `AUTH_REPLY_TIMEOUT` when the credential went
   * out and no answer came (the login's outcome is unknown); otherwise resolves with the final reply,
   * accepted or not. Called at most once per session: a refused login is never retried.
   */
  async authenticate(credential: MailCredential): Promise<SmtpAuthResult> {
    if (this.#authAttempted) throw new Error('SMTP AUTH was already attempted on this session; a login is never retried');
    const refusal = this.cleartextRefusal();
    if (refusal) throw refusal;
    const offered = this.currentCapabilities.authMechanisms;
    if (offered.length === 0) throw this.#fail('AUTH_NOT_OFFERED', 'the server advertises no AUTH mechanism', 'AUTH');
    const mechanism = chooseMechanism(offered, credential.kind);
    if (!mechanism) throw this.#fail('AUTH_MECHANISM_UNSUPPORTED', `the server offers ${offered.join(' ')}, none usable with a ${credential.kind}`, 'AUTH');
    this.#authAttempted = true;
    const stage = `AUTH ${mechanism}`;
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    // Once the credential is on the wire, silence is not "try again": the server may be delaying a failed
    // login on purpose (Dovecot's auth_failure_delay, Cyrus's 3 s), and another attempt may lock the account.
    let credentialSent = false;
    const send = async (line: string, logAs?: string, carriesCredential = false): Promise<SmtpReply> => {
      if (carriesCredential) credentialSent = true;
      try {
        return await this.#command(line, stage, logAs);
      } catch (error) {
        if (credentialSent && error instanceof ProbeError && error.code === 'REPLY_TIMEOUT') {
          throw new ProbeError('AUTH_REPLY_TIMEOUT', `no answer to ${stage} within ${this.#options.timeoutMs} ms after the credential was sent`, {
            stage,
            address: this.tcp.address,
            port: this.tcp.port,
            ...(error.elapsedMs !== undefined ? { elapsedMs: error.elapsedMs } : {}),
            cause: error,
          });
        }
        throw error;
      }
    };
    switch (mechanism) {
      case 'PLAIN': {
        if (credential.kind !== 'password') break;
        // RFC 4616: authzid (empty) NUL authcid NUL password, sent as the initial response (RFC 4954 §4).
        let reply = await send(`AUTH PLAIN ${b64(`\0${credential.user}\0${credential.password.reveal()}`)}`, 'AUTH PLAIN /* secret */', true);
        if (reply.code === 334) reply = await send('*'); // a challenge after a full initial response: cancel (RFC 4954 §4)
        return { mechanism, accepted: reply.code === 235, reply };
      }
      case 'LOGIN': {
        if (credential.kind !== 'password') break;
        let reply = await send('AUTH LOGIN');
        if (reply.code === 334) reply = await send(b64(credential.user), `${b64(credential.user)} /* user name */`);
        if (reply.code === 334) reply = await send(b64(credential.password.reveal()), '/* secret */', true);
        return { mechanism, accepted: reply.code === 235, reply };
      }
      case 'XOAUTH2':
      case 'OAUTHBEARER': {
        if (credential.kind !== 'token') break;
        // XOAUTH2: https://developers.google.com/workspace/gmail/imap/xoauth2-protocol ; OAUTHBEARER: RFC 7628 §3.1.
        const blob =
          mechanism === 'XOAUTH2'
            ? `user=${credential.user}\x01auth=Bearer ${credential.token.reveal()}\x01\x01`
            : `n,a=${credential.user},\x01host=${this.#options.host}\x01port=${this.#options.port}\x01auth=Bearer ${credential.token.reveal()}\x01\x01`;
        let reply = await send(`AUTH ${mechanism} ${b64(blob)}`, `AUTH ${mechanism} /* secret */`, true);
        let challenge: string | undefined;
        if (reply.code === 334) {
          // The server explains the refusal in a base64 JSON challenge and waits for the client to end the
          // exchange: an empty line for XOAUTH2, a single ^A for OAUTHBEARER (RFC 7628 §3.2.3).
          const decoded = Buffer.from(reply.text, 'base64').toString('utf8');
          // Shown decoded when it is text (the JSON of RFC 7628 §3.2.2), else as the server sent it.
          challenge = /^[\x20-\x7e\s]+$/.test(decoded) ? decoded : reply.text;
          reply = mechanism === 'XOAUTH2' ? await send('', '(empty line: ends the exchange)') : await send(b64('\x01'));
        }
        return { mechanism, accepted: reply.code === 235, reply, ...(challenge ? { challenge } : {}) };
      }
    }
    throw new Error(`mechanism ${mechanism} does not fit a ${credential.kind}`);
  }

  /** `MAIL FROM:<address>`: the reply, accepted or not. */
  mailFrom(address: string): Promise<SmtpReply> {
    return this.#command(`MAIL FROM:<${address}>`, 'MAIL FROM');
  }

  /** `RCPT TO:<address>`: the reply, accepted or not. */
  rcptTo(address: string): Promise<SmtpReply> {
    return this.#command(`RCPT TO:<${address}>`, 'RCPT TO');
  }

  /** `RSET`: abandons the envelope, nothing is delivered (RFC 5321 §4.1.1.5). */
  reset(): Promise<SmtpReply> {
    return this.#command('RSET', 'RSET');
  }

  /**
   * `DATA`, then the message (dot-stuffed). Resolves with the 354-refusal or the final reply. The
   * transcript records the message's size and subject, not its lines.
   */
  async data(message: string, summary: string): Promise<SmtpReply> {
    const ready = await this.#command('DATA', 'DATA');
    if (ready.code !== 354) return ready;
    const body = dotStuff(message);
    this.#reader.transcript?.add('client', `(message: ${Buffer.byteLength(body)} bytes, ${summary})`);
    this.#reader.transcript?.add('client', '.');
    const socket = this.#reader.socket;
    if (!socket) throw this.#fail('CONNECTION_CLOSED', 'the connection is closed', 'DATA');
    socket.write(body);
    return parseSmtpReply(await this.#reader.readReply(isSmtpReplyComplete, { stage: 'DATA', timeoutMs: this.#options.timeoutMs }));
  }

  /** True when TLS was negotiated but failed its checks: nothing more goes over that connection. */
  get #tlsFailed(): boolean {
    return this.#tls?.tls.verdict.status === 'fail';
  }

  /** `QUIT` and close, politely but briefly; never throws. No QUIT over a TLS connection that failed its checks. */
  async quit(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (!this.#tlsFailed && !this.#reader.isBroken && this.#reader.socket && !this.#reader.socket.destroyed) {
        this.#reader.write('QUIT');
        await this.#reader.readReply(isSmtpReplyComplete, { stage: 'QUIT', timeoutMs: Math.min(this.#options.timeoutMs, 2000) });
      }
    } catch {
      // The server may close first; the session is over either way.
    } finally {
      this.#reader.destroy();
    }
  }
}
