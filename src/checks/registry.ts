import type { Check } from '../core/check.js';
import { registerTokenProvider } from './shared/token-provider.js';
import { entraTokenProvider } from './shared/entra-token-provider.js';
import { googleTokenProvider } from './shared/google-token-provider.js';
import { delegatedTokenProvider } from './shared/delegated-sign-in.js';
import { secretsInlineCheck } from './config/secrets-inline.js';
import { smtpPortCheck } from './config/smtp-port.js';
import { incomingPortCheck } from './config/incoming-port.js';
import { secretIdAsSecretCheck } from './config/secret-id-as-secret.js';
import { basicAuthCheck } from './config/basic-auth.js';
import { dnsIncomingCheck } from './dns/incoming.js';
import { dnsOutgoingCheck } from './dns/outgoing.js';
import { dnsMxCheck } from './dns/mx.js';
import { gmailCredentialsCheck } from './gmail/credentials.js';
import { smtpConnectCheck } from './smtp/connect.js';
import { smtpTlsCheck } from './smtp/tls.js';
import { smtpAuthCheck } from './smtp/auth.js';
import { smtpSendCheck } from './smtp/send.js';
import { entraTenantCheck } from './entra/tenant.js';
import { entraCredentialsCheck } from './entra/credentials.js';
import { entraExchangeRolesCheck } from './entra/exchange-roles.js';
import { entraObjectIdCheck } from './entra/object-id.js';
import { entraAppCheck } from './entra/app.js';
import { entraRedirectUriCheck } from './entra/redirect-uri.js';
import { entraSecretExpiryCheck } from './entra/secret-expiry.js';
import { entraPermissionsCheck } from './entra/permissions.js';
import { entraAdminConsentCheck } from './entra/admin-consent.js';
import { entraAdminUserCheck } from './entra/admin-user.js';
import { entraMailboxCheck } from './entra/mailbox.js';
import { exchangeMailboxAccessCheck } from './exchange/mailbox-access.js';
import { incomingConnectCheck } from './incoming/connect.js';
import { incomingTlsCheck } from './incoming/tls.js';
import { incomingAuthCheck } from './incoming/auth.js';

/**
 * Every check, in report order, grouped by area (expo-doctor style: explicit, easy to grep).
 * Check ids are stable forever; add new checks, never rename.
 */
export const CHECKS: readonly Check[] = [
  // Configuration (the file only)
  secretsInlineCheck,
  smtpPortCheck,
  incomingPortCheck,
  secretIdAsSecretCheck,
  basicAuthCheck,
  // DNS
  dnsIncomingCheck,
  dnsOutgoingCheck,
  dnsMxCheck,
  // Microsoft Entra ID (Office 365 OAuth)
  entraTenantCheck,
  entraCredentialsCheck,
  entraExchangeRolesCheck,
  entraObjectIdCheck,
  entraAppCheck,
  entraRedirectUriCheck,
  entraSecretExpiryCheck,
  entraPermissionsCheck,
  entraAdminConsentCheck,
  entraAdminUserCheck,
  entraMailboxCheck,
  // Gmail / Google Workspace
  gmailCredentialsCheck,
  // Outgoing mail (SMTP)
  smtpConnectCheck,
  smtpTlsCheck,
  smtpAuthCheck,
  smtpSendCheck,
  // Incoming mail (IMAP / POP3)
  incomingConnectCheck,
  incomingTlsCheck,
  incomingAuthCheck,
  // Exchange Online (what the mail logins proved, for the Office 365 application flow)
  exchangeMailboxAccessCheck,
];

// Tokens for the mail checks' XOAUTH2 logins: the Office 365 application and delegated flows, Google OAuth.
registerTokenProvider(entraTokenProvider);
registerTokenProvider(delegatedTokenProvider);
registerTokenProvider(googleTokenProvider);
