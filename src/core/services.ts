import type { LookupAddress } from 'node:dns';
import type { SignIns } from './sign-in.js';

/**
 * A DNS resolver the checks use; injectable so tests can point it at a loopback DNS stand-in.
 * Errors carry Node's DNS codes (`ENOTFOUND`, `ETIMEOUT`, `ECONNREFUSED`, `ESERVFAIL`…).
 */
export interface DnsResolver {
  resolve(host: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ResolvedAddress[]>;
  /**
   * A direct DNS query (A and AAAA), for diagnosis and comparison only, never to connect. `server` is
   * `endpoints.dns` (IP[:port]); absent = the system's DNS servers. Optional: stand-ins may leave it out.
   */
  query?(host: string, options: { timeoutMs: number; signal?: AbortSignal; server?: string }): Promise<ResolvedAddress[]>;
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
  /** The interactive sign-ins (`--admin`, `--login`) the CLI prepared before the checks; the checks read their results. */
  readonly signIns?: SignIns;
  /**
   * One logged-in connection per mailbox and protocol across the run (runner/login-locks.ts). `runChecks` makes
   * one when none is given; pass the same one to several runs that must share it. Absent outside the runner.
   */
  readonly logins?: LoginGate;
}

export type LoginProtocol = 'imap' | 'pop3' | 'smtp';

/** The right to one logged-in connection; `release()` lets the next waiter in, and a second call does nothing. */
export interface LoginLease {
  release(): void;
}

export interface AcquireOptions {
  /** Abandons the wait (Ctrl-C, the check's end): the promise rejects with `ABORTED` and nothing is held. */
  readonly signal?: AbortSignal;
  /** Called when the caller has to wait; what it returns is called when the wait ends, however it ends. */
  readonly onWait?: () => () => void;
}

/** What the checks see (`Services.logins`): the run's locks, possibly observed by the runner. */
export interface LoginGate {
  acquire(protocol: LoginProtocol, login: string, options?: AcquireOptions): Promise<LoginLease>;
}
