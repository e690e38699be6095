/**
 * Where to click for Gmail and Google Workspace, with this
 * account's values filled in. Google Cloud console pages of the Google Auth Platform
 * (https://support.google.com/cloud/answer/15549945) and the Google Admin console's API controls
 * (https://support.google.com/a/answer/7281227).
 */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Remediation } from '../../../core/check.js';
import { CLOUD_DATA_ACCESS_URL } from '../../../providers/google.js';

// A vendor fact the handoff sheet needs too, so it lives with Google's other facts.
export { isWorkspaceMailbox } from '../../../providers/google.js';

export function clientIdOf(account: Account): string {
  return account.auth.clientId ?? '<client ID>';
}

/** A fresh refresh token: the only way back from a dead one (`--login` can prove one on site, for that run only). */
export function reauthorise(account: Account): Remediation {
  return {
    kind: 'text',
    message: msg('gmail.fix.reauthorise', {
      clientId: clientIdOf(account),
      mailbox: account.mailbox,
      reference: account.auth.refreshToken?.reference ?? 'auth.refreshToken',
    }),
  };
}

/** Data access › Add or remove scopes › https://mail.google.com/, then a new refresh token. */
export function addMailScope(account: Account): Remediation[] {
  return [{ kind: 'url', message: msg('gmail.fix.dataAccess'), target: CLOUD_DATA_ACCESS_URL }, reauthorise(account)];
}

/** Admin console › Security › Access and data control › API controls › Manage Third-Party App Access › Trusted. */
export function trustClient(account: Account): Remediation[] {
  const steps: Remediation[] = [{ kind: 'portal', message: msg('gmail.fix.trustClient', { clientId: clientIdOf(account) }) }];
  if (account.admin?.user) steps.push({ kind: 'text', message: msg('gmail.fix.adminIs', { admin: account.admin.user }) });
  return steps;
}
