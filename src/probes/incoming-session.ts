/**
 * One IMAP or POP3 session: connect (DNS → TCP → implicit TLS → greeting), secure (STARTTLS / STLS and the
 * capabilities after TLS), the one login and its read-only command (IMAP `EXAMINE INBOX`, POP3 `STAT`), and
 * the goodbye (LOGOUT / QUIT). The SMTP counterpart is `SmtpSession` (smtp.ts).
 *
 * Its guards hold whoever calls it: no credential goes over a connection whose TLS failed its checks, nor in
 * cleartext where the policy forbids it (cleartext.ts); not even a goodbye goes over a failed TLS session; the
 * login takes the run's lock on this mailbox and protocol (`holdLogin`) and keeps it until `close`.
 *
 * Each step reads with the caller's transcript, timeout and abort signal (`IncomingSessionEnv`): the reader
 * is re-created on the same socket whenever a new caller continues the session (`use`).
 */
import type { Duplex } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import type { Security } from '../config/types.js';
import type { DnsResolver, LoginLease, LoginProtocol } from '../core/services.js';
import type { Transcript } from '../core/transcript.js';
import { cleartextAllowed, imapOffersTls, pop3OffersTls, type CleartextPolicy } from './cleartext.js';
import type { MailCredential } from './credential.js';
import { imapLoginOutcome, imapTokenMechanism, pop3LoginOutcome, type LoginOutcome } from './incoming-login.js';
import { logoutImap, loginAndExamine } from './imap.js';
import { ImapRaw, greetingCapabilities } from './imap-raw.js';
import { failureOf, parseImapStatus, parsePop3Status, type ServerReply } from './incoming-replies.js';
import { Pop3Client } from './pop3-client.js';
import { choosePop3Method, loginAndStat, readCapabilities, type Pop3Capabilities } from './pop3.js';
import { ProbeError, implicitTlsPortCode } from './probe-error.js';
import { BoundedReader, readGreeting } from './bounded-reader.js';
import { IMPLICIT_TLS_PORT, readPlaintextGreeting } from './port-probe.js';
import { connectTcp, type TcpConnection } from './tcp.js';
import { connectImplicitTls, serverNameFor, upgradeToTls, type TlsSession } from './tls.js';

/** What the session reads and writes with, for the step at hand (one check's). */
export interface IncomingSessionEnv {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly transcript: Transcript;
  readonly resolver: DnsResolver;
  readonly extraCa: readonly string[];
  readonly now: () => Date;
  readonly clientVersion?: string;
  /** Takes the run's lock on this mailbox and protocol right before the credential goes out; rejects when abandoned. */
  readonly holdLogin: (protocol: LoginProtocol, user: string) => Promise<LoginLease>;
}

export interface IncomingSessionSettings {
  readonly protocol: 'imap' | 'pop3';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  /** Whether a login may go without TLS (cleartext.ts). */
  readonly cleartext: CleartextPolicy;
}

/** How far the session got, and what each step saw (the checks turn these into outcomes). */
export class IncomingSession {
  readonly protocol: 'imap' | 'pop3';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly cleartext: CleartextPolicy;
  tcp?: TcpConnection;
  /** The TCP step failed (DNS, refused, timeout, reset…). */
  connectFailure?: ProbeError;
  /** Implicit TLS: the handshake on connect. */
  tlsSession?: TlsSession;
  /** The TLS step failed (handshake, wrong port kind, STARTTLS refused or missing…). */
  tlsFailure?: ProbeError;
  /** The server never greeted in plaintext, but answers TLS: STARTTLS/none configured on an implicit-TLS port. */
  implicitTlsPort?: boolean;
  greeting?: string;
  greetingReply?: ServerReply;
  reader?: BoundedReader;
  imap?: ImapRaw;
  pop3?: Pop3Client;
  /** IMAP capabilities, or POP3 CAPA lines, before TLS (STARTTLS) and now. */
  capabilitiesBefore?: readonly string[];
  capabilities?: readonly string[];
  pop3Capabilities?: Pop3Capabilities;
  /** The answer to STARTTLS / STLS. */
  startTlsLine?: string;
  /** The connection carries TLS now (implicit or upgraded). */
  secure = false;
  imapClient?: ImapFlow;
  closed = false;
  /** The run's lock on this mailbox and protocol, taken right before the credential went out; released on close. */
  loginLease?: LoginLease;
  #env?: IncomingSessionEnv;

  constructor(settings: IncomingSessionSettings) {
    this.protocol = settings.protocol;
    this.host = settings.host;
    this.port = settings.port;
    this.security = settings.security;
    this.cleartext = settings.cleartext;
  }

  #envOrThrow(): IncomingSessionEnv {
    if (!this.#env) throw new Error('IncomingSession: no environment (call use() first)');
    return this.#env;
  }

  /** Points the session's reader at this caller's transcript, timeout and abort signal. */
  use(env: IncomingSessionEnv): void {
    this.#env = env;
    const reader = this.reader;
    if (!reader || this.closed || reader.isBroken || !reader.socket) return;
    const { socket, leftover } = reader.detach();
    this.reader = this.#newReader(socket, leftover);
    if (this.imap) {
      this.imap.reader = this.reader;
      this.imap.timeoutMs = env.timeoutMs;
    }
    if (this.pop3) {
      this.pop3.reader = this.reader;
      this.pop3.timeoutMs = env.timeoutMs;
    }
  }

  #newReader(socket: Duplex, leftover?: Buffer): BoundedReader {
    const env = this.#envOrThrow();
    return new BoundedReader(
      socket,
      {
        signal: env.signal,
        transcript: env.transcript,
        ...(this.tcp ? { address: this.tcp.address, port: this.tcp.port } : {}),
      },
      leftover,
    );
  }

  /** LOGOUT / QUIT if the session is still open, then the socket is closed and the login lock released. */
  async close(timeoutMs: number): Promise<void> {
    try {
      await this.#goodbye(timeoutMs);
    } finally {
      // Every path ends here (the auth stage's goodbye, or the account's disposer): success, refusal, timeout, abort.
      this.loginLease?.release();
    }
  }

  async #goodbye(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.tlsSession?.verdict.status === 'fail') {
      // Not even a goodbye over a connection whose TLS failed its checks (only incoming.connect ran).
      this.reader?.destroy();
      this.tlsSession.socket.destroy();
      this.tcp?.socket.destroy();
      return;
    }
    if (this.imapClient) return logoutImap(this.imapClient, timeoutMs);
    if (this.imap && this.reader && !this.reader.isBroken) return this.imap.logout(timeoutMs);
    if (this.pop3 && this.reader && !this.reader.isBroken) return this.pop3.quit(timeoutMs);
    this.reader?.destroy();
    this.tlsSession?.socket.destroy();
    this.tcp?.socket.destroy();
  }

  // -------------------------------------------------------------------------------------------------
  // Step 1: DNS → TCP (→ TLS for implicit TLS) → greeting.

  async connect(env: IncomingSessionEnv): Promise<void> {
    this.use(env);
    try {
      await this.#connect();
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      this.connectFailure = error;
    }
    if (this.connectFailure || this.tlsFailure) await this.close(0);
    else if (!this.greetingAccepted()) {
      // Refused in the greeting, or not this protocol at all: no goodbye, just close.
      this.closed = true;
      this.reader?.destroy();
    }
  }

  async #connect(): Promise<void> {
    const env = this.#envOrThrow();
    const timeoutMs = env.timeoutMs;
    const base = {
      host: this.host,
      port: this.port,
      timeoutMs,
      signal: env.signal,
      resolver: env.resolver,
      transcript: env.transcript,
    };
    if (this.security === 'tls') {
      try {
        const connection = await connectImplicitTls({ ...base, extraCa: env.extraCa, now: env.now });
        this.tcp = connection.tcp;
        this.tlsSession = connection.session;
        this.secure = true;
        // The legacy retry's session is closed already (tls.ts): no greeting is read over it; incoming.tls
        // reports its verdict.
        if (connection.session.facts.legacyRetry) return;
        this.reader = this.#newReader(connection.session.socket);
      } catch (error) {
        if (!(error instanceof ProbeError)) throw error;
        if (error.stage === 'DNS' || error.stage === 'CONNECT' || error.code === 'ABORTED') throw error;
        // Reached, but no TLS: a server that drops or ignores the ClientHello did not greet either
        // (reported here); a plaintext greeting or a refused handshake is incoming.tls's to explain.
        if (error.code === 'TLS_HANDSHAKE_TIMEOUT' || error.code === 'TCP_RESET' || error.code === 'CONNECTION_CLOSED') {
          this.connectFailure = error;
          return;
        }
        this.tlsFailure = error;
        return;
      }
    } else {
      this.tcp = await connectTcp(base);
      this.reader = this.#newReader(this.tcp.socket);
    }

    const reader = this.reader;
    // A plaintext connect that gets no greeting may be talking to a port that waits for our ClientHello
    // (STARTTLS configured on 993/995): port-probe.ts asks on a second connection, so that neither a
    // tarpit nor a late greeter is mistaken for one.
    const lines =
      this.secure || !this.tcp
        ? await readGreeting(reader, { timeoutMs })
        : await readPlaintextGreeting(reader, {
            timeoutMs,
            address: this.tcp.address,
            port: this.port,
            ...(serverNameFor(this.host) ? { servername: this.host } : {}),
            signal: env.signal,
            transcript: env.transcript,
          });
    if (lines === IMPLICIT_TLS_PORT) {
      this.implicitTlsPort = true;
      this.tlsFailure = new ProbeError(
        implicitTlsPortCode(this.security),
        `port ${this.port} sent no greeting and answers a TLS handshake: it expects implicit TLS`,
        {
          stage: 'GREETING',
          ...(this.tcp ? { address: this.tcp.address } : {}),
          port: this.port,
        },
      );
      return;
    }
    this.greeting = lines[0] ?? '';
    this.greetingReply = this.protocol === 'imap' ? parseImapStatus(this.greeting) : parsePop3Status(this.greeting);
    if (this.protocol === 'imap') this.imap = new ImapRaw(reader, timeoutMs);
    else this.pop3 = new Pop3Client(reader, timeoutMs, this.cleartext);
  }

  /** True when the greeting says "go on" (IMAP `* OK` / `* PREAUTH`, POP3 `+OK`). */
  greetingAccepted(): boolean {
    const reply = this.greetingReply;
    if (!reply) return false;
    if (this.protocol === 'imap') return /^\* (OK|PREAUTH)\b/i.test(this.greeting ?? '');
    return reply.status === '+OK';
  }

  // -------------------------------------------------------------------------------------------------
  // Step 2: TLS (implicit: judged; STARTTLS/STLS: negotiated and judged) and the capabilities after it.

  /** Runs after `connect`; does nothing when that failed or the greeting refused. */
  async secureConnection(env: IncomingSessionEnv): Promise<void> {
    if (this.connectFailure || this.tlsFailure || this.closed || !this.greetingAccepted()) return;
    this.use(env);
    try {
      await this.#secure();
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      this.tlsFailure = error;
      await this.close(500);
    }
    if (this.tlsSession?.verdict.status === 'fail' && !this.closed) {
      // Nothing more goes over a connection whose TLS failed, not even a goodbye.
      this.closed = true;
      this.reader?.destroy();
      this.tlsSession.socket.destroy();
    }
  }

  async #secure(): Promise<void> {
    if (this.security === 'starttls') {
      await this.#readCapabilitiesBefore();
      await this.#startTls();
    }
    // Nothing is sent over a connection whose certificate failed (tls.ts): the checks stop there.
    if (this.tlsSession?.verdict.status === 'fail') return;
    if (this.security === 'none') {
      await this.#readCapabilitiesBefore();
      this.capabilities = this.capabilitiesBefore;
      return;
    }
    await this.#readCapabilitiesAfter();
  }

  async #readCapabilitiesBefore(): Promise<void> {
    if (this.imap) {
      const fromGreeting = greetingCapabilities(this.greeting ?? '');
      this.capabilitiesBefore = fromGreeting ?? (await this.imap.capability()).capabilities;
    } else if (this.pop3) {
      const { reply, capabilities } = await this.pop3.capa();
      this.capabilitiesBefore = capabilities;
      this.pop3Capabilities = readCapabilities(reply.ok, capabilities);
    }
  }

  /** After TLS the capability list must be asked again (RFC 9051 §6.2.1, RFC 2595 §4). */
  async #readCapabilitiesAfter(): Promise<void> {
    if (this.imap) {
      const fromGreeting = this.security === 'tls' ? greetingCapabilities(this.greeting ?? '') : undefined;
      this.capabilities = fromGreeting ?? (await this.imap.capability()).capabilities;
    } else if (this.pop3) {
      const { reply, capabilities } = await this.pop3.capa();
      this.capabilities = capabilities;
      this.pop3Capabilities = readCapabilities(reply.ok, capabilities);
    }
  }

  async #startTls(): Promise<void> {
    const env = this.#envOrThrow();
    const command = this.protocol === 'imap' ? 'STARTTLS' : 'STLS';
    const offered =
      this.protocol === 'imap'
        ? (this.capabilitiesBefore ?? []).includes('STARTTLS')
        : this.pop3Capabilities?.stls === true || this.pop3Capabilities?.supported === false;
    if (!offered) {
      throw new ProbeError('STARTTLS_NOT_OFFERED', `the server does not offer ${command}`, { stage: command, ...this.#where() });
    }
    let answer: string;
    let accepted: boolean;
    if (this.imap) {
      const result = await this.imap.startTls();
      answer = result.line;
      accepted = result.status.status === 'OK';
    } else if (this.pop3) {
      const reply = await this.pop3.stls();
      answer = reply.line;
      accepted = reply.ok;
    } else {
      return;
    }
    this.startTlsLine = answer;
    if (!accepted) {
      // A POP3 server without CAPA that refuses STLS simply does not have it.
      const code = this.protocol === 'pop3' && this.pop3Capabilities?.supported === false ? 'STARTTLS_NOT_OFFERED' : 'STARTTLS_REJECTED';
      throw new ProbeError(code, `${command} refused: ${answer}`, { stage: command, serverReply: answer, ...this.#where() });
    }
    const reader = this.reader;
    if (!reader) return;
    const { socket } = reader.detach({ beforeTls: true });
    const tlsSession = await upgradeToTls(socket, {
      host: this.host,
      timeoutMs: env.timeoutMs,
      signal: env.signal,
      extraCa: env.extraCa,
      now: env.now,
      transcript: env.transcript,
      stage: 'STARTTLS',
      ...this.#where(),
    });
    this.tlsSession = tlsSession;
    this.secure = true;
    this.reader = this.#newReader(tlsSession.socket);
    if (this.imap) this.imap.reader = this.reader;
    if (this.pop3) this.pop3.reader = this.reader;
  }

  #where(): { address?: string; port: number } {
    return { ...(this.tcp ? { address: this.tcp.address } : {}), port: this.port };
  }

  // -------------------------------------------------------------------------------------------------
  // Step 3: the one login and the read-only command.

  /** The login mechanisms advertised now (after TLS), for the evidence. */
  mechanisms(): string[] {
    const capabilities = this.capabilities ?? [];
    if (this.protocol === 'imap') {
      return capabilities.filter((capability) => capability.startsWith('AUTH=') || capability === 'LOGINDISABLED');
    }
    const pop3 = this.pop3Capabilities;
    if (!pop3) return [];
    return [...(pop3.user ? ['USER'] : []), ...(pop3.sasl ? pop3.sasl.map((mechanism) => `SASL ${mechanism}`) : []), ...(pop3.supported ? [] : ['(no CAPA)'])];
  }

  /**
   * The server offered encryption before any login: IMAP STARTTLS or LOGINDISABLED, POP3 STLS (undefined when
   * the capabilities were never read).
   */
  tlsOfferedBeforeLogin(): boolean | undefined {
    if (this.protocol === 'imap') return this.capabilitiesBefore ? imapOffersTls(this.capabilitiesBefore) : undefined;
    return this.pop3Capabilities ? pop3OffersTls(this.pop3Capabilities.lines) : undefined;
  }

  /**
   * True when a login must not happen on this session for want of encryption: not TLS, and either the
   * provider or the file rules out a cleartext login, or the server offered encryption (cleartext.ts).
   * The protocol clients refuse it again themselves; asking first lets a caller say so before any
   * credential is fetched.
   */
  cleartextLoginRefused(): boolean {
    if (this.secure && this.tlsSession && this.tlsSession.verdict.status !== 'fail') return false;
    return !cleartextAllowed(this.cleartext, this.tlsOfferedBeforeLogin());
  }

  async login(credential: MailCredential, env: IncomingSessionEnv, options: { mechanism?: 'XOAUTH2' | 'OAUTHBEARER' } = {}): Promise<LoginOutcome> {
    // The callers stop on a failed TLS step already; this holds even for one that forgets: no credential
    // goes over a connection whose TLS failed its checks (untrusted, out of date, wrong name, old version).
    if (this.tlsFailure || this.tlsSession?.verdict.status === 'fail' || (this.security !== 'none' && !this.secure)) {
      return {
        kind: 'failure',
        stage: 'login',
        failure: {
          code: this.tlsSession?.verdict.code ?? this.tlsFailure?.code ?? 'TLS_HANDSHAKE_FAILED',
          message: 'nothing is sent over a TLS connection that failed its checks',
        },
      };
    }
    this.use(env);
    if (this.cleartextLoginRefused()) return { kind: 'cleartext-refused' };
    if (this.protocol === 'imap') return this.#loginImap(credential, options.mechanism);
    return this.#loginPop3(credential);
  }

  async #loginImap(credential: MailCredential, forced?: 'XOAUTH2' | 'OAUTHBEARER'): Promise<LoginOutcome> {
    const env = this.#envOrThrow();
    const capabilities = this.capabilities ?? [];
    const reader = this.reader;
    if (!reader) return { kind: 'failure', stage: 'login', failure: { code: 'CONNECTION_CLOSED', message: 'the connection is closed' } };
    let imapCredential: Parameters<typeof loginAndExamine>[0]['credential'];
    if (credential.kind === 'token') {
      const mechanism = forced ?? imapTokenMechanism(capabilities);
      if (!mechanism || !capabilities.includes(`AUTH=${mechanism}`)) return { kind: 'mechanism-unsupported' };
      imapCredential = { kind: 'token', user: credential.user, token: credential.token, mechanism };
    } else {
      const sasl = capabilities.includes('AUTH=PLAIN') || capabilities.includes('AUTH=LOGIN');
      if (!sasl && capabilities.includes('LOGINDISABLED')) return { kind: 'login-disabled' };
      imapCredential = { kind: 'password', user: credential.user, password: credential.password };
    }
    const held = await this.#holdLogin(credential.user);
    if (held) return held;
    // imapflow takes the socket from here on; the raw reader lets go of it.
    const { socket, leftover } = reader.detach();
    this.reader = undefined;
    this.imap = undefined;
    const result = await loginAndExamine({
      socket,
      leftover,
      secure: this.secure,
      host: this.host,
      port: this.port,
      ...(serverNameFor(this.host) ? { servername: this.host } : {}),
      greeting: this.greeting ?? '* OK',
      capabilities,
      credential: imapCredential,
      cleartext: this.cleartext,
      timeoutMs: env.timeoutMs,
      signal: env.signal,
      transcript: env.transcript,
      ...(env.clientVersion !== undefined ? { clientVersion: env.clientVersion } : {}),
    });
    if (result.client) this.imapClient = result.client;
    else this.closed = true;
    return imapLoginOutcome(result);
  }

  async #loginPop3(credential: MailCredential): Promise<LoginOutcome> {
    const client = this.pop3;
    const capabilities = this.pop3Capabilities ?? readCapabilities(false, []);
    if (!client) return { kind: 'failure', stage: 'login', failure: { code: 'CONNECTION_CLOSED', message: 'the connection is closed' } };
    const method = choosePop3Method(credential, capabilities);
    if (typeof method === 'object') return { kind: method.none === 'mechanism' ? 'mechanism-unsupported' : 'not-offered' };
    const held = await this.#holdLogin(credential.user);
    if (held) return held;
    let result;
    try {
      result = await loginAndStat(client, credential, method, { host: this.host, port: this.port });
    } catch (error) {
      return { kind: 'failure', stage: 'login', method, failure: failureOf(error) };
    }
    return pop3LoginOutcome(result, method);
  }

  /**
   * Takes the run's lock on this mailbox and protocol before the credential goes out; the session keeps it
   * until it is closed. A wait abandoned (Ctrl-C, the check's end) is a login failure.
   */
  async #holdLogin(user: string): Promise<LoginOutcome | undefined> {
    try {
      this.loginLease = await this.#envOrThrow().holdLogin(this.protocol, user);
      return undefined;
    } catch (error) {
      return { kind: 'failure', stage: 'login', failure: failureOf(error) };
    }
  }
}
