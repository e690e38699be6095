/**
 * The fixes the incoming checks propose, with this account's values filled in: YAML lines for the file,
 * and the Exchange Online PowerShell lines (../../providers/microsoft/powershell.ts) for this account.
 */
import type { Account, IncomingProtocol, Security } from '../../../config/types.js';
import { conventionalPort } from '../../../config/defaults.js';
import { msg } from '../../../i18n/index.js';
import {
  PLACEHOLDER,
  addMailboxPermission,
  connectExchangeOnline,
  enableMailboxProtocol,
  newServicePrincipal,
} from '../../../providers/microsoft/powershell.js';
import type { CheckContext, Evidence, Remediation } from '../../../core/check.js';
import { settingsEvidence, type MailTarget } from '../../shared/mail/transport-outcome.js';

export { GMAIL_WEB_URL, GOOGLE_APP_PASSWORDS_URL } from '../../../providers/google.js';

export function protocolName(protocol: IncomingProtocol): 'IMAP' | 'POP3' {
  return protocol === 'imap' ? 'IMAP' : 'POP3';
}

/** STARTTLS is spelled STLS in POP3 (RFC 2595 §4). */
export function startTlsCommand(protocol: IncomingProtocol): 'STARTTLS' | 'STLS' {
  return protocol === 'imap' ? 'STARTTLS' : 'STLS';
}

/** The account's incoming server as the shared mail outcomes name it. */
export function incomingTarget(account: Account): MailTarget {
  const { protocol, host, port, security } = account.incoming;
  return {
    protocol: protocolName(protocol),
    direction: 'incoming',
    host,
    port,
    security,
    starttlsPort: protocol === 'imap' ? 143 : 110,
    implicitTlsPort: protocol === 'imap' ? 993 : 995,
  };
}

/** incoming.host, .port and .security as evidence, each with the file:line it was written at (as smtp.* shows). */
export function incomingSettingsEvidence(context: CheckContext): Evidence[] {
  return settingsEvidence(context, incomingTarget(context.account));
}

/** `incoming:` lines for the file, as the user would write them. */
export function incomingYaml(account: Account, change: { port?: number; security?: Security }): string {
  const lines = ['incoming:', `  protocol: ${account.incoming.protocol}`, `  host: ${account.incoming.host}`];
  lines.push(`  port: ${change.port ?? account.incoming.port}`);
  lines.push(`  security: ${change.security ?? account.incoming.security}`);
  return lines.join('\n');
}

/** "Use TLS/STARTTLS here", and the conventional port for it when the configured one is not. */
export function securityFix(account: Account, security: Security, explain: Remediation): Remediation[] {
  const fixes: Remediation[] = [explain];
  const conventional = conventionalPort(account.incoming.protocol, security);
  if (conventional !== account.incoming.port) {
    fixes.push({
      kind: 'text',
      message: msg('incoming.tls.fix.conventionalPort', { security }),
      target: incomingYaml(account, { port: conventional, security }),
    });
  }
  return fixes;
}

export function exchangeConnectCommand(account: Account): string {
  return connectExchangeOnline(account.cloud, { organization: account.auth.tenantId ?? PLACEHOLDER.tenant });
}

/** `-ObjectId` is the Enterprise application's (service principal's) Object ID. */
export function newServicePrincipalCommand(account: Account): string {
  return newServicePrincipal(account.auth.clientId ?? PLACEHOLDER.appId, account.auth.objectId ?? PLACEHOLDER.objectId);
}

/** `-User` is the service principal (its Object ID, or the App ID). */
export function addMailboxPermissionCommand(account: Account): string {
  return addMailboxPermission(account.mailbox, account.auth.objectId ?? account.auth.clientId ?? PLACEHOLDER.objectId);
}

/** IMAP or POP3 disabled for the mailbox. */
export function setCasMailboxCommand(account: Account, protocol: IncomingProtocol): string {
  return enableMailboxProtocol(account.mailbox, protocol);
}

export function exchangeRole(protocol: IncomingProtocol): string {
  return protocol === 'imap' ? 'IMAP.AccessAsApp' : 'POP.AccessAsApp';
}

export function exchangeDelegatedScope(protocol: IncomingProtocol): string {
  return protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All';
}
