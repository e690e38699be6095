/** English strings of the 'exchange' area: exchange.mailbox-access and the delegated `--login` sign-in. */
export const exchange = {
  'exchange.mailbox-access.title': 'The mailbox opens with the Office 365 token (XOAUTH2, read-only command, envelope)',
  'exchange.access.passApplication': 'app {app} (enterprise application {oid}) opened {mailbox} over {protocols} with its own token',
  'exchange.access.passDelegated': '{upn} signed in ({via}) and opened {mailbox} over {protocols}',
  'exchange.access.passDelegatedShared':
    '{upn} signed in ({via}) and opened {mailbox} over {protocols}: a mailbox of someone else (shared), reached because {upn} has FullAccess on it',
  'exchange.access.noRefreshToken':
    '{mailbox} opens, but no refresh token was issued: the CRM could not stay signed in after the first token expires (offline_access)',
  'exchange.access.refreshRefused': '{mailbox} opens, but Entra refused the refresh token: the CRM could not stay signed in after the first token expires',
  'exchange.access.notReached': 'mailbox access could not be tested ({what}): the mail checks say why {mailbox} was not reached',
  'exchange.access.audience': 'the token is for {aud}, not for Exchange Online: {protocols} cannot accept it',
  'exchange.access.expired': 'the token expired at {expired} before the mail servers saw it',
  'exchange.access.rolesNone':
    '{protocols} refused the app for {mailbox}, and its token carries no roles at all: {roles} were not granted (admin consent), or the app relies on an Exchange-side role assignment that is missing (the server said: {said})',
  'exchange.access.roleMissing': 'the app cannot open {mailbox}: its token lacks {missing} (the server said: {said})',
  'exchange.access.objectIdMismatch':
    '{protocols} refused the app for {mailbox}. The token has the right roles, but the Object ID you sent ({sent}) is not the enterprise application’s ({oid}): Exchange’s service principal was most likely registered with the wrong one (the server said: {said})',
  'exchange.access.denied':
    '{protocols} refused the app for {mailbox}, although its token carries {roles} and its Object ID ({oid}) is the right one: what remains is on the Exchange side, ranked below (the server said: {said})',
  'exchange.access.notConnected':
    '{protocol} accepted the app’s token (service principal {oid}) but would not open {mailbox} (“User is authenticated but not connected”): the app has no access to this mailbox',
  'exchange.access.protocolDisabled': '{protocol} is turned off for {mailbox} (the server said: {said})',
  'exchange.access.smtpAuthDisabled':
    'SMTP AUTH is turned off for {mailbox} (or for the whole organization): no XOAUTH2 login can send (the server said: {said})',
  'exchange.access.sendAs': 'SMTP accepted the app’s login, but the app may not send as {mailbox} (service principal {oid}) (the server said: {said})',
  'exchange.access.scopeMissing': 'the token of {upn} lacks {missing}: the app has not been given (or not been granted) these delegated permissions',
  'exchange.access.delegateNoAccess':
    '{upn} signed in, but {protocols} refused {mailbox}: it is another mailbox (a shared one?), and {upn} needs FullAccess on it (the server said: {said})',
  'exchange.access.deniedDelegated': '{upn} signed in, but {protocols} refused the login to {mailbox} (the server said: {said})',
  'exchange.access.sendAsDelegated': 'SMTP accepted {upn}, but {upn} may not send as {mailbox} (the server said: {said})',

  'exchange.cause.servicePrincipal':
    '{rank}. The app {app} is not registered in Exchange Online (New-ServicePrincipal, with the enterprise application’s Object ID {oid}). Register it:',
  'exchange.cause.servicePrincipalOther':
    '{rank}. Exchange’s service principal for {app} was registered with another Object ID than {oid} (the App registration’s?). Check it, and register it with {oid}:',
  'exchange.cause.fullAccess': '{rank}. The app has no FullAccess on {mailbox}: give it to the service principal {oid}:',
  'exchange.cause.protocolDisabled': '{rank}. {protocol} is turned off for {mailbox}: turn it on:',
  'exchange.cause.sendAs': '{rank}. To send as {mailbox}, the service principal {oid} needs SendAs on it:',
  'exchange.cause.smtpAuthDisabled': '{rank}. SMTP AUTH is off for {mailbox}: turn it on for this mailbox (the mailbox setting wins over the organization’s):',
  'exchange.cause.wrongObjectId':
    '{rank}. Most likely: New-ServicePrincipal was run with {sent}, which is not the enterprise application’s Object ID. Exchange needs {oid}. Check what is registered for {app}, remove it, register it again with {oid}, and give it FullAccess:',
  'exchange.cause.mailboxAddress': '{rank}. The address {mailbox} is not the mailbox the app was given access to: check the address in the file (mailbox:).',
  'exchange.cause.noRolesConsent': '{rank}. The application permissions {roles} of {app} are missing or have no admin consent:',
  'exchange.cause.rbacForApplications':
    '{rank}. If SMTP is meant to work through RBAC for Applications (an Exchange-side assignment, without SMTP.SendAsApp in Entra), the service principal {oid} needs its role assignment in Exchange, with a management scope that includes this mailbox:',
  'exchange.cause.roleMissing': '{rank}. The app {app} lacks {roles}: add the application permissions and grant admin consent:',
  'exchange.cause.audience':
    '{rank}. A token for IMAP, POP and SMTP must be issued for Exchange Online (https://outlook.office365.com/.default in the application flow, the Outlook scopes in the delegated one; cloud {cloud}), never together with Microsoft Graph scopes.',
  'exchange.cause.expired': '{rank}. Check this machine’s clock and run again: a new token is requested on every run.',
  'exchange.cause.scopeMissing': '{rank}. Add the delegated permissions {scopes} and grant admin consent:',
  'exchange.cause.delegateFullAccess':
    '{rank}. {upn} needs FullAccess on {mailbox} (a shared mailbox is reached with the signed-in user’s token and user={mailbox}):',
  'exchange.cause.delegateSendAs': '{rank}. To send as {mailbox}, {upn} needs SendAs on it:',
  'exchange.cause.userMailbox':
    '{rank}. {upn} may have no Exchange Online mailbox of its own (no licence), or its sign-ins are blocked for mail protocols: check the user in the Microsoft 365 admin center.',

  'exchange.fix.connect': 'In Exchange Online PowerShell, as an Exchange administrator (Install-Module ExchangeOnlineManagement once):',
  'exchange.fix.newServicePrincipal': 'Register the app’s service principal in Exchange Online:',
  'exchange.fix.verifyServicePrincipal': 'See what Exchange has registered for the app (ObjectId must be the enterprise application’s):',
  'exchange.fix.removeServicePrincipal': 'Remove the one registered with the wrong Object ID:',
  'exchange.fix.addMailboxPermission': 'Give FullAccess on {mailbox}:',
  'exchange.fix.verifyMailboxPermission': 'Check who has access to the mailbox:',
  'exchange.fix.addRecipientPermission': 'Allow sending as {mailbox}:',
  'exchange.fix.enableProtocol': 'Turn {protocol} on for the mailbox:',
  'exchange.fix.verifyCasMailbox': 'Check the mailbox’s protocol settings:',
  'exchange.fix.enableSmtpAuth': 'Turn SMTP AUTH on for the mailbox:',
  'exchange.fix.rbacAssignment': 'Assign the Exchange role to the service principal, limited to that scope:',
  'exchange.fix.seeMailChecks': 'incoming.* and smtp.* show why the server was not reached, and the fix; run again once they pass.',
  'exchange.fix.runWithLogin': 'Run again with --login: a user signs in once in the browser and the mailbox is proven end to end:',
  'exchange.fix.needsTerminal': 'Run it from a terminal where a person can answer (not in CI, not with input or output redirected).',
  'exchange.fix.loginAgain': 'Then sign in again:',
  'exchange.fix.addWebRedirectUri':
    'Entra admin center › App registrations › {app} › Authentication › Add a platform › Web › Redirect URIs: add exactly {uri} › Configure (or Save).',
  'exchange.fix.redirectExact':
    'The address must match exactly: https, host, port, path, trailing slash and letter case. Registered under “Single-page application” or “Mobile and desktop” does not count: it must be under Web.',
  'exchange.fix.redirectInFile': 'If the CRM’s callback is another address, put the registered one in the file:',
  'exchange.fix.redirectSpaToWeb':
    'Entra admin center › App registrations › {app} › Authentication: {uri} is under “Single-page application”. Remove it there and add it under Web (a code redeemed with a client secret needs the Web platform).',
  'exchange.fix.delegatedPermissions':
    'Entra admin center › App registrations › {app} › API permissions › Add a permission › Microsoft Graph (or APIs my organization uses › Office 365 Exchange Online) › Delegated permissions › tick {scopes} and offline_access › Add permissions › Grant admin consent.',
  'exchange.fix.cancelled':
    'The sign-in was cancelled (the consent screen was declined, or the prompt was left). Run it again and accept; if the user may not consent for the organization, an administrator grants consent first:',
  'exchange.fix.codeTaken':
    'The redirect URI {uri} is a live service (the CRM’s callback) that redeemed the code before the tool could. Use the loopback alternative: register a temporary Web redirect URI on this machine, run again with --login and accept the offer; the tool then receives the code itself on 127.0.0.1.',
  'exchange.fix.codeTakenDeclined':
    'The redirect URI {uri} is a live service (the CRM’s callback) that redeemed the code before the tool could, and the loopback alternative was declined. To prove the sign-in, register a temporary Web redirect URI on this machine and accept the offer next time:',
  'exchange.fix.addLoopbackUri':
    'Entra admin center › App registrations › {app} › Authentication › Web › Add URI: http://localhost/ (Entra ignores the port of localhost addresses, so the tool’s port matches) › Save.',
  'exchange.fix.removeLoopbackUri': 'Afterwards, remove http://localhost/ from the app’s redirect URIs.',
  'exchange.fix.codeExpired':
    'Authorization codes live about 10 minutes and can be redeemed once: sign in and paste the address right away, and paste the address of this sign-in, not an older one.',
  'exchange.fix.pasteWholeAddress':
    'After signing in, copy the whole address from the browser’s address bar (it starts with {uri} and contains code=…). If the browser shows Microsoft’s error page instead, paste the error line (AADSTS…).',
  'exchange.fix.pasteThisSignIn': 'Paste the address of the sign-in started by this run (the URL printed last), in the same browser tab.',
  'exchange.fix.rightTenantUser':
    'Sign in with an account of the tenant {tenant}: the mailbox {mailbox} itself, or a user of that tenant with FullAccess on it. The sign-in page lets you choose the account.',
  'exchange.fix.mfa': 'Complete the multi-factor authentication in the browser when asked, then paste the address.',
  'exchange.fix.signInLogs':
    'Entra admin center › Monitoring & health › Sign-in logs › filter by application {app} or user {mailbox}: the failed sign-in names the policy (Conditional Access tab) and what it required.',
  'exchange.fix.conditionalAccess':
    'Adjust the Conditional Access policy that blocked it (an exclusion for the app {app}, or a compliant device / trusted location), or sign in from where it allows.',
  'exchange.fix.timeout': 'The sign-in waits {steps} times the step timeout. Run again (the --timeout option gives more time):',
  'exchange.fix.loopbackPort': 'Another program uses the port of {uri}: close it, or register (and put in auth.redirectUri) another http://localhost port.',
  'exchange.fix.noRedirectUri': 'The delegated flow needs auth.redirectUri: the CRM’s callback, registered under Web in the app.',
  'exchange.fix.scopeMixed': 'Only the Outlook scopes ({scopes}) may be asked for in one sign-in; this is a problem of the tool: please report it.',
  'exchange.fix.aadstsLookup': 'Microsoft’s description of {aadsts}:',
  'exchange.fix.offlineAccess':
    'Entra admin center › App registrations › {app} › API permissions: add the delegated permission offline_access (Microsoft Graph) and grant admin consent.',

  'exchange.cli.login':
    'sign a user in (in any browser) to prove the mailbox end to end: delegated Office 365 accounts, and Gmail OAuth accounts (which get a refresh token this way when the file has none)',
  'exchange.login.intro': 'Sign-in for account “{account}” (mailbox {mailbox}, tenant {tenant}).',
  'exchange.login.openUrl': 'Open this address in any browser and sign in (you have about {minutes} min):',
  'exchange.login.pasteHint':
    'After signing in, the browser goes to {redirectUri}… (the page may show an error: that is fine). Copy the whole address from the address bar and paste it here. If Microsoft shows an error page instead, paste its AADSTS line.',
  'exchange.login.pastePrompt': 'Address after sign-in (hidden)',
  'exchange.login.pasteAgain':
    'That is not the address after sign-in (it has no code=…). Copy the whole address from the browser’s address bar; it starts with {redirectUri}.',
  'exchange.login.pasteOtherSignIn': 'That address answers another sign-in (an older tab?). Use the address printed above.',
  'exchange.login.codeTaken': 'The redirect URI {redirectUri} redeemed the code before this tool could: it is a live service (the CRM’s callback).',
  'exchange.login.offerLoopback': 'Sign in again through a temporary loopback address on this machine (you add it to the app first)?',
  'exchange.login.loopbackRegister':
    'In the Entra admin center › App registrations › {app} › Authentication › Web, add the redirect URI {uri} (or http://localhost/ — Entra ignores the port of localhost addresses) and Save. Remove it after this check.',
  'exchange.login.loopbackReady': 'Is {uri} saved as a Web redirect URI?',
  'exchange.login.waitingLoopback': 'Waiting for the browser on 127.0.0.1:{port}…',
  'exchange.login.signedIn': 'Signed in. Checking {mailbox}…',
  'exchange.login.yes': 'Yes',
  'exchange.login.no': 'No',
  'exchange.login.noTerminal': '--login needs a person at a terminal (standard input and error are not terminals, or CI is set): no sign-in was started',
  'exchange.login.noCredentials': 'the delegated sign-in needs auth.tenantId, auth.clientId and auth.clientSecret',
  'exchange.login.failed': 'the --login sign-in failed ({code}); exchange.mailbox-access says why and how to fix it',
  'exchange.login.redirectMismatch': 'the redirect URI {uri} is not registered (on the Web platform) for the app {app} ({aadsts})',
  'exchange.login.redirectSpa':
    'the redirect URI {uri} is registered as a single-page application: a code redeemed with a client secret needs it under Web ({aadsts})',
  'exchange.login.consentMissing': 'nobody has granted the app {app} the delegated mail permissions for tenant {tenant} ({aadsts})',
  'exchange.login.cancelled': 'the sign-in was cancelled ({error})',
  'exchange.login.codeRedeemed':
    'the authorization code was already redeemed ({aadsts}): the redirect URI {uri} is a live service that took it before the tool could',
  'exchange.login.codeExpired': 'the authorization code expired before it was redeemed ({aadsts})',
  'exchange.login.codeInvalid': 'the pasted code is not valid ({aadsts}): the address was probably cut short',
  'exchange.login.noCode': 'the pasted text has no authorization code',
  'exchange.login.stateMismatch': 'the pasted address answers another sign-in (its state does not match this one)',
  'exchange.login.pkceMismatch': 'the code belongs to another sign-in ({aadsts})',
  'exchange.login.userWrongTenant': 'the account used to sign in belongs to another tenant, not {tenant} ({aadsts})',
  'exchange.login.userNotFound': 'the account used to sign in does not exist in the tenant {tenant} ({aadsts})',
  'exchange.login.mfa': 'multi-factor authentication is required and was not completed ({aadsts})',
  'exchange.login.conditionalAccess': 'a Conditional Access policy blocked the sign-in ({aadsts})',
  'exchange.login.timeout': 'no answer within {seconds} s: the sign-in was not completed',
  'exchange.login.loopbackPort': 'the tool could not listen on 127.0.0.1:{port} for the browser',
  'exchange.login.noRedirectUri': 'no redirect URI is configured (auth.redirectUri)',
  'exchange.login.scopeMixed': 'Entra refused scopes of more than one resource in one sign-in ({aadsts})',
  'exchange.login.otherFailure': 'the sign-in failed ({aadsts})',

  'exchange.evidence.mailbox': 'Mailbox',
  'exchange.evidence.flow': 'OAuth flow',
  'exchange.evidence.protocol': 'Result',
  'exchange.evidence.signedInAs': 'Signed in as (upn)',
  'exchange.evidence.scopes': 'Token scopes (scp)',
  'exchange.evidence.signInVia': 'Code received by',
  'exchange.evidence.redirectUri': 'Redirect URI',
  'exchange.evidence.refreshToken': 'Refresh token',
  'exchange.evidence.entraCheck': 'Earlier check',
  'exchange.evidence.pageError': 'Microsoft’s page said',
  'exchange.evidence.loopbackPort': 'Loopback address',
  'exchange.evidence.firstAttempt': 'First attempt',
  // RBAC for Applications: the scope the role assignment is limited to.
  'exchange.fix.managementScope': 'Create a management scope holding {mailbox} (once per mailbox):',

  // The mailbox did not open with another reply than Exchange's "not connected": quoted as the server sent it.
  'exchange.access.notConnectedReply': '{protocol} accepted the app’s token (service principal {oid}) but would not open {mailbox}: {reply}',
} as const;
