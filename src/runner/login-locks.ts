/**
 * One logged-in connection per mailbox and protocol, across the whole run: a server that locks the POP3
 * maildrop (RFC 1939 §8) answers a second login with `-ERR [IN-USE]` (RFC 2449 §8.1.1, RFC 3206 §4), IMAP
 * servers may refuse with `NO [INUSE]` (RFC 5530 §3), and providers count parallel sessions against a
 * throttle. Accounts checked at once (`--concurrency`) that name the same mailbox would trip that and
 * report a false failure, so every login takes this lock right before its credential goes out and gives it
 * back when that connection is closed.
 *
 * The key is the protocol family and the login name actually sent, never the host: two names for the same
 * server (an alias, an IP literal) reach the same maildrop. Names are compared ignoring case: mail
 * providers treat addresses that way, and serialising two logins that a case-sensitive server would have
 * told apart costs only a little time, while the opposite costs a false `fail`. Connections that send no
 * credential (connect and TLS probes, capability reads) never take the lock and never wait for it.
 */
import type { Transcript } from '../core/transcript.js';
import { ProbeError } from '../probes/probe-error.js';
import type { AcquireOptions, LoginGate, LoginLease, LoginProtocol } from '../core/services.js';

interface Waiter {
  readonly grant: (lease: LoginLease) => void;
}

/** The key of a lock: the protocol family and the login name as sent, ignoring case. */
export function loginKey(protocol: LoginProtocol, login: string): string {
  return `${protocol}\n${login.normalize('NFC').toLowerCase()}`;
}

/** The run's locks, one per (protocol, login); a fair queue (first come, first served) behind each. */
export class LoginLocks implements LoginGate {
  /** Present while the lock is held; the waiters in arrival order. */
  readonly #queues = new Map<string, Waiter[]>();

  /** Lock names currently held, for tests and diagnostics. */
  get held(): number {
    return this.#queues.size;
  }

  acquire(protocol: LoginProtocol, login: string, options: AcquireOptions = {}): Promise<LoginLease> {
    const key = loginKey(protocol, login);
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(aborted(protocol));
    const queue = this.#queues.get(key);
    if (!queue) {
      this.#queues.set(key, []);
      return Promise.resolve(this.#lease(key));
    }
    const endWait = options.onWait?.();
    return new Promise<LoginLease>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (lease) => {
          signal?.removeEventListener('abort', onAbort);
          endWait?.();
          resolve(lease);
        },
      };
      // An abandoned waiter leaves the queue and holds nothing: the holder keeps its lock.
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        endWait?.();
        reject(aborted(protocol));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  /** A lease on `key`, which the caller now holds; its release hands the lock to the next waiter, if any. */
  #lease(key: string): LoginLease {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const queue = this.#queues.get(key);
        const next = queue?.shift();
        if (next) next.grant(this.#lease(key));
        else this.#queues.delete(key);
      },
    };
  }
}

/** A view of `gate` whose waits are also reported to `onWait` (the runner stops the waiting account's budget clocks). */
export function observeWaits(gate: LoginGate, onWait: () => () => void): LoginGate {
  return {
    acquire: (protocol, login, options = {}) =>
      gate.acquire(protocol, login, {
        ...options,
        onWait: () => {
          const ends = [onWait(), options.onWait?.()];
          return () => ends.forEach((end) => end?.());
        },
      }),
  };
}

function aborted(protocol: LoginProtocol): ProbeError {
  return new ProbeError('ABORTED', 'aborted while waiting for another connection of this run to this mailbox to close', {
    stage: protocol === 'smtp' ? 'AUTH' : 'LOGIN',
  });
}

/** A lease that holds nothing: where the run has no locks (a check run on its own, outside the runner). */
const NO_LEASE: LoginLease = { release: () => undefined };

/**
 * Takes the run's lock for one login, right before its credential is sent, waiting (with the check's abort
 * signal) while another connection of this run is logged in to the same mailbox over the same protocol.
 * The wait is noted in the check's transcript. Rejects with a `ProbeError` `ABORTED` when abandoned.
 */
export async function holdLogin(
  context: { readonly services: { readonly logins?: LoginGate }; readonly signal: AbortSignal; readonly transcript?: Transcript },
  protocol: LoginProtocol,
  login: string,
): Promise<LoginLease> {
  const locks = context.services.logins;
  if (!locks) return NO_LEASE;
  const lease = await locks.acquire(protocol, login, {
    signal: context.signal,
    onWait: () => {
      const started = performance.now();
      context.transcript?.add(
        'info',
        `another connection of this run is logged in as ${login} over ${protocol.toUpperCase()}: waiting for it to close (one logged-in connection per mailbox and protocol)`,
      );
      return () => context.transcript?.add('info', `waited ${Math.round(performance.now() - started)} ms`);
    },
  });
  // Granted just as the check was abandoned: give it straight back rather than log in for nobody.
  if (context.signal.aborted) {
    lease.release();
    throw aborted(protocol);
  }
  return lease;
}
