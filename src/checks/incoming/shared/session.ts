/**
 * One IMAP or POP3 session per account, continued by incoming.connect → incoming.tls → incoming.auth
 * (one connection per mailbox and protocol, never two). It lives in the account's RunMemo; its steps run once,
 * in whichever check needs them first (so `--only incoming.auth` still connects and secures first), and
 * a disposer says goodbye (LOGOUT / QUIT) and closes the socket when the account is done or interrupted.
 *
 * Each check reads with its own transcript, timeout and abort signal: the reader is re-created on the
 * same socket at the start of every check (`bindSession`).
 */
import type { ImapFlow } from 'imapflow';
import { toolVersion } from '../../../core/version.js';
import type { Account } from '../../../config/types.js';
import type { Secret } from '../../../secrets/secret.js';
import { cleartextAllowed, cleartextPolicy, imapOffersTls, pop3OffersTls } from '../../../probes/cleartext.js';
import { ImapRaw, greetingCapabilities, logoutImap, loginAndExamine } from '../../../probes/imap.js';
import { failureOf, parseImapStatus, parsePop3Status, type ProbeFailure, type ServerReply } from '../../../probes/incoming-replies.js';
import { Pop3Client } from '../../../probes/pop3-client.js';
import { choosePop3Method, loginAndStat, readCapabilities, type Pop3Capabilities } from '../../../probes/pop3.js';
import { ProbeError } from '../../../probes/probe-error.js';
import { BoundedReader, connectTcp, FOLLOW_UP_PROBE_MS, readGreeting, speaksImplicitTls, type TcpConnection } from '../../../probes/tcp.js';
import { connectImplicitTls, serverNameFor, upgradeToTls, type TlsSession } from '../../../probes/tls.js';
import { holdLogin } from '../../../runner/login-locks.js';
import type { LoginLease } from '../../../core/services.js';
import type { CheckContext } from '../../../core/check.js';

const SESSION_KEY = 'incoming.session';

/** How far the session got, and what each step saw (the checks turn these into outcomes). */
export interface IncomingSession {
  readonly account: Account;
  readonly protocol: Account['incoming']['protocol'];
  readonly host: string;
  readonly port: number;
  readonly security: Account['incoming']['security'];
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
  secure: boolean;
  imapClient?: ImapFlow;
  closed: boolean;
  /** The run's lock on this mailbox and protocol, taken right before the credential went out; released on close. */
  loginLease?: LoginLease;
}

export function sessionOf(context: CheckContext): IncomingSession {
  const existing = context.shared.get<IncomingSession>(SESSION_KEY);
  if (existing) return existing;
  const { account } = context;
  const session: IncomingSession = {
    account,
    protocol: account.incoming.protocol,
    host: account.incoming.host,
    port: account.incoming.port,
    security: account.incoming.security,
    secure: false,
    closed: false,
  };
  context.shared.set(SESSION_KEY, session);
  context.shared.onDispose(() => closeSession(session, 1000));
  return session;
}

/** Points the session's reader at this check's transcript, timeout and abort signal. */
export function bindSession(session: IncomingSession, context: CheckContext): void {
  const reader = session.reader;
  if (!reader || session.closed || reader.isBroken || !reader.socket) return;
  const { socket, leftover } = reader.detach();
  session.reader = newReader(session, context, socket, leftover);
  if (session.imap) {
    session.imap.reader = session.reader;
    session.imap.timeoutMs = context.options.stepTimeoutMs;
  }
  if (session.pop3) {
    session.pop3.reader = session.reader;
    session.pop3.timeoutMs = context.options.stepTimeoutMs;
  }
}

function newReader(session: IncomingSession, context: CheckContext, socket: import('node:stream').Duplex, leftover?: Buffer): BoundedReader {
  return new BoundedReader(
    socket,
    {
      signal: context.signal,
      transcript: context.transcript,
      ...(session.tcp ? { address: session.tcp.address, port: session.tcp.port } : {}),
    },
    leftover,
  );
}

/** LOGOUT / QUIT if the session is still open, then the socket is closed and the login lock released. */
export async function closeSession(session: IncomingSession, timeoutMs: number): Promise<void> {
  try {
    await goodbye(session, timeoutMs);
  } finally {
    // Every path ends here (the auth stage's goodbye, or the account's disposer): success, refusal, timeout, abort.
    session.loginLease?.release();
  }
}

async function goodbye(session: IncomingSession, timeoutMs: number): Promise<void> {
  if (session.closed) return;
  session.closed = true;
  if (session.tlsSession?.verdict.status === 'fail') {
    // Not even a goodbye over a connection whose TLS failed its checks (only incoming.connect ran).
    session.reader?.destroy();
    session.tlsSession.socket.destroy();
    session.tcp?.socket.destroy();
    return;
  }
  if (session.imapClient) return logoutImap(session.imapClient, timeoutMs);
  if (session.imap && session.reader && !session.reader.isBroken) return session.imap.logout(timeoutMs);
  if (session.pop3 && session.reader && !session.reader.isBroken) return session.pop3.quit(timeoutMs);
  session.reader?.destroy();
  session.tlsSession?.socket.destroy();
  session.tcp?.socket.destroy();
}

// ---------------------------------------------------------------------------------------------------
// Step 1: DNS → TCP (→ TLS for implicit TLS) → greeting. Runs once.

export function connectSession(context: CheckContext): Promise<IncomingSession> {
  const session = sessionOf(context);
  return context.shared.once(`${SESSION_KEY}.connect`, async () => {
    try {
      await connect(session, context);
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      session.connectFailure = error;
    }
    if (session.connectFailure || session.tlsFailure) await closeSession(session, 0);
    else if (!greetingAccepted(session)) {
      // Refused in the greeting, or not this protocol at all: no goodbye, just close.
      session.closed = true;
      session.reader?.destroy();
    }
    return session;
  });
}

async function connect(session: IncomingSession, context: CheckContext): Promise<void> {
  const timeoutMs = context.options.stepTimeoutMs;
  const base = {
    host: session.host,
    port: session.port,
    timeoutMs,
    signal: context.signal,
    resolver: context.services.dns,
    transcript: context.transcript,
  };
  if (session.security === 'tls') {
    try {
      const connection = await connectImplicitTls({ ...base, extraCa: context.services.extraCa, now: context.services.now });
      session.tcp = connection.tcp;
      session.tlsSession = connection.session;
      session.secure = true;
      // The legacy retry's session is closed already (tls.ts): no greeting is read over it; incoming.tls
      // reports its verdict.
      if (connection.session.facts.legacyRetry) return;
      session.reader = newReader(session, context, connection.session.socket);
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      if (error.stage === 'DNS' || error.stage === 'CONNECT' || error.code === 'ABORTED') throw error;
      // Reached, but no TLS: a server that drops or ignores the ClientHello did not greet either
      // (reported here); a plaintext greeting or a refused handshake is incoming.tls's to explain.
      if (error.code === 'TLS_HANDSHAKE_TIMEOUT' || error.code === 'TCP_RESET' || error.code === 'CONNECTION_CLOSED') {
        session.connectFailure = error;
        return;
      }
      session.tlsFailure = error;
      return;
    }
  } else {
    session.tcp = await connectTcp(base);
    session.reader = newReader(session, context, session.tcp.socket);
  }

  const reader = session.reader;
  try {
    const [line] = await readGreeting(reader, { timeoutMs });
    session.greeting = line ?? '';
  } catch (error) {
    if (error instanceof ProbeError && error.code === 'GREETING_TIMEOUT' && !session.secure && session.tcp) {
      // A port that never greets in plaintext may be waiting for our ClientHello (STARTTLS configured on
      // 993/995): ask on a fresh connection, so a tarpit is not mistaken for it (tcp.ts speaksImplicitTls).
      reader.destroy();
      const speaksTls = await speaksImplicitTls({
        address: session.tcp.address,
        port: session.port,
        ...(serverNameFor(session.host) ? { servername: session.host } : {}),
        timeoutMs: Math.min(timeoutMs, FOLLOW_UP_PROBE_MS),
        signal: context.signal,
        transcript: context.transcript,
      });
      if (speaksTls) {
        session.implicitTlsPort = true;
        session.tlsFailure = new ProbeError('STARTTLS_ON_IMPLICIT_TLS_PORT', `port ${session.port} sent no greeting and answers a TLS handshake: it expects implicit TLS`, {
          stage: 'GREETING',
          address: session.tcp.address,
          port: session.port,
        });
        return;
      }
    }
    throw error;
  }
  session.greetingReply = session.protocol === 'imap' ? parseImapStatus(session.greeting) : parsePop3Status(session.greeting);
  if (session.protocol === 'imap') session.imap = new ImapRaw(reader, timeoutMs);
  else session.pop3 = new Pop3Client(reader, timeoutMs, cleartextPolicy(session.account.provider, session.security));
}

/** True when the greeting says "go on" (IMAP `* OK` / `* PREAUTH`, POP3 `+OK`). */
export function greetingAccepted(session: IncomingSession): boolean {
  const reply = session.greetingReply;
  if (!reply) return false;
  if (session.protocol === 'imap') return /^\* (OK|PREAUTH)\b/i.test(session.greeting ?? '');
  return reply.status === '+OK';
}

// ---------------------------------------------------------------------------------------------------
// Step 2: TLS (implicit: judged; STARTTLS/STLS: negotiated and judged) and the capabilities after it.

export function secureSession(context: CheckContext): Promise<IncomingSession> {
  return context.shared.once(`${SESSION_KEY}.secure`, async () => {
    const session = await connectSession(context);
    if (session.connectFailure || session.tlsFailure || session.closed || !greetingAccepted(session)) return session;
    bindSession(session, context);
    try {
      await secure(session, context);
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      session.tlsFailure = error;
      await closeSession(session, 500);
    }
    if (session.tlsSession?.verdict.status === 'fail' && !session.closed) {
      // Nothing more goes over a connection whose TLS failed, not even a goodbye.
      session.closed = true;
      session.reader?.destroy();
      session.tlsSession.socket.destroy();
    }
    return session;
  });
}

async function secure(session: IncomingSession, context: CheckContext): Promise<void> {
  if (session.security === 'starttls') {
    await readCapabilitiesBefore(session);
    await startTls(session, context);
  }
  // Nothing is sent over a connection whose certificate failed (tls.ts): the checks stop there.
  if (session.tlsSession?.verdict.status === 'fail') return;
  if (session.security === 'none') {
    await readCapabilitiesBefore(session);
    session.capabilities = session.capabilitiesBefore;
    return;
  }
  await readCapabilitiesAfter(session);
}

async function readCapabilitiesBefore(session: IncomingSession): Promise<void> {
  if (session.imap) {
    const fromGreeting = greetingCapabilities(session.greeting ?? '');
    session.capabilitiesBefore = fromGreeting ?? (await session.imap.capability()).capabilities;
  } else if (session.pop3) {
    const { reply, capabilities } = await session.pop3.capa();
    session.capabilitiesBefore = capabilities;
    session.pop3Capabilities = readCapabilities(reply.ok, capabilities);
  }
}

/** After TLS the capability list must be asked again (RFC 9051 §6.2.1, RFC 2595 §4). */
async function readCapabilitiesAfter(session: IncomingSession): Promise<void> {
  if (session.imap) {
    const fromGreeting = session.security === 'tls' ? greetingCapabilities(session.greeting ?? '') : undefined;
    session.capabilities = fromGreeting ?? (await session.imap.capability()).capabilities;
  } else if (session.pop3) {
    const { reply, capabilities } = await session.pop3.capa();
    session.capabilities = capabilities;
    session.pop3Capabilities = readCapabilities(reply.ok, capabilities);
  }
}

async function startTls(session: IncomingSession, context: CheckContext): Promise<void> {
  const command = session.protocol === 'imap' ? 'STARTTLS' : 'STLS';
  const offered =
    session.protocol === 'imap'
      ? (session.capabilitiesBefore ?? []).includes('STARTTLS')
      : session.pop3Capabilities?.stls === true || session.pop3Capabilities?.supported === false;
  if (!offered) {
    throw new ProbeError('STARTTLS_NOT_OFFERED', `the server does not offer ${command}`, { stage: command, ...where(session) });
  }
  let answer: string;
  let accepted: boolean;
  if (session.imap) {
    const result = await session.imap.startTls();
    answer = result.line;
    accepted = result.status.status === 'OK';
  } else if (session.pop3) {
    const reply = await session.pop3.stls();
    answer = reply.line;
    accepted = reply.ok;
  } else {
    return;
  }
  session.startTlsLine = answer;
  if (!accepted) {
    // A POP3 server without CAPA that refuses STLS simply does not have it.
    const code = session.protocol === 'pop3' && session.pop3Capabilities?.supported === false ? 'STARTTLS_NOT_OFFERED' : 'STARTTLS_REJECTED';
    throw new ProbeError(code, `${command} refused: ${answer}`, { stage: command, serverReply: answer, ...where(session) });
  }
  const reader = session.reader;
  if (!reader) return;
  const { socket } = reader.detach({ beforeTls: true });
  const tlsSession = await upgradeToTls(socket, {
    host: session.host,
    timeoutMs: context.options.stepTimeoutMs,
    signal: context.signal,
    extraCa: context.services.extraCa,
    now: context.services.now,
    transcript: context.transcript,
    stage: 'STARTTLS',
    ...where(session),
  });
  session.tlsSession = tlsSession;
  session.secure = true;
  session.reader = newReader(session, context, tlsSession.socket);
  if (session.imap) session.imap.reader = session.reader;
  if (session.pop3) session.pop3.reader = session.reader;
}

function where(session: IncomingSession): { address?: string; port: number } {
  return { ...(session.tcp ? { address: session.tcp.address } : {}), port: session.port };
}

// ---------------------------------------------------------------------------------------------------
// Step 3: the one login and the read-only command.

export type Credential = { readonly kind: 'password'; readonly user: string; readonly password: Secret } | { readonly kind: 'token'; readonly user: string; readonly token: Secret };

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

/** The login mechanisms advertised now (after TLS), for the evidence. */
export function mechanismsOf(session: IncomingSession): string[] {
  const capabilities = session.capabilities ?? [];
  if (session.protocol === 'imap') {
    return capabilities.filter((capability) => capability.startsWith('AUTH=') || capability === 'LOGINDISABLED');
  }
  const pop3 = session.pop3Capabilities;
  if (!pop3) return [];
  return [...(pop3.user ? ['USER'] : []), ...(pop3.sasl ? pop3.sasl.map((mechanism) => `SASL ${mechanism}`) : []), ...(pop3.supported ? [] : ['(no CAPA)'])];
}

/** The token mechanism to use over IMAP: XOAUTH2 (Exchange, Gmail, Tactium), else OAUTHBEARER (RFC 7628). */
export function imapTokenMechanism(capabilities: readonly string[]): 'XOAUTH2' | 'OAUTHBEARER' | undefined {
  if (capabilities.includes('AUTH=XOAUTH2')) return 'XOAUTH2';
  if (capabilities.includes('AUTH=OAUTHBEARER')) return 'OAUTHBEARER';
  return undefined;
}

/**
 * The server offered encryption before any login: IMAP STARTTLS or LOGINDISABLED, POP3 STLS (undefined when
 * the capabilities were never read).
 */
export function tlsOfferedBeforeLogin(session: IncomingSession): boolean | undefined {
  if (session.protocol === 'imap') return session.capabilitiesBefore ? imapOffersTls(session.capabilitiesBefore) : undefined;
  return session.pop3Capabilities ? pop3OffersTls(session.pop3Capabilities.lines) : undefined;
}

/**
 * True when a login must not happen on this session for want of encryption: not TLS, and either the
 * provider or the file rules out a cleartext login, or the server offered encryption (probes/cleartext.ts).
 * The probes refuse it again themselves; asking here lets the check say so before any credential is fetched.
 */
export function cleartextLoginRefused(session: IncomingSession): boolean {
  if (session.secure && session.tlsSession && session.tlsSession.verdict.status !== 'fail') return false;
  return !cleartextAllowed(cleartextPolicy(session.account.provider, session.security), tlsOfferedBeforeLogin(session));
}

export async function loginSession(session: IncomingSession, context: CheckContext, credential: Credential, options: { mechanism?: 'XOAUTH2' | 'OAUTHBEARER' } = {}): Promise<LoginOutcome> {
  // The callers stop on a failed TLS step already; this holds even for one that forgets: no credential
  // goes over a connection whose TLS failed its checks (untrusted, out of date, wrong name, old version).
  if (session.tlsFailure || session.tlsSession?.verdict.status === 'fail' || (session.security !== 'none' && !session.secure)) {
    return { kind: 'failure', stage: 'login', failure: { code: session.tlsSession?.verdict.code ?? session.tlsFailure?.code ?? 'TLS_HANDSHAKE_FAILED', message: 'nothing is sent over a TLS connection that failed its checks' } };
  }
  bindSession(session, context);
  if (cleartextLoginRefused(session)) return { kind: 'cleartext-refused' };
  if (session.protocol === 'imap') return loginImap(session, context, credential, options.mechanism);
  return loginPop3(session, context, credential);
}

async function loginImap(session: IncomingSession, context: CheckContext, credential: Credential, forced?: 'XOAUTH2' | 'OAUTHBEARER'): Promise<LoginOutcome> {
  const capabilities = session.capabilities ?? [];
  const reader = session.reader;
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
  const held = await holdSessionLogin(session, context, credential.user);
  if (held) return held;
  // imapflow takes the socket from here on; the raw reader lets go of it.
  const { socket, leftover } = reader.detach();
  session.reader = undefined;
  session.imap = undefined;
  const result = await loginAndExamine({
    socket,
    leftover,
    secure: session.secure,
    host: session.host,
    port: session.port,
    ...(serverNameFor(session.host) ? { servername: session.host } : {}),
    greeting: session.greeting ?? '* OK',
    capabilities,
    credential: imapCredential,
    cleartext: cleartextPolicy(session.account.provider, session.security),
    timeoutMs: context.options.stepTimeoutMs,
    signal: context.signal,
    transcript: context.transcript,
    clientVersion: toolVersion(),
  });
  if (result.client) session.imapClient = result.client;
  else session.closed = true;
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
    return { kind: 'failure', stage: result.stage === 'mailbox' ? 'mailbox' : 'login', ...common, failure: result.failure, ...(result.credentialSent ? { credentialSent: true } : {}) };
  }
  if (result.stage === 'connection') return { kind: 'failure', stage: 'login', ...common, failure: result.failure ?? { code: 'CONNECTION_CLOSED', message: 'closed' }, ...(result.credentialSent ? { credentialSent: true } : {}) };
  return { kind: 'refused', stage: result.stage, ...common };
}

async function loginPop3(session: IncomingSession, context: CheckContext, credential: Credential): Promise<LoginOutcome> {
  const client = session.pop3;
  const capabilities = session.pop3Capabilities ?? readCapabilities(false, []);
  if (!client) return { kind: 'failure', stage: 'login', failure: { code: 'CONNECTION_CLOSED', message: 'the connection is closed' } };
  const pop3Credential = credential;
  const method = choosePop3Method(pop3Credential, capabilities);
  if (typeof method === 'object') return { kind: method.none === 'mechanism' ? 'mechanism-unsupported' : 'not-offered' };
  const held = await holdSessionLogin(session, context, credential.user);
  if (held) return held;
  let result;
  try {
    result = await loginAndStat(client, pop3Credential, method, { host: session.host, port: session.port });
  } catch (error) {
    return { kind: 'failure', stage: 'login', method, failure: failureOf(error) };
  }
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
  if (result.failure) return { kind: 'failure', stage: result.stage === 'mailbox' ? 'mailbox' : 'login', ...common, failure: result.failure, ...(result.credentialSent ? { credentialSent: true } : {}) };
  return { kind: 'refused', stage: result.stage === 'mailbox' ? 'mailbox' : 'login', ...common };
}

/**
 * Takes the run's lock on this mailbox and protocol before the credential goes out (login-locks.ts); the
 * session keeps it until it is closed. A wait abandoned (Ctrl-C, the check's end) is a login failure.
 */
async function holdSessionLogin(session: IncomingSession, context: CheckContext, user: string): Promise<LoginOutcome | undefined> {
  try {
    session.loginLease = await holdLogin(context, session.protocol, user);
    return undefined;
  } catch (error) {
    return { kind: 'failure', stage: 'login', failure: failureOf(error) };
  }
}
