/**
 * Exchange's `BAD User is authenticated but not connected.`: the login was accepted, then the signed-in
 * identity could not open the mailbox (https://github.com/jstedfast/MailKit/issues/1496,
 * https://github.com/simonrob/email-oauth2-proxy/issues/275). The cause depends on who signed in, whatever
 * the configured provider:
 * - an app-only token: the service principal is not registered in Exchange, or has no FullAccess on the
 *   mailbox (New-ServicePrincipal, Add-MailboxPermission);
 * - a person (delegated token or password): that person has no FullAccess on this mailbox, or the mailbox
 *   is not hosted where this server can open it (a hybrid deployment: still on-premises while the login
 *   went to Exchange Online, or already moved to Exchange Online while the login went on-premises).
 */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import type { Remediation } from '../../../core/check.js';
import { addMailboxPermission, getMailboxPermission, getRecipientType } from '../../../providers/microsoft/powershell.js';
import type { SignInKind } from '../../shared/sign-in-kind.js';
import { addMailboxPermissionCommand, exchangeConnectCommand, newServicePrincipalCommand } from './remediation.js';

export interface NotConnectedDiagnosis {
  readonly code: 'EXCHANGE_NOT_CONNECTED' | 'MAILBOX_NOT_ACCESSIBLE';
  readonly summary: Message;
  readonly remediation: Remediation[];
}

/** The diagnosis for this sign-in; `person` is who signed in (a delegated token's user, or the login name). */
export function notConnectedDiagnosis(account: Account, kind: SignInKind, person: string, reply: string): NotConnectedDiagnosis {
  const mailbox = account.mailbox;
  const command = (message: Message, target: string): Remediation => ({ kind: 'command', message, target });
  const appFixes: Remediation[] = [
    command(msg('incoming.auth.fix.notConnected', { mailbox }), exchangeConnectCommand(account)),
    command(msg('incoming.auth.fix.notConnected', { mailbox }), newServicePrincipalCommand(account)),
    command(msg('incoming.auth.fix.notConnected', { mailbox }), addMailboxPermissionCommand(account)),
    { kind: 'text', message: msg('incoming.auth.fix.notConnectedObjectId') },
  ];
  if (kind === 'app-only')
    return { code: 'EXCHANGE_NOT_CONNECTED', summary: msg('incoming.auth.notConnected', { user: person, reply }), remediation: appFixes };

  const own = person.toLowerCase() === mailbox.toLowerCase();
  const fullAccess: Remediation[] = [
    command(msg('incoming.auth.fix.personFullAccess', { user: person, mailbox }), addMailboxPermission(mailbox, person)),
    command(msg('incoming.auth.fix.personFullAccessVerify', { mailbox }), getMailboxPermission(mailbox)),
  ];
  const hybrid: Remediation[] = [command(msg('incoming.auth.fix.mailboxHybrid', { mailbox }), getRecipientType(mailbox))];
  // Someone else's mailbox: the missing right comes first; one's own: only where it lives can be wrong.
  const ranked = own ? hybrid : [...fullAccess, ...hybrid];
  const remediation: Remediation[] = [{ kind: 'text', message: msg('incoming.auth.fix.notConnectedPerson', { user: person, mailbox }) }, ...ranked];
  if (kind === 'unknown') remediation.push({ kind: 'text', message: msg('incoming.auth.fix.notConnectedIfApp') }, ...appFixes);
  return { code: 'MAILBOX_NOT_ACCESSIBLE', summary: msg('incoming.auth.mailboxNotAccessible', { user: person, mailbox, reply }), remediation };
}
