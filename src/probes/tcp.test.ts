import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import { BoundedReader, readGreeting } from './bounded-reader.js';
import { isPlaintextAnswerToTls, readPlaintextBanner, speaksImplicitTls } from './port-probe.js';
import { classifyConnectCode, connectTcp } from './tcp.js';
import { ProbeError } from './probe-error.js';
import { Transcript } from '../runner/transcript.js';
import type { DnsResolver } from '../core/services.js';
import { createCa, issueCert } from '../../standins/certs.js';

const loopback: DnsResolver = { resolve: async () => [{ address: '127.0.0.1', family: 4 }] };

type Behaviour = (socket: net.Socket) => void;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

async function listen(behaviour: Behaviour): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    behaviour(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<ProbeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProbeError) return error;
    throw error;
  }
  throw new Error('expected a ProbeError');
}

const smtpComplete = (lines: readonly string[]) => /^\d{3}(?: |$)/.test(lines[lines.length - 1] ?? '');

let ports: Record<string, number>;
let tlsServer: tls.Server;
let tlsPort: number;

beforeAll(async () => {
  ports = {
    banner: await listen((socket) => socket.write('220 mail.example.test ESMTP ready\r\n')),
    tarpit: await listen(() => undefined),
    reset: await listen((socket) => setTimeout(() => socket.resetAndDestroy(), 30)),
    closes: await listen((socket) => socket.end()),
    longLine: await listen((socket) => socket.write(Buffer.alloc(100_000, 0x41))),
    endless: await listen((socket) => {
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write('250-and more\r\n'.repeat(200));
      }, 5);
      socket.on('close', () => clearInterval(timer));
    }),
    drip: await listen((socket) => {
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('2')), 40);
      socket.on('close', () => clearInterval(timer));
    }),
    byeThenClose: await listen((socket) => socket.end('421 4.3.2 Service not available, closing\r\n')),
    multiChunk: await listen((socket) => {
      socket.write('220-first line\r\n220-sec');
      setTimeout(() => socket.write('ond line\r\n220 last\r\nEXTRA'), 20);
    }),
  };
  const ca = createCa();
  const leaf = issueCert(ca, { hosts: ['localhost', '127.0.0.1'] });
  tlsServer = tls.createServer({ key: leaf.key, cert: leaf.cert }, (socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsPort = (tlsServer.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([...servers, tlsServer].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('connectTcp', () => {
  it('connects and reports the address, the addresses DNS gave and the time spent', async () => {
    const connection = await connectTcp({ host: 'mail.example.test', port: ports.banner!, timeoutMs: 1000, resolver: loopback });
    expect(connection.address).toBe('127.0.0.1');
    expect(connection.addresses).toEqual(['127.0.0.1']);
    expect(connection.connectMs).toBeGreaterThanOrEqual(0);
    expect(connection.localAddress).toBe('127.0.0.1');
    connection.socket.destroy();
  });

  it('does not ask DNS for an IP literal', async () => {
    const resolver: DnsResolver = {
      resolve: async () => {
        throw new Error('DNS must not be asked');
      },
    };
    const connection = await connectTcp({ host: '127.0.0.1', port: ports.banner!, timeoutMs: 1000, resolver });
    expect(connection.dnsMs).toBe(0);
    connection.socket.destroy();
  });

  it('fails with TCP_REFUSED, the address and the port when nothing listens', async () => {
    const port = await freePort();
    const error = await failure(connectTcp({ host: 'mail.example.test', port, timeoutMs: 1000, resolver: loopback }));
    expect(error.code).toBe('TCP_REFUSED');
    expect(error.stage).toBe('CONNECT');
    expect(error.address).toBe('127.0.0.1');
    expect(error.port).toBe(port);
    expect(error.nodeCode).toBe('ECONNREFUSED');
    expect(error.elapsedMs).toBeLessThan(1000);
  });

  it('tries the next address after a refusal and lists every attempt', async () => {
    const port = await freePort();
    const two: DnsResolver = {
      resolve: async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ],
    };
    const error = await failure(connectTcp({ host: 'mail.example.test', port, timeoutMs: 1000, resolver: two }));
    expect(error.code).toBe('TCP_REFUSED');
    expect(error.address).toBe('127.0.0.2');
    expect(error.attempts).toHaveLength(2);
    expect(error.attempts?.[0]).toMatch(/^127\.0\.0\.1 ECONNREFUSED \d+ ms$/);
  });

  it('fails with DNS_NOT_FOUND when the resolver says NXDOMAIN', async () => {
    const nxdomain: DnsResolver = {
      resolve: async () => {
        throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    };
    const error = await failure(connectTcp({ host: 'nope.example.test', port: 587, timeoutMs: 1000, resolver: nxdomain }));
    expect(error.code).toBe('DNS_NOT_FOUND');
    expect(error.stage).toBe('DNS');
  });

  it('fails with DNS_TIMEOUT at the deadline when the resolver never answers', async () => {
    const silent: DnsResolver = { resolve: () => new Promise(() => undefined) };
    const started = performance.now();
    const error = await failure(connectTcp({ host: 'slow.example.test', port: 587, timeoutMs: 200, resolver: silent }));
    expect(error.code).toBe('DNS_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it('fails with ABORTED when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(connectTcp({ host: '127.0.0.1', port: ports.banner!, timeoutMs: 1000, resolver: loopback, signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
  });

  it('records the attempt in the transcript', async () => {
    const transcript = new Transcript(true);
    const connection = await connectTcp({ host: '127.0.0.1', port: ports.banner!, timeoutMs: 1000, resolver: loopback, transcript });
    connection.socket.destroy();
    expect(
      transcript
        .entries()
        .map((entry) => entry.text)
        .join('\n'),
    ).toMatch(/connected to 127\.0\.0\.1:\d+ in \d+ ms/);
  });
});

describe('classifyConnectCode', () => {
  it.each([
    ['ECONNREFUSED', 'TCP_REFUSED'],
    ['ETIMEDOUT', 'TCP_TIMEOUT'],
    ['ECONNRESET', 'TCP_RESET'],
    ['ENETUNREACH', 'NETWORK_UNREACHABLE'],
    ['EHOSTUNREACH', 'NETWORK_UNREACHABLE'],
    ['EACCES', 'TCP_BLOCKED_LOCALLY'],
  ])('maps %s to %s', (nodeCode, ours) => {
    expect(classifyConnectCode(nodeCode)).toBe(ours);
  });
});

async function reader(port: number, options: ConstructorParameters<typeof BoundedReader>[1] = {}): Promise<BoundedReader> {
  const connection = await connectTcp({ host: '127.0.0.1', port, timeoutMs: 1000, resolver: loopback });
  return new BoundedReader(connection.socket, { address: connection.address, port, ...options });
}

describe('BoundedReader and readGreeting', () => {
  it('reads a greeting and records it in the transcript', async () => {
    const transcript = new Transcript(true);
    const lines = await readGreeting(await reader(ports.banner!, { transcript }), { timeoutMs: 1000, isComplete: smtpComplete });
    expect(lines).toEqual(['220 mail.example.test ESMTP ready']);
    expect(transcript.entries().some((entry) => entry.direction === 'server' && entry.text.startsWith('220 '))).toBe(true);
  });

  it('fails with GREETING_TIMEOUT within the timeout when the server accepts but never speaks (tarpit)', async () => {
    const started = performance.now();
    const error = await failure(readGreeting(await reader(ports.tarpit!), { timeoutMs: 300 }));
    expect(error.code).toBe('GREETING_TIMEOUT');
    expect(error.stage).toBe('GREETING');
    expect(performance.now() - started).toBeLessThan(300 + 1000);
  });

  it('fails with TCP_RESET when the server resets right after accepting', async () => {
    const error = await failure(readGreeting(await reader(ports.reset!), { timeoutMs: 1000 }));
    expect(error.code).toBe('TCP_RESET');
    expect(error.nodeCode).toBe('ECONNRESET');
  });

  it('fails with CONNECTION_CLOSED when the server closes without a word', async () => {
    const error = await failure(readGreeting(await reader(ports.closes!), { timeoutMs: 1000 }));
    expect(error.code).toBe('CONNECTION_CLOSED');
  });

  it('still delivers the last reply a server sent before closing (421 then close)', async () => {
    const connection = await reader(ports.byeThenClose!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readGreeting(connection, { timeoutMs: 1000, isComplete: smtpComplete })).toEqual(['421 4.3.2 Service not available, closing']);
    expect((await failure(connection.readReply(smtpComplete, { stage: 'EHLO', timeoutMs: 500 }))).code).toBe('CONNECTION_CLOSED');
  });

  it('fails with LINE_TOO_LONG on a 100 kB line without waiting for its end', async () => {
    const error = await failure(readGreeting(await reader(ports.longLine!, { bounds: { maxLineLength: 4096 } }), { timeoutMs: 2000 }));
    expect(error.code).toBe('LINE_TOO_LONG');
  });

  it('fails with REPLY_TOO_LONG on an endless multi-line reply', async () => {
    const error = await failure(
      readGreeting(await reader(ports.endless!, { bounds: { maxReplyBytes: 16 * 1024 } }), { timeoutMs: 3000, isComplete: smtpComplete }),
    );
    expect(error.code).toBe('REPLY_TOO_LONG');
  });

  it('ends a slow drip at the reply deadline, not at an inactivity timeout', async () => {
    const started = performance.now();
    const error = await failure(readGreeting(await reader(ports.drip!), { timeoutMs: 300 }));
    expect(error.code).toBe('GREETING_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(300 + 1000);
  });

  it('assembles a multi-line reply split across packets and keeps what follows for the next owner', async () => {
    const connection = await reader(ports.multiChunk!);
    expect(await readGreeting(connection, { timeoutMs: 1000, isComplete: smtpComplete })).toEqual(['220-first line', '220-second line', '220 last']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { socket, leftover } = connection.detach();
    expect(leftover.toString()).toBe('EXTRA');
    socket.destroy();
  });

  it('refuses to hand a socket to TLS when plaintext arrived after the STARTTLS answer (STARTTLS_INJECTION)', async () => {
    const connection = await reader(ports.multiChunk!);
    await readGreeting(connection, { timeoutMs: 1000, isComplete: smtpComplete });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(() => connection.detach({ beforeTls: true })).toThrow(expect.objectContaining({ code: 'STARTTLS_INJECTION' }));
  });

  it('stops waiting with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    const connection = await reader(ports.tarpit!, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await failure(readGreeting(connection, { timeoutMs: 5000 }));
    expect(error.code).toBe('ABORTED');
    expect(performance.now() - started).toBeLessThan(1000);
    connection.destroy();
  });

  it('writes the redacted form of a line to the transcript', async () => {
    const transcript = new Transcript(true);
    const connection = await reader(ports.banner!, { transcript });
    connection.write('AUTH PLAIN c2VjcmV0', 'AUTH PLAIN /* secret */');
    connection.destroy();
    const texts = transcript.entries().map((entry) => entry.text);
    expect(texts).toContain('AUTH PLAIN /* secret */');
    expect(texts.join('\n')).not.toContain('c2VjcmV0');
  });
});

describe('what a port speaks', () => {
  it('says a TLS port speaks implicit TLS and a banner port does not', async () => {
    expect(await speaksImplicitTls({ address: '127.0.0.1', port: tlsPort, servername: 'localhost', timeoutMs: 1000 })).toBe(true);
    expect(await speaksImplicitTls({ address: '127.0.0.1', port: ports.banner!, timeoutMs: 1000 })).toBe(false);
  });

  it('recognises the OpenSSL error of a ClientHello answered by a plaintext banner', async () => {
    const error = await new Promise<Error>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: ports.banner!, rejectUnauthorized: false });
      socket.on('error', resolve);
    });
    expect(isPlaintextAnswerToTls(error)).toBe(true);
    expect(isPlaintextAnswerToTls(new Error('socket hang up'))).toBe(false);
  });

  it('reads a plaintext banner on a fresh connection, and nothing from a tarpit', async () => {
    expect(await readPlaintextBanner({ address: '127.0.0.1', port: ports.banner!, timeoutMs: 1000 })).toBe('220 mail.example.test ESMTP ready');
    expect(await readPlaintextBanner({ address: '127.0.0.1', port: ports.tarpit!, timeoutMs: 200 })).toBeUndefined();
  });
});
