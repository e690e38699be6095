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
import type { Account } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import type { Message, MessageArgs, MessageKey } from '../../core/message.js';
import { applicationToken } from '../shared/entra-token-provider.js';
import { tokenFailureCode } from '../../identity/entra-app-token.js';
import { isDelegatedAccount, SIGN_IN_STEPS, type DelegatedSignIn } from '../../signin/delegated.js';
import { delegatedSignIn } from '../shared/delegated-sign-in.js';
import { outlookScopeNames } from '../../signin/authorization-code.js';
import { decodeAccessToken, type AccessTokenClaims } from '../../identity/token-claims.js';
import type { Secret } from '../../secrets/secret.js';
import { isExchangeAudience } from '../entra/exchange-roles.js';
import { acquiresToken, adminConsentStep, connectExchangeCommand, tenantGuid } from '../entra/shared/remediation.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';
import { incomingAuthStage, type IncomingAuthStage } from '../incoming/auth.js';
import { smtpAuthStage, type SmtpAuthStage } from '../smtp/auth.js';
import { smtpSendStage } from '../smtp/send.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { loginCommand, protocolLabel } from './shared/remediation.js';
import {
  addMailboxPermission,
  addRecipientPermission,
  enableMailboxProtocol,
  enableMailboxSmtpAuth,
  getCasMailbox,
  getMailboxPermission,
  getServicePrincipal,
  newServicePrincipal,
  removeServicePrincipal,
  smtpRbacForMailbox,
  type CasMailboxProperty,
} from '../../providers/microsoft/powershell.js';
import { signInFailureOutcome } from './shared/sign-in-outcome.js';

/** What one protocol's login showed, for the verdict. */
type Finding =
  | { readonly kind: 'pass'; readonly detail: string }
  /** The login itself was refused (NO AUTHENTICATE failed, -ERR, 535 5.7.3). */
  | { readonly kind: 'refused' }
  /** Logged in, but the mailbox did not open ("User is authenticated but not connected"). */
  | { readonly kind: 'not-connected' }
  /** The server said the protocol is off for this mailbox. */
  | { readonly kind: 'disabled' }
  | { readonly kind: 'send-as' }
  | { readonly kind: 'smtp-auth-disabled' }
  /** Not an access question (connection, TLS, another refusal): the check named reports it. */
  | { readonly kind: 'other'; readonly check: string; readonly code: string };

interface ProtocolFinding {
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly finding: Finding;
  readonly evidence: readonly Evidence[];
}

/** What the Get-CASMailbox lines show: the protocols this tool uses, and SMTP AUTH. */
const CAS_PROPERTIES: readonly CasMailboxProperty[] = ['ImapEnabled', 'PopEnabled', 'SmtpClientAuthenticationDisabled'];
const INCOMING_REFUSED = new Set(['OAUTH_TOKEN_REJECTED', 'EXCHANGE_OAUTH_REJECTED', 'AUTH_REJECTED']);
const INCOMING_NOT_CONNECTED = new Set(['EXCHANGE_NOT_CONNECTED', 'MAILBOX_UNAVAILABLE']);
const INCOMING_DISABLED = new Set(['IMAP_DISABLED', 'POP3_DISABLED']);
const SMTP_REFUSED = new Set(['SMTP_AUTH_UNSUCCESSFUL', 'AUTH_REJECTED']);
const SMTP_AUTH_DISABLED = new Set(['SMTP_AUTH_DISABLED', 'SMTP_AUTH_DISABLED_MAILBOX', 'SMTP_AUTH_DISABLED_TENANT']);
/** The server's own words, copied from the mail checks' evidence. */
const REPLY_LABELS = new Set(['incoming.evidence.command', 'incoming.evidence.loginReply', 'incoming.evidence.mailboxReply', 'incoming.evidence.challenge', 'mail.evidence.serverReply', 'smtp.evidence.mailFrom', 'smtp.evidence.rcptTo']);

function replies(outcome: CheckOutcome): Evidence[] {
  return (outcome.evidence ?? []).filter((entry) => REPLY_LABELS.has(entry.label));
}

function incomingFinding(account: Account, stage: IncomingAuthStage): ProtocolFinding {
  const { outcome, login } = stage;
  const protocol = account.incoming.protocol;
  const code = outcome.code ?? '';
  let finding: Finding;
  if (outcome.status === 'pass') {
    const count = login?.count ?? 0;
    finding = { kind: 'pass', detail: protocol === 'imap' ? `EXAMINE INBOX: ${count}` : `STAT: ${count}` };
  } else if (INCOMING_NOT_CONNECTED.has(code) || (login?.kind === 'refused' && login.stage === 'mailbox' && !INCOMING_DISABLED.has(code))) finding = { kind: 'not-connected' };
  else if (INCOMING_DISABLED.has(code)) finding = { kind: 'disabled' };
  else if (INCOMING_REFUSED.has(code)) finding = { kind: 'refused' };
  else finding = { kind: 'other', check: 'incoming.auth', code: code || outcome.status.toUpperCase() };
  return { protocol, finding, evidence: replies(outcome) };
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
  return { protocol: 'smtp', finding, evidence };
}

/** The token the mail checks used, or the outcome that ends this check before any login. */
async function tokenFor(context: CheckContext): Promise<{ token: Secret; signIn?: Extract<DelegatedSignIn, { kind: 'signed-in' }> } | { outcome: CheckOutcome }> {
  const { account } = context;
  if (isDelegatedAccount(account)) {
    const signIn = await delegatedSignIn(context);
    if (signIn.kind === 'signed-in') return { token: signIn.token, signIn };
    if (signIn.kind === 'failed') return { outcome: signInFailureOutcome(context, signIn) };
    const remediation: Remediation[] =
      signIn.code === 'LOGIN_REQUIRED' ? [{ kind: 'command', message: msg('exchange.fix.runWithLogin'), target: loginCommand(context.config.file, account) }] : signIn.code === 'LOGIN_NO_TERMINAL' ? [{ kind: 'text', message: msg('exchange.fix.needsTerminal') }] : [];
    return { outcome: { status: 'skip', code: signIn.code, summary: signIn.reason, remediation } };
  }
  const result = await applicationToken(context);
  if (result.ok) return { token: result.token };
  const code = tokenFailureCode(result.failure, account);
  return { outcome: { status: 'fail', code, summary: msg('entra.token.failed', { code }), evidence: [], remediation: [{ kind: 'text', message: msg('entra.fix.seeCredentials') }] } };
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
    const { account } = context;
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
      const what = unproven.map((item) => (item.finding.kind === 'other' ? `${protocolLabel(item.protocol)}: ${item.finding.check} ${item.finding.code}` : '')).join('; ');
      return { status: 'skip', code: 'MAILBOX_NOT_REACHED', summary: msg('exchange.access.notReached', { what, mailbox: account.mailbox }), evidence, remediation: [{ kind: 'text', message: msg('exchange.fix.seeMailChecks') }] };
    }
    return passed(context, claims, findings, evidence, got.signIn);
  },
});

function baseEvidence(context: CheckContext, claims: AccessTokenClaims | undefined, signIn: Extract<DelegatedSignIn, { kind: 'signed-in' }> | undefined): Evidence[] {
  const { account } = context;
  const evidence: Evidence[] = [
    { label: 'exchange.evidence.mailbox', value: account.mailbox },
    { label: 'exchange.evidence.flow', value: isDelegatedAccount(account) ? 'delegated' : 'application' },
    { label: 'entra.evidence.clientId', value: account.auth.clientId ?? '' },
  ];
  if (claims) {
    evidence.push({ label: 'entra.evidence.audience', value: claims.aud ?? '—' });
    if (isDelegatedAccount(account)) {
      evidence.push({ label: 'exchange.evidence.signedInAs', value: claims.upn ?? claims.preferredUsername ?? '—' }, { label: 'exchange.evidence.scopes', value: claims.scp ?? '(no scp claim)' });
    } else {
      evidence.push({ label: 'entra.evidence.roles', value: claims.roles === undefined ? '(no roles claim)' : claims.roles.join(', ') || '(empty)' });
      if (claims.oid) evidence.push({ label: 'entra.evidence.tokenObjectId', value: claims.oid });
      if (account.auth.objectId) evidence.push({ label: 'entra.evidence.objectId', value: account.auth.objectId });
    }
  }
  if (signIn) {
    evidence.push({ label: 'exchange.evidence.signInVia', value: signIn.via }, { label: 'exchange.evidence.redirectUri', value: signIn.redirectUri });
    evidence.push({ label: 'exchange.evidence.refreshToken', value: signIn.refresh.ok ? 'ok' : signIn.refresh.reason === 'no-refresh-token' ? 'none issued' : `refused (${signIn.refresh.failure.kind === 'entra' ? `AADSTS${signIn.refresh.failure.body.aadsts ?? '?'}` : signIn.refresh.failure.kind})` });
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
  const summary = finding.kind === 'pass' ? `${label}: ok (${finding.detail})` : finding.kind === 'other' ? `${label}: ${finding.check} ${finding.code}` : `${label}: ${finding.kind}`;
  return [{ label: 'exchange.evidence.protocol', value: summary }, ...item.evidence];
}

function passed(context: CheckContext, claims: AccessTokenClaims | undefined, findings: readonly ProtocolFinding[], evidence: Evidence[], signIn: Extract<DelegatedSignIn, { kind: 'signed-in' }> | undefined): CheckOutcome {
  const { account } = context;
  const protocols = findings.map((item) => protocolLabel(item.protocol)).join(' + ');
  if (!signIn) {
    return { status: 'pass', summary: msg('exchange.access.passApplication', { app: account.auth.clientId ?? '', oid: claims?.oid ?? '—', mailbox: account.mailbox, protocols }), evidence };
  }
  const upn = claims?.upn ?? claims?.preferredUsername ?? '—';
  const shared = upn.toLowerCase() !== account.mailbox.toLowerCase();
  const summary = msg(shared ? 'exchange.access.passDelegatedShared' : 'exchange.access.passDelegated', { upn, mailbox: account.mailbox, protocols, via: signIn.via });
  if (signIn.refresh.ok) return { status: 'pass', summary, evidence };
  // The mailbox opens, but the CRM could not stay signed in: no working refresh token.
  const refused = signIn.refresh.reason === 'refused';
  return {
    status: 'warn',
    code: refused ? 'EXCHANGE_REFRESH_TOKEN_REFUSED' : 'EXCHANGE_NO_REFRESH_TOKEN',
    summary: msg(refused ? 'exchange.access.refreshRefused' : 'exchange.access.noRefreshToken', { mailbox: account.mailbox }),
    evidence,
    remediation: [{ kind: 'portal', message: msg('exchange.fix.offlineAccess', { app: account.auth.clientId ?? '' }), target: ENTRA_PORTALS[account.cloud] }, adminConsentStep(account)],
  };
}

/** One step of a ranked list: the cause's heading (with its rank), then its commands. */
interface Cause {
  readonly heading: MessageKey;
  readonly params?: Record<string, string | number>;
  readonly steps: readonly Remediation[];
}

function ranked(causes: readonly Cause[]): Remediation[] {
  return causes.flatMap((cause, index) => [{ kind: 'text' as const, message: msg(cause.heading, { rank: index + 1, ...cause.params }) }, ...cause.steps]);
}

/** Exchange Online PowerShell first, when any cause has a line to run in it. */
function withConnect(connect: Remediation, causes: readonly Cause[]): Remediation[] {
  const needsShell = causes.some((cause) => cause.steps.some((step) => step.kind === 'command'));
  return [...(needsShell ? [connect] : []), ...ranked(causes)];
}

function command<K extends MessageKey>(key: K, target: string, ...params: MessageArgs<K>): Remediation {
  return { kind: 'command', message: msg(key, ...params), target };
}

function labels(findings: readonly ProtocolFinding[], kinds: readonly Finding['kind'][]): string {
  return findings.filter((item) => kinds.includes(item.finding.kind)).map((item) => protocolLabel(item.protocol)).join(', ');
}

function roleFor(protocol: ProtocolFinding['protocol']): string {
  return protocol === 'imap' ? 'IMAP.AccessAsApp' : protocol === 'pop3' ? 'POP.AccessAsApp' : 'SMTP.SendAsApp';
}

/** The application flow: what the token proves first, then the Exchange side, ranked. */
function applicationFailure(context: CheckContext, claims: AccessTokenClaims | undefined, findings: readonly ProtocolFinding[], evidence: Evidence[]): CheckOutcome {
  const { account } = context;
  const mailbox = account.mailbox;
  const clientId = account.auth.clientId ?? '';
  const tenant = tenantGuid(context) ?? claims?.tid ?? account.auth.tenantId;
  const oid = claims?.oid?.toLowerCase() ?? account.auth.objectId ?? '<Enterprise application Object ID>';
  const configured = account.auth.objectId?.toLowerCase();
  const incomingProtocol = account.incoming.protocol;
  const connect = command('exchange.fix.connect', connectExchangeCommand(account, tenant));
  const loginFailed = findings.filter((item) => item.finding.kind === 'refused' || item.finding.kind === 'not-connected');
  const refusedLabels = labels(findings, ['refused', 'not-connected', 'disabled', 'send-as', 'smtp-auth-disabled']);
  const fail = (code: string, summary: Message, causes: readonly Cause[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation: withConnect(connect, causes) });

  // The Exchange-side causes, each with its lines (the OAuth guide's service principal and permission steps).
  const servicePrincipal: Cause = {
    heading: 'exchange.cause.servicePrincipal',
    params: { app: clientId, oid },
    steps: [command('exchange.fix.newServicePrincipal', newServicePrincipal(clientId, oid)), command('exchange.fix.verifyServicePrincipal', getServicePrincipal(clientId))],
  };
  const fullAccess: Cause = {
    heading: 'exchange.cause.fullAccess',
    params: { mailbox, oid },
    steps: [command('exchange.fix.addMailboxPermission', addMailboxPermission(mailbox, oid), { mailbox }), command('exchange.fix.verifyMailboxPermission', getMailboxPermission(mailbox))],
  };
  const protocolOff: Cause = {
    heading: 'exchange.cause.protocolDisabled',
    params: { protocol: protocolLabel(incomingProtocol), mailbox },
    steps: [command('exchange.fix.enableProtocol', enableMailboxProtocol(mailbox, incomingProtocol), { protocol: protocolLabel(incomingProtocol) }), command('exchange.fix.verifyCasMailbox', getCasMailbox(mailbox, CAS_PROPERTIES))],
  };
  const sendAs: Cause = { heading: 'exchange.cause.sendAs', params: { mailbox, oid }, steps: [command('exchange.fix.addRecipientPermission', addRecipientPermission(mailbox, oid), { mailbox })] };
  const smtpAuth: Cause = { heading: 'exchange.cause.smtpAuthDisabled', params: { mailbox }, steps: [command('exchange.fix.enableSmtpAuth', enableMailboxSmtpAuth(mailbox)), command('exchange.fix.verifyCasMailbox', getCasMailbox(mailbox, CAS_PROPERTIES))] };
  const wrongObjectId: Cause = {
    heading: 'exchange.cause.wrongObjectId',
    params: { sent: configured ?? '', oid, app: clientId },
    steps: [
      command('exchange.fix.verifyServicePrincipal', getServicePrincipal(clientId)),
      command('exchange.fix.removeServicePrincipal', removeServicePrincipal(clientId)),
      command('exchange.fix.newServicePrincipal', newServicePrincipal(clientId, oid)),
      command('exchange.fix.addMailboxPermission', addMailboxPermission(mailbox, oid), { mailbox }),
    ],
  };

  // 1. The token itself (what entra.exchange-roles proves): audience, expiry, roles.
  if (claims && !isExchangeAudience(claims.aud)) {
    return fail('EXCHANGE_TOKEN_AUDIENCE', msg('exchange.access.audience', { aud: claims.aud ?? '—', protocols: refusedLabels }), [{ heading: 'exchange.cause.audience', params: { cloud: account.cloud }, steps: [] }]);
  }
  if (claims?.exp !== undefined && claims.exp * 1000 <= context.services.now().getTime()) {
    return fail('EXCHANGE_TOKEN_EXPIRED', msg('exchange.access.expired', { expired: new Date(claims.exp * 1000).toISOString() }), [{ heading: 'exchange.cause.expired', steps: [] }]);
  }
  const loginProtocols = loginFailed.map((item) => item.protocol);
  if (claims && loginProtocols.length > 0 && (claims.roles === undefined || claims.roles.length === 0)) {
    // No roles at all: admin consent missing — or, for SMTP, RBAC for Applications without its Exchange-side assignment.
    const needed = loginProtocols.map(roleFor).join(', ');
    const causes: Cause[] = [
      {
        heading: 'exchange.cause.noRolesConsent',
        params: { roles: needed, app: clientId },
        steps: [{ kind: 'portal', message: msg('entra.roles.fix.addPermissions', { app: clientId, roles: needed }), target: ENTRA_PORTALS[account.cloud] }, { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app: clientId }), target: ENTRA_PORTALS[account.cloud] }, adminConsentStep(account)],
      },
    ];
    if (loginProtocols.includes('smtp')) {
      const [scope, assignment] = smtpRbacForMailbox(oid, mailbox);
      const steps = [command('exchange.fix.newServicePrincipal', newServicePrincipal(clientId, oid)), command('exchange.fix.managementScope', scope, { mailbox }), command('exchange.fix.rbacAssignment', assignment)];
      causes.push({ heading: 'exchange.cause.rbacForApplications', params: { oid }, steps });
    }
    causes.push(servicePrincipal, fullAccess);
    return fail('EXCHANGE_ROLES_NONE', msg('exchange.access.rolesNone', { protocols: labels(loginFailed, ['refused', 'not-connected']), roles: needed, mailbox }), causes);
  }
  const held = new Set(claims?.roles ?? []);
  const missing = claims ? loginProtocols.map(roleFor).filter((role) => !held.has(role)) : [];
  if (missing.length > 0) {
    return fail('EXCHANGE_ROLE_MISSING', msg('exchange.access.roleMissing', { missing: missing.join(', '), mailbox }), [
      {
        heading: 'exchange.cause.roleMissing',
        params: { roles: missing.join(', '), app: clientId },
        steps: [{ kind: 'portal', message: msg('entra.roles.fix.addPermissions', { app: clientId, roles: missing.join(', ') }), target: ENTRA_PORTALS[account.cloud] }, { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app: clientId }), target: ENTRA_PORTALS[account.cloud] }, adminConsentStep(account)],
      },
      servicePrincipal,
      fullAccess,
    ]);
  }

  // 2. What entra.object-id proves: the Object ID sent is not the enterprise application's (the token's oid).
  const objectIdWrong = configured !== undefined && claims?.oid !== undefined && configured !== claims.oid.toLowerCase();
  const roles = claims?.roles?.join(', ') ?? '—';
  const incomingFinding = findings.find((item) => item.protocol !== 'smtp')?.finding;
  const smtpFindingKind = findings.find((item) => item.protocol === 'smtp')?.finding.kind;

  // 3. The Exchange side, ranked by what the servers said.
  if (incomingFinding?.kind === 'not-connected') {
    // The wrong-Object-ID cause already re-registers the app and gives it FullAccess.
    const causes: Cause[] = objectIdWrong ? [wrongObjectId] : [fullAccess, { ...servicePrincipal, heading: 'exchange.cause.servicePrincipalOther' }];
    causes.push({ heading: 'exchange.cause.mailboxAddress', params: { mailbox }, steps: [] });
    if (smtpFindingKind === 'send-as') causes.push(sendAs);
    return fail('EXCHANGE_NOT_CONNECTED', msg('exchange.access.notConnected', { protocol: protocolLabel(incomingProtocol), mailbox, oid }), causes);
  }
  if (loginFailed.length > 0) {
    const causes: Cause[] = objectIdWrong ? [wrongObjectId] : [servicePrincipal, fullAccess];
    if (incomingFinding?.kind === 'refused') causes.push(protocolOff);
    if (smtpFindingKind === 'send-as') causes.push(sendAs);
    const protocols = labels(findings, ['refused', 'not-connected']);
    if (objectIdWrong) return fail('EXCHANGE_OBJECT_ID_MISMATCH', msg('exchange.access.objectIdMismatch', { protocols, mailbox, sent: configured ?? '', oid }), causes);
    return fail('EXCHANGE_ACCESS_DENIED', msg('exchange.access.denied', { protocols, mailbox, roles, oid }), causes);
  }
  if (incomingFinding?.kind === 'disabled') {
    return fail('EXCHANGE_PROTOCOL_DISABLED', msg('exchange.access.protocolDisabled', { protocol: protocolLabel(incomingProtocol), mailbox }), [protocolOff, ...(smtpFindingKind === 'send-as' ? [sendAs] : [])]);
  }
  if (smtpFindingKind === 'smtp-auth-disabled') {
    return fail('EXCHANGE_SMTP_AUTH_DISABLED', msg('exchange.access.smtpAuthDisabled', { mailbox }), [smtpAuth]);
  }
  return fail('EXCHANGE_SEND_AS_DENIED', msg('exchange.access.sendAs', { mailbox, oid }), [sendAs]);
}

/** The delegated flow: the signed-in user, their scopes, and their rights on the mailbox. */
function delegatedFailure(context: CheckContext, claims: AccessTokenClaims | undefined, findings: readonly ProtocolFinding[], evidence: Evidence[]): CheckOutcome {
  const { account } = context;
  const mailbox = account.mailbox;
  const clientId = account.auth.clientId ?? '';
  const upn = claims?.upn ?? claims?.preferredUsername ?? '<signed-in user>';
  const shared = upn.toLowerCase() !== mailbox.toLowerCase();
  const incomingProtocol = account.incoming.protocol;
  const tenant = tenantGuid(context) ?? claims?.tid ?? account.auth.tenantId;
  const connect = command('exchange.fix.connect', connectExchangeCommand(account, tenant));
  const fail = (code: string, summary: Message, causes: readonly Cause[]): CheckOutcome => ({ status: 'fail', code, summary, evidence, remediation: withConnect(connect, causes) });
  const loginFailed = findings.filter((item) => item.finding.kind === 'refused' || item.finding.kind === 'not-connected');
  const protocols = labels(findings, ['refused', 'not-connected', 'disabled', 'send-as', 'smtp-auth-disabled']);
  const smtpFindingKind = findings.find((item) => item.protocol === 'smtp')?.finding.kind;
  const incomingKind = findings.find((item) => item.protocol !== 'smtp')?.finding.kind;

  if (claims && claims.aud && !isExchangeAudience(claims.aud)) {
    return { status: 'fail', code: 'EXCHANGE_TOKEN_AUDIENCE', summary: msg('exchange.access.audience', { aud: claims.aud, protocols }), evidence, remediation: ranked([{ heading: 'exchange.cause.audience', params: { cloud: account.cloud }, steps: [] }]) };
  }
  const granted = new Set((claims?.scp ?? '').split(' ').filter(Boolean));
  const needed = outlookScopeNames(account).filter((_name, index) => loginFailed.some((item) => (index === 0 ? item.protocol !== 'smtp' : item.protocol === 'smtp')));
  const missing = claims?.scp !== undefined ? needed.filter((name) => !granted.has(name)) : [];
  if (missing.length > 0) {
    return {
      status: 'fail',
      code: 'EXCHANGE_SCOPE_MISSING',
      summary: msg('exchange.access.scopeMissing', { missing: missing.join(', '), upn }),
      evidence,
      remediation: ranked([{ heading: 'exchange.cause.scopeMissing', params: { scopes: missing.join(', ') }, steps: [{ kind: 'portal', message: msg('exchange.fix.delegatedPermissions', { app: clientId, scopes: missing.join(', ') }), target: ENTRA_PORTALS[account.cloud] }, adminConsentStep(account)] }]),
    };
  }

  const fullAccess: Cause = { heading: 'exchange.cause.delegateFullAccess', params: { upn, mailbox }, steps: [command('exchange.fix.addMailboxPermission', addMailboxPermission(mailbox, upn), { mailbox }), command('exchange.fix.verifyMailboxPermission', getMailboxPermission(mailbox))] };
  const sendAs: Cause = { heading: 'exchange.cause.delegateSendAs', params: { upn, mailbox }, steps: [command('exchange.fix.addRecipientPermission', addRecipientPermission(mailbox, upn), { mailbox })] };
  const protocolOff: Cause = {
    heading: 'exchange.cause.protocolDisabled',
    params: { protocol: protocolLabel(incomingProtocol), mailbox },
    steps: [command('exchange.fix.enableProtocol', enableMailboxProtocol(mailbox, incomingProtocol), { protocol: protocolLabel(incomingProtocol) }), command('exchange.fix.verifyCasMailbox', getCasMailbox(mailbox, CAS_PROPERTIES))],
  };
  const smtpAuth: Cause = { heading: 'exchange.cause.smtpAuthDisabled', params: { mailbox }, steps: [command('exchange.fix.enableSmtpAuth', enableMailboxSmtpAuth(mailbox)), command('exchange.fix.verifyCasMailbox', getCasMailbox(mailbox, CAS_PROPERTIES))] };

  if (loginFailed.length > 0) {
    if (shared) {
      const causes = [fullAccess, ...(smtpFindingKind === 'send-as' || loginFailed.some((item) => item.protocol === 'smtp') ? [sendAs] : []), protocolOff];
      return fail('EXCHANGE_DELEGATE_NO_ACCESS', msg('exchange.access.delegateNoAccess', { upn, mailbox, protocols: labels(loginFailed, ['refused', 'not-connected']) }), causes);
    }
    const causes: Cause[] = [protocolOff, { heading: 'exchange.cause.userMailbox', params: { upn }, steps: [] }];
    if (loginFailed.some((item) => item.protocol === 'smtp')) causes.push(smtpAuth);
    return fail('EXCHANGE_ACCESS_DENIED', msg('exchange.access.deniedDelegated', { upn, mailbox, protocols: labels(loginFailed, ['refused', 'not-connected']) }), causes);
  }
  if (incomingKind === 'disabled') return fail('EXCHANGE_PROTOCOL_DISABLED', msg('exchange.access.protocolDisabled', { protocol: protocolLabel(incomingProtocol), mailbox }), [protocolOff]);
  if (smtpFindingKind === 'smtp-auth-disabled') return fail('EXCHANGE_SMTP_AUTH_DISABLED', msg('exchange.access.smtpAuthDisabled', { mailbox }), [smtpAuth]);
  return fail('EXCHANGE_SEND_AS_DENIED', msg('exchange.access.sendAsDelegated', { upn, mailbox }), [sendAs]);
}
