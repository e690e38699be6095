/**
 * exchange.mailbox-access's own helpers: the protocol names it prints and the `check --login` line. Its
 * PowerShell lines come from ../../providers/microsoft/powershell.ts. `-User` / `-Trustee` of an app is its
 * service principal: the enterprise application's Object ID, which is the `oid` of the app-only token; of a
 * delegated sign-in, the user who signs in.
 */
import type { Account, IncomingProtocol } from '../../../config/types.js';

export function protocolLabel(protocol: IncomingProtocol | 'smtp'): 'IMAP' | 'POP3' | 'SMTP' {
  return protocol === 'imap' ? 'IMAP' : protocol === 'pop3' ? 'POP3' : 'SMTP';
}

/** The `check` command line that runs the sign-in again for this account. */
export function loginCommand(file: string, account: Account): string {
  const path = /[\s"']/.test(file) ? `"${file.replace(/"/g, '\\"')}"` : file;
  return `tactium-preflight check ${path} --login --account ${account.name}`;
}
