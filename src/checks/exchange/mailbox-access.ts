/**
 * exchange.mailbox-access: the mailbox really opens with OAuth — an XOAUTH2 login with the Office 365
 * token to the configured IMAP or POP3 and to SMTP, then the read-only command (`EXAMINE INBOX` / `STAT`)
 * and the envelope (MAIL FROM / RCPT TO / RSET). Application flow: the app token (the service principal is
 * registered in Exchange and may open this mailbox). Delegated flow, with `--login`: the user's token
 * (the sign-in itself is diagnosed here too: redirect URI, consent, the code, MFA…).
 *
 * Why a synthesis and not a third login: one connection per mailbox and protocol at most, and never a
 * retried login, and incoming.auth and smtp.auth already log in with exactly this token (the token
 * providers hand them the app token, or the `--login` one). So this check reads their stages — the same
 * memoised promises (incomingAuthStage, smtpAuthStage, smtpSendStage): no new connection, whichever check
 * gets there first runs them, and `--only exchange.mailbox-access` still works. What the Entra checks
 * proved (entra.exchange-roles: the roles; entra.object-id: the `oid`) is read from the same memoised
 * token's claims rather than from `context.results`, which would depend on which check finished first.
 * A failed login is then explained by elimination: a token without the protocol's role
 * or with a foreign `oid` first; when the roles are there and the Object ID matches, what remains is on
 * the Exchange side — the service principal not registered, no FullAccess on this mailbox, IMAP/POP off
 * for the mailbox — ranked and named with this account's PowerShell lines, never a bare "failed".
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from '../entra/shared/remediation.js';
import { msg } from '../../i18n/index.js';
import { applicationToken } from '../shared/entra-token-provider.js';
import { tokenFailureCode } from '../../identity/entra-app-token.js';
import { isDelegatedAccount, SIGN_IN_STEPS, type DelegatedSignIn } from '../../signin/delegated.js';
import { delegatedSignIn } from '../shared/delegated-sign-in.js';
import { decodeAccessToken, type AccessTokenClaims } from '../../identity/token-claims.js';
import type { Secret } from '../../secrets/secret.js';
import { acquiresToken, adminConsentStep } from '../entra/shared/remediation.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';
import { incomingAuthStage, type IncomingAuthStage } from '../incoming/auth.js';
import { smtpAuthStage, type SmtpAuthStage } from '../smtp/auth.js';
import { smtpSendStage } from '../smtp/send.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { loginCommand, protocolLabel } from './shared/remediation.js';
import { signInFailureOutcome } from './shared/sign-in-outcome.js';
import { applicationFailure, delegatedFailure, type Finding, type ProtocolFinding } from './shared/failure-causes.js';

const INCOMING_REFUSED = new Set(['OAUTH_TOKEN_REJECTED', 'EXCHANGE_OAUTH_REJECTED', 'AUTH_REJECTED']);
const INCOMING_NOT_CONNECTED = new Set(['EXCHANGE_NOT_CONNECTED', 'MAILBOX_NOT_ACCESSIBLE', 'MAILBOX_UNAVAILABLE']);
const INCOMING_DISABLED = new Set(['IMAP_DISABLED', 'POP3_DISABLED']);
const SMTP_REFUSED = new Set(['SMTP_AUTH_UNSUCCESSFUL', 'AUTH_REJECTED']);
const SMTP_AUTH_DISABLED = new Set(['SMTP_AUTH_DISABLED', 'SMTP_AUTH_DISABLED_MAILBOX', 'SMTP_AUTH_DISABLED_TENANT']);
/** The server's own words, copied from the mail checks' evidence. */
const REPLY_LABELS = new Set([
  'incoming.evidence.command',
  'incoming.evidence.loginReply',
  'incoming.evidence.mailboxReply',
  'incoming.evidence.lastReply',
  'incoming.evidence.challenge',
  'mail.evidence.serverReply',
  'smtp.evidence.mailFrom',
  'smtp.evidence.rcptTo',
]);

function replies(outcome: CheckOutcome): Evidence[] {
  return (outcome.evidence ?? []).filter((entry) => REPLY_LABELS.has(entry.label));
}

/** The server's words that decided a refusal, for the summary: the first of `labels` the evidence holds. */
function saidIn(evidence: readonly Evidence[], labels: readonly string[]): string | undefined {
  for (const label of labels) {
    const found = evidence.find((entry) => entry.label === label)?.value;
    if (found) return found;
  }
  return undefined;
}

function incomingFinding(account: Office365OAuthAccount, stage: IncomingAuthStage): ProtocolFinding {
  const { outcome, login } = stage;
  const protocol = account.incoming.protocol;
  const code = outcome.code ?? '';
  let finding: Finding;
  if (outcome.status === 'pass') {
    const count = login?.count ?? 0;
    finding = { kind: 'pass', detail: protocol === 'imap' ? `EXAMINE INBOX: ${count}` : `STAT: ${count}` };
  } else if (INCOMING_NOT_CONNECTED.has(code) || (login?.kind === 'refused' && login.stage === 'mailbox' && !INCOMING_DISABLED.has(code)))
    finding = { kind: 'not-connected' };
  else if (INCOMING_DISABLED.has(code)) finding = { kind: 'disabled' };
  else if (INCOMING_REFUSED.has(code)) finding = { kind: 'refused' };
  else finding = { kind: 'other', check: 'incoming.auth', code: code || outcome.status.toUpperCase() };
  const evidence = replies(outcome);
  const said = saidIn(evidence, ['incoming.evidence.mailboxReply', 'incoming.evidence.loginReply', 'incoming.evidence.lastReply', 'mail.evidence.serverReply']);
  return { protocol, finding, evidence, ...(said ? { said } : {}) };
}

function smtpFinding(auth: SmtpAuthStage, send: CheckOutcome | undefined): ProtocolFinding {
  const code = auth.outcome.code ?? '';
  let finding: Finding;
  const evidence = [...replies(auth.outcome), ...(send ? replies(send) : [])];
  if (!auth.accepted) {
    if (SMTP_REFUSED.has(code)) finding = { kind: 'refused' };
    else if (SMTP_AUTH_DISABLED.has(code)) finding = { kind: 'smtp-auth-disabled' };
    else finding = { kind: 'other', check: 'smtp.auth', code: code || auth.outcome.status.toUpperCase() };
  } else if (!send || send.status === 'pass') finding = { kind: 'pass', detail: 'AUTH XOAUTH2, MAIL FROM/RCPT TO' };
  else if (send.code === 'SMTP_SEND_AS_DENIED') finding = { kind: 'send-as' };
  else finding = { kind: 'other', check: 'smtp.send', code: send.code ?? send.status.toUpperCase() };
  const said = saidIn(
    evidence,
    finding.kind === 'send-as' ? ['smtp.evidence.mailFrom', 'smtp.evidence.rcptTo', 'mail.evidence.serverReply'] : ['mail.evidence.serverReply'],
  );
  return { protocol: 'smtp', finding, evidence, ...(said ? { said } : {}) };
}

/** The token the mail checks used, or the outcome that ends this check before any login. */
async function tokenFor(
  context: CheckContext,
): Promise<{ token: Secret; signIn?: Extract<DelegatedSignIn, { kind: 'signed-in' }> } | { outcome: CheckOutcome }> {
  const account = entraAccount(context);
  if (isDelegatedAccount(account)) {
    const signIn = await delegatedSignIn(context);
    if (signIn.kind === 'signed-in') return { token: signIn.token, signIn };
    if (signIn.kind === 'failed') return { outcome: signInFailureOutcome(context, signIn) };
    const remediation: Remediation[] =
      signIn.code === 'LOGIN_REQUIRED'
        ? [{ kind: 'command', message: msg('exchange.fix.runWithLogin'), target: loginCommand(context.config.file, account) }]
        : signIn.code === 'LOGIN_NO_TERMINAL'
          ? [{ kind: 'text', message: msg('exchange.fix.needsTerminal') }]
          : [];
    return { outcome: { status: 'skip', code: signIn.code, summary: signIn.reason, remediation } };
  }
  const result = await applicationToken(context);
  if (result.ok) return { token: result.token };
  const code = tokenFailureCode(result.failure, account);
  return {
    outcome: {
      status: 'fail',
      code,
      summary: msg('entra.token.failed', { code }),
      evidence: [],
      remediation: [{ kind: 'text', message: msg('entra.fix.seeCredentials') }],
    },
  };
}

export const exchangeMailboxAccessCheck = defineCheck({
  id: 'exchange.mailbox-access',
  area: 'exchange',
  title: 'exchange.mailbox-access.title',
  needs: ['network', 'credentials'],
  usesLogin: ['office365', 'google'],
  // No secret, no token: nothing to prove. The mail checks are not dependencies: a refused login is
  // exactly what this check explains, so it must run when they fail.
  dependsOn: ['entra.credentials'],
  // The sign-in (delegated: SIGN_IN_STEPS for the person, the code, the refresh token), then the mail
  // stages when their checks were not selected: incoming.auth's 21 and smtp.send's 28 run side by side.
  steps: SIGN_IN_STEPS + 3 + 28,
  appliesTo: (account) => acquiresToken(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const got = await tokenFor(context);
    if ('outcome' in got) return got.outcome;
    const claims = decodeAccessToken(got.token);

    const [incoming, smtp] = await Promise.all([
      incomingAuthStage(context).then((stage) => incomingFinding(account, stage)),
      smtpAuthStage(context).then(async (auth) => smtpFinding(auth, auth.accepted ? await smtpSendStage(context) : undefined)),
    ]);
    const findings = [incoming, smtp];
    const evidence: Evidence[] = [...baseEvidence(context, claims, got.signIn), ...findings.flatMap(findingEvidence)];

    const failing = findings.filter((item) => item.finding.kind !== 'pass' && item.finding.kind !== 'other');
    if (failing.length > 0) {
      return isDelegatedAccount(account) ? delegatedFailure(context, claims, findings, evidence) : applicationFailure(context, claims, findings, evidence);
    }
    const unproven = findings.filter((item) => item.finding.kind === 'other');
    if (unproven.length > 0) {
      const what = unproven
        .map((item) => (item.finding.kind === 'other' ? `${protocolLabel(item.protocol)}: ${item.finding.check} ${item.finding.code}` : ''))
        .join('; ');
      return {
        status: 'skip',
        code: 'MAILBOX_NOT_REACHED',
        summary: msg('exchange.access.notReached', { what, mailbox: account.mailbox }),
        evidence,
        remediation: [{ kind: 'text', message: msg('exchange.fix.seeMailChecks') }],
      };
    }
    return passed(context, claims, findings, evidence, got.signIn);
  },
});

function baseEvidence(
  context: CheckContext,
  claims: AccessTokenClaims | undefined,
  signIn: Extract<DelegatedSignIn, { kind: 'signed-in' }> | undefined,
): Evidence[] {
  const account = entraAccount(context);
  const evidence: Evidence[] = [
    { label: 'exchange.evidence.mailbox', value: account.mailbox },
    { label: 'exchange.evidence.flow', value: isDelegatedAccount(account) ? 'delegated' : 'application' },
    { label: 'entra.evidence.clientId', value: account.auth.clientId },
  ];
  if (claims) {
    evidence.push({ label: 'entra.evidence.audience', value: claims.aud ?? '—' });
    if (isDelegatedAccount(account)) {
      evidence.push(
        { label: 'exchange.evidence.signedInAs', value: claims.upn ?? claims.preferredUsername ?? '—' },
        { label: 'exchange.evidence.scopes', value: claims.scp ?? '(no scp claim)' },
      );
    } else {
      evidence.push({ label: 'entra.evidence.roles', value: claims.roles === undefined ? '(no roles claim)' : claims.roles.join(', ') || '(empty)' });
      if (claims.oid) evidence.push({ label: 'entra.evidence.tokenObjectId', value: claims.oid });
      if (account.auth.objectId) evidence.push({ label: 'entra.evidence.objectId', value: account.auth.objectId });
    }
  }
  if (signIn) {
    evidence.push({ label: 'exchange.evidence.signInVia', value: signIn.via }, { label: 'exchange.evidence.redirectUri', value: signIn.redirectUri });
    evidence.push({
      label: 'exchange.evidence.refreshToken',
      value: signIn.refresh.ok
        ? 'ok'
        : signIn.refresh.reason === 'no-refresh-token'
          ? 'none issued'
          : `refused (${signIn.refresh.failure.kind === 'entra' ? `AADSTS${signIn.refresh.failure.body.aadsts ?? '?'}` : signIn.refresh.failure.kind})`,
    });
  }
  // What the Entra checks concluded, when they ran before this one (their own rows have the details).
  for (const id of ['entra.exchange-roles', 'entra.object-id']) {
    const result = context.results.get(id);
    if (result) evidence.push({ label: 'exchange.evidence.entraCheck', value: `${id}: ${result.status}${result.code ? ` ${result.code}` : ''}` });
  }
  return evidence;
}

function findingEvidence(item: ProtocolFinding): Evidence[] {
  const label = protocolLabel(item.protocol);
  const finding = item.finding;
  const summary =
    finding.kind === 'pass'
      ? `${label}: ok (${finding.detail})`
      : finding.kind === 'other'
        ? `${label}: ${finding.check} ${finding.code}`
        : `${label}: ${finding.kind}`;
  return [{ label: 'exchange.evidence.protocol', value: summary }, ...item.evidence];
}

function passed(
  context: CheckContext,
  claims: AccessTokenClaims | undefined,
  findings: readonly ProtocolFinding[],
  evidence: Evidence[],
  signIn: Extract<DelegatedSignIn, { kind: 'signed-in' }> | undefined,
): CheckOutcome {
  const account = entraAccount(context);
  const protocols = findings.map((item) => protocolLabel(item.protocol)).join(' + ');
  if (!signIn) {
    return {
      status: 'pass',
      summary: msg('exchange.access.passApplication', { app: account.auth.clientId, oid: claims?.oid ?? '—', mailbox: account.mailbox, protocols }),
      evidence,
    };
  }
  const upn = claims?.upn ?? claims?.preferredUsername ?? '—';
  const shared = upn.toLowerCase() !== account.mailbox.toLowerCase();
  const summary = msg(shared ? 'exchange.access.passDelegatedShared' : 'exchange.access.passDelegated', {
    upn,
    mailbox: account.mailbox,
    protocols,
    via: signIn.via,
  });
  if (signIn.refresh.ok) return { status: 'pass', summary, evidence };
  // The mailbox opens, but the CRM could not stay signed in: no working refresh token.
  const refused = signIn.refresh.reason === 'refused';
  return {
    status: 'warn',
    code: refused ? 'EXCHANGE_REFRESH_TOKEN_REFUSED' : 'EXCHANGE_NO_REFRESH_TOKEN',
    summary: msg(refused ? 'exchange.access.refreshRefused' : 'exchange.access.noRefreshToken', { mailbox: account.mailbox }),
    evidence,
    remediation: [
      { kind: 'portal', message: msg('exchange.fix.offlineAccess', { app: account.auth.clientId }), target: ENTRA_PORTALS[account.cloud] },
      adminConsentStep(account),
    ],
  };
}
