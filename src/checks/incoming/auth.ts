/**
 * incoming.auth: the one login this mailbox gets (password → LOGIN/PLAIN or USER/PASS; OAuth token →
 * XOAUTH2, or OAUTHBEARER where only that is offered), then one read-only command: IMAP `EXAMINE INBOX`,
 * POP3 `STAT`. Never a second login after a refusal (accounts lock; Google and Exchange throttle).
 * Continues the session incoming.connect and incoming.tls opened (session.ts).
 */
import type { TokenOrigin } from '../shared/token-provider.js';
import { credentialFor, loginName } from '../shared/credential.js';
import type { MailCredential } from '../../probes/credential.js';
import { msg } from '../../i18n/index.js';
import type { Message, MessageArgs, MessageKey } from '../../core/message.js';
import { diagnoseReply, replyForEvidence, type Diagnosis, type ProbeFailure, type ServerReply } from '../../probes/incoming-replies.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { gmailChallengeDiagnosis, tooManyLoginAttemptsDiagnosis } from '../gmail/shared/mail-diagnosis.js';
import { GMAIL_WEB_URL, GOOGLE_APP_PASSWORDS_URL, incomingTarget, incomingYaml, protocolName, startTlsCommand } from './shared/remediation.js';
import { defaultIncoming } from '../../config/defaults.js';
import { authReplyTimeoutOutcome, cleartextOutcome } from '../shared/mail/login-guard.js';
import { connectOutcome } from './connect.js';
import type { LoginOutcome } from '../../probes/incoming-login.js';
import type { IncomingSession } from '../../probes/incoming-session.js';
import { bindSession, closeSession, loginSession, secureSession } from './shared/session.js';
import { tlsOutcome } from './tls.js';
import { signInKind, signedInUser, type SignInKind } from '../shared/sign-in-kind.js';
import { notConnectedDiagnosis } from './shared/not-connected.js';
import { exchangeRankedFixes, protocolDisabledFixes, text } from './shared/auth-fixes.js';
import { exchangeOnPremises, exchangeOnPremisesFixes, exchangeOnline, familyEntry, incomingFamily, refineDiagnosis } from './shared/family.js';
import type { ServerFamily } from '../../providers/server-families.js';

/** Control characters would end a protocol line or a SASL field early: never send them. */
const CONTROL = /[\x00-\x1f\x7f]/;

type CredentialResult = { ok: true; credential: MailCredential; origin?: TokenOrigin } | { ok: false; outcome: CheckOutcome };

/** The credential for this account, or the outcome that ends the check without a login. */
async function incomingCredential(context: CheckContext): Promise<CredentialResult> {
  const user = loginName(context);
  const found = await credentialFor(context, context.account.incoming.protocol);
  switch (found.kind) {
    case 'ready':
      return { ok: true, credential: found.credential, ...(found.origin ? { origin: found.origin } : {}) };
    case 'password-missing':
      return {
        ok: false,
        outcome: {
          status: 'fail',
          code: 'AUTH_PASSWORD_MISSING',
          summary: msg('incoming.auth.noPassword'),
          evidence: [{ label: 'incoming.evidence.loginName', value: user }],
          remediation: [{ kind: 'text', message: msg('incoming.auth.fix.checkPassword', { user, reference: found.reference ?? 'auth.password' }) }],
        },
      };
    case 'token-unavailable':
      return { ok: false, outcome: { status: 'skip', code: 'TOKEN_UNAVAILABLE', summary: found.reason } };
    case 'token-failed':
      return {
        ok: false,
        outcome: {
          status: 'fail',
          code: found.code,
          summary: found.reason,
          evidence: [{ label: 'incoming.evidence.loginName', value: user }],
          remediation: [{ kind: 'text', message: msg('incoming.auth.fix.skipDueToToken') }],
        },
      };
  }
}

export const incomingAuthCheck = defineCheck({
  id: 'incoming.auth',
  area: 'incoming',
  title: 'incoming.auth.title',
  needs: ['network', 'credentials'],
  usesLogin: ['office365', 'google'],
  dependsOn: ['incoming.tls'],
  // connect's and tls's 12 when run alone; then the token, ID, login, ID, NAMESPACE (one guard of 4),
  // LIST, LSUB, EXAMINE (one guard of 3), LOGOUT.
  steps: 21,
  appliesTo: () => true,
  async run(context) {
    return (await incomingAuthStage(context)).outcome;
  },
});

/** The one login of this mailbox and what it saw; `login` is absent when no login was attempted. */
export interface IncomingAuthStage {
  readonly outcome: CheckOutcome;
  readonly login?: LoginOutcome;
}

/**
 * The login stage, once per account (like smtpAuthStage): incoming.auth reports it, and
 * exchange.mailbox-access reads it without a second connection or a second login.
 */
export function incomingAuthStage(context: CheckContext): Promise<IncomingAuthStage> {
  return context.shared.once('incoming.session.auth', () => authenticate(context));
}

async function authenticate(context: CheckContext): Promise<IncomingAuthStage> {
  const session = await secureSession(context);
  // Normally the runner skips incoming.auth when connect or tls failed; run alone (--only), it says why.
  const connected = connectOutcome(session, context);
  if (connected.status === 'fail') return { outcome: connected };
  const secured = tlsOutcome(session, context);
  if (secured.status === 'fail') return { outcome: secured };
  bindSession(session, context);
  // Said before any credential is fetched or asked for; the probes refuse it again themselves.
  if (session.cleartextLoginRefused()) {
    const outcome = cleartextRefusedOutcome(context, session);
    await closeSession(session, context.options.stepTimeoutMs);
    return { outcome };
  }

  const credential = await incomingCredential(context);
  if (!credential.ok) return { outcome: credential.outcome };
  const user = credential.credential.user;
  if (CONTROL.test(user)) throw new Error('the login name contains control characters');

  const base: Evidence[] = [
    { label: 'incoming.evidence.mechanisms', value: session.mechanisms().join(' ') || '(none)' },
    { label: 'incoming.evidence.loginName', value: user },
    ...(credential.origin ? [{ label: 'incoming.evidence.tokenOrigin' as const, value: credential.origin }] : []),
  ];
  const result = await loginSession(session, context, credential.credential);
  const family = incomingFamily(session, result);
  base.push(...familyEntry(family));
  const signIn: SignIn = {
    kind: signInKind(context.account, credential.credential, credential.origin),
    person: signedInUser(credential.credential),
    ...(family ? { family } : {}),
  };
  const outcome = outcomeOf(context, session, result, base, signIn);
  // Goodbye now, so LOGOUT / QUIT is in this check's transcript; the disposer covers interruptions.
  await closeSession(session, context.options.stepTimeoutMs);
  return { outcome, login: result };
}

/**
 * No TLS and no cleartext login allowed (probes/cleartext.ts): nothing was sent. The fix is STARTTLS/STLS on
 * this port; Office 365 and Gmail take IMAP and POP3 on their implicit-TLS ports (993, 995).
 */
function cleartextRefusedOutcome(context: CheckContext, session: IncomingSession): CheckOutcome {
  const { account } = context;
  const offered = session.tlsOfferedBeforeLogin() === true;
  const provider = account.provider === 'imap' ? undefined : defaultIncoming(account.provider, account.cloud, account.incoming.protocol);
  const fixYaml = provider ? incomingYaml(account, { security: 'tls', port: provider.port }) : incomingYaml(account, { security: 'starttls' });
  const capabilities = session.protocol === 'imap' ? session.capabilitiesBefore : session.pop3Capabilities?.lines;
  return cleartextOutcome(context, incomingTarget(account), {
    capabilities: [{ label: 'incoming.evidence.capabilitiesBefore', value: capabilities?.join(' ') || '(none)' }],
    offered,
    command: startTlsCommand(account.incoming.protocol),
    fixYaml,
  });
}

function serverLine(line: string | undefined): string {
  // Dovecot's OK carries the whole capability list: keep the reply readable.
  return replyForEvidence((line ?? '').replace(/\[CAPABILITY [^\]]*\]/i, '[CAPABILITY …]'));
}

/** How the login signed in, and who: a refusal after the login is explained by it. */
interface SignIn {
  readonly kind: SignInKind;
  readonly person: string;
  /** The server family (vendor advice only for its vendor). */
  readonly family?: ServerFamily;
}

function outcomeOf(context: CheckContext, session: IncomingSession, result: LoginOutcome, base: Evidence[], signIn: SignIn): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const user = account.auth.username ?? account.mailbox;
  const evidence: Evidence[] = [...base];
  if (result.method) evidence.push({ label: 'incoming.evidence.method', value: result.method });
  if (result.loginLine) evidence.push({ label: 'incoming.evidence.loginReply', value: serverLine(result.loginLine) });
  if (result.challenge) evidence.push({ label: 'incoming.evidence.challenge', value: result.challenge });
  if (result.mailboxLine) {
    if (result.mailboxCommand) evidence.push({ label: 'incoming.evidence.command', value: result.mailboxCommand });
    evidence.push({ label: 'incoming.evidence.mailboxReply', value: serverLine(result.mailboxLine) });
  }
  if (result.byeLine) evidence.push({ label: 'incoming.evidence.bye', value: serverLine(result.byeLine) });

  switch (result.kind) {
    case 'done': {
      if (account.incoming.protocol === 'imap') {
        evidence.push({ label: 'incoming.evidence.messages', value: String(result.count) });
        evidence.push({ label: 'incoming.evidence.readOnly', value: result.readOnly ? 'yes ([READ-ONLY])' : 'EXAMINE' });
        return { status: 'pass', summary: msg('incoming.auth.pass', { user, method: result.method ?? '', count: result.count ?? 0 }), evidence };
      }
      evidence.push({ label: 'incoming.evidence.messages', value: String(result.count) });
      return {
        status: 'pass',
        summary: msg('incoming.auth.passPop3', { user, method: result.method ?? '', count: result.count ?? 0, size: result.size ?? 0 }),
        evidence,
      };
    }
    case 'not-offered':
    case 'login-disabled':
      return noLoginOutcome(context, session, result.kind, mechanismList(base), evidence);
    case 'mechanism-unsupported':
      return {
        status: 'fail',
        code: 'AUTH_MECHANISM_UNSUPPORTED',
        summary: result.refusedMechanism
          ? msg('incoming.auth.mechanismRefused', { mechanism: result.refusedMechanism, reply: serverLine(result.loginLine) })
          : msg(session.secure ? 'incoming.auth.mechanismUnsupported' : 'incoming.auth.mechanismUnsupportedClear', {
              wanted: 'XOAUTH2 / OAUTHBEARER',
              mechanisms: mechanismList(base),
            }),
        evidence,
        remediation: [{ kind: 'text', message: msg('incoming.auth.fix.mechanismUnsupported', { protocol }) }],
      };
    case 'refused': {
      const phase = result.stage === 'login' ? 'login' : 'mailbox';
      const reply = result.stage === 'login' ? result.loginReply : result.mailboxReply;
      const line = result.stage === 'login' ? result.loginLine : result.mailboxLine;
      if (!reply) return connectionOutcome(context, { code: 'PROTOCOL_UNEXPECTED_REPLY', message: line ?? '' }, commandOf(result), evidence);
      // Gmail explains a refused token in its SASL error challenge (401 invalid, 400 scope missing).
      const challenged =
        phase === 'login' && account.auth.method === 'oauth2'
          ? gmailChallengeDiagnosis({ account, protocol, user, reply: serverLine(line), origin: originOf(base) }, result.challenge)
          : undefined;
      if (challenged) return { status: 'fail', ...challenged, evidence };
      return diagnosisOutcome(context, diagnoseReply(reply, phase), reply, serverLine(line), evidence, signIn);
    }
    case 'failure':
      return connectionOutcome(
        context,
        result.failure ?? { code: 'CONNECTION_CLOSED', message: 'closed' },
        commandOf(result),
        evidence,
        result.credentialSent === true,
      );
    case 'cleartext-refused':
      return cleartextRefusedOutcome(context, session);
  }
}

/**
 * No login this account can use on this connection. A server that offers STLS / STARTTLS before TLS and no
 * login (RFC 2595 §4: POP3 servers drop USER and SASL from CAPA until STLS; IMAP's LOGINDISABLED) gets the
 * same answer: use security: starttls. Without TLS and without an offer, the login may exist only over
 * implicit TLS. "After TLS" is said only when TLS was used.
 */
function noLoginOutcome(
  context: CheckContext,
  session: IncomingSession,
  kind: 'not-offered' | 'login-disabled',
  mechanisms: string,
  evidence: Evidence[],
): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  if (!session.secure && session.tlsOfferedBeforeLogin() === true) return cleartextRefusedOutcome(context, session);
  const code = kind === 'not-offered' ? 'AUTH_NOT_OFFERED' : 'AUTH_LOGIN_DISABLED';
  if (!session.secure) {
    const tls = incomingYaml(account, { security: 'tls', port: account.incoming.protocol === 'imap' ? 993 : 995 });
    return {
      status: 'fail',
      code,
      summary: msg('incoming.auth.notOfferedClear', { mechanisms }),
      evidence,
      remediation: [
        { kind: 'text', message: msg('incoming.auth.fix.notOfferedClear', { protocol }), target: tls },
        { kind: 'text', message: msg('incoming.auth.fix.notOffered', { protocol }) },
      ],
    };
  }
  return kind === 'not-offered'
    ? {
        status: 'fail',
        code,
        summary: msg('incoming.auth.notOffered', { mechanisms }),
        evidence,
        remediation: [{ kind: 'text', message: msg('incoming.auth.fix.notOffered', { protocol }) }],
      }
    : {
        status: 'fail',
        code,
        summary: msg('incoming.auth.loginDisabled', { mechanisms }),
        evidence,
        remediation: [{ kind: 'text', message: msg('incoming.auth.fix.loginDisabled') }],
      };
}

function originOf(base: Evidence[]): string | undefined {
  return base.find((entry) => entry.label === 'incoming.evidence.tokenOrigin')?.value;
}

function mechanismList(base: Evidence[]): string {
  return base.find((entry) => entry.label === 'incoming.evidence.mechanisms')?.value ?? '(none)';
}

/** The protocol command the failure happened at, for the summary (never translated). */
function commandOf(result: LoginOutcome): string {
  if (result.stage === 'mailbox')
    return (
      result.mailboxCommand ??
      (result.method === undefined ? 'EXAMINE' : result.method.startsWith('USER') || result.method.startsWith('AUTH ') ? 'STAT' : 'EXAMINE')
    );
  return result.method ?? 'LOGIN';
}

function connectionOutcome(context: CheckContext, failure: ProbeFailure, command: string, evidence: Evidence[], credentialSent = false): CheckOutcome {
  const protocol = protocolName(context.account.incoming.protocol);
  evidence.push({ label: 'incoming.evidence.failure', value: `${failure.code}: ${failure.message}` });
  // The server's last line, in the summary too, unless the failure's own text already quotes it.
  const last = failure.serverReply ? serverLine(failure.serverReply) : undefined;
  if (last) evidence.push({ label: 'incoming.evidence.lastReply', value: last });
  const reply = last && !failure.message.includes(last.slice(0, 80)) ? last : undefined;
  const seconds = Math.round(context.options.stepTimeoutMs / 1000);
  const fail = <K extends MessageKey>(code: string, summary: Message, key: K, ...params: MessageArgs<K>): CheckOutcome => ({
    status: 'fail',
    code,
    summary,
    evidence,
    remediation: [{ kind: 'text', message: msg(key, ...params) }],
  });
  switch (failure.code) {
    case 'AUTH_REPLY_TIMEOUT':
      return authReplyTimeoutOutcome(context, incomingTarget(context.account), command, context.account.auth.username ?? context.account.mailbox, evidence);
    case 'REPLY_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return fail(
        'REPLY_TIMEOUT',
        reply ? msg('incoming.auth.timeoutReply', { command, seconds, reply }) : msg('incoming.auth.timeout', { command, seconds }),
        'incoming.auth.fix.timeout',
        { seconds: Math.max(seconds * 2, 30) },
      );
    case 'LINE_TOO_LONG':
    case 'REPLY_TOO_LONG':
      return fail(failure.code, msg('incoming.auth.lineTooLong', { command, detail: failure.message }), 'incoming.auth.fix.unexpected', { protocol });
    case 'PROTOCOL_UNEXPECTED_REPLY':
      return fail(
        failure.code,
        reply
          ? msg('incoming.auth.commandFailed', { command, detail: failure.message, reply })
          : msg('incoming.auth.unexpected', { command, protocol, detail: failure.message }),
        'incoming.auth.fix.unexpected',
        { protocol },
      );
    default: {
      // Closed after the credential went out and before an answer: the login may have failed, so the fix
      // does not invite another attempt before the credential is checked.
      const code = failure.code === 'TCP_RESET' ? 'TCP_RESET' : 'CONNECTION_CLOSED';
      const summary = reply
        ? msg('incoming.auth.connectionLostReply', { command, detail: failure.message, reply })
        : msg('incoming.auth.connectionLost', { command, detail: failure.message });
      return credentialSent
        ? fail(code, summary, 'incoming.auth.fix.connectionLostAfterCredential', { user: context.account.auth.username ?? context.account.mailbox })
        : fail(code, summary, 'incoming.auth.fix.connectionLost');
    }
  }
}

function diagnosisOutcome(context: CheckContext, diagnosis: Diagnosis, reply: ServerReply, line: string, evidence: Evidence[], signIn: SignIn): CheckOutcome {
  const { account } = context;
  const protocol = protocolName(account.incoming.protocol);
  const user = account.auth.username ?? account.mailbox;
  const oauth = account.auth.method === 'oauth2';
  const reference = account.auth.password?.reference ?? 'auth.password';
  const fail = (code: string, summary: Message, remediation: Remediation[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation });
  const online = exchangeOnline(account, signIn.family);
  const onPremises = exchangeOnPremises(account, signIn.family);

  switch (refineDiagnosis(diagnosis.kind, signIn.family)) {
    case 'app-password-required':
      return fail('GMAIL_APP_PASSWORD_REQUIRED', msg('incoming.auth.appPasswordRequired', { user, reply: line }), [
        { kind: 'url', message: msg('incoming.auth.fix.gmailAppPassword'), target: GOOGLE_APP_PASSWORDS_URL },
        text('incoming.auth.fix.gmailWorkspace2sv'),
      ]);
    case 'web-login-required': {
      const url = diagnosis.url ?? (account.provider === 'gmail' ? GMAIL_WEB_URL : undefined);
      const fix: Remediation = url
        ? { kind: 'url', message: msg('incoming.auth.fix.webLogin', { user }), target: url }
        : text('incoming.auth.fix.webLogin', { user });
      return fail('WEB_LOGIN_REQUIRED', msg('incoming.auth.webLoginRequired', { user, reply: line }), [fix]);
    }
    case 'protocol-disabled':
      return fail(
        account.incoming.protocol === 'imap' ? 'IMAP_DISABLED' : 'POP3_DISABLED',
        msg('incoming.auth.protocolDisabled', { protocol, user, reply: line }),
        protocolDisabledFixes(account, line, online),
      );
    case 'too-many-login-attempts':
      return { status: 'fail', ...tooManyLoginAttemptsDiagnosis({ account, protocol, user, reply: line }), evidence };
    case 'too-many-connections':
      return fail('TOO_MANY_CONNECTIONS', msg('incoming.auth.tooManyConnections', { user, reply: line }), [
        text('incoming.auth.fix.tooManyConnections', { user }),
      ]);
    case 'authenticated-not-connected': {
      const found = notConnectedDiagnosis(account, signIn.kind, signIn.person, line);
      return fail(found.code, found.summary, found.remediation);
    }
    case 'exchange-rejected':
      if (!oauth && onPremises) return fail('AUTH_REJECTED', msg('incoming.auth.rejected', { user, reply: line }), exchangeOnPremisesFixes(account, user));
      if (!oauth) {
        return fail('EXCHANGE_BASIC_AUTH_DISABLED', msg('incoming.auth.exchangeBasicRejected', { user, reply: line }), [
          text('incoming.auth.fix.exchangeBasicAuth'),
        ]);
      }
      return fail('EXCHANGE_OAUTH_REJECTED', msg('incoming.auth.exchangeRejected', { user, reply: line }), exchangeRankedFixes(account));
    case 'auth-failed':
      if (oauth) {
        const fixes = [text('incoming.auth.fix.tokenRejected', { user })];
        if (account.provider === 'gmail') fixes.push(text('incoming.auth.fix.tokenRejectedGmail', { user }));
        if (online) fixes.push(...exchangeRankedFixes(account));
        return fail('OAUTH_TOKEN_REJECTED', msg('incoming.auth.tokenRejected', { user, reply: line }), fixes);
      }
      if (onPremises) return fail('AUTH_REJECTED', msg('incoming.auth.rejected', { user, reply: line }), exchangeOnPremisesFixes(account, user));
      if (online) {
        return fail('EXCHANGE_BASIC_AUTH_DISABLED', msg('incoming.auth.exchangeBasicRejected', { user, reply: line }), [
          text('incoming.auth.fix.exchangeBasicAuth'),
        ]);
      }
      if (account.provider === 'gmail') {
        return fail('AUTH_REJECTED', msg('incoming.auth.rejected', { user, reply: line }), [
          { kind: 'url', message: msg('incoming.auth.fix.gmailRecreate'), target: GOOGLE_APP_PASSWORDS_URL },
          text('incoming.auth.fix.checkUsername', { user }),
        ]);
      }
      return fail('AUTH_REJECTED', msg('incoming.auth.rejected', { user, reply: line }), [
        text('incoming.auth.fix.checkPassword', { user, reference }),
        text('incoming.auth.fix.checkUsername', { user }),
      ]);
    case 'password-expired':
      return fail('AUTH_PASSWORD_EXPIRED', msg('incoming.auth.passwordExpired', { user, reply: line }), [
        text('incoming.auth.fix.passwordExpired', { user, reference }),
      ]);
    case 'tls-required':
      return fail('AUTH_TLS_REQUIRED', msg('incoming.auth.tlsRequired', { reply: line }), [
        text('incoming.auth.fix.tlsRequired', undefined, incomingYaml(account, { security: 'tls', port: account.incoming.protocol === 'imap' ? 993 : 995 })),
      ]);
    case 'contact-admin':
      return fail('ACCOUNT_CONTACT_ADMIN', msg('incoming.auth.contactAdmin', { user, reply: line }), [text('incoming.auth.fix.askAdmin', { protocol, user })]);
    case 'temporary':
      return fail('AUTH_TEMPORARY_FAILURE', msg('incoming.auth.temporary', { reply: line }), [text('incoming.auth.fix.temporary')]);
    case 'permanent':
      return fail('ACCOUNT_UNAVAILABLE', msg('incoming.auth.permanent', { user, reply: line }), [text('incoming.auth.fix.askAdmin', { protocol, user })]);
    case 'alert':
      return fail('SERVER_ALERT', msg('incoming.auth.alert', { reply: line }), [text('incoming.auth.fix.alert')]);
    case 'mailbox-failed':
      return fail('MAILBOX_UNAVAILABLE', msg('incoming.auth.mailboxFailed', { user, reply: line }), [text('incoming.auth.fix.mailbox', { user })]);
  }
  // Unreachable: every diagnosis is handled above (the switch is exhaustive over ReplyDiagnosis).
  return fail('AUTH_REJECTED', msg('incoming.auth.rejected', { user, reply: line || reply.text }), []);
}
