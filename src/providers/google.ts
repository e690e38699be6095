/**
 * Google's pages the Gmail fixes link to, and Gmail's OAuth scope. One constant per page.
 * App passwords: https://support.google.com/accounts/answer/185833; OAuth for IMAP/SMTP:
 * https://developers.google.com/gmail/imap/xoauth2-protocol
 */
import type { Account } from '../config/types.js';

/** The full-mailbox scope IMAP, POP and SMTP need. */
export const GMAIL_SCOPE = 'https://mail.google.com/';
/** Gmail on the web, where "web login required" is cleared by signing in once. */
export const GMAIL_WEB_URL = 'https://mail.google.com/';
export const GOOGLE_APP_PASSWORDS_URL = 'https://myaccount.google.com/apppasswords';
export const GOOGLE_TWO_STEP_URL = 'https://myaccount.google.com/signinoptions/twosv';
export const GOOGLE_CONNECTIONS_URL = 'https://myaccount.google.com/connections';
/** Google Auth Platform › Clients (OAuth client IDs, redirect URIs). */
export const CLOUD_CLIENTS_URL = 'https://console.cloud.google.com/auth/clients';
/** Google Auth Platform › Audience (publishing status, test users). */
export const CLOUD_AUDIENCE_URL = 'https://console.cloud.google.com/auth/audience';
/** Google Auth Platform › Data access (scopes). */
export const CLOUD_DATA_ACCESS_URL = 'https://console.cloud.google.com/auth/scopes';
/** "Too many login attempts" / unusual sign-in activity. */
export const GMAIL_LOGIN_ATTEMPTS_URL = 'https://support.google.com/mail/answer/7126229';

/** Personal Gmail addresses; any other domain on Gmail is a Google Workspace domain with an administrator. */
export function isWorkspaceMailbox(account: Pick<Account, 'mailbox'>): boolean {
  const domain = account.mailbox.split('@')[1]?.toLowerCase() ?? '';
  return domain !== 'gmail.com' && domain !== 'googlemail.com';
}
