/**
 * What the customer sends to Tactium for a Gmail / Google Workspace mailbox, as data for the `report`
 * sheet: each item with its value (never a secret's: those are `null` with `secret: true`) and the checks
 * whose results prove it. Gmail OAuth is a Google Cloud OAuth client (https://developers.google.com/gmail/imap/xoauth2-protocol): client ID,
 * client secret and a refresh token for `https://mail.google.com/` — nothing from Azure.
 */
import type { Account } from '../../../config/types.js';
import { GMAIL_SCOPE } from '../../../providers/google.js';
import type { MessageKey } from '../../../core/message.js';
import { isWorkspaceMailbox } from './remediation.js';

export interface HandoffItem {
  /** The item's label (a message key, translated by the sheet). */
  readonly key: MessageKey;
  /** What to send; `null` for a secret (sent separately, never printed) or for something unknown. */
  readonly value: string | null;
  readonly secret: boolean;
  /** Ids of the checks whose results verify this item (the sheet shows their status beside it). */
  readonly verifiedBy: string[];
}

const SECURITY_WORDS = { tls: 'SSL/TLS', starttls: 'STARTTLS', none: 'none' } as const;

/** The Gmail handoff items for this account, in the order the sheet lists them. */
export function gmailHandoffItems(account: Account): HandoffItem[] {
  const login = ['incoming.auth', 'smtp.auth'];
  const items: HandoffItem[] = [{ key: 'gmail.handoff.mailbox', value: account.mailbox, secret: false, verifiedBy: login }];
  if (account.auth.username && account.auth.username !== account.mailbox) {
    items.push({ key: 'gmail.handoff.username', value: account.auth.username, secret: false, verifiedBy: login });
  }
  if (account.auth.method === 'password') {
    items.push({ key: 'gmail.handoff.appPassword', value: null, secret: true, verifiedBy: ['gmail.credentials', ...login] });
  } else {
    items.push(
      { key: 'gmail.handoff.clientId', value: account.auth.clientId ?? null, secret: false, verifiedBy: ['gmail.credentials'] },
      { key: 'gmail.handoff.clientSecret', value: null, secret: true, verifiedBy: ['gmail.credentials'] },
      { key: 'gmail.handoff.refreshToken', value: null, secret: true, verifiedBy: ['gmail.credentials', ...login] },
      { key: 'gmail.handoff.scope', value: GMAIL_SCOPE, secret: false, verifiedBy: ['gmail.credentials'] },
    );
  }
  const incoming = account.incoming;
  items.push(
    { key: 'gmail.handoff.incomingProtocol', value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3', secret: false, verifiedBy: ['incoming.connect'] },
    { key: 'gmail.handoff.incomingServer', value: incoming.host, secret: false, verifiedBy: ['dns.incoming', 'incoming.connect'] },
    { key: 'gmail.handoff.incomingPort', value: String(incoming.port), secret: false, verifiedBy: ['incoming.connect'] },
    { key: 'gmail.handoff.incomingSecurity', value: SECURITY_WORDS[incoming.security], secret: false, verifiedBy: ['config.incoming-port', 'incoming.tls'] },
    { key: 'gmail.handoff.outgoingServer', value: account.outgoing.host, secret: false, verifiedBy: ['dns.outgoing', 'smtp.connect'] },
    { key: 'gmail.handoff.outgoingPort', value: String(account.outgoing.port), secret: false, verifiedBy: ['config.smtp-port', 'smtp.connect'] },
    { key: 'gmail.handoff.outgoingSecurity', value: SECURITY_WORDS[account.outgoing.security], secret: false, verifiedBy: ['config.smtp-port', 'smtp.tls'] },
  );
  if (isWorkspaceMailbox(account)) {
    // A Workspace administrator allows IMAP/POP for the users (a refused login says otherwise) and, for
    // OAuth, marks the client Trusted in API controls (admin_policy_enforced otherwise).
    items.push({ key: 'gmail.handoff.workspaceAdmin', value: account.admin?.user ?? null, secret: false, verifiedBy: [] });
    items.push({
      key: 'gmail.handoff.workspaceMailAccess',
      value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3',
      secret: false,
      verifiedBy: ['incoming.auth'],
    });
    if (account.auth.method === 'oauth2') {
      items.push({ key: 'gmail.handoff.workspaceTrustedClient', value: account.auth.clientId ?? null, secret: false, verifiedBy: ['gmail.credentials'] });
    }
  }
  return items;
}
