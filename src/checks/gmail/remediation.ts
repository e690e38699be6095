/**
 * Where to click for Gmail and Google Workspace (../shared/reference/providers.md §4.5, §6), with this
 * account's values filled in. Google Cloud console pages of the Google Auth Platform
 * (https://support.google.com/cloud/answer/15549945) and the Google Admin console's API controls
 * (https://support.google.com/a/answer/7281227).
 */
import type { Account } from '../../config/types.js';
import { msg } from '../../i18n/index.js';
import type { Remediation } from '../../core/check.js';

export const GOOGLE_APP_PASSWORDS_URL = 'https://myaccount.google.com/apppasswords';
export const GOOGLE_TWO_STEP_URL = 'https://myaccount.google.com/signinoptions/twosv';
export const GOOGLE_CONNECTIONS_URL = 'https://myaccount.google.com/connections';
export const CLOUD_CLIENTS_URL = 'https://console.cloud.google.com/auth/clients';
export const CLOUD_AUDIENCE_URL = 'https://console.cloud.google.com/auth/audience';
export const CLOUD_DATA_ACCESS_URL = 'https://console.cloud.google.com/auth/scopes';
/** Gmail's "too many login attempts" page, linked from its 454 4.7.0 reply. */
export const GMAIL_LOGIN_ATTEMPTS_URL = 'https://support.google.com/mail/answer/7126229';

/** Personal Gmail addresses; any other domain on Gmail is a Google Workspace domain with an administrator. */
export function isWorkspaceMailbox(account: Account): boolean {
  const domain = account.mailbox.split('@')[1]?.toLowerCase() ?? '';
  return domain !== 'gmail.com' && domain !== 'googlemail.com';
}

export function clientIdOf(account: Account): string {
  return account.auth.clientId ?? '<client ID>';
}

/** A fresh refresh token: the only way back from a dead one (`--login` can prove one on site, for that run only). */
export function reauthorise(account: Account): Remediation {
  return { kind: 'text', message: msg('gmail.fix.reauthorise', { clientId: clientIdOf(account), mailbox: account.mailbox, reference: account.auth.refreshToken?.reference ?? 'auth.refreshToken' }) };
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
