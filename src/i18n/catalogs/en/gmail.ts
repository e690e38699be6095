/** English strings of the 'gmail' area: gmail.credentials, Gmail's answers to the mail logins, the handoff items. */
export const gmail = {
  'gmail.credentials.title': 'Gmail credentials (app password or Google OAuth)',
  'gmail.credentials.notGmail': 'only for provider: gmail',
  'gmail.credentials.accessTokenOnly': 'auth.accessToken is given without a refresh token: no token to obtain; the mail checks prove that token',

  // App password
  'gmail.appPassword.pass': 'auth.password has the shape of a Google app password (16 letters); the IMAP/POP3 and SMTP logins prove it works for {user}',
  'gmail.appPassword.spaces':
    'the app password in {reference} is written with spaces, as Google shows it ({spaces} removed): the logins use the 16 letters without spaces — send Tactium the value without spaces too',
  'gmail.appPassword.notAppPassword':
    'the password in {reference} is not 16 letters, so it is not a Google app password: if it is the normal password of {user}, Google refuses it for IMAP, POP and SMTP (534-5.7.9 / [ALERT] Application-specific password required)',
  'gmail.appPassword.missing': 'no password: {reference} is empty',
  'gmail.fix.turnOnTwoStep': 'App passwords need 2-Step Verification: Google Account of {user} › Security › 2-Step Verification › turn on:',
  'gmail.fix.createAppPassword':
    'Create an app password for {user} (Google Account › Security › 2-Step Verification › App passwords › a name › Create) and put its 16 letters, without spaces, where {reference} points:',
  'gmail.fix.workspaceTwoStep':
    'Google Workspace: a super administrator must first allow 2-Step Verification: Admin console (admin.google.com) › Security › Authentication › 2-step verification › Allow users to turn on 2-Step Verification › Save.',
  'gmail.fix.removeSpaces': 'Remove the spaces in {reference} (the app password is the 16 letters), so that the value sent to Tactium works as it is.',

  // Google OAuth: the token endpoint
  'gmail.token.pass': 'Google issued an access token to the OAuth client {clientId} with the scope {scope} (valid for {minutes} min); the mail logins use it',
  'gmail.token.scopeMissing':
    'Google issued a token to {clientId}, but without the scope {scope} that IMAP, POP and SMTP need (granted: {granted}): the refresh token was authorised without it',
  'gmail.token.clientNotFound':
    'Google does not know the OAuth client {clientId} ("The OAuth client was not found."): the client ID is mistyped, from another project, or the client was deleted',
  'gmail.token.secretWrong':
    'Google refused the client secret in {reference} for the OAuth client {clientId} (invalid_client "Unauthorized"): it is not this client\'s secret',
  'gmail.token.grantExpired':
    'Google refused the refresh token (invalid_grant "Token has been expired or revoked."): it expired or was revoked — an app left in "Testing" publishing status gets refresh tokens that expire after 7 days',
  'gmail.token.grantUnknown': 'Google does not accept the refresh token (invalid_grant "Bad Request"): it is incomplete or not a refresh token of {clientId}',
  'gmail.token.unauthorizedClient': 'Google refused the refresh token for {clientId} (unauthorized_client): it was issued to another OAuth client',
  'gmail.token.adminPolicy':
    'The Google Workspace of {mailbox} blocks the OAuth client {clientId} (admin_policy_enforced): an administrator must mark it Trusted',
  'gmail.token.invalidScope': 'Google refused the scope for {clientId} (invalid_scope): the refresh token was not authorised for {scope}',
  'gmail.token.serverError': "Google's token endpoint {host} answered HTTP {status} (a server error on Google's side)",
  'gmail.token.unexpectedReply':
    "The answer from {host} (HTTP {status}) is not Google's token endpoint answering: something between this machine and Google answered instead",
  'gmail.token.oauthError': 'Google refused the token request for {clientId}: {error}',
  'gmail.token.incomplete': 'Gmail OAuth needs {keys} to obtain a token',
  'gmail.token.failedForMail': 'no Google access token for the login ({code}); gmail.credentials shows why',

  'gmail.fix.findClient':
    "Google Cloud console › the project of the CRM › Google Auth Platform › Clients (or APIs & Services › Credentials): find the OAuth client {clientId} and copy its Client ID exactly; if it is gone, create one (Create client › Web application › the CRM's redirect URI) and send its ID and secret:",
  'gmail.fix.notAzure':
    'Gmail OAuth is a Google Cloud OAuth client (ending in .apps.googleusercontent.com): an app registered in Azure / Microsoft Entra ID cannot be used for Gmail.',
  'gmail.fix.newClientSecret':
    'Google Cloud console › Google Auth Platform › Clients › {clientId} › Client secrets › Add secret; copy the new secret where {reference} points (and into the CRM), then disable the old one:',
  'gmail.fix.publishApp':
    'If the app is in "Testing": Google Cloud console › Google Auth Platform › Audience › Publishing status › Publish app (In production) — or, for Google Workspace, set User type to Internal — then authorise again; refresh tokens of apps in Testing expire after 7 days:',
  'gmail.fix.revokedCauses':
    'Other causes: access removed by {mailbox} (Google Account › Security › Your connections to third-party apps & services), the account password changed, the token unused for 6 months, or too many refresh tokens issued for the client:',
  'gmail.fix.copyRefreshToken': 'Check the value in {reference}: a Google refresh token usually starts with 1// and must be copied whole.',
  'gmail.fix.reauthorise':
    'Get a new refresh token: sign in as {mailbox} to the OAuth client {clientId} with the scope https://mail.google.com/, access_type=offline and prompt=consent (the CRM\'s "connect mailbox" step), and put it where {reference} points. Or obtain and prove one here: run the check again with --login --show-refresh-token (it is shown once on your terminal, never saved).',
  'gmail.fix.sameClient': 'Use the client ID and secret of the OAuth client that obtained the refresh token, or obtain a new refresh token with {clientId}.',
  'gmail.fix.dataAccess':
    'Google Cloud console › Google Auth Platform › Data access › Add or remove scopes › add https://mail.google.com/ (manually, if not listed) › Update › Save:',
  'gmail.fix.trustClient':
    'Google Workspace super administrator: Admin console (admin.google.com) › Security › Access and data control › API controls › Manage Third-Party App Access › Configure new app › search for the client ID {clientId} › select it › Trusted › Configure.',
  'gmail.fix.adminIs': 'The administrator named in the file: {admin}.',
  'gmail.fix.tryLater': "Try again in a few minutes; if it persists, check Google's status page (https://www.google.com/appsstatus).",
  'gmail.fix.proxyAnswered': 'The proxy {proxy} answered instead of {host}: ask its administrator to allow HTTPS to {host}, or exempt it from filtering.',
  'gmail.fix.somethingAnswered': 'A firewall, captive portal or proxy answered instead of {host}: allow HTTPS to {host} from this machine.',
  'gmail.fix.checkEndpoint':
    'Check endpoints.googleToken in the file (it should normally be left out; the default is https://oauth2.googleapis.com/token); now: {endpoint}',

  // Reaching the token endpoint
  'gmail.net.dnsNotFound': '{host} does not exist in DNS',
  'gmail.net.dnsFailed': '{host} could not be resolved ({code}): DNS does not answer from this machine',
  'gmail.net.blocked': 'No HTTPS connection to {host} ({code}): outbound HTTPS is blocked from this machine',
  'gmail.net.timeout': '{host} did not answer within {seconds} s',
  'gmail.net.proxyUnreachable': 'The proxy {proxy} (HTTPS_PROXY) could not be reached',
  'gmail.net.proxyAuth': 'The proxy {proxy} asks for authentication (HTTP 407)',
  'gmail.net.proxyTunnel': 'The proxy {proxy} refused to open a connection to {host}',
  'gmail.net.untrusted':
    "The certificate presented for {host} is not trusted: typically a TLS-inspecting proxy or firewall replacing Google's certificate with its own",
  'gmail.net.hostnameMismatch': 'The certificate presented for {host} is for another name: something other than Google answered',
  'gmail.net.certDates':
    "The certificate presented for {host} is expired or not yet valid: this machine's clock is wrong, or an inspecting proxy presents an old certificate",
  'gmail.net.untrustedIssuer':
    'The certificate presented for {host} was issued by "{issuer}", which this machine does not trust: typically a TLS-inspecting proxy or firewall replacing Google\'s certificate with its own',
  'gmail.net.tooLarge': 'The answer from {host} is far larger than any token answer: something between this machine and Google answered instead',
  'gmail.net.handshake': 'The TLS handshake with {host} failed',
  'gmail.net.aborted': 'The token request to {host} was interrupted',
  'gmail.fix.dns': 'Check that this machine resolves {host} (nslookup {host}); on a network that only allows the internet through a proxy, set HTTPS_PROXY.',
  'gmail.fix.proxyVariable':
    'If this network reaches the internet through a proxy, set HTTPS_PROXY=http://proxy:port (and NO_PROXY for internal hosts) before running the tool; {host} is then reached through it.',
  'gmail.fix.openHttps': 'Allow outbound HTTPS (TCP 443) from this machine to {host}, or set HTTPS_PROXY to the corporate proxy.',
  'gmail.fix.checkProxy': 'Check HTTPS_PROXY ({proxy}): host, port and that the proxy runs; or remove it if this network has direct internet access.',
  'gmail.fix.proxyAuth':
    'Give the proxy credentials in the variable (HTTPS_PROXY=http://user:password@proxy:port), or ask the proxy administrator to allow {host} without authentication.',
  'gmail.fix.proxyAllow': 'Ask the administrator of {proxy} to allow connections to {host}:443.',
  'gmail.fix.caFile':
    "Trust the inspecting proxy's root certificate: export it as PEM and name it in the file (tls.caFile) — or have {host} exempted from inspection:",
  'gmail.fix.inspectionExempt': 'Ask the firewall/proxy administrator to exempt {host} from TLS inspection.',
  'gmail.fix.clock': "Check this machine's date, time and time zone.",

  // Gmail's answers to the mail logins
  'gmail.mail.freshTokenRejected':
    'Gmail {protocol} refused the token Google had just issued (status {status}) for {user}: the refresh token belongs to another Google account than {user}, or the account may not use this client — {reply}',
  'gmail.mail.tokenRejected': 'Gmail {protocol} refused the access token for {user} (status {status}: invalid or expired) — {reply}',
  'gmail.mail.scopeMissing': 'Gmail {protocol} refused the token for {user} (status {status}): it does not carry the scope {scope} — {reply}',
  'gmail.mail.tooManyLoginAttempts':
    'The server refuses {protocol} logins of {user} for a while after too many attempts (Google locks accounts out this way) — {reply}',
  'gmail.fix.tokenOtherAccount':
    "Authorise with the Google account {user} itself (the account chosen on Google's sign-in page when the refresh token was obtained), or set auth.username to the account the token belongs to.",
  'gmail.fix.accessTokenExpired':
    'Access tokens last about an hour: get a fresh one for {user} with the scope https://mail.google.com/ — or configure the client ID, client secret and refresh token so the tool obtains one itself.',
  'gmail.fix.userMatchesToken': 'The login name sent must be the Google account the token was issued to ({user}).',
  'gmail.fix.imapOauthClients':
    'Google Workspace: if {protocol} is restricted to listed OAuth mail clients (Admin console › Apps › Google Workspace › Gmail › End User Access › POP and IMAP access), add {clientId} to the allowed clients.',
  'gmail.fix.waitLockout': 'Wait before any new attempt: the lock lasts a while; tactium-preflight logged in once and never retries.',
  'gmail.fix.stopOtherClients':
    'Find what keeps logging in to {user} with old credentials (an old CRM setting, a phone, a script) and stop it, or the lock keeps coming back.',
  'gmail.fix.lockoutHelp': "Google's help on this lock (Gmail):",

  // Evidence labels
  'gmail.evidence.loginName': 'login name',
  'gmail.evidence.passwordSource': 'password from',
  'gmail.evidence.passwordShape': 'password shape',
  'gmail.evidence.tokenEndpoint': 'token endpoint',
  'gmail.evidence.clientId': 'OAuth client ID',
  'gmail.evidence.proxy': 'through proxy',
  'gmail.evidence.httpStatus': 'HTTP status',
  'gmail.evidence.scopes': 'granted scopes',
  'gmail.evidence.expiresIn': 'token valid for',
  'gmail.evidence.oauthError': 'OAuth error',
  'gmail.evidence.errorDescription': 'error description',
  'gmail.evidence.contentType': 'content type',
  'gmail.evidence.body': 'answer',
  'gmail.evidence.failure': 'failure',
  'gmail.evidence.proxyStatus': 'proxy answer to CONNECT',
  'gmail.evidence.certificateSubject': 'certificate presented for',
  'gmail.evidence.certificateIssuer': 'certificate issued by',
  'gmail.evidence.elapsed': 'time',

  // Handoff items (the report sheet)
  'gmail.handoff.mailbox': 'Mailbox (Gmail / Google Workspace address)',
  'gmail.handoff.username': 'Login name',
  'gmail.handoff.appPassword': 'App password (16 letters, sent separately)',
  'gmail.handoff.clientId': 'Google Cloud OAuth client ID',
  'gmail.handoff.clientSecret': 'OAuth client secret (sent separately)',
  'gmail.handoff.refreshToken': 'Refresh token (sent separately)',
  'gmail.handoff.scope': 'OAuth scope',
  'gmail.handoff.incomingProtocol': 'Incoming protocol',
  'gmail.handoff.incomingServer': 'Incoming server',
  'gmail.handoff.incomingPort': 'Incoming port',
  'gmail.handoff.incomingSecurity': 'Incoming encryption',
  'gmail.handoff.outgoingServer': 'Outgoing server (SMTP)',
  'gmail.handoff.outgoingPort': 'Outgoing port',
  'gmail.handoff.outgoingSecurity': 'Outgoing encryption',
  'gmail.handoff.workspaceAdmin': 'Google Workspace administrator',
  'gmail.handoff.workspaceMailAccess': 'Workspace: mail access enabled for the users (Admin console › Apps › Google Workspace › Gmail › End User Access)',
  'gmail.handoff.workspaceTrustedClient': 'Workspace: OAuth client marked Trusted (Admin console › Security › API controls)',
  'gmail.login.intro': 'Google sign-in for account “{account}” (mailbox {mailbox}, OAuth client {clientId}).',
  'gmail.login.openUrl': 'Open this address in any browser, sign in as the mailbox and allow access (you have about {minutes} min):',
  'gmail.login.pasteHint':
    'After allowing access, the browser goes to {redirectUri}… (the page may show an error: that is fine). Copy the whole address from the address bar and paste it here. If Google shows its own error page instead (“Error 400: …”), paste that line.',
  'gmail.login.pastePrompt': 'Address after sign-in (hidden)',
  'gmail.login.pasteAgain':
    'That is not the address after sign-in (it has no code=… for this sign-in). Copy the whole address from the browser’s address bar; it starts with {redirectUri}.',
  'gmail.login.waitingLoopback': 'Waiting for the browser on 127.0.0.1:{port}…',
  'gmail.login.signedIn':
    'Signed in to Google. The refresh token obtained is used for this run only (never saved, never shown; --show-refresh-token shows it once); checking {mailbox}…',
  'gmail.login.failed': 'The Google sign-in of “{account}” failed ({code}); gmail.credentials says why and how to fix it.',
  'gmail.login.noTerminal':
    '--login needs a person at a terminal (stdin and stderr, CI not set): no Google sign-in was started; accounts with a refresh token in the file use it.',

  // --login without a refresh token in the file, --show-refresh-token, and the sign-in's failures
  'gmail.login.signedInShown': 'Signed in to Google; checking {mailbox} with the refresh token shown above…',
  'gmail.login.failedFileToken':
    'The Google sign-in of “{account}” failed ({code}); gmail.credentials says why and how to fix it. The mail checks use the refresh token in the file meanwhile.',
  'gmail.login.refreshTokenShown':
    'Refresh token of “{account}” ({mailbox}), shown this once because you asked (--show-refresh-token) and saved nowhere. Keep it where the file reads it — {reference} — and send it to Tactium separately; every report and log keeps masking it:',
  'gmail.login.noReferenceYet': 'refreshToken: ${env:GOOGLE_REFRESH_TOKEN} in the account’s auth section, with that variable set',
  'gmail.login.showTokenNoGmail':
    '--show-refresh-token shows the refresh token of a Gmail OAuth account signed in with --login; no selected account is one (an Office 365 sign-in keeps its tokens in memory only).',
  'gmail.cli.showRefreshToken': 'with --login (Gmail OAuth): show the refresh token obtained once on this terminal, to keep it (never in reports or logs)',
  'gmail.token.needsLogin': 'no refresh token for {mailbox} (none in the file): run with --login to sign in and obtain one',
  'gmail.noRefresh.loginRequired':
    'Google accepts the OAuth client {clientId} and its secret; there is no refresh token in the file, so the sign-in of {mailbox} is not proven yet: run with --login',
  'gmail.noRefresh.noTerminal':
    'Google accepts the OAuth client {clientId} and its secret; with no refresh token in the file, proving the sign-in of {mailbox} needs --login with a person at a terminal (there is none here)',
  'gmail.fix.runWithLogin':
    'Sign in as {mailbox} once in any browser: the refresh token obtained is proved by the mail logins, and shown once on your terminal so that you can keep it:',
  'gmail.fix.addRefreshToken': "Or put a refresh token of the client {clientId} for {mailbox} (scope https://mail.google.com/) in the account's auth section:",
  'gmail.fix.needsTerminal': 'Run it in a terminal where a person can sign in (standard input and error not redirected, CI not set).',
  'gmail.fix.loginAgain': 'Sign in again:',
  'gmail.fix.addRedirectUri':
    'Google Cloud console › Google Auth Platform › Clients › {clientId} › Authorized redirect URIs › Add URI › {uri} — exactly (scheme, host, port, path, trailing slash) › Save; it may take a few minutes to apply:',
  'gmail.fix.redirectInFile': 'Or set auth.redirectUri in the file to a redirect URI the client already has:',
  'gmail.fix.addTestUser':
    'Google Cloud console › Google Auth Platform › Audience › Test users › Add users › {mailbox} › Save — or Publish app (In production), or, for Google Workspace, set User type to Internal:',
  'gmail.fix.orgInternal':
    "The client's User type is Internal: sign in with an account of the client's own Workspace organisation, create the OAuth client in a Google Cloud project of {mailbox}'s organisation, or set Google Auth Platform › Audience › User type to External:",
  'gmail.fix.restoreClient':
    'Google Cloud console › Google Auth Platform › Clients: a deleted client can be restored within 30 days (deleted credentials › Restore); otherwise create a new one and send its ID and secret:',
  'gmail.fix.codeRejected':
    "Sign in again and paste the address at once: a code lasts minutes and is good once. If {uri} is the CRM's live callback, it may redeem the code before the tool can: add a loopback redirect URI such as http://127.0.0.1:8765/ to the client (Authorized redirect URIs), set it as auth.redirectUri for this check, and run --login again — the tool then receives the code itself.",
  'gmail.fix.revokeAndRetry':
    "Remove the app's earlier access for {mailbox} (Google Account › Security › Your connections to third-party apps & services) and sign in again: Google issues a refresh token on a new consent:",
  'gmail.fix.allowAccess': "Sign in again as {mailbox} and choose Allow on Google's consent screen, with the Gmail permission (read, compose, send…) ticked:",
  'gmail.fix.timeout': 'Run again and finish the sign-in within the time shown (it is {steps} × --timeout: raise --timeout for more):',
  'gmail.fix.pasteWholeAddress':
    "After allowing access, copy the whole address from the browser's address bar (it starts with {uri} and carries code=…); if Google shows an error page instead, paste its “Error 400: …” line:",
  'gmail.fix.pasteThisSignIn': "Paste the address of this run's sign-in (opened from the URL printed in this run), not one of an earlier attempt:",
  'gmail.fix.loopbackPort':
    'Close the program that uses the port of {uri} on this machine, or register another loopback port in the client and in auth.redirectUri.',
  'gmail.signIn.redirectMismatch':
    "Google refused the redirect URI {uri} for the OAuth client {clientId} (redirect_uri_mismatch): it is not one of the client's Authorized redirect URIs",
  'gmail.signIn.accessBlocked':
    'Google blocked the sign-in of {mailbox} to the OAuth client {clientId} (Error 403: access_denied): the app is in "Testing" and {mailbox} is not one of its test users, or the app is not verified',
  'gmail.signIn.orgInternal':
    'The OAuth client {clientId} only admits users of its own Google Workspace organisation (org_internal), and {mailbox} is not one of them',
  'gmail.signIn.clientDeleted': 'The OAuth client {clientId} was deleted (deleted_client)',
  'gmail.signIn.codeRejected':
    'Google refused the authorization code (invalid_grant): it expired, was already used — by the service behind {uri}, when that address is a live CRM callback — or belongs to another sign-in',
  'gmail.signIn.noRefreshToken': 'Google redeemed the code for {clientId} but issued no refresh token',
  'gmail.signIn.cancelled': "The sign-in of {mailbox} was cancelled (access not allowed on Google's consent screen, or Esc pressed)",
  'gmail.signIn.timeout': 'Nobody completed the Google sign-in of {mailbox} in time ({detail})',
  'gmail.signIn.noCode': 'No authorization code: what was pasted is not the address the browser was sent to after the sign-in',
  'gmail.signIn.stateMismatch': "The pasted address belongs to another sign-in (its state is not this one's)",
  'gmail.signIn.loopbackPort': 'The tool could not listen on this machine for the redirect URI {uri} ({detail}): another program uses that port',
  'gmail.signIn.other': 'Google refused the sign-in of {mailbox}: {detail}',
  'gmail.evidence.refreshToken': 'refresh token',
  'gmail.evidence.fileRefreshToken': 'refresh token in the file',
  'gmail.evidence.clientCheck': 'client check',
  'gmail.evidence.redirectUri': 'redirect URI',
  'gmail.evidence.signInVia': 'code received by',
  'gmail.evidence.googleSaid': 'Google said',
} as const;
