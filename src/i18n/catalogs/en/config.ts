/** English strings of the 'config' area: the checks that read only the configuration file. */
export const config = {
  'config.secrets-inline.title': 'No secret is written in the file',
  'config.secretsInline.pass': 'every secret is a ${env:…} or ${file:…} reference',
  'config.secretsInline.warn': 'a secret is written in the file itself ({keys}): anyone who sees the file sees it',
  'config.secretsInline.fix.replace': 'In the file, replace the value of {key} with a reference to the environment variable {name}:',
  'config.secretsInline.fix.powershell': 'Windows PowerShell: set {name} for this window (replace … with the value):',
  'config.secretsInline.fix.setx': 'Windows: or keep {name} for every new window (setx does not change the current one; open a new terminal afterwards):',
  'config.secretsInline.fix.posix': 'Linux and macOS: set {name} for this terminal (add the line to ~/.profile, or to the service’s environment, to keep it):',
  'config.secretsInline.fix.file': 'Or keep the value alone in a file beside the configuration ({file}, readable only by you) and reference it:',
  'config.secretsInline.rotate.clientSecret':
    'If the file was committed to a repository or shared (e-mail, chat, ticket), treat the secret as exposed: Entra admin center › App registrations › the app › Certificates & secrets › New client secret; put the new Value in the variable, update it in Tactium, then delete the old secret.',
  'config.secretsInline.rotate.password':
    'If the file was committed to a repository or shared (e-mail, chat, ticket), treat the password as exposed and change it (a Gmail app password: revoke it at https://myaccount.google.com/apppasswords and create a new one), then update it in Tactium.',
  'config.secretsInline.rotate.refreshToken':
    'If the file was committed to a repository or shared (e-mail, chat, ticket), treat the refresh token as exposed: remove the app’s access at https://myaccount.google.com/permissions and authorise it again to get a new one.',
  'config.secretsInline.rotate.accessToken':
    'If the file was committed to a repository or shared, the access token was exposed until it expires (usually within an hour): do not reuse it; get a new one when you test again.',

  'config.smtp-port.title': 'The outgoing port and encryption can work',
  'config.smtpPort.pass': 'port {port} with {security} is a working combination',
  'config.smtpPort.passNonStandard': 'port {port} is not a standard submission port; make sure the server really listens there with {security}',
  'config.smtpPort.office365ImplicitTls':
    'Office 365 does not accept sending on port {port} with security {security}: Microsoft says that a device using port 465 (implicit TLS) does not support SMTP AUTH client submission; it must be port 587 with STARTTLS',
  'config.smtpPort.implicitPortWithoutTls':
    'port {port} speaks TLS from the first byte, so security {security} cannot work: the client would wait for a plain-text greeting that never comes',
  'config.smtpPort.plaintextPortWithTls':
    'port {port} starts in plain text and upgrades with STARTTLS, so security tls cannot work: the client would start a TLS handshake and receive the server’s plain-text greeting',
  'config.smtpPort.noTlsProvider': 'security none would send the login and password in clear text, and {provider} refuses to log in without TLS',
  'config.smtpPort.noTls': 'security none sends the login and password in clear text over the network',
  'config.smtpPort.port25':
    'port 25 is meant for server-to-server delivery, not for a client that sends mail, and is often blocked outbound by internet providers (in Brazil, by the CGI.br Port 25 Management policy)',
  'config.smtpPort.undocumentedPort': '{provider} does not document port {port} for sending (documented: {documented}); the connection will probably fail',
  'config.smtpPort.fix.keepPort': 'Keep the port and use security {security}:',
  'config.smtpPort.fix.useTls': 'Use an encrypted connection if the server offers one (most do: STARTTLS on 587, or implicit TLS on 465):',
  'config.smtpPort.fix.port587': 'Use the submission port 587 with STARTTLS, if the provider offers it (Office 365 and Gmail do):',
  'config.smtpPort.fix.port25Source': 'Why port 25 is blocked on Brazilian access networks (CGI.br, antispam.br):',
  'config.smtpPort.fix.office365': 'Office 365 takes outgoing mail on port 587 with STARTTLS only; in the file, write:',
  'config.smtpPort.fix.office365Source': 'Microsoft’s page with the supported settings:',
  'config.smtpPort.fix.tactium': 'Change the same in Tactium’s e-mail settings: outgoing server {host}, port {port}, encryption {security}.',

  'config.incoming-port.title': 'The incoming protocol, port and encryption can work',
  'config.incomingPort.pass': '{protocol} on port {port} with {security} is a working combination',
  'config.incomingPort.passNonStandard': 'port {port} is not the standard {protocol} port; make sure the server really listens there with {security}',
  'config.incomingPort.protocolMismatch':
    'port {port} is the {otherProtocol} port, but the protocol is {protocol}: the server would greet in the other protocol',
  'config.incomingPort.implicitPortWithoutTls':
    'port {port} speaks TLS from the first byte, so security {security} cannot work: the client would wait for a plain-text greeting that never comes',
  'config.incomingPort.plainPortWithTls':
    'port {port} starts in plain text (upgraded with STARTTLS), so security tls cannot work; {protocol} with implicit TLS is port {implicitPort}',
  'config.incomingPort.noTlsProvider': 'security none would send the login in clear text, and {provider} accepts only TLS connections',
  'config.incomingPort.noTls': 'security none sends the {protocol} login and password in clear text over the network',
  'config.incomingPort.providerRequiresTls': '{provider} accepts {protocol} only on port {port} with implicit TLS (security tls)',
  'config.incomingPort.fix.port': '{protocol} uses port {port} for this security; in the file, write:',
  'config.incomingPort.fix.security': 'Keep the port and use security {security}:',
  'config.incomingPort.fix.implicitPort': 'Use the implicit-TLS port {port} (or keep the port with security starttls, if the server offers STARTTLS):',
  'config.incomingPort.fix.provider': '{provider}’s setting; in the file, write:',
  'config.incomingPort.fix.tactium': 'Change the same in Tactium’s e-mail settings: {protocol} server {host}, port {port}, encryption {security}.',

  'config.secret-id-as-secret.title': 'The client secret is the secret’s value, not its ID',
  'config.secretIdAsSecret.notApplicable': 'no client secret is configured',
  'config.secretIdAsSecret.pass': 'the client secret does not look like an ID',
  'config.secretIdAsSecret.equalsSecretId': 'auth.clientSecret holds the same value as auth.secretId: that is the Secret ID, not the secret’s value',
  'config.secretIdAsSecret.equalsOtherId': 'auth.clientSecret holds the same value as {key}: an ID, not the secret’s value',
  'config.secretIdAsSecret.guidShaped': 'auth.clientSecret is shaped like a GUID: that is the Secret ID (or another ID), not the secret’s value',
  'config.secretIdAsSecret.fix.portal':
    'Entra admin center › App registrations › {app} › Certificates & secrets › Client secrets: the secret is in the “Value” column, not in “Secret ID”.',
  'config.secretIdAsSecret.fix.onlyOnce':
    'The Value is shown only once, right after the secret is created; afterwards the portal masks it. Create a new one (New client secret), and copy its Value at once.',
  'config.secretIdAsSecret.fix.env': 'Put the new Value in the environment variable {name}, and the same value in Tactium’s e-mail settings.',
  'config.secretIdAsSecret.fix.file': 'Put the new Value in the file {file}, and the same value in Tactium’s e-mail settings.',
  'config.secretIdAsSecret.fix.secretId':
    'Write the new secret’s Secret ID in auth.secretId, so the tool can check its expiry; delete the old secret if nothing else uses it.',

  'config.basic-auth.title': 'Office 365 accepts this way of signing in',
  'config.basicAuth.notApplicable': 'applies only to Office 365 accounts with method: password',
  'config.basicAuth.failSmtpSoon':
    'Exchange Online no longer accepts a password for {protocol} (basic authentication off since {incomingDate}), and SMTP AUTH with a password will be turned off by default on {smtpDate}: use OAuth 2.0',
  'config.basicAuth.failSmtpOff':
    'Exchange Online no longer accepts a password for {protocol} (basic authentication off since {incomingDate}), and SMTP AUTH with a password is turned off by default since {smtpDate}: use OAuth 2.0',
  'config.basicAuth.fix.oauth': 'Switch the account to OAuth 2.0, with flow application or delegated; for example:',
  'config.basicAuth.fix.application':
    'flow: application (Tactium reads and sends as an app, no user signs in): register an app (Entra admin center › App registrations › New registration) with a client secret; add the Office 365 Exchange Online application permissions {role} and SMTP.SendAsApp and grant admin consent; then, in Exchange Online PowerShell, register its service principal (New-ServicePrincipal) and give it access to the mailbox (Add-MailboxPermission -AccessRights FullAccess).',
  'config.basicAuth.fix.delegated':
    'flow: delegated (a user signs in once): register an app with a Web redirect URI (Tactium’s callback) and a client secret; add the delegated permissions {scope}, SMTP.Send and offline_access; grant consent.',
  'config.basicAuth.fix.smtpSoon':
    'Sending with a password (SMTP AUTH basic) still works until {smtpDate} if the tenant allows it; after that it is off by default, and an administrator would have to turn it back on — OAuth avoids this.',
  'config.basicAuth.fix.smtpOff':
    'Sending with a password (SMTP AUTH basic) is off by default since {smtpDate}; only this tenant’s own reply tells whether an administrator turned it back on — OAuth avoids this.',
  'config.basicAuth.fix.guide': 'Microsoft’s guide to OAuth for IMAP, POP and SMTP:',

  'config.evidence.setting': 'setting (in the file)',
  'config.evidence.settingDefault': 'setting (default, not in the file)',
  'config.evidence.inlineSecret': 'secret written in the file',
  'config.evidence.clientSecret': 'client secret',
  'config.evidence.sameAs': 'same value as',
  'config.evidence.secretShape': 'shape of the value',
  'config.evidence.incoming': 'incoming server',
  'config.evidence.basicAuthOffSince': 'IMAP/POP basic authentication off since',
  'config.evidence.smtpBasicAuthDefaultOff': 'SMTP AUTH basic authentication off by default from',
  'config.evidence.source': 'source',

  // security: none on a port that greets in plain text: keep the port, upgrade it.
  'config.incomingPort.fix.keepPortStarttls': 'Keep port {port} and encrypt it with {command}, if the server offers it:',
  'config.incomingPort.fix.orImplicitTls': 'Or use implicit TLS on port {implicitPort}:',
} as const;
