/**
 * DNS records other than addresses — MX (RFC 5321 §5.1, RFC 7505 null MX) and SRV (RFC 2782, RFC 6186) —
 * asked with c-ares (`dns.promises.Resolver`) so that NXDOMAIN, "no data", SERVFAIL and a timeout stay
 * apart. The server is the system's, or the one given (`endpoints.dns`, "IP[:port]"). Every query has a
 * hard deadline of ours (dns-deadline.ts) and honours the abort signal.
 */
import type { Resolver } from 'node:dns/promises';
import { deadlineCode, resolveWithin } from './dns-deadline.js';
import type { MxRecord, SrvRecord } from 'node:dns';

/** Why a query produced no records. */
export type RecordFailure = 'NXDOMAIN' | 'NODATA' | 'TIMEOUT' | 'SERVER_FAILURE' | 'NO_NETWORK' | 'FAILED';

export type RecordsAnswer<T> =
  | { readonly ok: true; readonly records: readonly T[]; readonly server: string; readonly elapsedMs: number }
  | { readonly ok: false; readonly failure: RecordFailure; readonly nodeCode: string; readonly server: string; readonly elapsedMs: number };

export interface RecordQuery {
  /** `endpoints.dns`: "IP[:port]" (`127.0.0.1:5353`, `[::1]:53`); absent = the system's DNS servers. */
  readonly server?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const FAILURES: Readonly<Record<string, RecordFailure>> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ETIMEOUT: 'TIMEOUT',
  ECONNREFUSED: 'NO_NETWORK',
  ENETUNREACH: 'NO_NETWORK',
  EHOSTUNREACH: 'NO_NETWORK',
  ESERVFAIL: 'SERVER_FAILURE',
  EREFUSED: 'SERVER_FAILURE',
  ENOTIMP: 'SERVER_FAILURE',
  EFORMERR: 'SERVER_FAILURE',
  EBADRESP: 'SERVER_FAILURE',
};

/** The MX records of a domain. A null MX (RFC 7505, `0 .`) comes back as one record with an empty exchange. */
export function queryMx(domain: string, query: RecordQuery): Promise<RecordsAnswer<MxRecord>> {
  return ask(query, (resolver) => resolver.resolveMx(domain));
}

/** The SRV records of a service name (`_imaps._tcp.contoso.com`). RFC 2782 "." target = service not offered. */
export function querySrv(name: string, query: RecordQuery): Promise<RecordsAnswer<SrvRecord>> {
  return ask(query, (resolver) => resolver.resolveSrv(name));
}

/**
 * The A and AAAA records of a name, for "no MX but an address" (RFC 5321 §5.1: the implicit MX is the
 * domain itself). Addresses of either family; the failure of A when neither has any.
 */
export async function queryAddresses(name: string, query: RecordQuery): Promise<RecordsAnswer<string>> {
  const [v4, v6] = await Promise.all([ask(query, (resolver) => resolver.resolve4(name)), ask(query, (resolver) => resolver.resolve6(name))]);
  if (v4.ok && v6.ok) return { ...v4, records: [...v4.records, ...v6.records] };
  if (v4.ok && v4.records.length > 0) return v4;
  if (v6.ok && v6.records.length > 0) return v6;
  return !v4.ok ? v4 : v6;
}

async function ask<T>(query: RecordQuery, send: (resolver: Resolver) => Promise<T[]>): Promise<RecordsAnswer<T>> {
  const started = Date.now();
  const { outcome, servers, timedOut } = await resolveWithin(
    { timeoutMs: query.timeoutMs, tries: 2, signal: query.signal, ...(query.server ? { servers: [query.server] } : {}) },
    send,
  );
  const server = servers.length > 0 ? servers.join(', ') : 'no DNS server configured';
  const elapsedMs = Date.now() - started;
  if (outcome.status === 'fulfilled') return { ok: true, records: outcome.value, server, elapsedMs };
  query.signal?.throwIfAborted();
  const nodeCode = deadlineCode(outcome.reason, timedOut);
  return { ok: false, failure: FAILURES[nodeCode] ?? 'FAILED', nodeCode, server, elapsedMs };
}
