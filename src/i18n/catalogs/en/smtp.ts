/** English strings of the 'smtp' area: the outgoing-mail checks (smtp.connect, smtp.tls, smtp.auth, smtp.send). */
export const smtp = {
  'smtp.connect.title': 'The outgoing mail server (SMTP) answers',
  'smtp.tls.title': 'Outgoing mail is encrypted with a valid certificate',
  'smtp.auth.title': 'The mailbox logs in to send (SMTP AUTH)',
  'smtp.send.title': 'The server accepts this sender and a recipient',

  'smtp.evidence.greeting': 'greeting',
  'smtp.evidence.ehlo': 'EHLO capabilities',
  'smtp.evidence.ehloAfterTls': 'EHLO capabilities after TLS',
  'smtp.evidence.tlsMode': 'TLS mode',
  'smtp.evidence.authMechanisms': 'AUTH mechanisms offered',
  'smtp.evidence.mechanism': 'mechanism used',
  'smtp.evidence.username': 'login name',
  'smtp.evidence.tokenOrigin': 'token from',
  'smtp.evidence.challenge': 'server explanation (SASL)',
  'smtp.evidence.mailFrom': 'MAIL FROM reply',
  'smtp.evidence.rcptTo': 'RCPT TO reply',
  'smtp.evidence.reset': 'RSET reply',
  'smtp.evidence.data': 'message reply',
  'smtp.evidence.subject': 'test message subject',
  'smtp.evidence.recipient': 'test message recipient',
  'smtp.evidence.queueId': 'server queue id',

  'smtp.connect.pass': 'Connected to {host}:{port} ({address}) in {ms} ms; the server greets as "{greeting}"',

  'smtp.tls.passStarttls': 'STARTTLS: {version} with {cipher}; the certificate is valid for {host} until {validTo} ({days} days left)',
  'smtp.tls.passImplicit': 'Implicit TLS: {version} with {cipher}; the certificate is valid for {host} until {validTo} ({days} days left)',
  'smtp.tls.starttlsNotOffered':
    '{host} does not offer STARTTLS on port {port}: the connection cannot be encrypted, and the password or token would travel in clear text',
  'smtp.tls.starttlsRejected': '{host} advertised STARTTLS but refused it: "{reply}"',
  'smtp.tls.notEncryptedOffered': 'The account is set to "security: none": the connection is not encrypted, although {host} offers STARTTLS',
  'smtp.tls.notEncrypted': 'The account is set to "security: none" and {host} does not offer STARTTLS: the password or token travels in clear text',
  'smtp.fix.useStarttls': 'Encrypt the connection: change the account in the file to:',
  'smtp.fix.enableStarttls': "Ask the administrator of {host} to enable STARTTLS on port {port}, or use the server's implicit-TLS port:",

  'smtp.auth.pass': 'Logged in to {host} as {username} with AUTH {mechanism}',
  'smtp.auth.notOffered': '{host} offers no AUTH mechanism on this connection ({stage}): it does not accept logins here',
  'smtp.auth.mechanismUnsupported': '{host} offers AUTH {offered}, but this account needs {needed}',
  'smtp.auth.tokenFailed': 'No access token for SMTP: {reason}',
  'smtp.auth.noPassword': 'The account has no password to log in with',
  'smtp.auth.disabledTenant': 'Exchange Online refuses SMTP AUTH for {username}: it is turned off for the whole organization',
  'smtp.auth.disabledMailbox': 'Exchange Online refuses SMTP AUTH for {username}: it is turned off for this mailbox',
  'smtp.auth.basicDisabled': 'The server no longer accepts a password (basic authentication) for SMTP from {username}: OAuth is needed',
  'smtp.auth.securityDefaults': 'Microsoft Entra security defaults block the password login of {username}',
  'smtp.auth.conditionalAccess': 'A Conditional Access policy blocked the login of {username}',
  'smtp.auth.accountLocked': 'The account {username} is locked',
  'smtp.auth.disabled': 'Exchange Online refuses SMTP AUTH for {username} (5.7.139)',
  'smtp.auth.unsuccessfulOauth': 'Exchange Online rejected the OAuth token for {username} (535 5.7.3)',
  'smtp.auth.unsuccessfulPassword': 'Exchange Online rejected the user name or password of {username} (535 5.7.3)',
  'smtp.auth.gmailAppPassword': 'Google requires an app password for {username}: the account uses 2-Step Verification, so its regular password cannot log in',
  'smtp.auth.gmailBadCredentials': 'Google did not accept the user name and password of {username}',
  'smtp.auth.mechanismRejected': 'The server does not accept AUTH {mechanism} ({code})',
  'smtp.auth.temporary': 'The server could not check the login of {username} right now ({code}); it was not retried, to avoid a lockout',
  'smtp.auth.requiresTls': '{host} only accepts a login over an encrypted connection ({code}), and the account is set to "security: none"',
  'smtp.auth.rejected': 'The server rejected the login of {username} ({code})',
  'smtp.auth.onlyOnce': 'tactium-preflight tries a login only once, so that a wrong password cannot lock the account',

  'smtp.fix.tokenUnavailable': 'Give the check a token: set auth.accessToken in the file, or run with the sign-in this account needs (see above)',
  'smtp.fix.tokenFailed': 'Fix how the token is obtained first (the identity checks of this account show why it failed), then run the check again',
  'smtp.fix.connectExchange': 'Connect to Exchange Online PowerShell as an Exchange administrator:',
  'smtp.fix.tenantPortal': 'Exchange admin center › Settings › Mail flow › untick "Turn off SMTP AUTH protocol for your organization" › Save',
  'smtp.fix.tenantCommand': 'Or turn SMTP AUTH on for the organization:',
  'smtp.fix.preferMailbox': 'Better: leave it off for the organization and turn it on for this mailbox only (the mailbox setting wins):',
  'smtp.fix.tenantVerify': 'Check the organization setting:',
  'smtp.fix.mailboxPortal':
    'Microsoft 365 admin center › Users › Active users › {mailbox} › Mail › Manage email apps › tick "Authenticated SMTP" › Save changes',
  'smtp.fix.mailboxCommand': 'Or turn SMTP AUTH on for this mailbox:',
  'smtp.fix.mailboxVerify': 'Check the mailbox setting (empty means it follows the organization):',
  'smtp.fix.useOauth': 'Switch this account to OAuth (auth.method: oauth2): Microsoft is retiring basic authentication for SMTP AUTH',
  'smtp.fix.securityDefaults':
    'Microsoft Entra admin center › Overview › Properties › Manage security defaults: security defaults block password logins; OAuth works with them on',
  'smtp.fix.conditionalAccess':
    'Microsoft Entra admin center › Protection › Conditional Access › Policies: find the policy that blocks this sign-in (authentication flows, legacy authentication, locations)',
  'smtp.fix.signInLogs': 'Microsoft Entra admin center › Monitoring & health › Sign-in logs: open the failed sign-in of {username} to see which policy applied',
  'smtp.fix.unlockAccount': 'Ask an administrator to unlock {username} (Microsoft 365 admin center › Users › Active users), then run the check again',
  'smtp.fix.sendAsApp':
    'Microsoft Entra admin center › App registrations › {clientId} › API permissions › Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › SMTP.SendAsApp › Add, then Grant admin consent',
  'smtp.fix.servicePrincipal':
    "Register the application's service principal in Exchange Online (Object ID of the Enterprise application, not of the App registration):",
  'smtp.fix.mailboxPermission': 'Give the service principal access to the mailbox:',
  'smtp.fix.delegatedScope':
    'The token must be issued for the Outlook scope https://outlook.office.com/SMTP.Send (not Microsoft Graph) to {username}, or to a user with rights on that mailbox',
  'smtp.fix.checkPassword': 'Check the password ({reference}) and the login name {username} (auth.username, else the mailbox address)',
  'smtp.fix.gmailTwoStep':
    'Turn on 2-Step Verification for {username} (Google Account › Security › 2-Step Verification); a Workspace administrator must allow it first (admin.google.com › Security › Authentication › 2-step verification)',
  'smtp.fix.gmailAppPassword': 'Create an app password and put its 16 letters (without spaces) in the file as the password:',
  'smtp.fix.gmailNewAppPassword': 'Create a new app password (a password change revokes the old ones) and use the full address {username} as the login name:',
  'smtp.fix.mechanism': "The server refused AUTH {mechanism}: check that the account's method (password or oauth2) is one the server supports",
  'smtp.fix.retryLater': 'Try again in a few minutes; if it persists, ask the administrator of {host} to check its authentication service',
  'smtp.fix.authNotOffered': "Use the server's submission port (587 with STARTTLS) and ask its administrator to allow authenticated submission there",
  'smtp.fix.mechanismUnsupported': 'Ask the administrator of {host} to enable {needed}, or use the authentication method the server offers ({offered})',

  'smtp.send.passEnvelope': '{host} accepts {mailbox} as sender and recipient; the envelope was reset (RSET), nothing was delivered',
  'smtp.send.passSent': 'A test message to {recipient} was accepted by {host} (queue id {queueId}); subject "{subject}"',
  'smtp.send.notAuthenticated': '{host} refuses to send without a login ({code}): the session is not authenticated',
  'smtp.send.sendAsDenied': '{username} may not send as {mailbox} ({code})',
  'smtp.send.throttled': 'Exchange Online throttles {mailbox} after continuous errors ({code})',
  'smtp.send.basicDisabled': 'The server no longer accepts messages from a password (basic authentication) login ({code})',
  'smtp.send.senderRejected': '{host} refuses {mailbox} as sender ({code})',
  'smtp.send.recipientRejected': '{host} refuses {recipient} as recipient ({code})',
  'smtp.send.messageRejected': '{host} refused the test message ({code})',
  'smtp.send.temporary': '{host} answered with a temporary failure ({code}); try again later',
  'smtp.send.unexpected': '{host} answered "{reply}" to {stage}',

  'smtp.fix.sendAs': 'Give {username} the right to send as {mailbox}:',
  'smtp.fix.sendAsServicePrincipal': "Give the application's service principal the right to send as {mailbox}:",
  'smtp.fix.throttling': 'Fix what keeps failing (wrong sender, invalid recipients, licence) and wait for the block to lift; see:',
  'smtp.fix.checkSender': 'Check that the mailbox address {mailbox} exists on this server and that {username} may use it',
  'smtp.fix.checkRecipient': 'Check the address given to --send-to ({recipient})',
  'smtp.fix.authenticateFirst': 'Check that the login works (smtp.auth) and that SMTP AUTH is turned on for the mailbox',

  // A temporary refusal of a login that carried the credential.
  'smtp.fix.authTemporary':
    '{host} could not complete the login right now. Wait a few minutes, and before another attempt confirm the password or token and the login name {username}: a temporary answer can hide a failed login, and repeated failures can lock the account. If it persists, ask the administrator of {host} to check its authentication service',
  // Implicit TLS whose only session was the legacy-version retry (closed at once, see smtp.tls).
  'smtp.connect.passTlsOnly': 'Connected to {host}:{port} ({address}) in {ms} ms; the connection was closed after the TLS handshake, see smtp.tls',

  // AUTH not offered: the vendor's own step, only when the server is that vendor's.
  'smtp.fix.authNotOfferedExchangeOnline':
    'Exchange Online takes logins only at smtp.office365.com, port 587 with STARTTLS (the MX host *.mail.protection.outlook.com never offers AUTH); "Authenticated SMTP" must also be on for {mailbox}',
  'smtp.fix.authNotOfferedExchangeServer':
    'Exchange Server offers AUTH to mail clients on its "Client Frontend" receive connector (port 587, after STARTTLS); port 25 ("Default Frontend") is for other mail servers. To see which connector listens where and what it offers, in the Exchange Management Shell:',
} as const;
