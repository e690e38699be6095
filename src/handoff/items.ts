import type { Account } from '../config/types.js';
import { msg } from '../i18n/index.js';
import { gmailHandoffItems } from './gmail-items.js';
import { SECURITY_WORDS, type HandoffItem } from './item.js';

/**
 * The handoff sheet's "what to send" column: for each account, what the customer sends to Tactium for its
 * provider, in the order of the sheet. Secrets are items without a value: the sheet says they are sent
 * apart. Which checks prove each item is ITEM_PROOF's (proof.ts).
 */

export type { HandoffItem } from './item.js';

/**
 * Exchange Online permissions per flow and protocol (docs/provider-facts.md §Exchange permissions; "Authenticate an
 * IMAP, POP or SMTP connection using OAuth"): app roles for the application flow, delegated scopes (with
 * offline_access for the refresh token) for the delegated flow.
 */
function officePermissions(account: Account): string {
  const pop = account.incoming.protocol === 'pop3';
  if (account.auth.flow === 'application') return [pop ? 'POP.AccessAsApp' : 'IMAP.AccessAsApp', 'SMTP.SendAsApp'].join(', ');
  return [pop ? 'POP.AccessAsUser.All' : 'IMAP.AccessAsUser.All', 'SMTP.Send', 'offline_access'].join(', ');
}

function serverItems(account: Account): HandoffItem[] {
  const { incoming, outgoing } = account;
  return [
    {
      key: 'handoff.item.incomingProtocol',
      value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3',
      secret: false,
    },
    { key: 'handoff.item.incomingServer', value: incoming.host, secret: false },
    { key: 'handoff.item.incomingPort', value: String(incoming.port), secret: false },
    { key: 'handoff.item.incomingSecurity', value: SECURITY_WORDS[incoming.security], secret: false },
    { key: 'handoff.item.outgoingServer', value: outgoing.host, secret: false },
    { key: 'handoff.item.outgoingPort', value: String(outgoing.port), secret: false },
    { key: 'handoff.item.outgoingSecurity', value: SECURITY_WORDS[outgoing.security], secret: false },
  ];
}

function loginItems(account: Account): HandoffItem[] {
  return account.auth.username && account.auth.username !== account.mailbox
    ? [{ key: 'handoff.item.username', value: account.auth.username, secret: false }]
    : [];
}

function office365Items(account: Account): HandoffItem[] {
  const items: HandoffItem[] = [{ key: 'handoff.item.mailbox', value: account.mailbox, secret: false }];
  const { auth } = account;
  if (auth.method === 'password') {
    items.push(...loginItems(account), {
      key: 'handoff.item.password',
      value: null,
      secret: true,
    });
  } else {
    items.push(
      { key: 'handoff.item.tenant', value: auth.tenantId ?? null, secret: false },
      { key: 'handoff.item.clientId', value: auth.clientId ?? null, secret: false },
      { key: 'handoff.item.objectId', value: auth.objectId ?? null, secret: false },
      { key: 'handoff.item.secretId', value: auth.secretId ?? null, secret: false },
      { key: 'handoff.item.clientSecret', value: null, secret: true },
      { key: 'handoff.item.secretExpiry', value: auth.secretExpiresOn ?? null, secret: false },
    );
    if (auth.flow === 'delegated') {
      items.push({ key: 'handoff.item.redirectUri', value: auth.redirectUri ?? null, secret: false });
      items.push(...loginItems(account));
    }
    items.push(
      {
        key: 'handoff.item.flow',
        value: auth.flow ?? null,
        ...(auth.flow ? { display: msg(`handoff.flow.${auth.flow}`) } : {}),
        secret: false,
      },
      {
        key: 'handoff.item.permissions',
        value: officePermissions(account),
        secret: false,
      },
    );
  }
  items.push(...serverItems(account));
  if (auth.method === 'oauth2') items.push({ key: 'handoff.item.admin', value: account.admin?.user ?? null, secret: false });
  return items;
}

function imapItems(account: Account): HandoffItem[] {
  return [
    { key: 'handoff.item.mailbox', value: account.mailbox, secret: false },
    { key: 'handoff.item.login', value: account.auth.username ?? account.mailbox, secret: false },
    account.auth.method === 'password'
      ? { key: 'handoff.item.password', value: null, secret: true }
      : { key: 'handoff.item.accessToken', value: null, secret: true },
    ...serverItems(account),
  ];
}

/** The "what to send" items for this account's provider, in the order of the sheet. */
export function handoffItems(account: Account): HandoffItem[] {
  switch (account.provider) {
    case 'office365':
      return office365Items(account);
    case 'gmail':
      return gmailHandoffItems(account);
    case 'imap':
      return imapItems(account);
  }
}
