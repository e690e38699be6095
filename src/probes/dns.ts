/**
 * Name resolution. Connections go where the operating system's resolver (getaddrinfo, `dns.promises.lookup`)
 * says, as every other program on the machine: it honours the hosts file and resolvers that direct DNS
 * queries do not see (split DNS, VPN clients, Windows NRPT rules). Direct queries through c-ares
 * (`dns.promises.Resolver`) are only for diagnosis, because they tell NXDOMAIN, no data, timeout, unreachable
 * server and SERVFAIL/REFUSED apart, and for comparing what DNS says with what the machine uses. Every query
 * has a hard deadline and honours the abort signal.
 */
import { type Resolver, lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { networkInterfaces } from 'node:os';
import type { DnsResolver, ResolvedAddress } from '../core/services.js';
import { deadlineCode, nodeCodeOf, resolveWithin, type DeadlineQuery } from './dns-deadline.js';

/** Our codes for a failed resolution (the network family of probe-error.ts). */
export type DnsFailureCode = 'DNS_NOT_FOUND' | 'DNS_NO_ADDRESS' | 'DNS_TIMEOUT' | 'DNS_NO_NETWORK' | 'DNS_SERVER_FAILURE' | 'DNS_LOOKUP_FAILED';

/**
 * A resolution that did not produce an address. `code` is Node's DNS code (`ENOTFOUND`, `ETIMEOUT`…);
 * `resolver` says which resolver(s) were asked and what each said, for evidence.
 */
export class DnsLookupError extends Error {
  constructor(
    readonly hostname: string,
    readonly code: string,
    readonly resolver: string,
    /** Set when the query failed in transport and the machine has no non-loopback network interface. */
    readonly networkDown = false,
    /** The addresses a direct DNS query found while the operating system's resolver found none. */
    readonly dnsAnswer: readonly string[] = [],
  ) {
    super(`${code} resolving ${hostname} (${resolver})`);
    this.name = 'DnsLookupError';
  }
}

const NODE_CODE_TO_FAILURE: Readonly<Record<string, DnsFailureCode>> = {
  // c-ares: NXDOMAIN. getaddrinfo: EAI_NONAME.
  ENOTFOUND: 'DNS_NOT_FOUND',
  // c-ares: NOERROR with no record of the type asked (RFC 2308 §2.2 "NODATA").
  ENODATA: 'DNS_NO_ADDRESS',
  ETIMEOUT: 'DNS_TIMEOUT',
  ETIMEDOUT: 'DNS_TIMEOUT',
  // getaddrinfo's "temporary failure in name resolution": no answer in time, or a transient server error.
  EAI_AGAIN: 'DNS_TIMEOUT',
  // c-ares's ECONNREFUSED is "could not contact DNS servers" (ICMP port unreachable, no route, no server).
  ECONNREFUSED: 'DNS_NO_NETWORK',
  ENETUNREACH: 'DNS_NO_NETWORK',
  EHOSTUNREACH: 'DNS_NO_NETWORK',
  EADDRNOTAVAIL: 'DNS_NO_NETWORK',
  ESERVFAIL: 'DNS_SERVER_FAILURE',
  EREFUSED: 'DNS_SERVER_FAILURE',
  ENOTIMP: 'DNS_SERVER_FAILURE',
  EFORMERR: 'DNS_SERVER_FAILURE',
  EBADRESP: 'DNS_SERVER_FAILURE',
};

/** Maps a resolver error (ours or Node's) onto our code. Checks switch on this, never on message text. */
export function classifyDnsError(error: unknown): DnsFailureCode {
  if (error instanceof DnsLookupError && error.networkDown) return 'DNS_NO_NETWORK';
  // DNS has the name but this machine's resolver does not: no DNS diagnosis fits (hosts file, VPN, NRPT).
  if (error instanceof DnsLookupError && error.dnsAnswer.length > 0) return 'DNS_LOOKUP_FAILED';
  const code = nodeCodeOf(error);
  return (code && NODE_CODE_TO_FAILURE[code]) || 'DNS_LOOKUP_FAILED';
}

export { nodeCodeOf };

export interface ResolverOptions {
  /** c-ares tries per server (each try waits longer); the overall deadline is the caller's `timeoutMs`. */
  readonly tries?: number;
}

/** c-ares pointed at the given servers (`'127.0.0.1:5353'`, `'[::1]:53'`), with no fallback: tests use it with the stand-in. */
export function createResolver(servers: readonly string[], options: ResolverOptions = {}): DnsResolver {
  return {
    resolve: (host, { timeoutMs, signal }) => queryCares(host, { servers, timeoutMs, signal, tries: options.tries ?? 2 }),
    query: (host, { timeoutMs, signal, server }) => queryCares(host, { servers: server ? [server] : servers, timeoutMs, signal, tries: options.tries ?? 2 }),
  };
}

/**
 * Names that must never be sent to DNS: `localhost` and `.localhost` (RFC 6761 §6.3: the machine answers them
 * itself), `.invalid` (RFC 6761 §6.4) and `.local` (RFC 6762: multicast DNS, not unicast servers).
 */
export function isSpecialUseName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return ['localhost', 'invalid', 'local'].some((label) => name === label || name.endsWith(`.${label}`));
}

export interface SystemResolverOptions extends ResolverOptions {
  /** DNS servers for the direct (diagnostic) queries instead of the system's (tests: the DNS stand-in). */
  readonly servers?: readonly string[];
  /** The operating system's resolver (tests may replace it; default `dns.promises.lookup`). */
  readonly lookup?: (host: string) => Promise<LookupAddress[]>;
  /** Whether any non-loopback interface exists (default: from `os.networkInterfaces()`). */
  readonly hasNetworkInterface?: () => boolean;
}

/** Share of the deadline getaddrinfo gets; the rest is kept for the direct DNS query that diagnoses a failure. */
const SYSTEM_SHARE = 2 / 3;
const GETADDRINFO = 'getaddrinfo (operating system resolver, hosts file)';

/**
 * The production resolver: getaddrinfo, as for any other program on this machine (hosts file, split DNS,
 * VPN, NRPT), so the connection goes where the customer's own mail client would. Only when it finds nothing
 * does c-ares ask the DNS servers directly (the system's, or `servers`), with the time left, to name the
 * cause: its code is reported (getaddrinfo's are coarser: an offline macOS says ENOTFOUND), both go into the
 * evidence, and when DNS does have the name, its answer too. Names DNS must never see get no direct query.
 */
export function createSystemResolver(options: SystemResolverOptions = {}): DnsResolver {
  const systemLookup = options.lookup ?? ((host: string) => lookup(host, { all: true, verbatim: true }));
  const hasNetworkInterface = options.hasNetworkInterface ?? hasNonInternalInterface;
  const tries = options.tries ?? 2;
  return {
    async resolve(host, { timeoutMs, signal }) {
      const started = Date.now();
      let systemError: unknown;
      try {
        const found = await withDeadline(systemLookup(host), Math.max(1, Math.floor(timeoutMs * SYSTEM_SHARE)), signal);
        if (found.length === 0) throw Object.assign(new Error('no address'), { code: 'ENODATA' });
        return dedupe(found).map((entry) => ({ address: entry.address, family: entry.family, resolver: GETADDRINFO }));
      } catch (error) {
        if (signal?.aborted) throw error;
        systemError = error;
      }
      const systemCode = nodeCodeOf(systemError) ?? 'ERROR';
      if (isSpecialUseName(host)) throw new DnsLookupError(host, systemCode, `${GETADDRINFO}: ${systemCode}`);
      const remaining = Math.max(1, timeoutMs - (Date.now() - started));
      let answer: ResolvedAddress[];
      try {
        answer = await queryCares(host, { servers: options.servers, timeoutMs: remaining, signal, tries });
      } catch (error) {
        if (!(error instanceof DnsLookupError)) throw error; // aborted, or a bug
        const transportFailure = classifyDnsError(error) === 'DNS_TIMEOUT' || classifyDnsError(error) === 'DNS_NO_NETWORK';
        throw new DnsLookupError(
          host,
          error.code,
          `${GETADDRINFO}: ${systemCode}; ${error.resolver}: ${error.code}`,
          transportFailure && !hasNetworkInterface(),
        );
      }
      const addresses = answer.map((entry) => entry.address);
      const label = answer[0]?.resolver ?? 'c-ares';
      throw new DnsLookupError(host, systemCode, `${GETADDRINFO}: ${systemCode}; ${label}: ${addresses.join(', ')}`, false, addresses);
    },
    query: (host, { timeoutMs, signal, server }) => queryCares(host, { servers: server ? [server] : options.servers, timeoutMs, signal, tries }),
  };
}

/** A and AAAA through one c-ares channel, with our hard deadline (see dns-deadline.ts) and the abort signal. */
async function queryCares(host: string, query: DeadlineQuery): Promise<ResolvedAddress[]> {
  const both = (resolver: Resolver) => Promise.all([settle(resolver.resolve4(host)), settle(resolver.resolve6(host))]);
  const { outcome, servers, timedOut } = await resolveWithin(query, both);
  query.signal?.throwIfAborted();
  const label = `c-ares → ${servers.length > 0 ? servers.join(', ') : 'no DNS server configured'}`;
  // `both` settles each query itself, so it cannot reject.
  const settled = outcome.status === 'fulfilled' ? outcome.value : [outcome, outcome];

  const [v4, v6] = settled;
  const addresses: ResolvedAddress[] = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4, resolver: label })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6, resolver: label })) : []),
  ];
  if (addresses.length > 0) return addresses;

  const codes = settled.map((result) => (result.status === 'fulfilled' ? 'ENODATA' : deadlineCode(result.reason, timedOut)));
  throw new DnsLookupError(host, combineCodes(codes), label);
}

/**
 * One code for the A and AAAA answers: NXDOMAIN is about the name, so it wins; then any failure (it leaves
 * the question open); "no data" only when both said so.
 */
function combineCodes(codes: readonly string[]): string {
  if (codes.includes('ENOTFOUND')) return 'ENOTFOUND';
  return codes.find((code) => code !== 'ENODATA') ?? 'ENODATA';
}

async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await promise };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

/** getaddrinfo cannot be cancelled (it runs on libuv's thread pool): stop waiting for it instead. */
function withDeadline<T>(promise: Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => reject(Object.assign(new Error('getaddrinfo timed out'), { code: 'ETIMEOUT' }))), timeoutMs);
    let done = false;
    function finish(action: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    }
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

function dedupe(addresses: readonly LookupAddress[]): LookupAddress[] {
  const seen = new Set<string>();
  return addresses.filter((entry) => (seen.has(entry.address) ? false : (seen.add(entry.address), true)));
}

function hasNonInternalInterface(): boolean {
  return Object.values(networkInterfaces()).some((entries) => (entries ?? []).some((entry) => !entry.internal));
}
