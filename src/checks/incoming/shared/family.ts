/**
 * The server family behind an IMAP/POP3 session (../../../providers/server-families.ts), for the evidence of
 * incoming.connect, incoming.tls and incoming.auth, and for choosing vendor advice: Exchange Online steps
 * only for Exchange Online (or `provider: office365`), Exchange Server steps for an on-premises Exchange
 * behind `provider: imap`, and no vendor at all for a server that does not name itself.
 */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Evidence, Remediation } from '../../../core/check.js';
import type { IncomingSession } from '../../../probes/incoming-session.js';
import type { LoginOutcome } from '../../../probes/incoming-login.js';
import type { ReplyDiagnosis } from '../../../probes/incoming-replies.js';
import { enableMailboxProtocol } from '../../../providers/microsoft/powershell.js';
import { familyEvidence, isExchange, recogniseServer, type ServerFamily } from '../../../providers/server-families.js';
import { protocolName } from './remediation.js';

/** What the session saw of the server so far: greeting, capabilities, and the login's replies when given. */
export function incomingFamily(session: IncomingSession, login?: LoginOutcome): ServerFamily | undefined {
  const capabilities = session.protocol === 'imap' ? [...(session.capabilitiesBefore ?? []), ...(session.capabilities ?? [])] : session.pop3Capabilities?.lines;
  const replies = [login?.loginLine, login?.mailboxLine, login?.byeLine].filter((line): line is string => typeof line === 'string');
  return recogniseServer({
    protocol: session.protocol,
    ...(session.greeting ? { greeting: session.greeting } : {}),
    ...(capabilities ? { capabilities } : {}),
    replies,
  });
}

export function familyEntry(found: ServerFamily | undefined): Evidence[] {
  return found ? [{ label: 'mail.evidence.serverFamily', value: familyEvidence(found) }] : [];
}

/** Exchange Online's advice applies: the configured provider says so, or the server is Exchange Online. */
export function exchangeOnline(account: Account, found: ServerFamily | undefined): boolean {
  return account.provider === 'office365' || found?.id === 'exchange-online';
}

/** An on-premises Exchange behind `provider: imap`: Exchange Server's advice, not Exchange Online's. */
export function exchangeOnPremises(account: Account, found: ServerFamily | undefined): boolean {
  return account.provider === 'imap' && found?.id === 'exchange-onprem';
}

/**
 * Exchange's bare `NO AUTHENTICATE failed.` is diagnosed as Exchange's only on a server not known to be
 * another family's: elsewhere it is an ordinary refused login.
 */
export function refineDiagnosis(kind: ReplyDiagnosis, found: ServerFamily | undefined): ReplyDiagnosis {
  return kind === 'exchange-rejected' && found !== undefined && !isExchange(found) ? 'auth-failed' : kind;
}

/**
 * An on-premises Exchange refused a password: the login name form, the protocol for the mailbox, and
 * Exchange's default IMAP/POP login type (SecureLogin: plain-text logins only over TLS):
 * https://learn.microsoft.com/en-us/exchange/clients/pop3-and-imap4/configure-imap4 and
 * https://learn.microsoft.com/en-us/powershell/module/exchange/set-imapsettings (-LoginType).
 */
export function exchangeOnPremisesFixes(account: Account, user: string): Remediation[] {
  const protocol = protocolName(account.incoming.protocol);
  const settings = account.incoming.protocol === 'imap' ? 'Get-ImapSettings' : 'Get-PopSettings';
  return [
    { kind: 'text', message: msg('incoming.auth.fix.exchangeServerLogin', { user }) },
    {
      kind: 'command',
      message: msg('incoming.auth.fix.exchangeServerProtocol', { protocol }),
      target: enableMailboxProtocol(account.mailbox, account.incoming.protocol),
    },
    {
      kind: 'command',
      message: msg('incoming.auth.fix.exchangeServerSettings', { protocol }),
      target: `${settings} | Format-List LoginType,X509CertificateName`,
    },
  ];
}
