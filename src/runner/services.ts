import type { LookupAddress } from 'node:dns';
import type { AdminSessions } from '../identity/admin-signin.js';
import type { LoginGate } from './login-locks.js';

/**
 * A DNS resolver the checks use; injectable so tests can point it at a loopback DNS stand-in.
 * Errors carry Node's DNS codes (`ENOTFOUND`, `ETIMEOUT`, `ECONNREFUSED`, `ESERVFAIL`…).
 */
export interface DnsResolver {
  resolve(host: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ResolvedAddress[]>;
}

/** An address and, when the resolver knows it, which resolver answered (for evidence: c-ares or the OS). */
export interface ResolvedAddress extends LookupAddress {
  readonly resolver?: string;
}

export interface Services {
  readonly dns: DnsResolver;
  /** The clock, injectable for certificate and secret expiry tests. */
  now(): Date;
  /** Extra trust anchors (PEM) from `tls.caFile`, applied at run time. */
  readonly extraCa: readonly string[];
  /** `--admin`: the run's administrator sign-ins, one per tenant, shared by every account (run-level memo). */
  readonly adminSessions?: AdminSessions;
  /**
   * One logged-in connection per mailbox and protocol across the run (login-locks.ts). `runChecks` makes
   * one when none is given; pass the same one to several runs that must share it. Absent outside the runner.
   */
  readonly logins?: LoginGate;
}
