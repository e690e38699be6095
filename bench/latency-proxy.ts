/**
 * A TCP proxy on 127.0.0.1 that delays every chunk by a fixed number of milliseconds in each direction,
 * in order: loopback servers then answer like servers a few tens of milliseconds away, so a run's duration
 * is decided by round trips and shows whether independent checks really overlap.
 */
import net from 'node:net';

export interface LatencyProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function startLatencyProxy(targetPort: number, delayMs: number): Promise<LatencyProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    // Timers of one duration fire in the order they were created, so chunks stay in order.
    const pipe = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk: Buffer) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.destroyed || to.end(), delayMs));
      from.on('close', (hadError: boolean) => setTimeout(() => (hadError ? to.destroy() : to.end()), delayMs + 1));
    };
    pipe(client, upstream);
    pipe(upstream, client);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
