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
} as const;
