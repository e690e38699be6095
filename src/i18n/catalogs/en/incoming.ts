/** English strings of the 'incoming' area (IMAP and POP3). */
export const incoming = {
  'incoming.connect.title': 'The incoming mail server answers (IMAP/POP3)',
  'incoming.tls.title': 'Incoming mail is encrypted with a valid certificate',
  'incoming.auth.title': 'The mailbox logs in and opens read-only (IMAP/POP3)',

  // incoming.connect
  'incoming.connect.pass': '{protocol} server {host}:{port} ({address}) answered in {ms} ms',
  'incoming.connect.passTlsPending': 'connected to {host}:{port} ({address}) in {ms} ms; the server speaks only after TLS, see incoming.tls',
  'incoming.connect.fix.wrongProtocol':
    'Port {port} answers with another protocol. The usual {protocol} ports are {ports}; check incoming.port and incoming.protocol in the file.',
  'incoming.connect.fix.refusedGreeting':
    'The server refused the connection before any login (often too many connections from this address, or this network is blocked). Read its text above, close other mail clients on this network, and try again; if it persists, ask the mail provider.',

  'incoming.connect.failed': 'connecting to {host}:{port} failed: {detail}',
  'incoming.connect.fix.localBlock': 'Allow outbound connections to port {port} for Node.js in the local firewall or security software of this machine.',
  'incoming.connect.fix.dns': 'The name must resolve first: see the dns.incoming result.',
  'incoming.connect.fix.longerTimeout': 'If the network is only slow, run again with a longer timeout: --timeout {seconds}',
  'incoming.connect.fix.garbage':
    'This port does not behave like a mail server: check incoming.host and incoming.port, and send the transcript (--trace) to the network team.',

  // incoming.tls
  'incoming.tls.none': 'security: none — the login and the mail travel unencrypted',
  'incoming.tls.noneButOffered': 'security: none, although the server offers {command}: the login and the mail would travel unencrypted',
  'incoming.tls.starttlsNotOffered':
    'the server at {host}:{port} does not offer {command}, so the connection cannot be encrypted as configured (security: starttls)',
  'incoming.tls.starttlsRefused': 'the server refused {command}: {reply}',
  'incoming.tls.fix.useStarttls': 'This port starts in plaintext and upgrades with {command}. In the file, under incoming:, write:',
  'incoming.tls.fix.conventionalPort': 'Or use the conventional port for {security}:',
  'incoming.tls.fix.enableTls':
    'Ask the mail provider for the encrypted address of this server ({protocol} on port {tlsPort} with TLS, or {plainPort} with {command}) and put it in the file; an unencrypted login exposes the password on every network in between.',
  'incoming.tls.fix.none': 'Use encryption if the server allows it. In the file, under incoming:, write:',

  'incoming.tls.failed': 'TLS could not be set up with {host}:{port}: {detail}',
  'incoming.tls.fix.handshake':
    'Check that port {port} is the {protocol} port for security: {security}; if it is, send the transcript (--trace) to the server’s administrator.',

  // incoming.auth: what is advertised and how the login goes
  'incoming.auth.pass': 'logged in as {user} with {method}; INBOX opened read-only: {count} messages',
  'incoming.auth.passPop3': 'logged in as {user} with {method}; STAT: {count} messages ({size} bytes)',
  'incoming.auth.noPassword': 'auth.password is empty, so there is nothing to log in with',
  'incoming.auth.notOffered': 'the server offers no way to log in that this account can use (mechanisms after TLS: {mechanisms})',
  'incoming.auth.loginDisabled': 'the server announces LOGINDISABLED and offers no password mechanism (mechanisms after TLS: {mechanisms})',
  'incoming.auth.mechanismUnsupported': 'the server does not offer {wanted} for OAuth (mechanisms after TLS: {mechanisms})',
  'incoming.auth.mechanismRefused': 'the server refused the {mechanism} mechanism: {reply}',
  'incoming.auth.rejected': 'the server rejected the user name or password for {user}: {reply}',
  'incoming.auth.tokenRejected': 'the server rejected the access token for {user}: {reply}',
  'incoming.auth.exchangeRejected': 'Exchange Online refused the OAuth login for {user}: {reply}',
  'incoming.auth.exchangeBasicRejected': 'Exchange Online refused the password login for {user}: {reply}',
  'incoming.auth.notConnected': 'Exchange accepted the token for {user}, then refused the mailbox: {reply}',
  'incoming.auth.appPasswordRequired': 'Google requires an app password for {user}: {reply}',
  'incoming.auth.webLoginRequired': 'the provider wants a browser sign-in for {user} before it allows this login: {reply}',
  'incoming.auth.protocolDisabled': '{protocol} access is turned off for {user}: {reply}',
  'incoming.auth.tooManyConnections': 'the server refused the login: too many connections for {user}: {reply}',
  'incoming.auth.passwordExpired': 'the password of {user} has expired: {reply}',
  'incoming.auth.tlsRequired': 'the server refuses logins over an unencrypted connection: {reply}',
  'incoming.auth.contactAdmin': 'the server refuses {user} and asks to contact its administrator: {reply}',
  'incoming.auth.temporary': 'the server reported a temporary failure: {reply}',
  'incoming.auth.permanent': 'the server refuses {user} for a permanent reason on its side: {reply}',
  'incoming.auth.alert': 'the server refused the login with a message for the user: {reply}',
  'incoming.auth.mailboxFailed': 'logged in as {user}, but the mailbox could not be opened: {reply}',
  'incoming.auth.connectionLost': 'the connection ended at {command}: {detail}',
  'incoming.auth.timeout': 'the server did not answer {command} within {seconds} s',
  'incoming.auth.lineTooLong': 'the server answered {command} with a line longer than any real reply: {detail}',
  'incoming.auth.unexpected': 'the server answered {command} with something that is not {protocol}: {detail}',

  // incoming.auth: how to fix
  'incoming.auth.fix.checkPassword':
    'Check the password of {user} (sign in to the provider’s webmail with it) and put the right one where auth.password points ({reference}). Run the check again only once you are sure: repeated failures can lock the account.',
  'incoming.auth.fix.checkUsername':
    'The login name used was {user} (auth.username, or the mailbox address when it is not set). If the server expects another form (the full address, or a name without the domain), set auth.username in the file.',
  'incoming.auth.fix.gmailAppPassword':
    'Turn on 2-Step Verification for the Google account, then create an app password and put its 16 letters (no spaces) where auth.password points:',
  'incoming.auth.fix.gmailWorkspace2sv':
    'Google Workspace: the administrator must first allow users to turn on 2-Step Verification: admin.google.com › Security › Authentication › 2-step verification › Allow users to turn on 2-Step Verification.',
  'incoming.auth.fix.gmailRecreate':
    'An app password stops working when the account password changes or when it is revoked: create a new one and put it in the file:',
  'incoming.auth.fix.webLogin':
    'Sign in once to the webmail as {user} from this network, complete the security challenge, and check the recent security activity; then run the check again.',
  'incoming.auth.fix.gmailImapDisabledUser': 'Gmail: Settings (gear) › See all settings › Forwarding and POP/IMAP › enable {protocol} › Save changes.',
  'incoming.auth.fix.gmailImapDisabledDomain':
    'Google Workspace administrator: Admin console › Apps › Google Workspace › Gmail › End User Access › POP and IMAP access › enable {protocol} for all users (and allow any mail client, or add Tactium’s OAuth client). It can take up to 24 hours.',
  'incoming.auth.fix.exchangeProtocolDisabled':
    'Microsoft 365 admin center › Users › Active users › {user} › Mail › Manage email apps › tick {protocol} › Save changes; or in Exchange Online PowerShell:',
  'incoming.auth.fix.askAdmin': 'Ask the mail server’s administrator to allow {protocol} for {user}; the server’s own text is above.',
  'incoming.auth.fix.tooManyConnections':
    'Close other mail clients or sync tools connected to {user} (phones, other integrations), wait a few minutes and run again.',
  'incoming.auth.fix.passwordExpired': 'Change the password of {user} (sign in to the webmail), then update it where auth.password points ({reference}).',
  'incoming.auth.fix.tlsRequired': 'Use an encrypted connection. In the file, under incoming:, write:',
  'incoming.auth.fix.temporary':
    'The server reported a temporary problem. Wait a few minutes, and before another attempt confirm the password or token and the login name: a temporary answer can hide a failed login, and repeated failures can lock the account. If it keeps happening, send the server text above to the mail provider.',
  'incoming.auth.fix.mailbox':
    'The login works but the server cannot open INBOX for {user}: send the server text above to the mail administrator (mailbox storage, permissions, or the account being moved).',
  'incoming.auth.fix.alert': 'Read the server’s message above: it is addressed to the account’s user and usually says what to do.',
  'incoming.auth.fix.exchangeBasicAuth':
    'Exchange Online turned off password (basic) logins for IMAP and POP on 2022-10-01. Use OAuth: set auth.method: oauth2 with the application flow, as described in the README.',
  'incoming.auth.fix.exchangeRanked': 'Exchange gives no reason; these are the causes, most frequent first:',
  'incoming.auth.fix.exchangeAudience':
    '1. The token is not for Exchange (for example a Microsoft Graph token): app-only tokens must be requested for https://outlook.office365.com/.default; delegated ones for https://outlook.office.com/{scope}, never mixed with Graph scopes.',
  'incoming.auth.fix.exchangeServicePrincipal':
    '2. The application is not registered in Exchange Online, or was registered with the App registration Object ID instead of the Enterprise application Object ID. In Exchange Online PowerShell, as an Exchange administrator:',
  'incoming.auth.fix.exchangeMailboxPermission': '3. The application has no permission on the mailbox {mailbox}:',
  'incoming.auth.fix.exchangeRole':
    '4. The {role} application permission is missing or not granted: Entra admin center › App registrations › the app › API permissions › Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › {role}, then Grant admin consent.',
  'incoming.auth.fix.exchangeDelegatedUser': '5. Delegated sign-in: the signed-in user must be {mailbox} or have Full Access to it.',
  'incoming.auth.fix.exchangeProtocolOff': '6. {protocol} is turned off for the mailbox:',
  'incoming.auth.fix.notConnected':
    'Exchange knows the application but it cannot open {mailbox}. In Exchange Online PowerShell, as an Exchange administrator, register the application (once) and give it access to the mailbox:',
  'incoming.auth.fix.notConnectedObjectId':
    'The Object ID for New-ServicePrincipal is the one on Entra admin center › Enterprise applications › the app › Overview (not the App registration one).',
  'incoming.auth.fix.tokenRejected':
    'The server did not accept the access token for {user}: check that it is current (tokens last about an hour), issued for this mail service, and for this user.',
  'incoming.auth.fix.tokenRejectedGmail':
    'Google rejects expired tokens, tokens without the https://mail.google.com/ scope, and tokens of another account than {user}.',
  'incoming.auth.fix.notOffered':
    'The server offers no login method that fits this account. Ask the mail provider which method it supports for {protocol}, or check that this is the right server.',
  'incoming.auth.fix.loginDisabled':
    'The server does not allow password logins on this connection. Use an encrypted connection (security: tls or starttls), or OAuth if the provider supports it.',
  'incoming.auth.fix.mechanismUnsupported':
    'This server does not offer OAuth for {protocol}: use auth.method: password if the provider allows it, or check that this is the provider’s server.',
  'incoming.auth.fix.timeout':
    'The server stopped answering. Run again; if it keeps happening, try a longer timeout (--timeout {seconds}) and check the network path (firewall, proxy, VPN).',
  'incoming.auth.fix.connectionLost':
    'The server or something on the way closed the connection. Run again; if it persists, send the transcript (--trace) to the mail provider.',
  'incoming.auth.fix.unexpected':
    'The server does not speak {protocol} as expected on this port: check incoming.protocol and incoming.port, and send the transcript (--trace) to the mail provider.',
  'incoming.auth.fix.skipDueToToken': 'Fix the token problem reported by the identity checks first.',

  // Evidence labels
  'incoming.evidence.capabilitiesBefore': 'capabilities before TLS',
  'incoming.evidence.capabilitiesAfter': 'capabilities after TLS',
  'incoming.evidence.mechanisms': 'login mechanisms offered',
  'incoming.evidence.loginName': 'login name',
  'incoming.evidence.method': 'login method',
  'incoming.evidence.tokenOrigin': 'access token from',
  'incoming.evidence.loginReply': 'server reply to the login',
  'incoming.evidence.mailboxReply': 'server reply after the login',
  'incoming.evidence.command': 'command',
  'incoming.evidence.bye': 'server closed the session',
  'incoming.evidence.challenge': 'SASL error challenge',
  'incoming.evidence.messages': 'messages in INBOX',
  'incoming.evidence.readOnly': 'opened read-only',
  'incoming.evidence.starttlsReply': 'reply to STARTTLS/STLS',
  'incoming.evidence.failure': 'what happened',

  // The connection ended after the credential was sent and before any answer.
  'incoming.auth.fix.connectionLostAfterCredential':
    "The connection ended after the credential was sent and before the server answered, so the login's outcome is unknown. Before another attempt, confirm the password or token and the login name {user} (a repeated failed login can lock the account); if it keeps happening, send the transcript (--trace) to the mail provider.",

  // No login without TLS ("after TLS" only when TLS was used).
  'incoming.auth.notOfferedClear': 'the server offers no way to log in that this account can use on this unencrypted connection (mechanisms: {mechanisms})',
  'incoming.auth.mechanismUnsupportedClear': 'the server does not offer {wanted} for OAuth on this unencrypted connection (mechanisms: {mechanisms})',
  'incoming.auth.fix.notOfferedClear':
    'Many servers accept {protocol} logins only over TLS and do not offer STLS/STARTTLS on this port: try implicit TLS on the conventional port. In the file, under incoming:, write:',

  // Connected, TLS failed before any greeting: nothing known about what the server speaks.
  'incoming.connect.passTlsFailed': 'connected to {host}:{port} ({address}) in {ms} ms; no greeting before the TLS step failed, see incoming.tls',
  'incoming.evidence.protocol': 'protocol',

  // The server's last words when no status line explains a failure; Exchange's "authenticated but not connected" for a person.
  'incoming.evidence.lastReply': 'the server’s last line',
  'incoming.auth.connectionLostReply': 'the connection ended at {command} ({detail}); the server’s last line: {reply}',
  'incoming.auth.timeoutReply': 'the server did not answer {command} within {seconds} s; its last line: {reply}',
  'incoming.auth.commandFailed': '{command} did not complete ({detail}); the server’s last line: {reply}',
  'incoming.auth.mailboxNotAccessible': 'the server accepted the login of {user}, then would not open the mailbox {mailbox}: {reply}',
  'incoming.auth.fix.notConnectedPerson': '{user} signed in, but this server cannot open {mailbox} for that user. The causes, most frequent first:',
  'incoming.auth.fix.personFullAccess':
    '{user} has no Full Access to {mailbox}. As an Exchange administrator, in Exchange Online PowerShell (or the Exchange Management Shell of an on-premises server):',
  'incoming.auth.fix.personFullAccessVerify': 'To see who has access to {mailbox}:',
  'incoming.auth.fix.mailboxHybrid':
    'The mailbox {mailbox} is not hosted where this server can open it: in a hybrid deployment it is still on-premises while the login went to Exchange Online (RecipientTypeDetails MailUser), or it was moved to Exchange Online while the login went to the on-premises server. Point incoming.host at the server that holds the mailbox, or complete the move. To see where it is, in Exchange Online PowerShell:',
  'incoming.auth.fix.notConnectedIfApp':
    'If the token belongs to an application (client credentials) rather than a person, the application must instead be registered in Exchange Online and given access:',

  // An on-premises Exchange Server (recognised from its greeting) behind provider: imap.
  'incoming.auth.fix.exchangeServerLogin':
    'This is an on-premises Exchange Server. Check the password of {user} and the form of the login name it expects (the UPN, DOMAIN\\user, or the alias): set auth.username in the file if it is not the mailbox address. Run the check again only once you are sure: repeated failures can lock the account.',
  'incoming.auth.fix.exchangeServerProtocol': 'The Exchange administrator can make sure {protocol} is on for the mailbox, in the Exchange Management Shell:',
  'incoming.auth.fix.exchangeServerSettings':
    'Exchange accepts plain-text {protocol} logins only over TLS by default (LoginType SecureLogin), and the certificate it uses is set there too; to see both:',
} as const;
