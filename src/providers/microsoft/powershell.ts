/**
 * Every Exchange Online PowerShell line the product prints, built from typed values: one spelling per
 * cmdlet, every value quoted by `psValue`, and `Connect-ExchangeOnline` naming the tenant's cloud.
 * Cmdlet reference: https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/
 * The OAuth set-up these lines carry out (service principal, mailbox permission):
 * https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
 *
 * A leaf module: it imports types only, so checks, identity code and tests can all use it.
 */
import type { Cloud, IncomingProtocol } from '../../config/types.js';

/**
 * What stands in for a value the file does not give, for the person to replace. Shown quoted, so that a
 * pasted line fails on the value (not on PowerShell reading `<` as a redirection).
 */
export const PLACEHOLDER = {
  tenant: '<tenant ID or domain>',
  appId: '<Application (client) ID>',
  objectId: '<Enterprise application Object ID>',
  servicePrincipal: '<service principal>',
} as const;

/** The display name the service principal gets in Exchange (only a label; Exchange keys on the IDs). */
export const SERVICE_PRINCIPAL_DISPLAY_NAME = 'Tactium CRM';

/** Characters PowerShell gives a meaning to inside a double-quoted string: escape them with a backtick. */
const DOUBLE_QUOTED_SPECIALS = /[`$"\u201C\u201D\u201E]/g;

/**
 * A PowerShell double-quoted string holding exactly `value`. Backtick, `$` and the double quotes (ASCII and
 * the typographic ones PowerShell also accepts) are escaped, so nothing is expanded or ends the string:
 * https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 */
export function psString(value: string): string {
  return `"${value.replace(DOUBLE_QUOTED_SPECIALS, (special) => `\`${special}`)}"`;
}

/**
 * A cmdlet argument: bare when it is a plain word (IDs, addresses), else a quoted string. A bare word must
 * start with a letter or digit: `-x` would be read as a parameter name and `@x` as splatting.
 */
export function psValue(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9@._-]*$/.test(value) ? value : psString(value);
}

/**
 * `-ExchangeEnvironmentName` of each national cloud. Without it Connect-ExchangeOnline signs in to the
 * worldwide service, which does not hold these tenants:
 * https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/connect-exchangeonline
 */
export const EXCHANGE_ENVIRONMENT_NAMES: Readonly<Record<Cloud, string | undefined>> = {
  global: undefined,
  usgov: 'O365USGovGCCHigh',
  usgovdod: 'O365USGovDoD',
  china: 'O365China',
};

/** Who signs in: an administrator by name (wins when both are given), or the organization (tenant ID or domain). */
export interface ExchangeSignIn {
  readonly userPrincipalName?: string;
  readonly organization?: string;
}

export function connectExchangeOnline(cloud: Cloud, signIn: ExchangeSignIn = {}): string {
  const parts = ['Connect-ExchangeOnline'];
  if (signIn.userPrincipalName !== undefined) parts.push('-UserPrincipalName', psValue(signIn.userPrincipalName));
  else if (signIn.organization !== undefined) parts.push('-Organization', psValue(signIn.organization));
  const environment = EXCHANGE_ENVIRONMENT_NAMES[cloud];
  if (environment) parts.push('-ExchangeEnvironmentName', environment);
  return parts.join(' ');
}

/** Registers the app in Exchange: `-ObjectId` is the enterprise application's (service principal's) Object ID. */
export function newServicePrincipal(appId: string, objectId: string): string {
  return `New-ServicePrincipal -AppId ${psValue(appId)} -ObjectId ${psValue(objectId)} -DisplayName ${psValue(SERVICE_PRINCIPAL_DISPLAY_NAME)}`;
}

/** What Exchange has registered: for one app (`-Identity` takes the AppId), or all of them. */
export function getServicePrincipal(appId?: string): string {
  return `Get-ServicePrincipal${appId !== undefined ? ` -Identity ${psValue(appId)}` : ''} | Format-List DisplayName,AppId,ObjectId`;
}

/** `-Identity` accepts the AppId (Remove-ServicePrincipal reference), so a wrongly registered one goes. */
export function removeServicePrincipal(appId: string): string {
  return `Remove-ServicePrincipal -Identity ${psValue(appId)}`;
}

/** FullAccess on the mailbox for `user`: a service principal's Object ID, or a person's UPN. */
export function addMailboxPermission(mailbox: string, user: string): string {
  return `Add-MailboxPermission -Identity ${psValue(mailbox)} -User ${psValue(user)} -AccessRights FullAccess`;
}

export function getMailboxPermission(mailbox: string): string {
  return `Get-MailboxPermission -Identity ${psValue(mailbox)} | Format-Table User,AccessRights,IsInherited`;
}

/** Send As on the mailbox for `trustee`, which sending as the mailbox over SMTP needs. */
export function addRecipientPermission(mailbox: string, trustee: string): string {
  return `Add-RecipientPermission -Identity ${psValue(mailbox)} -Trustee ${psValue(trustee)} -AccessRights SendAs`;
}

/** IMAP or POP3 on for this mailbox. */
export function enableMailboxProtocol(mailbox: string, protocol: IncomingProtocol): string {
  return `Set-CASMailbox -Identity ${psValue(mailbox)} ${protocol === 'imap' ? '-ImapEnabled' : '-PopEnabled'} $true`;
}

/** SMTP AUTH on for this mailbox (the mailbox setting overrides the organization's). */
export function enableMailboxSmtpAuth(mailbox: string): string {
  return `Set-CASMailbox -Identity ${psValue(mailbox)} -SmtpClientAuthenticationDisabled $false`;
}

export type CasMailboxProperty = 'ImapEnabled' | 'PopEnabled' | 'SmtpClientAuthenticationDisabled';

export function getCasMailbox(mailbox: string, properties: readonly CasMailboxProperty[]): string {
  return `Get-CASMailbox -Identity ${psValue(mailbox)} | Format-List ${properties.join(',')}`;
}

/** SMTP AUTH on for the whole organization. */
export const ENABLE_ORGANIZATION_SMTP_AUTH = 'Set-TransportConfig -SmtpClientAuthenticationDisabled $false';
export const GET_ORGANIZATION_SMTP_AUTH = 'Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled';

/**
 * RBAC for Applications, SMTP: the role assigned to the service principal (`-App`: its ObjectId or AppId),
 * limited to a management scope:
 * https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/smtp-app-rbac-onboarding
 */
export function newManagementRoleAssignment(app: string, role: string, scope: string): string {
  return `New-ManagementRoleAssignment -App ${psValue(app)} -Role ${psValue(role)} -CustomResourceScope ${psValue(scope)}`;
}

/** The Exchange role that lets an app send as the mailboxes of its scope over SMTP. */
export const SMTP_SEND_AS_APP_ROLE = 'Application SMTP.SendAsApp';

/** The management scope of one mailbox, named after it so each mailbox's scope is its own. */
export function mailboxScopeName(mailbox: string): string {
  return `${SERVICE_PRINCIPAL_DISPLAY_NAME} ${mailbox}`;
}

/**
 * A management scope holding exactly this mailbox, for `-CustomResourceScope`. The OPATH filter is one
 * double-quoted string with the address in single quotes, an apostrophe in it doubled:
 * https://learn.microsoft.com/en-us/powershell/exchange/recipient-filters
 */
export function newMailboxManagementScope(mailbox: string): string {
  const filter = `PrimarySmtpAddress -eq '${mailbox.replace(/'/g, "''")}'`;
  return `New-ManagementScope -Name ${psValue(mailboxScopeName(mailbox))} -RecipientRestrictionFilter ${psString(filter)}`;
}

/** Windows' port test (Test-NetConnection, NetTCPIP module). */
export function testNetConnection(host: string, port: number): string {
  return `Test-NetConnection -ComputerName ${psValue(host)} -Port ${port}`;
}

/** An environment variable for this PowerShell session. */
export function setEnvironmentVariable(name: string, value: string): string {
  return `$env:${name} = ${psString(value)}`;
}

/** The same with `…` where the person types the value (a secret is never printed, not even the file's). */
export function setEnvironmentVariableToType(name: string): string {
  return `$env:${name} = '…'`;
}

/** RBAC for Applications, SMTP, for one mailbox: its scope, then the role limited to it (SMTP_RBAC_DOC in urls.ts). */
export function smtpRbacForMailbox(app: string, mailbox: string): readonly [scope: string, assignment: string] {
  return [newMailboxManagementScope(mailbox), newManagementRoleAssignment(app, SMTP_SEND_AS_APP_ROLE, mailboxScopeName(mailbox))];
}

/**
 * Where Exchange Online keeps the mailbox: `UserMailbox` (in the cloud), `MailUser` (a hybrid mailbox still
 * on-premises: https://learn.microsoft.com/en-us/exchange/hybrid-deployment/move-mailboxes).
 */
export function getRecipientType(mailbox: string): string {
  return `Get-Recipient -Identity ${psValue(mailbox)} | Format-List RecipientTypeDetails`;
}
