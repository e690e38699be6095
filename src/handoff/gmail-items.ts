/**
 * What the customer sends to Tactium for a Gmail / Google Workspace mailbox, as data for the `report`
 * sheet: each item with its value (never a secret's: those are `null` with `secret: true`). Gmail OAuth is
 * a Google Cloud OAuth client (https://developers.google.com/gmail/imap/xoauth2-protocol): client ID,
 * client secret and a refresh token for `https://mail.google.com/` — nothing from Azure. Which checks prove
 * each item is ITEM_PROOF's (proof.ts).
 */
import type { Account } from '../config/types.js';
import { GMAIL_SCOPE, isWorkspaceMailbox } from '../providers/google.js';
import { SECURITY_WORDS, type HandoffItem } from './item.js';

/** The Gmail handoff items for this account, in the order the sheet lists them. */
export function gmailHandoffItems(account: Account): HandoffItem[] {
  const items: HandoffItem[] = [{ key: 'gmail.handoff.mailbox', value: account.mailbox, secret: false }];
  if (account.auth.username && account.auth.username !== account.mailbox) {
    items.push({ key: 'gmail.handoff.username', value: account.auth.username, secret: false });
  }
  if (account.auth.method === 'password') {
    items.push({ key: 'gmail.handoff.appPassword', value: null, secret: true });
  } else {
    items.push(
      { key: 'gmail.handoff.clientId', value: account.auth.clientId ?? null, secret: false },
      { key: 'gmail.handoff.clientSecret', value: null, secret: true },
      { key: 'gmail.handoff.refreshToken', value: null, secret: true },
      { key: 'gmail.handoff.scope', value: GMAIL_SCOPE, secret: false },
    );
  }
  const incoming = account.incoming;
  items.push(
    { key: 'gmail.handoff.incomingProtocol', value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3', secret: false },
    { key: 'gmail.handoff.incomingServer', value: incoming.host, secret: false },
    { key: 'gmail.handoff.incomingPort', value: String(incoming.port), secret: false },
    { key: 'gmail.handoff.incomingSecurity', value: SECURITY_WORDS[incoming.security], secret: false },
    { key: 'gmail.handoff.outgoingServer', value: account.outgoing.host, secret: false },
    { key: 'gmail.handoff.outgoingPort', value: String(account.outgoing.port), secret: false },
    { key: 'gmail.handoff.outgoingSecurity', value: SECURITY_WORDS[account.outgoing.security], secret: false },
  );
  if (isWorkspaceMailbox(account)) {
    // A Workspace administrator allows IMAP/POP for the users (a refused login says otherwise) and, for
    // OAuth, marks the client Trusted in API controls (admin_policy_enforced otherwise).
    items.push({ key: 'gmail.handoff.workspaceAdmin', value: account.admin?.user ?? null, secret: false });
    items.push({ key: 'gmail.handoff.workspaceMailAccess', value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3', secret: false });
    if (account.auth.method === 'oauth2') {
      items.push({ key: 'gmail.handoff.workspaceTrustedClient', value: account.auth.clientId ?? null, secret: false });
    }
  }
  return items;
}
