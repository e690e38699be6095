/**
 * A small HTTP CONNECT proxy on 127.0.0.1 (RFC 9110 §9.3.6), for tests of HTTPS_PROXY / NO_PROXY: it
 * records every tunnel asked for, resolves the target with a name table (the test's, since nothing may
 * leave loopback), can demand Proxy-Authorization (407) or refuse every tunnel (403), and never sees
 * inside the TLS it carries.
 */
import http from 'node:http';
import net from 'node:net';

export interface ProxyOptions {
  /** Target names and the addresses they stand for (default: none; IP literals are used as they are). */
  readonly names?: Readonly<Record<string, string>>;
  /** `user:password` the proxy demands in Proxy-Authorization: Basic (407 otherwise). */
  readonly credentials?: string;
  /** Answer every CONNECT with this status instead (e.g. 403: the firewall forbids the host). */
  readonly refuseWith?: number;
}

export interface ConnectRecord {
  /** `host:port` as the client asked. */
  readonly target: string;
  readonly status: number;
  readonly authorized: boolean;
}

export interface ConnectProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>` (no credentials). */
  readonly url: string;
  readonly connects: ConnectRecord[];
  close(): Promise<void>;
}

export async function startConnectProxy(options: ProxyOptions = {}): Promise<ConnectProxy> {
  const connects: ConnectRecord[] = [];
  const sockets = new Set<net.Socket>();
  const names = new Map(Object.entries(options.names ?? {}).map(([name, address]) => [name.toLowerCase(), address]));
  const server = http.createServer((_request, response) => {
    // Only tunnels: a plain request through this proxy is not what identity traffic does.
    response.writeHead(405, { 'content-type': 'text/plain' }).end('CONNECT only');
  });

  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const target = request.url ?? '';
    const expected = options.credentials ? `Basic ${Buffer.from(options.credentials).toString('base64')}` : undefined;
    const authorized = expected === undefined || request.headers['proxy-authorization'] === expected;
    const finish = (status: number, reason: string): void => {
      connects.push({ target, status, authorized });
      client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!authorized) return finish(407, 'Proxy Authentication Required');
    if (options.refuseWith) return finish(options.refuseWith, 'Forbidden');
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!match) return finish(400, 'Bad Request');
    const host = match[1] ?? '';
    const address = net.isIP(host) ? host : names.get(host.toLowerCase());
    if (!address) return finish(502, 'Bad Gateway');
    const upstream = net.connect({ host: address, port: Number(match[2]) });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      connects.push({ target, status: 200, authorized });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (!established) finish(502, 'Bad Gateway');
      else client.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the CONNECT proxy did not bind a TCP port');
  const { port } = address;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
