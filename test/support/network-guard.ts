/**
 * Loaded before every test file: any attempt to reach a host that is not on loopback fails the test.
 * Entra ID, Graph, Google and the mail providers are never reachable from tests; stand-ins are.
 * Every TCP connection (net, tls, undici's fetch) ends in net.Socket.prototype.connect, so that is the
 * one place to guard.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

function assertLoopback(host: unknown, what: string): void {
  if (host === undefined || host === null || host === '') return; // Node defaults to localhost
  const name = String(host).replace(/^\[|\]$/g, '');
  if (!LOOPBACK.test(name)) {
    throw new Error(`network guard: a test tried to reach ${what} ${name}, which is not loopback`);
  }
}

function hostOf(args: unknown[]): unknown {
  const [first, second] = args;
  // Node's own net.connect/tls.connect pass one normalised [options, callback] array.
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === 'object') {
    const options = first as { host?: unknown; path?: unknown };
    if (options.path) return undefined; // unix socket
    return options.host;
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : undefined;
  return undefined;
}

const originalSocketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  assertLoopback(hostOf(args), 'TCP host');
  return (originalSocketConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  assertLoopback(url.hostname, 'HTTP host');
  return originalFetch(input, init);
}) as typeof fetch;

