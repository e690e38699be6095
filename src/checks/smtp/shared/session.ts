/**
 * The one SMTP session per account that smtp.connect → smtp.tls → smtp.auth → smtp.send continue (never
 * more than one connection per mailbox and protocol). Each stage runs once per account
 * (`RunMemo.once`), so a check whose predecessors were not selected (`--only smtp.auth`) runs them itself,
 * on the same session. It is closed (QUIT) once the envelope is done or the login refused, else when the
 * account is done; with it goes the run's lock on this mailbox for SMTP (login-locks.ts).
 */
import type { Account } from '../../../config/types.js';
import { cleartextPolicy } from '../../../probes/cleartext.js';
import { ProbeError } from '../../../probes/probe-error.js';
import { SmtpSession } from '../../../probes/smtp.js';
import type { SmtpTlsResult } from '../../../probes/smtp-session-types.js';
import { holdLogin } from '../../../runner/login-locks.js';
import type { LoginLease } from '../../../core/services.js';
import type { CheckContext } from '../../../core/check.js';
import type { MailTarget } from '../../shared/mail/transport-outcome.js';

const SESSION_KEY = 'smtp.session';
const TLS_KEY = 'smtp.session.tls';
const LEASE_KEY = 'smtp.session.lease';
const CLOSE_KEY = 'smtp.session.close';

/** The account's SMTP server as the shared transport outcomes describe it. */
export function smtpTarget(account: Account): MailTarget {
  return {
    protocol: 'SMTP',
    direction: 'outgoing',
    host: account.outgoing.host,
    port: account.outgoing.port,
    security: account.outgoing.security,
    starttlsPort: 587,
    implicitTlsPort: 465,
  };
}

/** Connect, greeting and EHLO, once per account; bound to the calling check's transcript and signal. */
export async function smtpSession(context: CheckContext): Promise<SmtpSession> {
  const { outgoing } = context.account;
  const session = await context.shared.once(SESSION_KEY, async () => {
    const opened = await SmtpSession.open({
      host: outgoing.host,
      port: outgoing.port,
      security: outgoing.security,
      timeoutMs: context.options.stepTimeoutMs,
      resolver: context.services.dns,
      extraCa: context.services.extraCa,
      now: () => context.services.now(),
      signal: context.signal,
      transcript: context.transcript,
      cleartext: cleartextPolicy(context.account.provider, outgoing.security),
    });
    const close = async (): Promise<void> => {
      try {
        await opened.quit();
      } finally {
        context.shared.get<LoginLease>(LEASE_KEY)?.release();
      }
    };
    context.shared.set(CLOSE_KEY, close);
    context.shared.onDispose(close);
    return opened;
  });
  return session.use(context);
}

/**
 * TLS, once per account: STARTTLS for `security: starttls`, the implicit TLS negotiated at connect for
 * `tls`, `undefined` for `none`. Throws the session's `ProbeError`s.
 */
export async function smtpTls(context: CheckContext): Promise<SmtpTlsResult | undefined> {
  const session = await smtpSession(context);
  if (context.account.outgoing.security === 'none') return undefined;
  const result = await context.shared.once(TLS_KEY, () => session.startTls());
  session.use(context);
  return result;
}

/**
 * The session, ready for AUTH: TLS negotiated and not failed (or `security: none`). A failed TLS verdict
 * is reported by smtp.tls; a later check that finds it (smtp.tls not selected) fails with the same code.
 */
export async function smtpReadyForAuth(context: CheckContext): Promise<SmtpSession> {
  const tls = await smtpTls(context);
  const session = await smtpSession(context);
  if (tls && tls.tls.verdict.status === 'fail') {
    throw new ProbeError(tls.tls.verdict.code ?? 'TLS_HANDSHAKE_FAILED', 'the TLS connection failed its checks; nothing is sent over it', {
      stage: tls.mode === 'starttls' ? 'STARTTLS' : 'TLS',
      address: session.tcp.address,
      port: session.tcp.port,
    });
  }
  return session;
}

/**
 * Takes the run's lock on this mailbox for SMTP right before AUTH sends the credential (login-locks.ts),
 * waiting while another connection of the run is logged in with the same name. The session keeps it
 * until it is closed (closeSmtpSession, or the account's disposer). Throws `ProbeError` `ABORTED` when
 * abandoned.
 */
export async function holdSmtpLogin(context: CheckContext, username: string): Promise<void> {
  context.shared.set(LEASE_KEY, await holdLogin(context, 'smtp', username));
}

/**
 * QUIT now, in the calling check's transcript, once nothing more goes over SMTP for this account (the
 * envelope is done, or the login was refused): the run's lock on this mailbox then goes to the next
 * account at once instead of when this one is done. The account's disposer covers every other path.
 */
export async function closeSmtpSession(context: CheckContext): Promise<void> {
  await context.shared.get<() => Promise<void>>(CLOSE_KEY)?.();
}
