/** English strings of the 'entra' area: the Entra ID checks (tenant, credentials, Exchange roles, Object ID). */
export const entra = {
  'entra.notApplicable.notOffice365': 'only for Office 365 accounts (this one is {provider})',
  'entra.notApplicable.notOAuth': 'only for Office 365 accounts with method: oauth2',
  'entra.notApplicable.tokenGiven': 'token given in the file (auth.accessToken); acquisition not tested',
  'entra.notApplicable.noSecret': 'no client secret is configured (auth.clientSecret)',
  'entra.notApplicable.noIds': 'auth.tenantId and auth.clientId are needed',
  'entra.notApplicable.notApplicationFlow': 'only for the application flow (auth.flow: application); the delegated flow is proven with --login',

  // The meaning of each AADSTS number the checks diagnose (../../../identity/aadsts.ts).
  'entra.aadsts.7000215': 'Entra refused the client secret of app {app} (AADSTS7000215): it is not the Value of any secret of this app',
  'entra.aadsts.7000222': 'the client secret of app {app} has expired (AADSTS7000222)',
  'entra.aadsts.7000218': 'no client secret reached Entra for app {app} (AADSTS7000218)',
  'entra.aadsts.700016':
    'there is no application {app} in tenant {tenant} (AADSTS700016): the client ID is wrong, or the tenant is not the one where the app is registered',
  'entra.aadsts.7000112': 'application {app} is disabled in tenant {tenant} (AADSTS{aadsts}): nobody can sign in to it',
  'entra.aadsts.90002': 'Entra does not know the tenant {tenant} in the {cloud} cloud (AADSTS90002)',
  'entra.aadsts.900023': '{tenant} is not a tenant identifier (AADSTS900023): it must be a GUID or a domain such as contoso.onmicrosoft.com',
  'entra.aadsts.90038': 'tenant {tenant} belongs to another national cloud than {cloud} (AADSTS90038)',
  'entra.aadsts.1002012': 'Entra refused the scope {scope} (AADSTS{aadsts})',
  'entra.aadsts.500011':
    'tenant {tenant} has no Office 365 Exchange Online service (AADSTS500011): the tenant has no Exchange Online licence, or it is not the tenant with the mailboxes',
  'entra.aadsts.53003': 'a Conditional Access policy of the tenant blocked the token for app {app} (AADSTS{aadsts})',
  'entra.aadsts.65001': 'nobody has granted consent to app {app} in this tenant (AADSTS{aadsts})',
  'entra.aadsts.transient': 'Entra could not answer right now (AADSTS{aadsts}): a temporary problem on Microsoft’s side',
  'entra.aadsts.unknown': 'Entra refused the request with AADSTS{aadsts} ({error})',

  'entra.tenant.title': 'The tenant exists, in the configured cloud',
  'entra.tenant.pass': 'tenant {tenant} exists in the {cloud} cloud',
  'entra.tenant.passDomain': 'the domain {domain} belongs to tenant {tenant}, in the {cloud} cloud',
  'entra.tenant.notFound': 'Entra does not know the tenant {tenant} in the {cloud} cloud (AADSTS90002): a wrong ID, or a tenant of another cloud',
  'entra.tenant.domainNotFound':
    'no tenant of the {cloud} cloud has verified the domain {tenant} (AADSTS90002): a typo, a domain not verified in Entra, or a tenant of another cloud',
  'entra.tenant.malformed': '{tenant} is not a tenant identifier (AADSTS900023): it must be a GUID or a domain such as contoso.onmicrosoft.com',
  'entra.tenant.refused': 'Entra refused to describe the tenant (AADSTS{aadsts}, {meaning})',
  'entra.tenant.wrongCloud':
    'tenant {tenant} lives in the {found} cloud, but the file says cloud: {configured}; every sign-in and mail host would be the wrong ones',
  'entra.tenant.fix.cloud': 'Write the tenant’s cloud ({cloud}) in the account; the sign-in, Graph and mail hosts follow it:',
  'entra.tenant.fix.endpoints':
    'endpoints.login / endpoints.graph are set in the file: for this cloud they are {login} and {graph} (or remove them to use the defaults).',
  'entra.tenant.fix.cloudHosts':
    'In this cloud the mailboxes are reached at {incoming} (IMAP/POP3) and {smtp} (SMTP); check the same in Tactium’s e-mail settings.',

  'entra.credentials.title': 'The client ID and secret obtain a token',
  'entra.credentials.pass': 'app {app} obtained an Exchange Online token with its client secret',
  'entra.credentials.secretIdAsValue':
    'Entra refused the client secret of app {app} (AADSTS7000215), and auth.clientSecret holds a GUID: that is the Secret ID, not the secret’s Value',
  'entra.credentials.emptyToken': 'Entra answered (HTTP {status}) without a token',
  'entra.credentials.clientRejected': 'the sign-in library refused the settings before contacting Entra ({code})',

  'entra.exchange-roles.title': 'The Exchange token carries the permissions the protocols need',
  'entra.roles.pass': 'the token carries {roles}',
  'entra.roles.none':
    'the token carries no application permission (no roles): either the Exchange permissions were never granted with admin consent, or access is given by Exchange itself (RBAC for Applications); exchange.mailbox-access will tell. Needed: {roles}',
  'entra.roles.missing':
    'the token lacks {missing} (it carries {held}): admin consent was not granted for these Office 365 Exchange Online application permissions',
  'entra.roles.ewsOnly': 'the token carries only full_access_as_app, which is for EWS, not IMAP, POP or SMTP; needed: {roles}',
  'entra.roles.audience': 'the token is not for Exchange Online (aud: {aud})',
  'entra.roles.tenantMismatch': 'the token comes from tenant {tid}, not from the configured tenant {tenant}',
  'entra.roles.clientMismatch': 'the token was issued to app {appid}, not to the configured client {app}',
  'entra.roles.fix.addPermissions':
    'Entra admin center › App registrations › {app} › API permissions › Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › tick {roles} › Add permissions.',
  'entra.roles.fix.grantConsent':
    'Then, on the same page, Grant admin consent for the tenant › Yes (the Status column must show “Granted”). This needs a Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator. App {app}.',
  'entra.roles.fix.rbac':
    'If SMTP is meant to use RBAC for Applications instead (an Exchange role assignment; the token then has no roles), that assignment is made in Exchange Online PowerShell:',
  'entra.roles.fix.connect': 'Connect to Exchange Online as an Exchange Administrator:',
  'entra.roles.fix.rbacAssignment': 'Assign the SMTP role to the app, limited to a management scope with the mailboxes:',
  'entra.roles.fix.audience': 'The token must be for the Exchange resource of the {cloud} cloud; check cloud: and endpoints: in the file.',
  'entra.roles.fix.tenantMismatch':
    'auth.tenantId must be the tenant where the mailboxes are ({tid} issued this token); check the Directory (tenant) ID on the app’s Overview page.',
  'entra.roles.fix.clientMismatch': 'auth.clientId must be the Application (client) ID shown on the app’s Overview page.',

  'entra.object-id.title': 'The Object ID is the enterprise application’s',
  'entra.objectId.pass': '{oid} is the enterprise application’s Object ID, the one New-ServicePrincipal needs',
  'entra.objectId.notGiven': 'the Object ID was not given (auth.objectId); the enterprise application’s Object ID in this tenant is {oid}',
  'entra.objectId.noOid': 'the token carries no oid claim, so the Object ID cannot be compared',
  'entra.objectId.isClientId': 'the Object ID sent ({sent}) is the Application (client) ID, not an Object ID',
  'entra.objectId.isTenantId': 'the Object ID sent ({sent}) is the Directory (tenant) ID, not an Object ID',
  'entra.objectId.isSecretId': 'the Object ID sent ({sent}) is the Secret ID of the client secret, not an Object ID',
  'entra.objectId.isAppRegistration': 'the Object ID sent ({sent}) is the App registrations Object ID; Exchange needs the enterprise application’s',
  'entra.objectId.isUnknown': 'the Object ID sent ({sent}) is neither the enterprise application’s nor the app registration’s',
  'entra.objectId.probablyAppRegistration':
    'the Object ID sent ({sent}) is not the enterprise application’s; most likely it is the Object ID from App registrations, which Exchange does not accept',
  'entra.objectId.fix.whichOne':
    'Two pages show an “Object ID”: App registrations (the registration itself, used by Microsoft Graph) and Enterprise applications (the service principal in this tenant). Exchange’s New-ServicePrincipal -ObjectId and mailbox permissions need the enterprise application’s: {oid}.',
  'entra.objectId.fix.portal':
    'Entra admin center › Enterprise applications › All applications (clear the “Application type” filter if it is not listed) › the app {app} › Overview › Object ID: {oid}.',
  'entra.objectId.fix.yaml': 'In the file (and in what you send to Tactium), write:',
  'entra.objectId.fix.connect': 'In Exchange Online PowerShell, as an Exchange Administrator:',
  'entra.objectId.fix.newServicePrincipal':
    'Register the app’s service principal in Exchange with the right Object ID (if one was registered with the wrong ID, remove it first with Remove-ServicePrincipal):',
  'entra.objectId.fix.verify': 'Check what Exchange has registered:',

  'entra.token.needsLogin': 'needs --login (delegated flow): a user signs in to get the mailbox token',
  'entra.token.noCredentials': 'the Office 365 application flow needs auth.tenantId, auth.clientId and auth.clientSecret',
  'entra.token.failed': 'no Office 365 token ({code}); entra.credentials says why',
  'entra.token.opaque': 'the token is opaque (not a JWT): its claims cannot be read',

  'entra.unavailable': 'Entra answered HTTP {status}: a temporary problem on Microsoft’s side, or on the way',
  'entra.throttled': 'Entra is throttling requests (HTTP 429; retry after {retryAfter} s)',
  'entra.unexpectedAnswer': 'something other than Entra answered at {host} (HTTP {status}, not Entra’s JSON): a proxy, firewall or captive portal',

  'entra.network.dnsNotFound': 'the name {host} does not exist in DNS: the sign-in host is misspelt, or this network’s DNS does not resolve it',
  'entra.network.dnsTimeout': 'no DNS server answered for {host} in time',
  'entra.network.dnsNoNetwork': 'no DNS server could be reached to resolve {host}: this machine seems to have no network',
  'entra.network.dnsFailed': 'resolving {host} failed ({code})',
  'entra.network.refused': '{host} refused the connection on port {port}: something between this machine and Microsoft rejects HTTPS to the sign-in host',
  'entra.network.connectTimeout': 'no connection to {host} on port {port} within {seconds} s: a firewall is probably dropping HTTPS to the sign-in host',
  'entra.network.reset': 'the connection to {host} was cut (reset): often a firewall or proxy that inspects traffic',
  'entra.network.unreachable': 'there is no route from this machine to {host}',
  'entra.network.untrusted':
    'the certificate presented for {host} is not trusted: typically a firewall or proxy that inspects TLS (TLS inspection) and re-signs with its own root certificate',
  'entra.network.untrustedIssuer':
    'the certificate presented for {host} was issued by “{issuer}”, which this machine does not trust: typically a firewall or proxy that inspects TLS and re-signs with its own root certificate',
  'entra.network.certificateDates': 'the certificate presented for {host} is expired or not yet valid (or this machine’s clock is wrong)',
  'entra.network.hostnameMismatch':
    'the certificate presented for {host} is for another name: something intercepts the connection, or endpoints.login is wrong',
  'entra.network.tlsFailed': 'the TLS handshake with {host} failed ({code})',
  'entra.network.proxyUnreachable': 'the proxy {proxy} could not be reached',
  'entra.network.proxyAuth': 'the proxy {proxy} demands a login (HTTP 407)',
  'entra.network.proxyRejected': 'the proxy {proxy} refused to open a tunnel to {host} (HTTP {status})',
  'entra.network.noAnswer': '{host} accepted the connection but did not answer within {seconds} s',
  'entra.network.tooLarge': 'the answer from {host} was far larger than any Entra answer (not Entra answering)',
  'entra.network.aborted': 'the request to {host} was interrupted',
  'entra.network.failed': 'the request to {host} failed ({code})',

  'entra.fix.tenantId':
    'Entra admin center › Overview › copy the Tenant ID (or App registrations › the app › Overview › Directory (tenant) ID) into auth.tenantId.',
  'entra.fix.tenantDomain':
    '{tenant} must be a domain verified in the tenant (Entra admin center › Domain names); the tenant’s initial domain, …onmicrosoft.com, or the Tenant ID (a GUID) always work.',
  'entra.fix.tenantMalformed':
    'auth.tenantId holds {tenant}: write the Tenant ID (a GUID such as 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c) or a domain of the tenant.',
  'entra.fix.tenantOtherCloud':
    'The file says cloud: {cloud}. If the organisation uses a national cloud (US Government, or China operated by 21Vianet), write its cloud ({others}):',
  'entra.fix.secretValue':
    'auth.clientSecret must be the Value of a client secret of app {app} — the Value column, shown only once when the secret is created — not the Secret ID and not another ID.',
  'entra.fix.secretIdNotValue':
    'The Secret ID column of Certificates & secrets is a GUID that only names the secret; it never authenticates. The Value is a longer text (about 40 characters) that the portal shows only right after creating the secret.',
  'entra.fix.newSecret':
    'Entra admin center › App registrations › {app} › Certificates & secrets › Client secrets › New client secret › description and expiry › Add › copy the Value at once (it is masked afterwards).',
  'entra.fix.secretInEnv': 'Put the new Value in the environment variable {name}.',
  'entra.fix.secretInFile': 'Put the new Value in the file {file}.',
  'entra.fix.secretInConfig': 'Put the new Value where auth.clientSecret is read from (preferably an environment variable: clientSecret: ${env:NAME}).',
  'entra.fix.secretTactium': 'Put the same Value in Tactium’s e-mail settings, and write the new secret’s Secret ID in auth.secretId so its expiry is checked.',
  'entra.fix.secretExpiry':
    'Delete the expired secret once nothing uses it, and write the new expiry date in auth.secretExpiresOn so that scheduled runs warn 30 days ahead.',
  'entra.fix.checkIds':
    'Entra admin center › App registrations › All applications › search for {app} › Overview: the Application (client) ID must be {app} and the Directory (tenant) ID must be {tenant}. Copy both from there into auth.clientId and auth.tenantId.',
  'entra.fix.appOtherTenant':
    'If the app is registered in another tenant (a multi-tenant app), it exists in {tenant} only after an administrator of {tenant} grants consent:',
  'entra.fix.adminConsentUrl': 'Admin consent for this tenant and client (an administrator opens it and accepts):',
  'entra.fix.enableApp': 'Entra admin center › Enterprise applications › All applications › {app} › Properties › “Enabled for users to sign-in?” › Yes › Save.',
  'entra.fix.otherCloud': 'Write the cloud where the tenant lives (entra.tenant shows it):',
  'entra.fix.scope':
    'The scope {scope} comes from cloud: {cloud}; check that it is the tenant’s cloud (entra.tenant shows it). If it is, report this to Tactium with the evidence.',
  'entra.fix.exchangeLicence':
    'Microsoft 365 admin center › Billing › Your products: the tenant needs a subscription with Exchange Online, and the mailbox a licence (a shared mailbox needs none).',
  'entra.fix.exchangeTenant': 'Check that auth.tenantId ({tenant}) is the tenant that holds the mailboxes.',
  'entra.fix.conditionalAccess':
    'Entra admin center › Protection › Conditional Access › Policies: find the policy for workload identities that blocks {app} (for example by location), and exclude the app or the location Tactium connects from.',
  'entra.fix.signInLogs':
    'Entra admin center › Monitoring & health › Sign-in logs › Service principal sign-ins: the failed sign-in (correlation ID {correlation}) shows which policy applied.',
  'entra.fix.grantConsent': 'Entra admin center › App registrations › {app} › API permissions › Grant admin consent for the tenant.',
  'entra.fix.retryLater': 'Run the check again in a few minutes; if it keeps failing, look at Microsoft 365 service health.',
  'entra.fix.serviceHealth': 'Microsoft 365 admin center › Health › Service health (Microsoft Entra, Exchange Online).',
  'entra.fix.errorLookup': 'Microsoft’s page for AADSTS{aadsts}:',
  'entra.fix.unexpectedAnswer':
    'The answer did not come from Entra: a proxy, firewall or captive portal between this machine and {host} answered instead. Allow HTTPS to {host}, or set HTTPS_PROXY to the proxy this network requires.',
  'entra.fix.clientRejected':
    'Check auth.tenantId (a GUID or a domain, not “common” or “organizations”), auth.clientId and endpoints.login (https); if they are right, report this to Tactium with the evidence.',
  'entra.fix.seeCredentials': 'entra.credentials shows why the token could not be had, and the fix.',
  'entra.fix.loginHost': 'The sign-in host {host} comes from cloud: {cloud} (or endpoints.login in the file); check it.',
  'entra.fix.nslookup': 'Check the name from this machine:',
  'entra.fix.dnsServer': 'Check this machine’s network connection and DNS servers (a VPN or a corporate DNS may be required).',
  'entra.fix.firewall': 'Outbound HTTPS (TCP 443) to {host} must be allowed from this machine (and from Tactium’s servers).',
  'entra.fix.useProxy':
    'If this network reaches the internet only through a proxy, set HTTPS_PROXY before running the tool (NO_PROXY lists hosts reached directly):',
  'entra.fix.proxyPowerShell': 'Windows PowerShell:',
  'entra.fix.proxyPosix': 'Linux and macOS:',
  'entra.fix.tlsInspection':
    'A firewall or proxy that inspects TLS replaces Microsoft’s certificate for {host} with one signed by its own root certificate. Either exclude the Microsoft sign-in hosts from inspection, or make this tool trust that root:',
  'entra.fix.caFile': 'Save the corporate root certificate (PEM) beside the configuration file and point tls.caFile at it:',
  'entra.fix.caFileExport':
    'The IT team has that root certificate (it is the one the firewall signs with; on Windows it is usually under Trusted Root Certification Authorities). Export it as “Base-64 encoded X.509 (.CER)”, which is PEM.',
  'entra.fix.tlsOther':
    'Something between this machine and {host} interferes with TLS; try from another network, or ask the IT team whether the connection is intercepted.',
  'entra.fix.proxyCheck': 'Check {variable} ({proxy}): the proxy’s address and port, and that it is running and reachable from this machine.',
  'entra.fix.proxyCredentials': 'Give the proxy’s credentials in the variable (or ask the IT team for a proxy that does not require a login for this tool):',
  'entra.fix.proxyAllow':
    'The proxy {proxy} must allow HTTPS tunnels (CONNECT) to {host}; ask the IT team to allow it, or add the host to NO_PROXY if it can be reached directly.',

  'entra.evidence.tenant': 'Tenant (configured)',
  'entra.evidence.tenantGuid': 'Tenant ID',
  'entra.evidence.cloudInstance': 'Cloud instance',
  'entra.evidence.regionScope': 'Tenant region',
  'entra.evidence.graphHost': 'Microsoft Graph host',
  'entra.evidence.cloudGraphHost': 'Azure AD Graph host',
  'entra.evidence.configuredCloud': 'Cloud (configured)',
  'entra.evidence.endpoint': 'Endpoint',
  'entra.evidence.address': 'Address',
  'entra.evidence.proxy': 'Proxy',
  'entra.evidence.proxyStatus': 'Proxy answer',
  'entra.evidence.certificateSubject': 'Certificate presented',
  'entra.evidence.certificateIssuer': 'Certificate issued by',
  'entra.evidence.networkError': 'Network error',
  'entra.evidence.elapsed': 'Time',
  'entra.evidence.httpStatus': 'HTTP status',
  'entra.evidence.contentType': 'Content type',
  'entra.evidence.answer': 'Answer',
  'entra.evidence.retryAfter': 'Retry-After',
  'entra.evidence.aadsts': 'AADSTS',
  'entra.evidence.oauthError': 'OAuth error',
  'entra.evidence.entraMessage': 'Entra’s message',
  'entra.evidence.correlationId': 'Correlation ID',
  'entra.evidence.traceId': 'Trace ID',
  'entra.evidence.timestamp': 'Timestamp',
  'entra.evidence.msalError': 'Library error',
  'entra.evidence.clientId': 'Application (client) ID',
  'entra.evidence.scope': 'Scope',
  'entra.evidence.secretId': 'Secret ID (configured)',
  'entra.evidence.secretReference': 'Client secret read from',
  'entra.evidence.secretExpiresOn': 'Secret expiry (configured)',
  'entra.evidence.tokenExpires': 'Token expires',
  'entra.evidence.clockSkew': 'Entra’s clock vs this machine’s',
  'entra.evidence.audience': 'Token audience (aud)',
  'entra.evidence.tokenTenant': 'Token tenant (tid)',
  'entra.evidence.tokenClient': 'Token client (appid)',
  'entra.evidence.roles': 'Token roles',
  'entra.evidence.neededRoles': 'Roles needed',
  'entra.evidence.objectId': 'Object ID (configured)',
  'entra.evidence.tokenObjectId': 'Enterprise application Object ID (token oid)',
  'entra.evidence.appRegistrationObjectId': 'App registration Object ID',

  // Directory checks through Microsoft Graph and the --admin sign-in (entra.app, entra.redirect-uri,
  // entra.secret-expiry, entra.permissions, entra.admin-consent, entra.admin-user, entra.mailbox).
  'entra.cli.admin': 'sign in as a directory administrator (read-only Microsoft Graph) to run the directory checks',
  'entra.notApplicable.notDelegatedFlow': 'only for the delegated flow (auth.flow: delegated)',
  'entra.notApplicable.noRedirectUri': 'auth.redirectUri is not configured',
  'entra.notApplicable.noAdminUser': 'admin.user is not configured',

  'entra.directory.noAccess': 'needs directory access: run with --admin, or give the app the application permissions {permissions}',
  'entra.directory.adminFailed': 'the administrator sign-in did not succeed ({code}) and the app cannot read the directory itself',
  'entra.directory.adminNeedsTerminal':
    '--admin needs a person at an interactive terminal to sign in, and there is none here; the app cannot read the directory itself',
  'entra.directory.adminNeedsTerminalCi': '--admin does not sign in when CI is set, and the app cannot read the directory itself',
  'entra.directory.deniedApp': 'the directory refused to answer the app {who} (HTTP {status} {code}): it needs the application permission {permissions}',
  'entra.directory.deniedAdmin':
    'the directory refused to answer {who} (HTTP {status} {code}): the sign-in lacks {permissions}, or the administrator’s role does not allow reading this',
  'entra.directory.throttled': 'Microsoft Graph is throttling the requests (HTTP 429, Retry-After {retryAfter})',
  'entra.directory.unavailable': 'Microsoft Graph could not answer (HTTP {status}): a problem on Microsoft’s side',
  'entra.directory.refusedRequest': 'Microsoft Graph refused the request (HTTP {status} {code})',
  'entra.directory.fix.admin': 'Run the directory checks with an administrator sign-in (read-only: {scopes}), from a terminal:',
  'entra.directory.fix.appPermissions':
    'Or let the app read the directory itself: App registrations › the app {app} › API permissions › Add a permission › Microsoft Graph › Application permissions › {permissions} › Add permissions › Grant admin consent',
  'entra.directory.fix.adminScopes':
    'Sign in again with --admin and accept the permissions asked for ({scopes}); a sign-in client of your own (admin.clientId) needs them granted.',

  'entra.signin.start': 'Administrator sign-in for tenant {tenant}, read-only ({scopes}), through Microsoft Graph Command Line Tools ({client}).',
  'entra.signin.startOwnClient': 'Administrator sign-in for tenant {tenant}, read-only ({scopes}), through your app {client} (admin.clientId).',
  'entra.signin.as': 'Sign in as {user} (admin.user).',
  'entra.signin.deviceCode': 'Open {url} in any browser and enter the code {code} (valid for {minutes} minutes).',
  'entra.signin.deviceCodeRefused': 'This tenant does not allow signing in with a device code (AADSTS{aadsts}); signing in through the browser instead.',
  'entra.signin.paste.open':
    'Open this address in a browser and sign in. The browser then goes to {redirect}…, a page that does not load: copy that address from the address bar.',
  'entra.signin.paste.ask': 'Paste the address the browser went to (it starts with {redirect}; hidden as you type):',
  'entra.signin.done': 'Signed in as {user} for tenant {tenant}.',
  'entra.signin.failed': 'The administrator sign-in for tenant {tenant} did not succeed; the directory checks say why.',
  'entra.signin.noTerminal':
    '--admin needs a person at a terminal (standard input and error, CI not set): no administrator sign-in was started; the directory checks say what they could read without it.',
  'entra.signin.fix.again': 'Run again with --admin and finish the sign-in in the browser.',
  'entra.signin.fix.ci': 'Run with --admin from an interactive terminal, without the CI variable; for CI, give the app read permissions instead.',
  'entra.signin.fix.terminal': 'Run with --admin from an interactive terminal: a person signs in in a browser.',
  'entra.signin.fix.conditionalAccess':
    'Entra admin center › Conditional Access › Policies: the policy that blocked this sign-in (Monitoring & health › Sign-in logs, correlation ID {correlation}); run --admin from a device it allows.',
  'entra.signin.fix.ownClient':
    'Or register a read-only app of your own (delegated Directory.Read.All and RoleManagement.Read.Directory, admin consent, Mobile and desktop redirect URI http://localhost, public client flows allowed) and write its Application ID in admin.clientId.',
  'entra.signin.fix.consent': 'An administrator grants the read-only permissions to {client} once, at this address:',
  'entra.signin.fix.publicClient':
    'App registrations › the app {client} › Authentication: Allow public client flows = Yes, and a Mobile and desktop applications redirect URI {redirect}.',
  'entra.signin.fix.adminClientId': 'admin.clientId {client} is not an app of this tenant: check its Application (client) ID.',
  'entra.signin.fix.paste': 'Paste the whole address from the browser’s address bar after signing in (it starts with {redirect} and contains code=).',
  'entra.signin.fix.pasteState': 'The pasted address answers another sign-in (an older tab): open the new address, sign in and paste its answer.',

  'entra.app.title': 'The app registration exists in this tenant',
  'entra.app.pass': 'the app registration “{name}” ({app}) exists in this tenant; sign-in audience {audience}',
  'entra.app.notFound':
    'there is no app registration with the Application (client) ID {app} in tenant {tenant}: the client ID is wrong, or the app is registered in another tenant',
  'entra.app.otherTenant':
    'app {app} (“{name}”) is registered in another tenant ({owner}); this tenant only has its enterprise application, so its redirect URIs, secrets and permissions cannot be read here',
  'entra.app.fix.otherTenant':
    'Run the directory checks against the tenant that owns the registration ({owner}), or ask its administrator for the redirect URIs, secrets and permissions.',
  'entra.app.personalOnly':
    'app {app} (“{name}”) accepts personal Microsoft accounts only (signInAudience PersonalMicrosoftAccount): it signs in no work account and gets no Exchange Online token',
  'entra.app.fix.audience':
    'Register an app for “Accounts in this organizational directory only” (App registrations › New registration), or set signInAudience to AzureADMyOrg in the app’s Manifest.',

  'entra.redirect-uri.title': 'The redirect URI is registered exactly, on the Web platform',
  'entra.redirect.pass': '{uri} is registered exactly, on the Web platform',
  'entra.redirect.spaOnly':
    '{uri} is registered only as a Single-page application redirect URI: a server such as Tactium cannot redeem the code with its client secret there (AADSTS9002327)',
  'entra.redirect.publicClientOnly':
    '{uri} is registered only under Mobile and desktop applications (a public client): a code redeemed with a client secret there is refused (AADSTS700025)',
  'entra.redirect.nearMiss':
    '{uri} is not registered; the closest is {registered} ({platform}), which differs in: {differences}. The sign-in would fail with AADSTS50011',
  'entra.redirect.mismatch': '{uri} is not among the {count} redirect URIs registered for the app: the sign-in would fail with AADSTS50011',
  'entra.redirect.none': 'the app has no redirect URI at all: {uri} must be added on the Web platform (the sign-in fails with AADSTS50011)',
  'entra.redirect.fix.addWeb':
    'App registrations › the app {app} › Authentication › Add a platform › Web (or the Web platform already there) › add the redirect URI exactly as Tactium sends it: {uri} › Configure / Save',
  'entra.redirect.fix.removeOther': 'On the same page, remove {uri} from {platform}, so that Entra does not treat it as that platform.',
  'entra.redirect.fix.orTactium': 'Or, if {registered} is the address Tactium really uses, write it in auth.redirectUri and in Tactium’s e-mail settings.',

  'entra.secret-expiry.title': 'The client secret belongs to the app and is not expiring',
  'entra.secret.valid': 'the client secret expires on {date}, in {days} days',
  'entra.secret.expiring': 'the client secret expires on {date}, in {days} days: create the next one and update Tactium before then',
  'entra.secret.expired': 'the client secret expired on {date}, {days} days ago: Entra refuses it (AADSTS7000222)',
  'entra.secret.validFile': 'the client secret expires on {date}, in {days} days (date from auth.secretExpiresOn: the directory could not be read)',
  'entra.secret.expiringFile':
    'the client secret expires on {date}, in {days} days (date from auth.secretExpiresOn: the directory could not be read): create the next one and update Tactium before then',
  'entra.secret.expiredFile': 'the client secret expired on {date}, {days} days ago (date from auth.secretExpiresOn: the directory could not be read)',
  'entra.secret.none': 'app {app} has no client secret at all',
  'entra.secret.idNotFound': 'the Secret ID {secretId} is not one of the {count} client secrets of app {app}: it was deleted, or it belongs to another app',
  'entra.secret.valueNotFound':
    'none of the {count} client secrets of app {app} begins like the configured value: the value belongs to another app, or it is not a secret’s Value',
  'entra.secret.unidentified': 'the app has {count} client secrets and nothing says which one Tactium uses (auth.secretId)',
  'entra.secret.noEnd': 'the client secret {keyId} has no end date',
  'entra.secret.fix.secretIdFromValue': 'The configured value belongs to the secret {keyId}: write its Secret ID in the file.',
  'entra.secret.fix.findSecretId':
    'App registrations › the app {app} › Certificates & secrets › Client secrets: the Secret ID column of the secret Tactium uses.',
  'entra.secret.fix.secretExpiresOn':
    'Or write the expiry date the portal shows (Certificates & secrets › Client secrets › Expires) in the file, so that runs without directory access still warn in time:',
  'entra.secret.fix.updateFile': 'After creating the new secret, write its expiry date in the file:',

  'entra.permissions.title': 'The app has the Exchange permissions the flow needs',
  'entra.permissions.passApplication': 'the app has the application permissions {permissions} ({resource})',
  'entra.permissions.passDelegated': 'the app has the delegated permissions {permissions} ({resource})',
  'entra.permissions.missingApplication': 'app {app} lacks the application permissions {missing} of Office 365 Exchange Online',
  'entra.permissions.missingDelegated': 'app {app} lacks the delegated permissions {missing} (of Office 365 Exchange Online or Microsoft Graph)',
  'entra.permissions.delegatedForApplication':
    'the app has {configured} as delegated permissions, but the flow is application: it needs the application permissions {needed}',
  'entra.permissions.applicationForDelegated':
    'the app has {configured} as application permissions, but the flow is delegated: it needs the delegated permissions {needed}',
  'entra.permissions.wrongResource':
    'the permission {id} is listed under {listed}, but it is {owner}’s {name}: the manifest mixes up the two resources, and that entry grants no {name}',
  'entra.permissions.offlineAccess':
    'app {app} has the mail permissions but not offline_access: unless each user consents to it, Tactium gets no refresh token and must sign in again within the hour',
  'entra.permissions.noExchange':
    'tenant {tenant} has no Office 365 Exchange Online service principal: the tenant has no Exchange Online licence, or it is not the tenant with the mailboxes',
  'entra.permissions.fix.addApplication':
    'App registrations › the app {app} › API permissions › Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › {permissions} › Add permissions',
  'entra.permissions.fix.addDelegated':
    'App registrations › the app {app} › API permissions › Add a permission › Microsoft Graph (or APIs my organization uses › Office 365 Exchange Online) › Delegated permissions › {permissions} › Add permissions',
  'entra.permissions.fix.manifest':
    'App registrations › the app {app} › API permissions: remove the entries {ids} (or delete them from requiredResourceAccess in the Manifest), then add the permissions again with Add a permission, which files them under the right resource',

  'entra.admin-consent.title': 'Admin consent is granted for those permissions',
  'entra.consent.passApplication': 'admin consent is granted for {permissions} (Office 365 Exchange Online)',
  'entra.consent.passDelegated': 'consent for the whole organization is granted for {permissions}',
  'entra.consent.passMailboxUser':
    '{permissions} are consented by the mailbox’s own user ({user}) only, not for the whole organization: enough when that user signs in',
  'entra.consent.missingApplication': 'admin consent is missing for {missing} (granted: {granted}): the Exchange token will not carry those roles',
  'entra.consent.missingDelegated':
    'nobody has consented to {missing} for this app: the sign-in stops at a consent prompt, or at AADSTS65001 where users may not consent',
  'entra.consent.usersOnly':
    'only some users consented for themselves (user IDs {users}), not the whole organization nor the mailbox’s user {mailbox}: anyone else who signs in is asked to consent',
  'entra.consent.offlineAccess':
    'the mail permissions are consented for the whole organization, but offline_access is not: users are asked for it at sign-in, or refused where user consent is off',
  'entra.consent.noEnterpriseApp': 'app {app} has no enterprise application in tenant {tenant}: nobody has consented to it here yet',
  'entra.consent.fix.portal':
    'App registrations › the app {app} › API permissions › Grant admin consent for <tenant> › Yes ({permissions} then show “Granted for …”); or Enterprise applications › the app › Security › Permissions › Grant admin consent',
  'entra.consent.fix.configureFirst': 'A permission not listed under API permissions cannot be consented: add it first (entra.permissions says which).',

  'entra.admin-user.title': 'The administrator can grant consent and run the Exchange steps',
  'entra.adminUser.pass': '{user} can grant tenant-wide consent ({consentRole}) and run the Exchange steps ({exchangeRole})',
  'entra.adminUser.notFound': 'there is no user {user} in tenant {tenant}',
  'entra.adminUser.disabled': '{user} is blocked from signing in (accountEnabled false)',
  'entra.adminUser.noRoles': '{user} has none of the roles needed: they can neither grant tenant-wide consent nor run the Exchange steps',
  'entra.adminUser.cannotConsent':
    '{user} cannot grant tenant-wide consent: they are not a Global, Privileged Role, Cloud Application or Application Administrator',
  'entra.adminUser.cannotExchange':
    '{user} cannot run the Exchange steps (New-ServicePrincipal, Add-MailboxPermission): they are neither an Exchange nor a Global Administrator',
  'entra.adminUser.mustActivate': '{user} holds {roles} as eligible in Privileged Identity Management: the role must be activated before the steps',
  'entra.adminUser.noExchangeDelegated':
    '{user} can grant consent ({consentRole}) but is not an Exchange administrator: giving a user FullAccess on a shared mailbox needs one',
  'entra.adminUser.noExchangeDelegatedUnread':
    '{user} can grant consent ({consentRole}) and holds no Exchange administrator role directly; roles held through role-assignable groups could not be read, so it may come from a group (giving a user FullAccess on a shared mailbox needs one)',
  'entra.adminUser.groupRolesUnread':
    '{user} holds no needed role through a direct assignment, and the roles held through role-assignable groups could not be read: the role may come from a group rather than be missing (the evidence shows which duty)',
  'entra.adminUser.fix.findUser': 'Entra admin center › Users › All users: check the administrator’s exact user name ({user} was not found).',
  'entra.adminUser.fix.yaml': 'Write the administrator’s user principal name in the file:',
  'entra.adminUser.fix.enable': 'Entra admin center › Users › {user} › Edit properties › Settings › Account enabled; or name another administrator',
  'entra.adminUser.fix.assign':
    'Entra admin center › Roles & admins › {roles} › Add assignments › {user} (with PIM: Identity Governance › Privileged Identity Management › Microsoft Entra roles)',
  'entra.adminUser.fix.activate':
    'Before the steps, the administrator activates {roles}: Entra admin center › Identity Governance › Privileged Identity Management › My roles › Eligible assignments › Activate',
  'entra.adminUser.fix.checkGroupRoles':
    'Entra admin center › Users › {user} › Assigned roles: it lists the roles held through groups too; assign the missing one only if it is not there',

  'entra.mailbox.title': 'The mailbox exists in this tenant',
  'entra.mailbox.pass': '{mailbox} is an enabled, licensed user ({upn})',
  'entra.mailbox.shared': '{mailbox} is a shared mailbox (no licence, sign-in blocked), as Exchange creates it',
  'entra.mailbox.sharedDelegated':
    '{mailbox} is a shared mailbox (no licence, sign-in blocked), as Exchange creates it; with the delegated flow a licensed user with FullAccess on it signs in',
  'entra.mailbox.notFound':
    'no user of tenant {tenant} has the address {mailbox}: a typo, or the address of a contact, group or distribution list, which have no mailbox to log in to',
  'entra.mailbox.guest': '{mailbox} is a guest user: its mailbox lives in its own organization, not in this tenant',
  'entra.mailbox.disabledDelegated': '{mailbox} is a licensed user blocked from signing in: a delegated sign-in as this user fails (AADSTS50057)',
  'entra.mailbox.disabledApplication':
    '{mailbox} is a licensed user blocked from signing in; app-only access signs nobody in and can still work, but check that the mailbox is meant to be in use',
  'entra.mailbox.noLicence':
    '{mailbox} is an enabled user without any licence: a user mailbox needs an Exchange Online licence (a shared mailbox does not, but then its sign-in is blocked)',
  'entra.mailbox.fix.recipients':
    'Exchange admin center › Recipients › Mailboxes (and Contacts, Groups): search {mailbox} to see what it is; a shared mailbox is listed under Mailboxes as SharedMailbox',
  'entra.mailbox.fix.address': 'Write in mailbox the primary address of a user or shared mailbox of this tenant.',
  'entra.mailbox.fix.unblock': 'Microsoft 365 admin center › Users › Active users › {mailbox} › Unblock sign-in (if this user is meant to sign in)',
  'entra.mailbox.fix.convertShared':
    'If a team uses it, convert it to a shared mailbox instead (Exchange admin center › Recipients › Mailboxes › the mailbox › Convert to shared mailbox) and sign in as a licensed user with FullAccess.',
  'entra.mailbox.fix.licence':
    'Microsoft 365 admin center › Users › Active users › {mailbox} › Licenses and apps: assign a licence that includes Exchange Online; or convert it to a shared mailbox',

  'entra.evidence.directoryReader': 'Directory read as',
  'entra.evidence.adminSignIn': 'Administrator sign-in',
  'entra.evidence.signInClient': 'Sign-in client',
  'entra.evidence.appGraphToken': 'App’s Microsoft Graph token',
  'entra.evidence.graphRequest': 'Graph request',
  'entra.evidence.graphCode': 'Graph error code',
  'entra.evidence.graphMessage': 'Graph message',
  'entra.evidence.graphRequestId': 'Graph request-id',
  'entra.evidence.appName': 'App name',
  'entra.evidence.signInAudience': 'Sign-in audience',
  'entra.evidence.enterpriseAppObjectId': 'Enterprise application Object ID',
  'entra.evidence.appOwnerTenant': 'Tenant of the app registration',
  'entra.evidence.redirectConfigured': 'Redirect URI (configured)',
  'entra.evidence.redirectWeb': 'Web redirect URIs',
  'entra.evidence.redirectSpa': 'Single-page application redirect URIs',
  'entra.evidence.redirectPublicClient': 'Mobile and desktop redirect URIs',
  'entra.evidence.redirectNearMiss': 'Near miss',
  'entra.evidence.appSecret': 'Client secret of the app',
  'entra.evidence.secretKeyId': 'Secret ID',
  'entra.evidence.secretDescription': 'Description',
  'entra.evidence.secretEnd': 'Expires (directory)',
  'entra.evidence.secretDaysLeft': 'Days left',
  'entra.evidence.directoryUnreadable': 'Directory not read',
  'entra.evidence.flow': 'Flow',
  'entra.evidence.permissionsNeeded': 'Permissions needed',
  'entra.evidence.permissionsConfigured': 'Permissions configured',
  'entra.evidence.permissionMisplaced': 'Permission under the wrong resource',
  'entra.evidence.permissionUnknown': 'Permission ID not found',
  'entra.evidence.consentGranted': 'Consent granted',
  'entra.evidence.consentGrant': 'Delegated grant',
  'entra.evidence.adminUser': 'Administrator',
  'entra.evidence.activeRoles': 'Active roles',
  'entra.evidence.eligibleRoles': 'Eligible roles (PIM)',
  'entra.evidence.dutyConsent': 'Tenant-wide consent',
  'entra.evidence.dutyExchange': 'Exchange steps',
  'entra.evidence.roleGroups': 'Role-assignable groups the administrator is in',
  'entra.evidence.groupRoles': 'Roles held through groups',
  'entra.evidence.groupRolesUnread': 'Roles held through groups not checked',
  'entra.evidence.groupsWithoutKind': 'Groups listed without their properties (reading them needs GroupMember.Read.All, Group.Read.All or Directory.Read.All)',
  'entra.evidence.roleGroupsSkipped': 'Role-assignable groups not read (only the first 20 are)',
  'entra.evidence.mailbox': 'Mailbox',
  'entra.evidence.mailboxUser': 'Directory user',
  'entra.evidence.accountEnabled': 'Sign-in allowed (accountEnabled)',
  'entra.evidence.licences': 'Licences',
  'entra.evidence.userType': 'User type',
  // RBAC for Applications: the scope the role assignment is limited to.
  'entra.roles.fix.managementScope': 'Create a management scope holding {mailbox} (once per mailbox; the assignment below is limited to it):',
  'entra.directory.appGraphRefused': 'needs directory access: Entra refused the app a Microsoft Graph token ({code}), and --admin was not given',
  'entra.directory.appGraphUnreachable':
    'needs directory access: the request for the app’s Microsoft Graph token did not get through ({code}), and --admin was not given',
  'entra.directory.appGraphFailed': 'needs directory access: the app’s Microsoft Graph token request did not give a token ({code}), and --admin was not given',
} as const;
