/**
 * The server family behind an SMTP session (../../../providers/server-families.ts): its banner, EHLO name
 * and keywords (before and after TLS), and any replies given. Evidence for smtp.connect, smtp.tls and
 * smtp.auth, and the switch for vendor advice (Exchange Online, Exchange Server, nobody).
 */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Evidence, Remediation } from '../../../core/check.js';
import { NOT_GREETED, type SmtpSession } from '../../../probes/smtp.js';
import type { SmtpAuthDiagnosis } from '../../../probes/smtp-replies.js';
import { familyEvidence, recogniseServer, type ServerFamily } from '../../../providers/server-families.js';

export function smtpFamily(session: SmtpSession, replies: readonly string[] = []): ServerFamily | undefined {
  const greeting = session.greeting === NOT_GREETED ? undefined : session.greeting.lines.join(' ');
  const ehlo = session.tls?.capabilities ?? session.capabilities;
  return recogniseServer({
    protocol: 'smtp',
    ...(greeting ? { greeting } : {}),
    ...(ehlo.domain ? { ehloDomain: ehlo.domain } : {}),
    capabilities: [...session.capabilities.extensions, ...(session.tls?.capabilities?.extensions ?? [])],
    replies,
  });
}

export function smtpFamilyEntry(found: ServerFamily | undefined): Evidence[] {
  return found ? [{ label: 'mail.evidence.serverFamily', value: familyEvidence(found) }] : [];
}

/**
 * No AUTH on this connection. Everyone: the submission port with STARTTLS. Exchange Online: only
 * smtp.office365.com takes logins, never the MX host `*.mail.protection.outlook.com`
 * (https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365).
 * Exchange Server: clients log in on the "Client Frontend" receive connector (587), not on "Default
 * Frontend" (25) (https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors).
 */
export function authNotOfferedFixes(account: Account, found: ServerFamily | undefined): Remediation[] {
  const fixes: Remediation[] = [{ kind: 'text', message: msg('smtp.fix.authNotOffered') }];
  if (account.provider === 'office365' || found?.id === 'exchange-online') {
    fixes.push({ kind: 'text', message: msg('smtp.fix.authNotOfferedExchangeOnline', { mailbox: account.mailbox }) });
  } else if (found?.id === 'exchange-onprem' || found?.id === 'exchange') {
    fixes.push({
      kind: 'command',
      message: msg('smtp.fix.authNotOfferedExchangeServer'),
      target: 'Get-ReceiveConnector | Format-List Name,Bindings,AuthMechanism,PermissionGroups',
    });
  }
  return fixes;
}

/**
 * `535 5.7.3 Authentication unsuccessful` is Exchange's text on-premises too: it is Exchange Online's
 * diagnosis (with Microsoft 365 steps) only for Exchange Online or `provider: office365`.
 */
export function refineAuthDiagnosis(diagnosis: SmtpAuthDiagnosis, account: Account, found: ServerFamily | undefined): SmtpAuthDiagnosis {
  const online = account.provider === 'office365' || found?.id === 'exchange-online';
  return diagnosis === 'SMTP_AUTH_UNSUCCESSFUL' && !online && found !== undefined ? 'AUTH_REJECTED' : diagnosis;
}
