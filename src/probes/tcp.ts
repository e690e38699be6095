/**
 * The transport under every mail probe (SMTP, IMAP, POP3): DNS → TCP connect with a deadline per step and
 * the abort signal, each failure named (refused, dropped SYN, reset, unreachable, DNS), with the address
 * tried and the time spent. Replies are read with bounded-reader.ts; port-probe.ts names what a port speaks.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DnsResolver } from '../core/services.js';
import type { Transcript } from '../core/transcript.js';
import { ProbeError, errorMessage, nodeErrorCode, type ProbeErrorCode, type ProbeStage } from './probe-error.js';

/** Where to connect: the host as configured (name or IP literal, IPv6 with or without brackets) and port. */
export interface TcpTarget {
  readonly host: string;
  readonly port: number;
}

export interface TcpConnectOptions extends TcpTarget {
  /** Deadline of each step (DNS, then connect), in milliseconds: `context.options.stepTimeoutMs`. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** `context.services.dns`; not asked for IP literals. */
  readonly resolver: DnsResolver;
  /** Receives `info` lines (address tried, connect time) for `--trace`. */
  readonly transcript?: Transcript;
}

/** An open TCP connection and the facts of how it was reached (for evidence). */
export interface TcpConnection {
  readonly socket: net.Socket;
  readonly host: string;
  readonly port: number;
  /** The IP address connected to. */
  readonly address: string;
  /** Every address DNS gave (or the literal). */
  readonly addresses: readonly string[];
  readonly dnsMs: number;
  readonly connectMs: number;
  readonly localAddress?: string;
  readonly localPort?: number;
}

/** Removes the brackets of an IPv6 literal (`[::1]` → `::1`). */
export function unbracketHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** Milliseconds since `started` (a `performance.now()` value), rounded. */
export function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

/** Throws `ABORTED` when the signal fired: probes call this between steps. */
export function throwIfAborted(signal: AbortSignal | undefined, stage: ProbeStage): void {
  if (signal?.aborted) throw new ProbeError('ABORTED', 'aborted', { stage });
}

/** Node's DNS error code → ours (the dns.* checks diagnose in depth; here we only name it). */
function classifyDnsCode(code: string | undefined): ProbeErrorCode {
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME' || code === 'EAI_NODATA') return 'DNS_NOT_FOUND';
  if (code === 'ETIMEOUT' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') return 'DNS_TIMEOUT';
  return 'DNS_FAILED';
}

/**
 * Node's socket error code → ours. ECONNREFUSED is a RST to our SYN (nothing listens, or a firewall
 * REJECTs); ETIMEDOUT only comes from our own timer (Node has no connect timeout): a DROP.
 */
export function classifyConnectCode(code: string | undefined): ProbeErrorCode {
  switch (code) {
    case 'ECONNREFUSED':
      return 'TCP_REFUSED';
    case 'ETIMEDOUT':
      return 'TCP_TIMEOUT';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'TCP_RESET';
    case 'EACCES':
    case 'EPERM':
      return 'TCP_BLOCKED_LOCALLY';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return 'NETWORK_UNREACHABLE';
    default:
      return 'CONNECTION_CLOSED';
  }
}

/** Runs `task` with a deadline and the abort signal; `onTimeout` builds the error thrown at the deadline. */
export async function withDeadline<T>(
  task: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onTimeout: () => Error,
  stage: ProbeStage,
): Promise<T> {
  throwIfAborted(signal, stage);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    onAbort = () => reject(new ProbeError('ABORTED', 'aborted', { stage }));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([task, guard]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Resolves the host (unless it is an IP literal) within the step timeout. */
async function resolveAddresses(options: TcpConnectOptions): Promise<{ addresses: string[]; dnsMs: number }> {
  const literal = unbracketHost(options.host);
  if (net.isIP(literal) !== 0) return { addresses: [literal], dnsMs: 0 };
  const started = performance.now();
  try {
    const found = await withDeadline(
      options.resolver.resolve(options.host, { timeoutMs: options.timeoutMs, signal: options.signal }),
      options.timeoutMs,
      options.signal,
      () =>
        new ProbeError('DNS_TIMEOUT', `no DNS answer for ${options.host} within ${options.timeoutMs} ms`, { stage: 'DNS', elapsedMs: elapsedSince(started) }),
      'DNS',
    );
    const addresses = [...new Set(found.map((entry) => entry.address))];
    if (addresses.length === 0) {
      throw new ProbeError('DNS_NOT_FOUND', `${options.host} has no address`, { stage: 'DNS', elapsedMs: elapsedSince(started) });
    }
    return { addresses, dnsMs: elapsedSince(started) };
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    const code = nodeErrorCode(error);
    throw new ProbeError(classifyDnsCode(code), `resolving ${options.host} failed (${code ?? 'unknown error'})`, {
      stage: 'DNS',
      elapsedMs: elapsedSince(started),
      nodeCode: code,
      cause: error,
    });
  }
}

/** One connection attempt to one address, bounded by `timeoutMs` and the signal. */
export function connectAddress(address: string, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ProbeError('ABORTED', 'aborted', { stage: 'CONNECT', address, port }));
    const socket = net.connect({ host: address, port });
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(new ProbeError('ABORTED', 'aborted', { stage: 'CONNECT', address, port }));
    };
    // Node has no connect timeout of its own: a dropped SYN would wait for the OS (minutes).
    const timer = setTimeout(
      () => onError(Object.assign(new Error(`no answer from ${address}:${port} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * DNS → TCP. Every address is tried in the order DNS gave them while the connect step's deadline lasts (a
 * fast refusal moves on to the next address; a dropped SYN uses up the deadline). Throws a `ProbeError`
 * (`DNS_*`, `TCP_REFUSED`, `TCP_TIMEOUT`, `TCP_RESET`, `NETWORK_UNREACHABLE`, `TCP_BLOCKED_LOCALLY`,
 * `ABORTED`) with the address tried, the attempts and the time spent.
 */
export async function connectTcp(options: TcpConnectOptions): Promise<TcpConnection> {
  const { port, signal, transcript } = options;
  throwIfAborted(signal, 'DNS');
  const { addresses, dnsMs } = await resolveAddresses(options);
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const attempts: string[] = [];
  let last: { address: string; error: unknown } | undefined;
  for (const address of addresses) {
    const remaining = Math.round(deadline - performance.now());
    if (remaining <= 0) break;
    const attemptStarted = performance.now();
    transcript?.add('info', `connecting to ${address}:${port}`);
    try {
      const socket = await connectAddress(address, port, remaining, signal);
      socket.setNoDelay(true);
      const connectMs = elapsedSince(started);
      transcript?.add('info', `connected to ${address}:${port} in ${connectMs} ms (local ${socket.localAddress ?? '?'}:${socket.localPort ?? '?'})`);
      return {
        socket,
        host: options.host,
        port,
        address,
        addresses,
        dnsMs,
        connectMs,
        ...(socket.localAddress ? { localAddress: socket.localAddress } : {}),
        ...(socket.localPort ? { localPort: socket.localPort } : {}),
      };
    } catch (error) {
      if (error instanceof ProbeError) throw error; // aborted
      const code = nodeErrorCode(error);
      attempts.push(`${address} ${code ?? 'error'} ${elapsedSince(attemptStarted)} ms`);
      transcript?.add('info', `${address}:${port}: ${code ?? 'error'} after ${elapsedSince(attemptStarted)} ms`);
      last = { address, error };
    }
  }
  const code = nodeErrorCode(last?.error) ?? 'ETIMEDOUT';
  const ours = classifyConnectCode(code);
  const message = last ? errorMessage(last.error) : `no answer within ${options.timeoutMs} ms`;
  throw new ProbeError(ours, `connecting to ${options.host}:${port} failed: ${message}`, {
    stage: 'CONNECT',
    address: last?.address ?? addresses[0],
    port,
    elapsedMs: elapsedSince(started),
    nodeCode: code,
    ...(attempts.length > 1 ? { attempts } : {}),
    cause: last?.error,
  });
}
