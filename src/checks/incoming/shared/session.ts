/**
 * One IMAP or POP3 session per account (probes/incoming-session.ts), continued by incoming.connect →
 * incoming.tls → incoming.auth (one connection per mailbox and protocol, never two). It lives in the
 * account's RunMemo; its steps run once, in whichever check needs them first (so `--only incoming.auth` still
 * connects and secures first), and a disposer says goodbye (LOGOUT / QUIT) and closes the socket when the
 * account is done or interrupted.
 *
 * Each check reads with its own transcript, timeout and abort signal: the session is pointed at them at the
 * start of every step (`bindSession`), and takes the run's login lock through this check's services.
 */
import { toolVersion } from '../../../core/version.js';
import type { CheckContext } from '../../../core/check.js';
import { cleartextPolicy } from '../../../probes/cleartext.js';
import type { MailCredential } from '../../../probes/credential.js';
import type { LoginOutcome } from '../../../probes/incoming-login.js';
import { IncomingSession, type IncomingSessionEnv } from '../../../probes/incoming-session.js';
import { holdLogin } from '../../../runner/login-locks.js';

const SESSION_KEY = 'incoming.session';

/** The session's view of this check: its timeout, signal, transcript, services and login lock. */
function envOf(context: CheckContext): IncomingSessionEnv {
  return {
    timeoutMs: context.options.stepTimeoutMs,
    signal: context.signal,
    transcript: context.transcript,
    resolver: context.services.dns,
    extraCa: context.services.extraCa,
    now: context.services.now,
    clientVersion: toolVersion(),
    holdLogin: (protocol, user) => holdLogin(context, protocol, user),
  };
}

/** The account's session, made (and its disposer registered) on first use. */
export function sessionOf(context: CheckContext): IncomingSession {
  const existing = context.shared.get<IncomingSession>(SESSION_KEY);
  if (existing) return existing;
  const { incoming, provider } = context.account;
  const session = new IncomingSession({
    protocol: incoming.protocol,
    host: incoming.host,
    port: incoming.port,
    security: incoming.security,
    cleartext: cleartextPolicy(provider, incoming.security),
  });
  context.shared.set(SESSION_KEY, session);
  context.shared.onDispose(() => session.close(1000));
  return session;
}

/** Points the session's reader at this check's transcript, timeout and abort signal. */
export function bindSession(session: IncomingSession, context: CheckContext): void {
  session.use(envOf(context));
}

/** LOGOUT / QUIT if the session is still open, then the socket is closed and the login lock released. */
export function closeSession(session: IncomingSession, timeoutMs: number): Promise<void> {
  return session.close(timeoutMs);
}

/** Step 1, once: DNS → TCP (→ TLS for implicit TLS) → greeting. */
export function connectSession(context: CheckContext): Promise<IncomingSession> {
  const session = sessionOf(context);
  return context.shared.once(`${SESSION_KEY}.connect`, async () => {
    await session.connect(envOf(context));
    return session;
  });
}

/** Step 2, once: TLS (implicit: judged; STARTTLS/STLS: negotiated and judged) and the capabilities after it. */
export function secureSession(context: CheckContext): Promise<IncomingSession> {
  return context.shared.once(`${SESSION_KEY}.secure`, async () => {
    const session = await connectSession(context);
    await session.secureConnection(envOf(context));
    return session;
  });
}

/** Step 3: the one login and the read-only command (the session refuses it over failed TLS or forbidden cleartext). */
export function loginSession(
  session: IncomingSession,
  context: CheckContext,
  credential: MailCredential,
  options: { mechanism?: 'XOAUTH2' | 'OAUTHBEARER' } = {},
): Promise<LoginOutcome> {
  return session.login(credential, envOf(context), options);
}
