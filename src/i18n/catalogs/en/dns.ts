/** English strings of the 'dns' area. */
export const dns = {
  'dns.incoming.title': 'The incoming mail server name resolves',
  'dns.outgoing.title': 'The outgoing mail server name resolves',
  'dns.pass': '{host} resolves to {addresses}',
  'dns.pass.ipLiteral': '{host} is an IP address: no DNS lookup needed',
  'dns.notFound': 'the name {host} does not exist in DNS (NXDOMAIN): is there a typo in {field}?',
  'dns.noAddress': 'the name {host} exists in DNS but has no address (no A or AAAA record)',
  'dns.timeout': 'the DNS server did not answer within {seconds} s when asked for {host}',
  'dns.noNetwork': 'no DNS server could be reached to resolve {host}: this machine seems to have no network connection',
  'dns.serverFailure': 'the DNS server could not resolve {host}: it answered {reply}',
  'dns.failed': 'resolving {host} failed ({error})',
  'dns.privateAddress': "{host} resolves to a private address on this network ({addresses}); Tactium's servers will resolve its public address instead",
  'dns.fix.spelling': 'Check the spelling of {field} ({host}) in the configuration file, and the same server name in Tactium’s e-mail settings.',
  'dns.fix.expectedHost': 'This provider’s server is {expected}; under {section}: in the file, write:',
  'dns.fix.nslookup': 'Test the name from this machine:',
  'dns.fix.noAddress':
    'The name may be a domain rather than the mail server (for example contoso.com instead of mail.contoso.com): ask the mail provider for the exact server name and correct {field}.',
  'dns.fix.timeout':
    'Check that this machine’s DNS server answers: VPN connected, firewall letting DNS (UDP and TCP port 53) through, or a network that only allows a proxy.',
  'dns.fix.longerTimeout': 'If the network is only slow, run again with a longer timeout: --timeout {seconds}',
  'dns.fix.noNetwork': 'Connect this machine to the network (cable, Wi-Fi or VPN), check that it has a DNS server configured, and run again.',
  'dns.fix.serverFailure':
    'The DNS server this machine uses failed or refused to resolve the name: ask the network team to check it (forwarders, DNSSEC validation, filtering).',
  'dns.fix.comparePublic': 'Compare with the answer of a public DNS resolver:',
  'dns.fix.privateAddress.why':
    'A private answer for a Microsoft or Google name usually comes from split DNS (an internal zone for the provider’s domain), an entry in the hosts file, or a security appliance that intercepts the traffic. A pass from here does not prove that Tactium’s servers reach the provider.',
  'dns.fix.privateAddress.hosts':
    'Look for a line with {host} in the hosts file (Windows: C:\\Windows\\System32\\drivers\\etc\\hosts; Linux and macOS: /etc/hosts) and ask the network team whether an internal DNS zone or an appliance answers for this name.',
  'dns.evidence.ipv4': 'IPv4 address',
  'dns.evidence.ipv6': 'IPv6 address',
  'dns.evidence.resolver': 'resolver',
  'dns.evidence.duration': 'time spent',
  'dns.evidence.error': 'resolver error',
  'dns.evidence.expectedHost': 'provider’s server',
  'dns.systemOnlyFails': 'this machine’s resolver cannot resolve {host}, although DNS answers {addresses}: the hosts file, a VPN or a split-DNS rule hides it',
  'dns.fix.systemOnlyFails':
    'Look for a line with {host} in the hosts file (Windows: C:\\Windows\\System32\\drivers\\etc\\hosts; Linux and macOS: /etc/hosts), and ask the network team whether a VPN or a DNS policy answers for this name.',
  'dns.evidence.directDiffers': 'DNS answers differently',
  'dns.mx.title': "The mailbox domain's MX records point to the provider",
  'dns.mx.notApplicable.noDomain': 'the mailbox address has no domain to look up',
  'dns.mx.pass.provider': 'mail for {domain} is received by {owner} ({host}), as the file says',
  'dns.mx.pass.gateway': 'mail for {domain} first goes through {vendor}, a security gateway ({host}), which passes it on to the mailbox: not a mismatch',
  'dns.mx.pass.other': 'mail for {domain} is received by {host}',
  'dns.mx.office365.google':
    'the MX records of {domain} point to Google ({host}): mail from outside is delivered to Google, so the Office 365 mailbox {mailbox} that Tactium reads will not receive it',
  'dns.mx.office365.other':
    'the MX records of {domain} point to {host}, not to Exchange Online: a hybrid or on-premises setup, where the mailbox may still be on the organisation’s own Exchange server, which Exchange Online IMAP cannot open',
  'dns.mx.otherCloud': 'the MX records of {domain} point to the {found} Microsoft cloud ({host}), but the file says cloud: {configured}',
  'dns.mx.gmail.microsoft':
    'the MX records of {domain} point to Microsoft 365 ({host}): mail from outside is delivered to Microsoft, so the Gmail mailbox {mailbox} will not receive it',
  'dns.mx.gmail.other': 'the MX records of {domain} point to {host}, not to Google: mail from outside may not reach the Gmail mailbox',
  'dns.mx.imap.microsoft':
    'the MX records of {domain} point to Microsoft 365 ({host}): the mailbox is probably in Exchange Online, which this file checks as a generic IMAP provider',
  'dns.mx.imap.google':
    'the MX records of {domain} point to Google ({host}): the mailbox is probably in Gmail / Google Workspace, which this file checks as a generic IMAP provider',
  'dns.mx.otherTenant':
    'the domain {domain} is verified in the Microsoft 365 tenant {found} (its public OpenID discovery document), but the file says tenantId: {configured}: the mailbox lives in another tenant',
  'dns.mx.null': 'the domain {domain} declares that it receives no mail at all (a "null MX", 0 ., RFC 7505)',
  'dns.mx.implicit':
    'the domain {domain} has no MX record: senders deliver its mail to the domain’s own address ({addresses}, RFC 5321 §5.1), not to the mail provider',
  'dns.mx.none': 'the domain {domain} has neither MX records nor an address: it receives no mail',
  'dns.mx.domainNotFound': 'the domain {domain} does not exist in DNS (NXDOMAIN): no mail can be delivered to {mailbox}',
  'dns.mx.timeout': 'the DNS server did not answer within {seconds} s when asked for the MX records of {domain}: who receives its mail is unknown',
  'dns.mx.failed': 'the MX records of {domain} could not be read ({error}): who receives its mail is unknown',
  'dns.mx.fix.nslookup': 'See the MX records from this machine:',
  'dns.mx.fix.office365.google':
    'If the mailbox really is in Office 365, the domain’s MX record must be the one shown in Microsoft 365 admin center › Settings › Domains › {domain} › DNS records; ask whoever manages the domain’s DNS. If the company uses Google for mail, the file’s provider should be gmail.',
  'dns.mx.fix.office365.hybrid':
    'In Exchange admin center › Recipients › Mailboxes, check that {mailbox} is an Exchange Online mailbox (a mailbox still on-premises appears as a mail user); migrate it, or check the on-premises server’s IMAP instead. If the host is a filtering service in front of Exchange Online, nothing needs to change.',
  'dns.mx.fix.otherCloud': 'The domain receives mail in the {found} cloud; in the file, write:',
  'dns.mx.fix.gmail.microsoft': 'If the company uses Microsoft 365 for mail, check it as Office 365; in the file, write:',
  'dns.mx.fix.gmail.other':
    'If Google Workspace receives the mail of {domain} after this host, nothing needs to change; else the MX records must be Google’s (Google Admin console › Domains).',
  'dns.mx.fix.imap.provider': 'Check the account with the provider’s own checks (OAuth, its documented servers); in the file, write:',
  'dns.mx.fix.otherTenant': 'Use the tenant that {domain} belongs to (or check that the mailbox address is right); in the file, write:',
  'dns.mx.fix.null':
    'Whoever manages the DNS of {domain} must replace the null MX with the mail provider’s MX record, or the mailbox address is not the one to use.',
  'dns.mx.fix.implicit': 'Whoever manages the DNS of {domain} should publish the mail provider’s MX record (shown in the provider’s admin console).',
  'dns.mx.fix.none': 'Whoever manages the DNS of {domain} must publish the mail provider’s MX record; check also that the mailbox address is right.',
  'dns.mx.fix.domainNotFound': 'Check the spelling of the mailbox address (its domain), and that the domain is registered.',
  'dns.mx.evidence.domain': 'mailbox domain',
  'dns.mx.evidence.record': 'MX record',
  'dns.mx.evidence.owner': 'who receives the mail',
  'dns.mx.evidence.address': 'domain address',
  'dns.mx.evidence.tenant': 'tenant of the domain',
  'dns.mx.evidence.notListed': 'records not listed',
} as const;
