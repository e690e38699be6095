/**
 * Exchange Online PowerShell lines with this account's values, for exchange.mailbox-access
 * (docs/provider-facts.md §Exchange app-only steps; Microsoft's "Authenticate an IMAP, POP or SMTP connection
 * using OAuth" article: https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
 * `-User` / `-Trustee` of an app is its service principal: the enterprise application's Object ID, which
 * is the `oid` of the app-only token; of a delegated sign-in, the user who signs in.
 */
import type { Account, IncomingProtocol } from '../../config/types.js';
import { psValue } from '../entra/remediation.js';

export function protocolLabel(protocol: IncomingProtocol | 'smtp'): 'IMAP' | 'POP3' | 'SMTP' {
  return protocol === 'imap' ? 'IMAP' : protocol === 'pop3' ? 'POP3' : 'SMTP';
}

export function getServicePrincipalCommand(clientId: string): string {
  return `Get-ServicePrincipal -Identity ${psValue(clientId)} | Format-List DisplayName,AppId,ObjectId`;
}

/** `-Identity` accepts the AppId (Remove-ServicePrincipal reference), so the wrongly registered one goes. */
export function removeServicePrincipalCommand(clientId: string): string {
  return `Remove-ServicePrincipal -Identity ${psValue(clientId)}`;
}

export function addMailboxPermissionCommand(mailbox: string, principal: string): string {
  return `Add-MailboxPermission -Identity ${psValue(mailbox)} -User ${psValue(principal)} -AccessRights FullAccess`;
}

export function getMailboxPermissionCommand(mailbox: string): string {
  return `Get-MailboxPermission -Identity ${psValue(mailbox)} | Format-Table User,AccessRights,IsInherited`;
}

/** Lets the service principal send as the mailbox with SMTP. */
export function addRecipientPermissionCommand(mailbox: string, trustee: string): string {
  return `Add-RecipientPermission -Identity ${psValue(mailbox)} -Trustee ${psValue(trustee)} -AccessRights SendAs`;
}

/** Turns IMAP or POP back on for the mailbox (docs/provider-facts.md §Remediation: Microsoft). */
export function setCasMailboxCommand(mailbox: string, protocol: IncomingProtocol): string {
  return `Set-CASMailbox -Identity ${psValue(mailbox)} ${protocol === 'imap' ? '-ImapEnabled' : '-PopEnabled'} $true`;
}

export function getCasMailboxCommand(mailbox: string): string {
  return `Get-CASMailbox -Identity ${psValue(mailbox)} | Format-List ImapEnabled,PopEnabled,SmtpClientAuthenticationDisabled`;
}

/** SMTP AUTH for this mailbox (the mailbox setting overrides the tenant's). */
export function enableSmtpAuthCommand(mailbox: string): string {
  return `Set-CASMailbox -Identity ${psValue(mailbox)} -SmtpClientAuthenticationDisabled $false`;
}

/**
 * RBAC for Applications, SMTP (https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/smtp-app-rbac-onboarding):
 * `-App` is the service principal (its ObjectId as Get-ServicePrincipal shows it).
 */
export function rbacSmtpAssignmentCommand(servicePrincipal: string): string {
  return `New-ManagementRoleAssignment -App ${psValue(servicePrincipal)} -Role "Application SMTP.SendAsApp" -CustomResourceScope "<management scope>"`;
}

/** The `check` command line that runs the sign-in again for this account. */
export function loginCommand(file: string, account: Account): string {
  const path = /[\s"']/.test(file) ? `"${file.replace(/"/g, '\\"')}"` : file;
  return `tactium-preflight check ${path} --login --account ${account.name}`;
}
