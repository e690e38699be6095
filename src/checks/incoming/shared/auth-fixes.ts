/** The remediation steps of incoming.auth that do not depend on the session: the helpers and the fix lists. */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { MessageArgs, MessageKey, MessageParams } from '../../../core/message.js';
import type { Remediation } from '../../../core/check.js';
import {
  addMailboxPermissionCommand,
  exchangeConnectCommand,
  exchangeDelegatedScope,
  exchangeRole,
  newServicePrincipalCommand,
  protocolName,
  setCasMailboxCommand,
} from './remediation.js';

/** A text step; the key's parameters (typed as msg's), then an optional target. */
export function text<K extends MessageKey>(key: K, ...rest: [...MessageArgs<K>, target?: string]): Remediation {
  const params = rest[0] as MessageParams | undefined;
  const target = rest[1] as string | undefined;
  return { kind: 'text', message: params ? { key, params } : { key }, ...(target ? { target } : {}) };
}

export function command<K extends MessageKey>(key: K, target: string, ...params: MessageArgs<K>): Remediation {
  return { kind: 'command', message: msg(key, ...params), target };
}

export function protocolDisabledFixes(account: Account, line: string, exchangeOnline: boolean): Remediation[] {
  const protocol = protocolName(account.incoming.protocol);
  const user = account.auth.username ?? account.mailbox;
  if (account.provider === 'gmail') {
    return /domain/i.test(line)
      ? [{ kind: 'portal', message: msg('incoming.auth.fix.gmailImapDisabledDomain', { protocol }) }]
      : [
          { kind: 'portal', message: msg('incoming.auth.fix.gmailImapDisabledUser', { protocol }) },
          { kind: 'portal', message: msg('incoming.auth.fix.gmailImapDisabledDomain', { protocol }) },
        ];
  }
  if (exchangeOnline) {
    return [
      {
        kind: 'command',
        message: msg('incoming.auth.fix.exchangeProtocolDisabled', { protocol, user: account.mailbox }),
        target: setCasMailboxCommand(account, account.incoming.protocol),
      },
    ];
  }
  return [text('incoming.auth.fix.askAdmin', { protocol, user })];
}

/**
 * The causes of Exchange's generic OAuth refusal, most frequent first
 * (docs/provider-facts.md §IMAP/POP OAuth failures).
 */
export function exchangeRankedFixes(account: Account): Remediation[] {
  const protocol = protocolName(account.incoming.protocol);
  const fixes: Remediation[] = [
    text('incoming.auth.fix.exchangeRanked'),
    text('incoming.auth.fix.exchangeAudience', { scope: exchangeDelegatedScope(account.incoming.protocol) }),
    command('incoming.auth.fix.exchangeServicePrincipal', `${exchangeConnectCommand(account)}\n${newServicePrincipalCommand(account)}`),
    command('incoming.auth.fix.exchangeMailboxPermission', addMailboxPermissionCommand(account), { mailbox: account.mailbox }),
    { kind: 'portal', message: msg('incoming.auth.fix.exchangeRole', { role: exchangeRole(account.incoming.protocol) }) },
    text('incoming.auth.fix.exchangeDelegatedUser', { mailbox: account.mailbox }),
    command('incoming.auth.fix.exchangeProtocolOff', setCasMailboxCommand(account, account.incoming.protocol), { protocol }),
  ];
  return fixes;
}
