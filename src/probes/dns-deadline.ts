/**
 * A c-ares channel (`dns.promises.Resolver`) with a hard deadline of ours: c-ares's own timeout grows with
 * each try (measured: 300 ms × 1 try took 600 ms), so the channel is cancelled at `timeoutMs`, and on abort.
 * A query cancelled by the deadline fails with ECANCELLED like one cancelled by the user; `timedOut` tells
 * them apart.
 */
import { Resolver } from 'node:dns/promises';

export interface DeadlineQuery {
  /** The servers to ask ("IP[:port]"); absent = the system's. */
  readonly servers?: readonly string[];
  readonly timeoutMs: number;
  readonly tries: number;
  readonly signal?: AbortSignal;
}

export interface DeadlineAnswer<T> {
  readonly outcome: PromiseSettledResult<T>;
  /** The servers that were asked, for evidence; empty when the machine has none configured. */
  readonly servers: readonly string[];
  readonly timedOut: boolean;
}

export async function resolveWithin<T>(query: DeadlineQuery, send: (resolver: Resolver) => Promise<T>): Promise<DeadlineAnswer<T>> {
  query.signal?.throwIfAborted();
  const resolver = new Resolver({ timeout: Math.max(50, Math.floor(query.timeoutMs / 3)), tries: query.tries });
  if (query.servers) resolver.setServers([...query.servers]);
  const servers = resolver.getServers();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, query.timeoutMs);
  const onAbort = () => resolver.cancel();
  query.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return { outcome: { status: 'fulfilled', value: await send(resolver) }, servers, timedOut };
  } catch (reason) {
    return { outcome: { status: 'rejected', reason }, servers, timedOut };
  } finally {
    clearTimeout(timer);
    query.signal?.removeEventListener('abort', onAbort);
  }
}

/** Node's code of a DNS error (`ENOTFOUND`, `ETIMEOUT`…), or undefined for anything else. */
export function nodeCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** The code of a failed query, our deadline's cancellation read as a timeout, not a cancellation by the user. */
export function deadlineCode(reason: unknown, timedOut: boolean): string {
  const code = nodeCodeOf(reason) ?? 'ERROR';
  return code === 'ECANCELLED' && timedOut ? 'ETIMEOUT' : code;
}
