/**
 * The fixes the incoming checks propose, with this account's values filled in: YAML lines for the file,
 * PowerShell lines for Exchange Online (../shared/reference/providers.md §1.4, §6), portal breadcrumbs
 * and Google's pages (§4.4, §6).
 */
import type { Account, IncomingProtocol, Security } from '../../config/types.js';
import { conventionalPort } from '../../config/defaults.js';
import { msg } from '../../i18n/index.js';
import type { Remediation } from '../../core/check.js';

export function protocolName(protocol: IncomingProtocol): 'IMAP' | 'POP3' {
  return protocol === 'imap' ? 'IMAP' : 'POP3';
}

/** STARTTLS is spelled STLS in POP3 (RFC 2595 §4). */
export function startTlsCommand(protocol: IncomingProtocol): 'STARTTLS' | 'STLS' {
  return protocol === 'imap' ? 'STARTTLS' : 'STLS';
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

const PLACEHOLDER_TENANT = '<tenant ID or domain>';
const PLACEHOLDER_CLIENT = '<Application (client) ID>';
const PLACEHOLDER_OBJECT = '"<Enterprise application Object ID>"';

/** PowerShell needs quotes around anything with spaces or special characters. */
function psValue(value: string): string {
  return /^[A-Za-z0-9@._-]+$/.test(value) ? value : `"${value.replace(/"/g, '`"')}"`;
}

export function exchangeConnectCommand(account: Account): string {
  return `Connect-ExchangeOnline -Organization ${psValue(account.auth.tenantId ?? PLACEHOLDER_TENANT)}`;
}

/** providers.md §1.4 step 2: `-ObjectId` is the Enterprise application's (service principal) Object ID. */
export function newServicePrincipalCommand(account: Account): string {
  const clientId = account.auth.clientId ? psValue(account.auth.clientId) : PLACEHOLDER_CLIENT;
  const objectId = account.auth.objectId ? psValue(account.auth.objectId) : PLACEHOLDER_OBJECT;
  return `New-ServicePrincipal -AppId ${clientId} -ObjectId ${objectId} -DisplayName "Tactium CRM"`;
}

/** providers.md §1.4 step 3: `-User` is the service principal (its Object ID, or the App ID). */
export function addMailboxPermissionCommand(account: Account): string {
  const principal = account.auth.objectId ?? account.auth.clientId;
  return `Add-MailboxPermission -Identity ${psValue(account.mailbox)} -User ${principal ? psValue(principal) : PLACEHOLDER_OBJECT} -AccessRights FullAccess`;
}

/** providers.md §6 "IMAP/POP disabled for mailbox". */
export function setCasMailboxCommand(account: Account, protocol: IncomingProtocol): string {
  return `Set-CASMailbox -Identity ${psValue(account.mailbox)} ${protocol === 'imap' ? '-ImapEnabled' : '-PopEnabled'} $true`;
}

export function exchangeRole(protocol: IncomingProtocol): string {
  return protocol === 'imap' ? 'IMAP.AccessAsApp' : 'POP.AccessAsApp';
}

export function exchangeDelegatedScope(protocol: IncomingProtocol): string {
  return protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All';
}

export const GOOGLE_APP_PASSWORDS_URL = 'https://myaccount.google.com/apppasswords';
export const GMAIL_WEB_URL = 'https://mail.google.com/';
