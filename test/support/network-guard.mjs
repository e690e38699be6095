/**
 * Loaded before every test file (jest setupFiles) and preloaded into every spawned CLI process
 * (`node --import`): any attempt to reach a host that is not on loopback throws — TCP connections, fetch,
 * and DNS: a query sent to a resolver that is not on loopback, or a getaddrinfo lookup of a name other
 * than localhost (a lookup of graph.microsoft.com is already traffic the user did not ask for). Entra ID, Graph, Google
 * and the mail providers are never reachable from tests; stand-ins are. Every TCP connection (net, tls,
 * undici's fetch) ends in net.Socket.prototype.connect, so that is the one place to guard.
 */
import net from 'node:net';
import dns from 'node:dns';

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

const LOCAL_NAME = /^(localhost|[^.]+\.localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

function guardLookup(name, what) {
  if (typeof name === 'string' && !LOCAL_NAME.test(name) && net.isIP(name) === 0) {
    throw new Error(`network guard: a test tried to look up ${what} ${name} in the system's DNS; inject a resolver (test/support) instead`);
  }
}

if (!dns.__tactiumGuarded) {
  Object.defineProperty(dns, '__tactiumGuarded', { value: true });
  // c-ares resolvers: only loopback servers (the DNS stand-in) may be asked.
  for (const Resolver of [dns.Resolver, dns.promises.Resolver]) {
    for (const method of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'resolveNs', 'reverse']) {
      const original = Resolver.prototype[method];
      if (typeof original !== 'function') continue;
      Resolver.prototype[method] = function (...args) {
        const servers = this.getServers();
        const outside = servers.find((server) => !LOOPBACK.test(server.replace(/^\[|\](:\d+)?$|:\d+$/g, '')));
        if (outside) throw new Error(`network guard: a test sent a DNS query for ${args[0]} to ${outside}, which is not loopback`);
        return original.apply(this, args);
      };
    }
  }
  // getaddrinfo: the hosts file answers localhost; anything else would be a real DNS query.
  const originalLookup = dns.lookup;
  dns.lookup = function (name, ...rest) {
    guardLookup(name, 'host');
    return originalLookup.call(this, name, ...rest);
  };
  const originalPromisesLookup = dns.promises.lookup;
  dns.promises.lookup = function (name, ...rest) {
    guardLookup(name, 'host');
    return originalPromisesLookup.call(this, name, ...rest);
  };
}
