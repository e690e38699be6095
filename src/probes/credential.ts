/**
 * The credential of one mail login (SMTP AUTH, IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS or AUTH): a password
 * or an OAuth access token, with the login name sent. The Secret is revealed only to build the protocol line
 * or the SASL blob.
 */
import type { Secret } from '../secrets/secret.js';

export type MailCredential =
  { readonly kind: 'password'; readonly user: string; readonly password: Secret } | { readonly kind: 'token'; readonly user: string; readonly token: Secret };
