import type { MessageKey } from '../core/message.js';

/**
 * Every check's title key by id, as plain data: what `report --from` needs to title a saved report's
 * checks in the sheet's language, without loading the checks (and their protocol and identity modules).
 * titles.test.ts keeps it equal to the registry's titles.
 */
export const CHECK_TITLES: Readonly<Record<string, MessageKey>> = {
  'config.secrets-inline': 'config.secretsInline.title',
  'config.smtp-port': 'config.smtpPort.title',
  'config.incoming-port': 'config.incomingPort.title',
  'config.secret-id-as-secret': 'config.secretIdAsSecret.title',
  'config.basic-auth': 'config.basicAuth.title',
  'dns.incoming': 'dns.incoming.title',
  'dns.outgoing': 'dns.outgoing.title',
  'entra.tenant': 'entra.tenant.title',
  'entra.credentials': 'entra.credentials.title',
  'entra.exchange-roles': 'entra.roles.title',
  'entra.object-id': 'entra.objectId.title',
  'entra.app': 'entra.app.title',
  'entra.redirect-uri': 'entra.redirect.title',
  'entra.secret-expiry': 'entra.secret.title',
  'entra.permissions': 'entra.permissions.title',
  'entra.admin-consent': 'entra.consent.title',
  'entra.admin-user': 'entra.adminUser.title',
  'entra.mailbox': 'entra.mailbox.title',
  'gmail.credentials': 'gmail.credentials.title',
  'smtp.connect': 'smtp.connect.title',
  'smtp.tls': 'smtp.tls.title',
  'smtp.auth': 'smtp.auth.title',
  'smtp.send': 'smtp.send.title',
  'incoming.connect': 'incoming.connect.title',
  'incoming.tls': 'incoming.tls.title',
  'incoming.auth': 'incoming.auth.title',
  'exchange.mailbox-access': 'exchange.access.title',
};
