/**
 * English strings of the 'mail' area: what the SMTP and the IMAP/POP3 checks share about reaching a mail
 * server — TCP, greeting, TLS and certificates. `{protocol}` is `SMTP`, `IMAP` or `POP3`.
 */
export const mail = {
  // Evidence labels.
  'mail.evidence.host': 'host',
  'mail.evidence.port': 'port',
  'mail.evidence.security': 'security',
  'mail.evidence.address': 'address tried',
  'mail.evidence.attempts': 'attempts',
  'mail.evidence.localAddress': 'local address',
  'mail.evidence.elapsed': 'time spent',
  'mail.evidence.stage': 'step',
  'mail.evidence.serverReply': 'server reply',
  'mail.evidence.greeting': 'greeting',
  'mail.evidence.systemError': 'system error',
  'mail.evidence.proxy': 'HTTP proxy configured',
  'mail.evidence.tlsProtocol': 'TLS version',
  'mail.evidence.tlsCipher': 'cipher',
  'mail.evidence.certSubject': 'certificate subject',
  'mail.evidence.certIssuer': 'certificate issuer',
  'mail.evidence.certNames': 'names in the certificate',
  'mail.evidence.certValidFrom': 'valid from',
  'mail.evidence.certValidTo': 'valid until',
  'mail.evidence.certDaysLeft': 'days left',
  'mail.evidence.certChain': 'certificate chain (leaf first)',
  'mail.evidence.certTrust': 'chain trust',
  'mail.evidence.certHostname': 'host name check',
  'mail.evidence.certFingerprint': 'SHA-256 fingerprint',

  // Reaching the server.
  'mail.connect.dnsNotFound': '{host} does not resolve to an address ({code}), so {protocol} cannot connect',
  'mail.connect.dnsTimeout': 'No DNS server answered for {host} in time, so {protocol} cannot connect',
  'mail.connect.dnsFailed': 'Resolving {host} failed ({code}), so {protocol} cannot connect',
  'mail.connect.refused':
    'The connection to {host} port {port} ({address}) was refused after {ms} ms: nothing listens on that port, or a firewall rejects the connection',
  'mail.connect.timeout': 'No answer from {host} port {port} ({address}) within {ms} ms: a firewall is probably dropping the connection',
  'mail.connect.reset': 'The connection to {host} port {port} ({address}) was reset: the server or a security appliance on the way cut it off',
  'mail.connect.unreachable': 'This machine has no route to {host} ({address}): the network or a VPN does not reach it',
  'mail.connect.blockedLocally': 'This machine refused to open a connection to {host} port {port}: a local firewall or security software blocks it',
  'mail.connect.greetingTimeout': '{host} port {port} accepted the connection but the server did not greet within {ms} ms',
  'mail.connect.closed': '{host} port {port} closed the connection before the {protocol} exchange was complete',
  'mail.connect.replyTimeout': '{host} stopped answering during {stage} (no complete reply within {ms} ms)',
  'mail.connect.lineTooLong': '{host} sent a line longer than any real {protocol} reply during {stage}; the connection was closed',
  'mail.connect.replyTooLong': '{host} sent a reply larger than any real {protocol} reply during {stage}; the connection was closed',
  'mail.connect.unexpectedReply': '{host} answered "{reply}" during {stage}, which {protocol} does not allow there',
  'mail.connect.wrongProtocol': '{host} port {port} answers like {other}, not like {protocol}: the wrong port is configured',
  'mail.connect.greetingRejected': '{host} refused the connection instead of greeting: "{reply}"',
  'mail.connect.starttlsOnImplicitTlsPort':
    '{host} port {port} expects TLS from the first byte (implicit TLS), but the account is set to "security: {security}"',
  'mail.connect.implicitTlsOnStarttlsPort': '{host} port {port} speaks plaintext first (STARTTLS), but the account is set to "security: tls" (implicit TLS)',

  // TLS and the certificate.
  'mail.tls.pass': '{version} with {cipher}; the certificate is valid for {host} until {validTo} ({days} days left)',
  'mail.tls.expiring': 'The certificate of {host} expires in {days} days ({validTo})',
  'mail.tls.expired': 'The certificate of {host} expired on {validTo}',
  'mail.tls.notYetValid': 'The certificate of {host} is only valid from {validFrom}',
  'mail.tls.hostnameMismatch': 'The certificate of the server does not name {host}; it names {names}',
  'mail.tls.untrusted': 'The certificate of {host} (issued by {issuer}) is not trusted by this machine ({reason})',
  'mail.tls.selfSigned': 'The certificate of {host} is self-signed and this machine does not trust it',
  'mail.tls.versionTooOld': '{host} port {port} only negotiates {version}; TLS 1.2 or newer is required',
  'mail.tls.handshakeFailed': 'The TLS handshake with {host} port {port} failed ({reason})',
  'mail.tls.handshakeTimeout': 'The TLS handshake with {host} port {port} did not finish within {ms} ms',
  'mail.tls.injection': '{host} sent plaintext after agreeing to start TLS and before the handshake: someone on the path may be tampering with the connection',
  'mail.tls.trusted': 'trusted',
  'mail.tls.hostnameValid': 'valid for {host}',

  // How to fix.
  'mail.fix.firewall':
    "Allow outbound TCP port {port} from this machine to {host} in the firewall (and from Tactium's servers too, if they reach it through the same firewall)",
  'mail.fix.testPortWindows': 'Test the port from a Windows machine on this network:',
  'mail.fix.testPortUnix': 'Or from Linux/macOS:',
  'mail.fix.proxy':
    'An HTTP proxy is configured ({variable}), but {protocol} cannot pass through an HTTP proxy: outbound TCP port {port} to {host} must be opened in the firewall',
  'mail.fix.checkHost': "Check the host name in the file ({field}: {host}); compare it with the provider's documentation",
  'mail.fix.checkPort': 'Check the port in the file ({field}: {port}); {protocol} usually listens on {expected}',
  'mail.fix.tarpit':
    'The server accepts connections but does not speak: check that port {port} is really the {protocol} port of {host}, and whether a security appliance holds the connection',
  'mail.fix.serverSide':
    "The server or a security appliance on the way ends the connection: ask the mail server's administrator to check its logs for this machine's address",
  'mail.fix.changeSecurity': 'Change the account in the file to:',
  'mail.fix.renewCertificate': 'The administrator of {host} must renew the certificate (and install the new one on every server behind that name)',
  'mail.fix.checkClock': 'Check the date and time of this machine ({now}) and of the server',
  'mail.fix.caFile':
    'If a TLS-inspecting proxy or firewall, or a private CA, issued this certificate, export its root certificate (PEM) and name it in the file under tls.caFile:',
  'mail.fix.intermediate':
    'If the issuer is a public CA, the server may not be sending its intermediate certificate: ask the administrator of {host} to install the full chain',
  'mail.fix.greetingRejected':
    "The server refuses this machine's address (often a block list or an access rule): ask its administrator, quoting the reply above",
  'mail.fix.hostnameUseNamed': 'Use a host name the certificate names ({names}) in the file ({field})',
  'mail.fix.hostnameAskAdmin': 'Or ask the administrator of the server for a certificate that names {host}',
  'mail.fix.selfSigned':
    'Ask the administrator of {host} for a certificate from a public CA; if this self-signed certificate is intended, name it in the file under tls.caFile:',
  'mail.fix.tlsVersion': 'The server must offer TLS 1.2 or newer: ask its administrator to enable it (Microsoft 365 and Gmail require TLS 1.2+)',
  'mail.fix.injection': 'Check for a proxy, antivirus or firewall intercepting mail traffic on this network, then try again from another network',

  // A date failure that names the certificate out of date (leaf, intermediate or root of the proven chain).
  'mail.evidence.certOutOfDate': 'out-of-date certificates',
  'mail.tls.expiredLeaf': 'The certificate of {host} ("{subject}") expired on {validTo}',
  'mail.tls.expiredIntermediate': 'The intermediate certificate "{subject}" in the chain of {host} expired on {validTo}',
  'mail.tls.expiredRoot': 'The root certificate "{subject}" that the chain of {host} leads to expired on {validTo}',
  'mail.tls.notYetValidLeaf': 'The certificate of {host} ("{subject}") is only valid from {validFrom}',
  'mail.tls.notYetValidIntermediate': 'The intermediate certificate "{subject}" in the chain of {host} is only valid from {validFrom}',
  'mail.tls.notYetValidRoot': 'The root certificate "{subject}" that the chain of {host} leads to is only valid from {validFrom}',
  'mail.fix.outOfDateIntermediate':
    'The administrator of {host} must install the CA\'s current intermediate certificate in place of "{subject}" (the server sends it with its own certificate)',
  'mail.fix.outOfDateRoot':
    'The trusted root "{subject}" is out of date: if it comes from tls.caFile, replace it with the current root of that CA; otherwise ask the administrator of {host} for a certificate from a current CA',
  // A credential that was not sent in clear text, and a login whose answer never came.
  'mail.auth.cleartextProvider': '{provider} never gets a credential without TLS: nothing was sent to {host} ({protocol}, security: {security})',
  'mail.auth.cleartextOffered': '{host} offers {command} ({protocol}) but the account is set to "security: none": the credential was not sent in clear text',
  'mail.auth.cleartextRefused': 'The connection to {host} ({protocol}) is not encrypted: no credential was sent',
  'mail.fix.cleartextUseStarttls': 'Encrypt the connection before the login ({host} offers {command} on this port): change the account in the file to:',
  'mail.fix.cleartextProvider': '{provider} takes logins only over TLS: change the account in the file to:',
  'mail.auth.replyTimeout':
    "{host} did not answer {command} within {seconds} s after the credential was sent: the login's outcome is unknown (servers delay a failed login on purpose)",
  'mail.fix.authReplyTimeout':
    "Do not simply repeat the check: if this login failed, another failed one can lock the account. First confirm the password or token and the login name {user} (e.g. in the provider's webmail); then make the next attempt with more time for the server to answer: --timeout {seconds}",
  // A legacy-version retry that negotiated TLS 1.2+: the first refusal came from the path, not the server.
  'mail.tls.downgradeSuspected':
    '{host} port {port} refused TLS 1.2+ on the first handshake but negotiated {protocol} on a second one: something on the network path interfered with the first handshake; nothing was sent',
  'mail.fix.downgradeSuspected':
    'Check for a TLS-inspecting firewall, antivirus or proxy between this machine and {host}, then run the check again from another network',

  // A chain the server sends without its intermediate certificate.
  'mail.tls.chainIncomplete':
    'The server {host} does not send its intermediate certificate: its certificate is signed by "{issuer}", which it does not send and which is not a trusted root',
  'mail.fix.chainIncomplete':
    'The administrator of {host} must install the full chain: the server certificate followed by the intermediate certificate of "{issuer}" (the CA delivers it as the "full chain" or "bundle" file). Many mail clients do not fetch a missing intermediate.',
  'mail.fix.chainIncompletePrivateCa': 'Only if "{issuer}" is your organisation\'s own CA: export it (PEM) and name it in the file under tls.caFile:',
  'mail.evidence.missingIntermediate': 'missing intermediate',
  'mail.evidence.caIssuers': 'CA Issuers URL in the certificate',

  // Which server software answered (its name and what gave it away are the server's, never translated).
  'mail.evidence.serverFamily': 'server software',
} as const;
