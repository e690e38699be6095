/**
 * What dns.incoming and dns.outgoing share: resolve the configured host through the injected resolver and
 * turn the answer into an outcome. The addresses go into the evidence (labels `dns.evidence.ipv4` /
 * `dns.evidence.ipv6`, raw values) so that later checks can read them with `resolvedAddresses()`.
 */
import { BlockList, isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Account } from '../../../config/types.js';
import { CLOUD_HOSTS, GMAIL_HOSTS, PUBLIC_PROVIDER_HOST_SUFFIXES } from '../../../config/defaults.js';
import { msg } from '../../../i18n/index.js';
import { DnsLookupError, classifyDnsError, isSpecialUseName, nodeCodeOf, type DnsFailureCode } from '../../../probes/dns.js';
import type { ResolvedAddress } from '../../../core/services.js';
import { settingEvidence } from '../../config/shared/setting-evidence.js';
import type { CheckContext, CheckOutcome, CheckResult, Evidence, Remediation } from '../../../core/check.js';

export type Direction = 'incoming' | 'outgoing';

/**
 * Addresses that are never a public provider's: RFC 1918, loopback (127/8, ::1), link-local (169.254/16,
 * fe80::/10, RFC 3927 / RFC 4291), shared CGNAT space (100.64/10, RFC 6598), unique local (fc00::/7,
 * RFC 4193) and "this network" (0/8, RFC 1122 — what DNS filters answer for blocked names). BlockList also
 * matches the IPv4-mapped IPv6 form of the IPv4 ranges.
 */
const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
  ['0.0.0.0', 8],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
  ['::1', 128],
  ['::', 128],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_RANGES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host of a public provider (Microsoft, Google), where a private answer means split DNS. */
export function isPublicProviderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return PUBLIC_PROVIDER_HOST_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/** The provider's documented host for this direction, when the provider has one. */
export function expectedHost(account: Account, direction: Direction): string | undefined {
  if (account.provider === 'office365') return direction === 'incoming' ? CLOUD_HOSTS[account.cloud].incomingHost : CLOUD_HOSTS[account.cloud].smtpHost;
  if (account.provider === 'gmail') return direction === 'incoming' ? GMAIL_HOSTS[account.incoming.protocol] : GMAIL_HOSTS.smtp;
  return undefined;
}

/** The addresses a dns.* check resolved (from its evidence), for later checks; empty when it did not pass. */
export function resolvedAddresses(result: CheckResult | undefined): string[] {
  if (!result) return [];
  return result.evidence.filter((item) => item.label === 'dns.evidence.ipv4' || item.label === 'dns.evidence.ipv6').map((item) => item.value);
}

export async function checkHostResolves(context: CheckContext, direction: Direction): Promise<CheckOutcome> {
  const { account, config } = context;
  const host = account[direction].host;
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  const hostEvidence = settingEvidence(account, config, `${direction}.host`, host);

  // An IP literal needs no query (and gets none).
  if (isIP(literal) !== 0) {
    return {
      status: 'pass',
      summary: msg('dns.pass.ipLiteral', { host: literal }),
      evidence: [hostEvidence, addressEvidence({ address: literal, family: isIP(literal) })],
    };
  }

  const started = performance.now();
  let addresses: ResolvedAddress[];
  try {
    addresses = await context.services.dns.resolve(host, { timeoutMs: context.options.stepTimeoutMs, signal: context.signal });
  } catch (caught) {
    if (context.signal.aborted) throw caught;
    if (nodeCodeOf(caught) === undefined) throw caught; // not a resolver failure: a bug, reported as `error`
    const error = await diagnoseWithEndpoint(context, host, caught);
    const elapsed = elapsedMs(started);
    const nodeCode = nodeCodeOf(error) ?? 'ERROR';
    const code = classifyDnsError(error);
    const resolver = error instanceof DnsLookupError ? error.resolver : undefined;
    const evidence: Evidence[] = [
      hostEvidence,
      { label: 'dns.evidence.error', value: nodeCode },
      ...(resolver ? [{ label: 'dns.evidence.resolver', value: resolver } as const] : []),
      { label: 'dns.evidence.duration', value: `${elapsed} ms` },
    ];
    if (error instanceof DnsLookupError && error.dnsAnswer.length > 0) return systemOnlyFails(host, error, evidence);
    return failure(context, direction, code, { host, evidence, nodeCode });
  }
  const elapsed = elapsedMs(started);

  const resolvers = [...new Set(addresses.map((entry) => entry.resolver).filter((name): name is string => name !== undefined))];
  const evidence: Evidence[] = [
    hostEvidence,
    ...addresses.map(addressEvidence),
    ...resolvers.map((value) => ({ label: 'dns.evidence.resolver', value }) as const),
    { label: 'dns.evidence.duration', value: `${elapsed} ms` },
    ...(await compareWithDns(context, host, addresses)),
  ];
  if (addresses.length === 0) {
    return failure(context, direction, 'DNS_NO_ADDRESS', { host, evidence, nodeCode: 'ENODATA' });
  }

  const listed = addresses.map((entry) => entry.address).join(', ');
  const privateOnes = addresses.filter((entry) => isPrivateAddress(entry.address)).map((entry) => entry.address);
  if (privateOnes.length > 0 && isPublicProviderHost(host)) {
    return {
      status: 'warn',
      code: 'DNS_PRIVATE_ADDRESS',
      summary: msg('dns.privateAddress', { host, addresses: privateOnes.join(', ') }),
      evidence,
      remediation: [
        { kind: 'text', message: msg('dns.fix.privateAddress.why') },
        { kind: 'text', message: msg('dns.fix.privateAddress.hosts', { host }) },
        { kind: 'command', message: msg('dns.fix.comparePublic'), target: `nslookup ${host} 1.1.1.1` },
      ],
    };
  }
  return { status: 'pass', summary: msg('dns.pass', { host, addresses: listed }), evidence };
}

/** How long the comparison query may add to a resolution that already succeeded. */
const COMPARE_MS = 2000;

/**
 * What DNS itself answers, next to the address this machine will connect to: a difference (a hosts-file
 * entry, split DNS, a VPN resolver) is evidence, not a failure, because the connection goes where the
 * operating system says. Asks `endpoints.dns` when set. Special-use names are never sent to DNS.
 */
async function compareWithDns(context: CheckContext, host: string, addresses: readonly ResolvedAddress[]): Promise<Evidence[]> {
  const query = context.services.dns.query;
  if (!query || isSpecialUseName(host) || addresses.length === 0) return [];
  const server = context.account.endpoints.dns;
  const timeoutMs = Math.min(context.options.stepTimeoutMs, COMPARE_MS);
  let answer: string;
  try {
    const direct = await query(host, { timeoutMs, signal: context.signal, ...(server ? { server } : {}) });
    const same = new Set(addresses.map((entry) => entry.address));
    if (direct.length === same.size && direct.every((entry) => same.has(entry.address))) return [];
    answer = `${direct[0]?.resolver ?? 'DNS'}: ${direct.map((entry) => entry.address).join(', ') || 'ENODATA'}`;
  } catch (error) {
    if (context.signal.aborted) throw error;
    if (!(error instanceof DnsLookupError)) throw error;
    answer = `${error.resolver}: ${error.code}`;
  }
  return [{ label: 'dns.evidence.directDiffers', value: answer }];
}

/**
 * With `endpoints.dns` set, the DNS server named there diagnoses a failure of the system resolver (the
 * system's own DNS servers may not be the ones the customer wants asked). Returns the error to report.
 */
async function diagnoseWithEndpoint(context: CheckContext, host: string, systemError: unknown): Promise<unknown> {
  const query = context.services.dns.query;
  const server = context.account.endpoints.dns;
  if (!query || !server || isSpecialUseName(host)) return systemError;
  const systemCode = nodeCodeOf(systemError) ?? 'ERROR';
  const systemLabel = systemError instanceof DnsLookupError ? systemError.resolver : systemCode;
  try {
    const direct = await query(host, { timeoutMs: context.options.stepTimeoutMs, signal: context.signal, server });
    const found = direct.map((entry) => entry.address);
    if (found.length === 0) return systemError;
    const label = direct[0]?.resolver ?? server;
    return new DnsLookupError(host, systemCode, `${systemLabel}; ${label}: ${found.join(', ')}`, false, found);
  } catch (error) {
    if (context.signal.aborted || !(error instanceof DnsLookupError)) throw error;
    return new DnsLookupError(host, error.code, `${systemLabel}; ${error.resolver}: ${error.code}`, error.networkDown);
  }
}

/** The machine's resolver cannot find a name that DNS answers: the hosts file, a VPN or a split-DNS rule. */
function systemOnlyFails(host: string, error: DnsLookupError, evidence: readonly Evidence[]): CheckOutcome {
  return {
    status: 'fail',
    code: 'DNS_LOOKUP_FAILED',
    summary: msg('dns.systemOnlyFails', { host, addresses: error.dnsAnswer.join(', ') }),
    evidence,
    remediation: [
      { kind: 'text', message: msg('dns.fix.systemOnlyFails', { host }) },
      { kind: 'command', message: msg('dns.fix.nslookup'), target: `nslookup ${host}` },
    ],
  };
}

interface FailureFacts {
  readonly host: string;
  readonly evidence: readonly Evidence[];
  readonly nodeCode: string;
}

function failure(context: CheckContext, direction: Direction, code: DnsFailureCode, facts: FailureFacts): CheckOutcome {
  const { host } = facts;
  const field = `${direction}.host`;
  const nslookup: Remediation = { kind: 'command', message: msg('dns.fix.nslookup'), target: `nslookup ${host}` };
  const outcome = (summary: CheckOutcome['summary'], remediation: Remediation[], evidence = facts.evidence): CheckOutcome => ({
    status: 'fail',
    code,
    summary,
    evidence,
    remediation,
  });

  switch (code) {
    case 'DNS_NOT_FOUND': {
      const expected = expectedHost(context.account, direction);
      const suggestExpected = expected !== undefined && expected !== host.toLowerCase().replace(/\.$/, '');
      return outcome(
        msg('dns.notFound', { host, field }),
        [
          { kind: 'text', message: msg('dns.fix.spelling', { host, field }) },
          ...(suggestExpected
            ? [{ kind: 'text', message: msg('dns.fix.expectedHost', { expected, section: direction }), target: `host: ${expected}` } as const]
            : []),
          nslookup,
        ],
        suggestExpected ? [...facts.evidence, { label: 'dns.evidence.expectedHost', value: expected }] : facts.evidence,
      );
    }
    case 'DNS_NO_ADDRESS':
      return outcome(msg('dns.noAddress', { host }), [{ kind: 'text', message: msg('dns.fix.noAddress', { field }) }, nslookup]);
    case 'DNS_TIMEOUT': {
      const seconds = formatSeconds(context.options.stepTimeoutMs);
      return outcome(msg('dns.timeout', { host, seconds }), [
        { kind: 'text', message: msg('dns.fix.timeout') },
        nslookup,
        { kind: 'text', message: msg('dns.fix.longerTimeout', { seconds: Math.max(30, Math.ceil(context.options.stepTimeoutMs / 500)) }) },
      ]);
    }
    case 'DNS_NO_NETWORK':
      return outcome(msg('dns.noNetwork', { host }), [{ kind: 'text', message: msg('dns.fix.noNetwork') }, nslookup]);
    case 'DNS_SERVER_FAILURE':
      return outcome(msg('dns.serverFailure', { host, reply: rcodeName(facts.nodeCode) }), [
        { kind: 'text', message: msg('dns.fix.serverFailure') },
        { kind: 'command', message: msg('dns.fix.comparePublic'), target: `nslookup ${host} 1.1.1.1` },
      ]);
    case 'DNS_LOOKUP_FAILED':
      return outcome(msg('dns.failed', { host, error: facts.nodeCode }), [nslookup]);
  }
}

/** The DNS reply behind Node's code (RFC 1035 §4.1.1 RCODE names), as the network team knows it. */
function rcodeName(nodeCode: string): string {
  const names: Readonly<Record<string, string>> = { ESERVFAIL: 'SERVFAIL', EREFUSED: 'REFUSED', ENOTIMP: 'NOTIMP', EFORMERR: 'FORMERR' };
  return names[nodeCode] ?? nodeCode;
}

function addressEvidence(entry: { address: string; family: number }): Evidence {
  return { label: entry.family === 6 ? 'dns.evidence.ipv6' : 'dns.evidence.ipv4', value: entry.address };
}

function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
