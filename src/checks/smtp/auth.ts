import { credentialFor, loginName } from '../shared/credential.js';
import type { MailCredential } from '../../probes/credential.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import { isProbeError } from '../../probes/probe-error.js';
import type { SmtpSession } from '../../probes/smtp.js';
import type { SmtpAuthResult } from '../../probes/smtp-session-types.js';
import { chooseMechanism } from '../../probes/smtp-ehlo.js';
import { classifyAuthReply, replyEvidence, replySummary, type SmtpAuthDiagnosis } from '../../probes/smtp-replies.js';
import { authReplyTimeoutOutcome, cleartextOutcome } from '../shared/mail/login-guard.js';
import { settingsEvidence, tlsOutcome, transportFailure, type MailTarget } from '../shared/mail/transport-outcome.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { gmailChallengeDiagnosis, isTooManyLoginAttempts, tooManyLoginAttemptsDiagnosis } from '../gmail/shared/mail-diagnosis.js';
import { closeSmtpSession, holdSmtpLogin, smtpSession, smtpTarget, smtpTls } from './shared/session.js';
import { GOOGLE_APP_PASSWORDS_URL } from '../../providers/google.js';
import {
  ENABLE_ORGANIZATION_SMTP_AUTH,
  GET_ORGANIZATION_SMTP_AUTH,
  PLACEHOLDER,
  addMailboxPermission,
  connectExchangeOnline,
  enableMailboxSmtpAuth,
  getCasMailbox,
  newServicePrincipal,
} from '../../providers/microsoft/powershell.js';
import { OAUTH_MAIL_DOC, SMTP_AUTH_DOC } from '../../providers/microsoft/urls.js';
import { smtpTlsFailure } from './tls.js';
import { authNotOfferedFixes, refineAuthDiagnosis, smtpFamily, smtpFamilyEntry } from './shared/family.js';

const AUTH_KEY = 'smtp.session.auth';

/** The result of the one AUTH attempt of this account, shared by smtp.auth and smtp.send. */
export interface SmtpAuthStage {
  readonly accepted: boolean;
  readonly outcome: CheckOutcome;
}

/** The login name: `auth.username`, else the mailbox address. */
export function smtpUsername(context: CheckContext): string {
  return loginName(context);
}

function connectExchange(context: CheckContext): Remediation {
  const { account } = context;
  const target = connectExchangeOnline(account.cloud, { userPrincipalName: account.admin?.user, organization: account.auth.tenantId });
  return { kind: 'command', message: msg('smtp.fix.connectExchange'), target };
}

/** The fix for each refusal, with this account's values filled in. */
function remediationFor(context: CheckContext, diagnosis: SmtpAuthDiagnosis, mechanism: string): Remediation[] {
  const { account } = context;
  const mailbox = account.mailbox;
  const username = smtpUsername(context);
  const enableMailbox = enableMailboxSmtpAuth(mailbox);
  const verifyMailbox = getCasMailbox(mailbox, ['SmtpClientAuthenticationDisabled']);
  const checkPassword: Remediation = {
    kind: 'text',
    message: msg('smtp.fix.checkPassword', { reference: account.auth.password?.reference ?? 'auth.password', username }),
  };
  const onlyOnce: Remediation = { kind: 'text', message: msg('smtp.auth.onlyOnce') };
  switch (diagnosis) {
    case 'SMTP_AUTH_DISABLED_TENANT':
      return [
        { kind: 'portal', message: msg('smtp.fix.tenantPortal') },
        connectExchange(context),
        { kind: 'command', message: msg('smtp.fix.preferMailbox'), target: enableMailbox },
        { kind: 'command', message: msg('smtp.fix.tenantCommand'), target: ENABLE_ORGANIZATION_SMTP_AUTH },
        { kind: 'command', message: msg('smtp.fix.tenantVerify'), target: GET_ORGANIZATION_SMTP_AUTH },
        { kind: 'url', message: msg('smtp.fix.useOauth'), target: SMTP_AUTH_DOC },
      ];
    case 'SMTP_AUTH_DISABLED_MAILBOX':
    case 'SMTP_AUTH_DISABLED':
      return [
        { kind: 'portal', message: msg('smtp.fix.mailboxPortal', { mailbox }) },
        connectExchange(context),
        { kind: 'command', message: msg('smtp.fix.mailboxCommand'), target: enableMailbox },
        { kind: 'command', message: msg('smtp.fix.mailboxVerify'), target: verifyMailbox },
        { kind: 'command', message: msg('smtp.fix.tenantVerify'), target: GET_ORGANIZATION_SMTP_AUTH },
      ];
    case 'SMTP_BASIC_AUTH_DISABLED':
      return [{ kind: 'url', message: msg('smtp.fix.useOauth'), target: OAUTH_MAIL_DOC }];
    case 'SMTP_BLOCKED_BY_SECURITY_DEFAULTS':
      return [
        { kind: 'portal', message: msg('smtp.fix.securityDefaults') },
        { kind: 'url', message: msg('smtp.fix.useOauth'), target: OAUTH_MAIL_DOC },
      ];
    case 'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS':
      return [
        { kind: 'portal', message: msg('smtp.fix.conditionalAccess') },
        { kind: 'portal', message: msg('smtp.fix.signInLogs', { username }) },
      ];
    case 'SMTP_ACCOUNT_LOCKED':
      return [{ kind: 'text', message: msg('smtp.fix.unlockAccount', { username }) }, onlyOnce];
    case 'SMTP_AUTH_UNSUCCESSFUL': {
      if (account.auth.method === 'password') return [checkPassword, { kind: 'portal', message: msg('smtp.fix.mailboxPortal', { mailbox }) }, onlyOnce];
      if (account.auth.flow === 'application') {
        const clientId = account.auth.clientId ?? PLACEHOLDER.appId;
        const objectId = account.auth.objectId ?? PLACEHOLDER.objectId;
        return [
          { kind: 'portal', message: msg('smtp.fix.sendAsApp', { clientId }) },
          connectExchange(context),
          { kind: 'command', message: msg('smtp.fix.servicePrincipal'), target: newServicePrincipal(clientId, objectId) },
          { kind: 'command', message: msg('smtp.fix.mailboxPermission'), target: addMailboxPermission(mailbox, objectId) },
          { kind: 'url', message: msg('smtp.fix.useOauth'), target: OAUTH_MAIL_DOC },
        ];
      }
      return [
        { kind: 'text', message: msg('smtp.fix.delegatedScope', { username }) },
        { kind: 'portal', message: msg('smtp.fix.mailboxPortal', { mailbox }) },
      ];
    }
    case 'GMAIL_APP_PASSWORD_REQUIRED':
      return [
        { kind: 'text', message: msg('smtp.fix.gmailTwoStep', { username }) },
        { kind: 'url', message: msg('smtp.fix.gmailAppPassword'), target: GOOGLE_APP_PASSWORDS_URL },
      ];
    case 'GMAIL_BAD_CREDENTIALS':
      return [{ kind: 'url', message: msg('smtp.fix.gmailNewAppPassword', { username }), target: GOOGLE_APP_PASSWORDS_URL }, checkPassword, onlyOnce];
    case 'AUTH_MECHANISM_UNSUPPORTED':
      return [{ kind: 'text', message: msg('smtp.fix.mechanism', { mechanism }) }];
    case 'AUTH_TEMPORARY_FAILURE':
      // The credential went out: "try again" alone could cost a second failed login.
      return [{ kind: 'text', message: msg('smtp.fix.authTemporary', { host: account.outgoing.host, username }) }];
    case 'SMTP_AUTH_REQUIRES_TLS':
      return [
        {
          kind: 'text',
          message: msg('smtp.fix.useStarttls'),
          target: `outgoing:\n  host: ${account.outgoing.host}\n  port: ${account.outgoing.port}\n  security: starttls`,
        },
      ];
    case 'AUTH_REJECTED':
      return account.auth.method === 'password'
        ? [checkPassword, onlyOnce]
        : [{ kind: 'text', message: msg('smtp.fix.delegatedScope', { username }) }, onlyOnce];
  }
}

function summaryFor(context: CheckContext, diagnosis: SmtpAuthDiagnosis, result: SmtpAuthResult): Message {
  const username = smtpUsername(context);
  // The server's own words in the summary, not only its code (the whole reply is in the evidence).
  const code = replySummary(result.reply);
  switch (diagnosis) {
    case 'SMTP_AUTH_DISABLED_TENANT':
      return msg('smtp.auth.disabledTenant', { username });
    case 'SMTP_AUTH_DISABLED_MAILBOX':
      return msg('smtp.auth.disabledMailbox', { username });
    case 'SMTP_BASIC_AUTH_DISABLED':
      return msg('smtp.auth.basicDisabled', { username });
    case 'SMTP_BLOCKED_BY_SECURITY_DEFAULTS':
      return msg('smtp.auth.securityDefaults', { username });
    case 'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS':
      return msg('smtp.auth.conditionalAccess', { username });
    case 'SMTP_ACCOUNT_LOCKED':
      return msg('smtp.auth.accountLocked', { username });
    case 'SMTP_AUTH_DISABLED':
      return msg('smtp.auth.disabled', { username });
    case 'SMTP_AUTH_UNSUCCESSFUL':
      return msg(context.account.auth.method === 'password' ? 'smtp.auth.unsuccessfulPassword' : 'smtp.auth.unsuccessfulOauth', { username });
    case 'GMAIL_APP_PASSWORD_REQUIRED':
      return msg('smtp.auth.gmailAppPassword', { username });
    case 'GMAIL_BAD_CREDENTIALS':
      return msg('smtp.auth.gmailBadCredentials', { username });
    case 'AUTH_MECHANISM_UNSUPPORTED':
      return msg('smtp.auth.mechanismRejected', { mechanism: result.mechanism, code });
    case 'AUTH_TEMPORARY_FAILURE':
      return msg('smtp.auth.temporary', { username, code });
    case 'SMTP_AUTH_REQUIRES_TLS':
      return msg('smtp.auth.requiresTls', { host: context.account.outgoing.host, code });
    case 'AUTH_REJECTED':
      return msg('smtp.auth.rejected', { username, code });
  }
}

/** The credential for this account, or the outcome that ends the check without a login. */
async function smtpCredential(
  context: CheckContext,
  baseEvidence: readonly Evidence[],
): Promise<{ credential: MailCredential; evidence: Evidence[] } | { outcome: CheckOutcome }> {
  const username = smtpUsername(context);
  const found = await credentialFor(context, 'smtp');
  switch (found.kind) {
    case 'token-unavailable':
      return {
        outcome: {
          status: 'skip',
          code: 'OAUTH_TOKEN_UNAVAILABLE',
          summary: found.reason,
          evidence: [...baseEvidence],
          remediation: [{ kind: 'text', message: msg('smtp.fix.tokenUnavailable') }],
        },
      };
    case 'token-failed':
      return {
        outcome: {
          status: 'fail',
          code: found.code,
          summary: found.reason,
          evidence: [...baseEvidence],
          remediation: [{ kind: 'text', message: msg('smtp.fix.tokenFailed') }],
        },
      };
    case 'password-missing':
      return {
        outcome: {
          status: 'skip',
          code: 'PASSWORD_MISSING',
          summary: msg('smtp.auth.noPassword'),
          evidence: [...baseEvidence],
          remediation: [{ kind: 'text', message: msg('smtp.fix.checkPassword', { reference: 'auth.password', username }) }],
        },
      };
    case 'ready':
      return { credential: found.credential, evidence: found.origin ? [{ label: 'smtp.evidence.tokenOrigin', value: found.origin }] : [] };
  }
}

/** The session ready for AUTH, or the outcome of what stopped it on the way (connect, STARTTLS, certificate). */
async function readySession(context: CheckContext): Promise<{ session: SmtpSession } | { outcome: CheckOutcome }> {
  const target = smtpTarget(context.account);
  try {
    const tls = await smtpTls(context);
    if (tls && tls.tls.verdict.status === 'fail') return { outcome: tlsOutcome(context, target, tls.tls) };
    return { session: await smtpSession(context) };
  } catch (error) {
    if (!isProbeError(error)) throw error;
    return { outcome: await smtpTlsFailure(context, error) };
  }
}

/**
 * No TLS and no cleartext login allowed (probes/cleartext.ts): nothing is sent. The fix is STARTTLS on this
 * port when the server offers it; Office 365 and Gmail take submissions on 587 with STARTTLS.
 */
function cleartextRefusedOutcome(context: CheckContext, target: MailTarget, session: SmtpSession): CheckOutcome {
  const offered = session.capabilities.startTls;
  const port = offered && context.account.provider === 'imap' ? target.port : 587;
  return cleartextOutcome(context, target, {
    capabilities: [{ label: 'smtp.evidence.ehlo', value: session.capabilities.extensions.join('\n') || '(none)' }],
    offered,
    command: 'STARTTLS',
    fixYaml: `outgoing:\n  host: ${target.host}\n  port: ${port}\n  security: starttls`,
  });
}

async function authenticate(context: CheckContext): Promise<SmtpAuthStage> {
  const target = smtpTarget(context.account);
  const username = smtpUsername(context);
  const ready = await readySession(context);
  if ('outcome' in ready) return { accepted: false, outcome: ready.outcome };
  const { session } = ready;
  // Said before any credential is fetched or asked for; SmtpSession.authenticate refuses it again itself.
  if (session.cleartextRefusal()) return { accepted: false, outcome: cleartextRefusedOutcome(context, target, session) };
  const capabilities = session.currentCapabilities;
  const stage = session.tls ? (session.tls.mode === 'starttls' ? 'after STARTTLS' : 'implicit TLS') : 'plaintext';
  const family = smtpFamily(session);
  const evidence: Evidence[] = [
    ...settingsEvidence(context, target),
    ...smtpFamilyEntry(family),
    { label: 'smtp.evidence.authMechanisms', value: capabilities.authMechanisms.join(' ') || '(none)' },
    { label: 'smtp.evidence.username', value: username },
  ];
  const found = await smtpCredential(context, evidence);
  if ('outcome' in found) return { accepted: false, outcome: found.outcome };
  evidence.push(...found.evidence);

  let result: SmtpAuthResult;
  try {
    // Only a login that will send the credential waits for the mailbox (no mechanism: nothing is sent).
    if (chooseMechanism(capabilities.authMechanisms, found.credential.kind)) await holdSmtpLogin(context, found.credential.user);
    result = await session.authenticate(found.credential);
  } catch (error) {
    if (!isProbeError(error)) throw error;
    const ehlo: Evidence = { label: 'smtp.evidence.ehloAfterTls', value: capabilities.extensions.join('\n') || '(none)' };
    if (error.code === 'CLEARTEXT_AUTH_REFUSED') return { accepted: false, outcome: cleartextRefusedOutcome(context, target, session) };
    if (error.code === 'AUTH_REPLY_TIMEOUT') {
      const replyEvidence: Evidence[] = [...evidence, { label: 'mail.evidence.stage', value: error.stage }];
      if (error.elapsedMs !== undefined) replyEvidence.push({ label: 'mail.evidence.elapsed', value: `${error.elapsedMs} ms` });
      return { accepted: false, outcome: authReplyTimeoutOutcome(context, target, error.stage, username, replyEvidence) };
    }
    if (error.code === 'AUTH_NOT_OFFERED') {
      return {
        accepted: false,
        outcome: {
          status: 'fail',
          code: error.code,
          summary: msg('smtp.auth.notOffered', { host: target.host, stage }),
          evidence: [...evidence, ehlo],
          remediation: authNotOfferedFixes(context.account, family),
        },
      };
    }
    if (error.code === 'AUTH_MECHANISM_UNSUPPORTED') {
      const needed = found.credential.kind === 'token' ? 'XOAUTH2 / OAUTHBEARER' : 'PLAIN / LOGIN';
      const offered = capabilities.authMechanisms.join(' ');
      return {
        accepted: false,
        outcome: {
          status: 'fail',
          code: error.code,
          summary: msg('smtp.auth.mechanismUnsupported', { host: target.host, offered, needed }),
          evidence: [...evidence, ehlo],
          remediation: [{ kind: 'text', message: msg('smtp.fix.mechanismUnsupported', { host: target.host, needed, offered }) }],
        },
      };
    }
    return { accepted: false, outcome: transportFailure(context, target, error) };
  }

  evidence.push({ label: 'smtp.evidence.mechanism', value: result.mechanism }, { label: 'mail.evidence.serverReply', value: replyEvidence(result.reply) });
  if (result.challenge) evidence.push({ label: 'smtp.evidence.challenge', value: result.challenge });
  if (result.accepted) {
    return {
      accepted: true,
      outcome: { status: 'pass', summary: msg('smtp.auth.pass', { host: target.host, username, mechanism: result.mechanism }), evidence },
    };
  }
  // Gmail: the SASL error challenge says why a token was refused (its final 535-5.7.8 does not), and
  // "454 4.7.0 Too many login attempts" is a lock-out, not a passing hiccup (gmail/shared/mail-diagnosis.ts).
  const gmailLogin = {
    account: context.account,
    protocol: 'SMTP',
    user: username,
    reply: result.reply.lines.join(' '),
    origin: found.evidence.find((entry) => entry.label === 'smtp.evidence.tokenOrigin')?.value,
  };
  const gmail = found.credential.kind === 'token' ? gmailChallengeDiagnosis(gmailLogin, result.challenge) : undefined;
  if (gmail) return { accepted: false, outcome: { status: 'fail', ...gmail, evidence } };
  if (isTooManyLoginAttempts(result.reply.text))
    return { accepted: false, outcome: { status: 'fail', ...tooManyLoginAttemptsDiagnosis(gmailLogin), evidence } };
  const diagnosis = refineAuthDiagnosis(classifyAuthReply(result.reply), context.account, family);
  return {
    accepted: false,
    outcome: {
      status: 'fail',
      code: diagnosis,
      summary: summaryFor(context, diagnosis, result),
      evidence,
      remediation: remediationFor(context, diagnosis, result.mechanism),
    },
  };
}

/** The one AUTH attempt of this account (never repeated, whichever check asks first). */
export function smtpAuthStage(context: CheckContext): Promise<SmtpAuthStage> {
  return context.shared.once(AUTH_KEY, async () => {
    const stage = await authenticate(context);
    // Refused: nothing more goes over this connection, so it closes now (session.ts closeSmtpSession).
    if (!stage.accepted) await closeSmtpSession(context);
    return stage;
  });
}

/**
 * A real login, once: PLAIN or LOGIN with the password, or XOAUTH2 (OAUTHBEARER when only that is offered)
 * with the token from the token provider (`auth.accessToken` first). The mechanisms advertised after TLS
 * are evidence; AUTH not advertised at all is a finding (nodemailer would have skipped it silently).
 * Exchange Online's and Google's refusals are told apart on code + enhanced code + keyword, with the
 * server's own text in the evidence and the fix for this account (PowerShell lines, admin-center paths).
 */
export const smtpAuthCheck = defineCheck({
  id: 'smtp.auth',
  area: 'smtp',
  title: 'smtp.auth.title',
  needs: ['network', 'credentials'],
  usesLogin: ['office365', 'google'],
  dependsOn: ['smtp.tls'],
  // AUTH and its continuations; a token request; and the connect/TLS steps when those were not selected.
  steps: 24,
  appliesTo: () => true,
  async run(context) {
    return (await smtpAuthStage(context)).outcome;
  },
});
