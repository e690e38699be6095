/**
 * Why exchange.mailbox-access failed, by elimination: the causes each flow leaves once the token's roles and
 * Object ID are known, ranked and named with this account's PowerShell lines.
 */
import { msg } from '../../../i18n/index.js';
import { entraAccount } from '../../entra/shared/remediation.js';
import type { Message, MessageArgs, MessageKey } from '../../../core/message.js';
import { outlookScopeNames } from '../../../signin/authorization-code.js';
import { type AccessTokenClaims } from '../../../identity/token-claims.js';
import { isExchangeAudience } from '../../entra/exchange-roles.js';
import { adminConsentStep, connectExchangeCommand, tenantGuid } from '../../entra/shared/remediation.js';
import { ENTRA_PORTALS } from '../../../providers/microsoft/portals.js';
import { type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../../core/check.js';
import type { IncomingProtocol } from '../../../config/types.js';
import { protocolLabel } from './remediation.js';
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
} from '../../../providers/microsoft/powershell.js';

/** What one protocol's login showed, for the verdict. */
export type Finding =
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

export interface ProtocolFinding {
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly finding: Finding;
  readonly evidence: readonly Evidence[];
  /** The server's own words that decided the finding (quoted in the summary). */
  readonly said?: string;
}

/** What the servers said for the findings of these kinds, for the summary; `—` when none of them spoke. */
function saidBy(findings: readonly ProtocolFinding[], kinds: readonly Finding['kind'][]): string {
  const said = findings.filter((item) => kinds.includes(item.finding.kind) && item.said).map((item) => `${protocolLabel(item.protocol)}: ${item.said}`);
  return said.length > 0 ? said.join('; ') : '—';
}

const REFUSALS: readonly Finding['kind'][] = ['refused', 'not-connected'];

/** What the Get-CASMailbox lines show: the protocols this tool uses, and SMTP AUTH. */
const CAS_PROPERTIES: readonly CasMailboxProperty[] = ['ImapEnabled', 'PopEnabled', 'SmtpClientAuthenticationDisabled'];

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
  return findings
    .filter((item) => kinds.includes(item.finding.kind))
    .map((item) => protocolLabel(item.protocol))
    .join(', ');
}

function roleFor(protocol: ProtocolFinding['protocol']): string {
  return protocol === 'imap' ? 'IMAP.AccessAsApp' : protocol === 'pop3' ? 'POP.AccessAsApp' : 'SMTP.SendAsApp';
}

/**
 * The causes on the mailbox that both flows rank: `trustee` is who needs the rights — the app's service
 * principal (its Object ID) or the signed-in user — and `params` name it in each heading.
 */
function mailboxCauses(
  mailbox: string,
  protocol: IncomingProtocol,
  trustee: string,
  headings: { readonly fullAccess: MessageKey; readonly sendAs: MessageKey },
  params: Record<string, string>,
): { readonly fullAccess: Cause; readonly sendAs: Cause; readonly protocolOff: Cause; readonly smtpAuth: Cause } {
  const verifyCas = command('exchange.fix.verifyCasMailbox', getCasMailbox(mailbox, CAS_PROPERTIES));
  return {
    fullAccess: {
      heading: headings.fullAccess,
      params,
      steps: [
        command('exchange.fix.addMailboxPermission', addMailboxPermission(mailbox, trustee), { mailbox }),
        command('exchange.fix.verifyMailboxPermission', getMailboxPermission(mailbox)),
      ],
    },
    sendAs: {
      heading: headings.sendAs,
      params,
      steps: [command('exchange.fix.addRecipientPermission', addRecipientPermission(mailbox, trustee), { mailbox })],
    },
    protocolOff: {
      heading: 'exchange.cause.protocolDisabled',
      params: { protocol: protocolLabel(protocol), mailbox },
      steps: [command('exchange.fix.enableProtocol', enableMailboxProtocol(mailbox, protocol), { protocol: protocolLabel(protocol) }), verifyCas],
    },
    smtpAuth: {
      heading: 'exchange.cause.smtpAuthDisabled',
      params: { mailbox },
      steps: [command('exchange.fix.enableSmtpAuth', enableMailboxSmtpAuth(mailbox)), verifyCas],
    },
  };
}

/** The application flow: what the token proves first, then the Exchange side, ranked. */
export function applicationFailure(
  context: CheckContext,
  claims: AccessTokenClaims | undefined,
  findings: readonly ProtocolFinding[],
  evidence: Evidence[],
): CheckOutcome {
  const account = entraAccount(context);
  const mailbox = account.mailbox;
  const clientId = account.auth.clientId;
  const tenant = tenantGuid(context) ?? claims?.tid ?? account.auth.tenantId;
  const oid = claims?.oid?.toLowerCase() ?? account.auth.objectId ?? '<Enterprise application Object ID>';
  const configured = account.auth.objectId?.toLowerCase();
  const incomingProtocol = account.incoming.protocol;
  const connect = command('exchange.fix.connect', connectExchangeCommand(account, tenant));
  const loginFailed = findings.filter((item) => item.finding.kind === 'refused' || item.finding.kind === 'not-connected');
  const refusedLabels = labels(findings, ['refused', 'not-connected', 'disabled', 'send-as', 'smtp-auth-disabled']);
  const fail = (code: string, summary: Message, causes: readonly Cause[]): CheckOutcome => ({
    status: 'fail',
    code,
    summary,
    evidence,
    remediation: withConnect(connect, causes),
  });

  // The Exchange-side causes, each with its lines (the OAuth guide's service principal and permission steps).
  const servicePrincipal: Cause = {
    heading: 'exchange.cause.servicePrincipal',
    params: { app: clientId, oid },
    steps: [
      command('exchange.fix.newServicePrincipal', newServicePrincipal(clientId, oid)),
      command('exchange.fix.verifyServicePrincipal', getServicePrincipal(clientId)),
    ],
  };
  const { fullAccess, sendAs, protocolOff, smtpAuth } = mailboxCauses(
    mailbox,
    incomingProtocol,
    oid,
    { fullAccess: 'exchange.cause.fullAccess', sendAs: 'exchange.cause.sendAs' },
    { mailbox, oid },
  );
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
    return fail('EXCHANGE_TOKEN_AUDIENCE', msg('exchange.access.audience', { aud: claims.aud ?? '—', protocols: refusedLabels }), [
      { heading: 'exchange.cause.audience', params: { cloud: account.cloud }, steps: [] },
    ]);
  }
  if (claims?.exp !== undefined && claims.exp * 1000 <= context.services.now().getTime()) {
    return fail('EXCHANGE_TOKEN_EXPIRED', msg('exchange.access.expired', { expired: new Date(claims.exp * 1000).toISOString() }), [
      { heading: 'exchange.cause.expired', steps: [] },
    ]);
  }
  const loginProtocols = loginFailed.map((item) => item.protocol);
  if (claims && loginProtocols.length > 0 && (claims.roles === undefined || claims.roles.length === 0)) {
    // No roles at all: admin consent missing — or, for SMTP, RBAC for Applications without its Exchange-side assignment.
    const needed = loginProtocols.map(roleFor).join(', ');
    const causes: Cause[] = [
      {
        heading: 'exchange.cause.noRolesConsent',
        params: { roles: needed, app: clientId },
        steps: [
          { kind: 'portal', message: msg('entra.roles.fix.addPermissions', { app: clientId, roles: needed }), target: ENTRA_PORTALS[account.cloud] },
          { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app: clientId }), target: ENTRA_PORTALS[account.cloud] },
          adminConsentStep(account),
        ],
      },
    ];
    if (loginProtocols.includes('smtp')) {
      const [scope, assignment] = smtpRbacForMailbox(oid, mailbox);
      const steps = [
        command('exchange.fix.newServicePrincipal', newServicePrincipal(clientId, oid)),
        command('exchange.fix.managementScope', scope, { mailbox }),
        command('exchange.fix.rbacAssignment', assignment),
      ];
      causes.push({ heading: 'exchange.cause.rbacForApplications', params: { oid }, steps });
    }
    causes.push(servicePrincipal, fullAccess);
    return fail(
      'EXCHANGE_ROLES_NONE',
      msg('exchange.access.rolesNone', {
        protocols: labels(loginFailed, ['refused', 'not-connected']),
        roles: needed,
        mailbox,
        said: saidBy(findings, REFUSALS),
      }),
      causes,
    );
  }
  const held = new Set(claims?.roles ?? []);
  const missing = claims ? loginProtocols.map(roleFor).filter((role) => !held.has(role)) : [];
  if (missing.length > 0) {
    return fail('EXCHANGE_ROLE_MISSING', msg('exchange.access.roleMissing', { missing: missing.join(', '), mailbox, said: saidBy(findings, REFUSALS) }), [
      {
        heading: 'exchange.cause.roleMissing',
        params: { roles: missing.join(', '), app: clientId },
        steps: [
          {
            kind: 'portal',
            message: msg('entra.roles.fix.addPermissions', { app: clientId, roles: missing.join(', ') }),
            target: ENTRA_PORTALS[account.cloud],
          },
          { kind: 'portal', message: msg('entra.roles.fix.grantConsent', { app: clientId }), target: ENTRA_PORTALS[account.cloud] },
          adminConsentStep(account),
        ],
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
    // The summary quotes Exchange's words only when the server said them; any other refusal is quoted as sent.
    const reply = findings.find((item) => item.protocol !== 'smtp')?.evidence.find((entry) => entry.label === 'incoming.evidence.mailboxReply')?.value;
    const protocol = protocolLabel(incomingProtocol);
    const summary =
      reply && !/authenticated but not connected/i.test(reply)
        ? msg('exchange.access.notConnectedReply', { protocol, mailbox, oid, reply })
        : msg('exchange.access.notConnected', { protocol, mailbox, oid });
    return fail('EXCHANGE_NOT_CONNECTED', summary, causes);
  }
  if (loginFailed.length > 0) {
    const causes: Cause[] = objectIdWrong ? [wrongObjectId] : [servicePrincipal, fullAccess];
    if (incomingFinding?.kind === 'refused') causes.push(protocolOff);
    if (smtpFindingKind === 'send-as') causes.push(sendAs);
    const protocols = labels(findings, ['refused', 'not-connected']);
    if (objectIdWrong)
      return fail(
        'EXCHANGE_OBJECT_ID_MISMATCH',
        msg('exchange.access.objectIdMismatch', { protocols, mailbox, sent: configured ?? '', oid, said: saidBy(findings, REFUSALS) }),
        causes,
      );
    return fail('EXCHANGE_ACCESS_DENIED', msg('exchange.access.denied', { protocols, mailbox, roles, oid, said: saidBy(findings, REFUSALS) }), causes);
  }
  if (incomingFinding?.kind === 'disabled') {
    return fail(
      'EXCHANGE_PROTOCOL_DISABLED',
      msg('exchange.access.protocolDisabled', { protocol: protocolLabel(incomingProtocol), mailbox, said: saidBy(findings, ['disabled']) }),
      [protocolOff, ...(smtpFindingKind === 'send-as' ? [sendAs] : [])],
    );
  }
  if (smtpFindingKind === 'smtp-auth-disabled') {
    return fail('EXCHANGE_SMTP_AUTH_DISABLED', msg('exchange.access.smtpAuthDisabled', { mailbox, said: saidBy(findings, ['smtp-auth-disabled']) }), [
      smtpAuth,
    ]);
  }
  return fail('EXCHANGE_SEND_AS_DENIED', msg('exchange.access.sendAs', { mailbox, oid, said: saidBy(findings, ['send-as']) }), [sendAs]);
}

/** The delegated flow: the signed-in user, their scopes, and their rights on the mailbox. */
export function delegatedFailure(
  context: CheckContext,
  claims: AccessTokenClaims | undefined,
  findings: readonly ProtocolFinding[],
  evidence: Evidence[],
): CheckOutcome {
  const account = entraAccount(context);
  const mailbox = account.mailbox;
  const clientId = account.auth.clientId;
  const upn = claims?.upn ?? claims?.preferredUsername ?? '<signed-in user>';
  const shared = upn.toLowerCase() !== mailbox.toLowerCase();
  const incomingProtocol = account.incoming.protocol;
  const tenant = tenantGuid(context) ?? claims?.tid ?? account.auth.tenantId;
  const connect = command('exchange.fix.connect', connectExchangeCommand(account, tenant));
  const fail = (code: string, summary: Message, causes: readonly Cause[]): CheckOutcome => ({
    status: 'fail',
    code,
    summary,
    evidence,
    remediation: withConnect(connect, causes),
  });
  const loginFailed = findings.filter((item) => item.finding.kind === 'refused' || item.finding.kind === 'not-connected');
  const protocols = labels(findings, ['refused', 'not-connected', 'disabled', 'send-as', 'smtp-auth-disabled']);
  const smtpFindingKind = findings.find((item) => item.protocol === 'smtp')?.finding.kind;
  const incomingKind = findings.find((item) => item.protocol !== 'smtp')?.finding.kind;

  if (claims && claims.aud && !isExchangeAudience(claims.aud)) {
    return {
      status: 'fail',
      code: 'EXCHANGE_TOKEN_AUDIENCE',
      summary: msg('exchange.access.audience', { aud: claims.aud, protocols }),
      evidence,
      remediation: ranked([{ heading: 'exchange.cause.audience', params: { cloud: account.cloud }, steps: [] }]),
    };
  }
  const granted = new Set((claims?.scp ?? '').split(' ').filter(Boolean));
  const needed = outlookScopeNames(account).filter((_name, index) =>
    loginFailed.some((item) => (index === 0 ? item.protocol !== 'smtp' : item.protocol === 'smtp')),
  );
  const missing = claims?.scp !== undefined ? needed.filter((name) => !granted.has(name)) : [];
  if (missing.length > 0) {
    return {
      status: 'fail',
      code: 'EXCHANGE_SCOPE_MISSING',
      summary: msg('exchange.access.scopeMissing', { missing: missing.join(', '), upn }),
      evidence,
      remediation: ranked([
        {
          heading: 'exchange.cause.scopeMissing',
          params: { scopes: missing.join(', ') },
          steps: [
            {
              kind: 'portal',
              message: msg('exchange.fix.delegatedPermissions', { app: clientId, scopes: missing.join(', ') }),
              target: ENTRA_PORTALS[account.cloud],
            },
            adminConsentStep(account),
          ],
        },
      ]),
    };
  }

  const { fullAccess, sendAs, protocolOff, smtpAuth } = mailboxCauses(
    mailbox,
    incomingProtocol,
    upn,
    { fullAccess: 'exchange.cause.delegateFullAccess', sendAs: 'exchange.cause.delegateSendAs' },
    { upn, mailbox },
  );

  if (loginFailed.length > 0) {
    if (shared) {
      const causes = [fullAccess, ...(smtpFindingKind === 'send-as' || loginFailed.some((item) => item.protocol === 'smtp') ? [sendAs] : []), protocolOff];
      return fail(
        'EXCHANGE_DELEGATE_NO_ACCESS',
        msg('exchange.access.delegateNoAccess', {
          upn,
          mailbox,
          protocols: labels(loginFailed, ['refused', 'not-connected']),
          said: saidBy(findings, REFUSALS),
        }),
        causes,
      );
    }
    const causes: Cause[] = [protocolOff, { heading: 'exchange.cause.userMailbox', params: { upn }, steps: [] }];
    if (loginFailed.some((item) => item.protocol === 'smtp')) causes.push(smtpAuth);
    return fail(
      'EXCHANGE_ACCESS_DENIED',
      msg('exchange.access.deniedDelegated', { upn, mailbox, protocols: labels(loginFailed, ['refused', 'not-connected']), said: saidBy(findings, REFUSALS) }),
      causes,
    );
  }
  if (incomingKind === 'disabled')
    return fail(
      'EXCHANGE_PROTOCOL_DISABLED',
      msg('exchange.access.protocolDisabled', { protocol: protocolLabel(incomingProtocol), mailbox, said: saidBy(findings, ['disabled']) }),
      [protocolOff],
    );
  if (smtpFindingKind === 'smtp-auth-disabled')
    return fail('EXCHANGE_SMTP_AUTH_DISABLED', msg('exchange.access.smtpAuthDisabled', { mailbox, said: saidBy(findings, ['smtp-auth-disabled']) }), [
      smtpAuth,
    ]);
  return fail('EXCHANGE_SEND_AS_DENIED', msg('exchange.access.sendAsDelegated', { upn, mailbox, said: saidBy(findings, ['send-as']) }), [sendAs]);
}
