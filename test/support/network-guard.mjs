/**
 * Loaded before every test file (jest setupFiles) and preloaded into every spawned CLI process
 * (`node --import`): any attempt to reach a host that is not on loopback throws. Entra ID, Graph, Google
 * and the mail providers are never reachable from tests; stand-ins are. Every TCP connection (net, tls,
 * undici's fetch) ends in net.Socket.prototype.connect, so that is the one place to guard.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

function assertLoopback(host, what) {
  if (host === undefined || host === null || host === '') return; // Node defaults to localhost
  const name = String(host).replace(/^\[|\]$/g, '');
  if (!LOOPBACK.test(name)) {
    throw new Error(`network guard: a test tried to reach ${what} ${name}, which is not loopback`);
  }
}

function hostOf(args) {
  const [first, second] = args;
  // Node's own net.connect/tls.connect pass one normalised [options, callback] array.
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === 'object') {
    if (first.path) return undefined; // unix socket
    return first.host;
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : undefined;
  return undefined;
}

if (!net.Socket.prototype.__tactiumGuarded) {
  const originalSocketConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    assertLoopback(hostOf(args), 'TCP host');
    return originalSocketConnect.apply(this, args);
  };
  Object.defineProperty(net.Socket.prototype, '__tactiumGuarded', { value: true });

  const originalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    assertLoopback(url.hostname, 'HTTP host');
    return originalFetch(input, init);
  };
}
