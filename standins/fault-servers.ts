/**
 * Small raw servers for what a real mail server cannot be made to do: never speak (tarpit), reset after
 * accepting, drop SYNs (a full accept queue), speak TLS where STARTTLS is expected, only speak TLS 1.0,
 * answer byte-exact provider replies (Exchange Online's 5.7.139, Google's multi-line 534/535), and behave
 * like hostile servers (megabyte lines, endless multi-line replies, a slow drip). All on 127.0.0.1 with
 * ephemeral ports; started once per test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import tls from 'node:tls';
import type { IssuedCert } from './certs.js';

/** Provider replies, byte-exact as seen in the wild (docs/provider-facts.md §SMTP AUTH switches and replies). */
export const REPLIES = {
  exchangeTenantDisabled:
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  exchangeMailboxDisabled:
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  exchangeSecurityDefaults:
    "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]",
  exchangeConditionalAccess:
    '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  exchangeUnsuccessful: '535 5.7.3 Authentication unsuccessful [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  gmailAppPassword:
    '534-5.7.9 Application-specific password required. For more information, go to\r\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d9443c01a7336-2a1c7c5e1f6sm1234567b3a.12 - gsmtp',
  gmailBadCredentials:
    '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d9443c01a7336-2a1c7c5e1f6sm1234567b3a.12 - gsmtp',
  unrecognizedAuth: '504 5.7.4 Unrecognized authentication type [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  temporaryAuth: '454 4.7.0 Temporary authentication failure',
  notAuthenticated: '530 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  sendAsDenied: '550 5.7.60 SMTP; Client does not have permissions to send as this sender [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
  throttled: '550 5.2.252 SendAsDenied; Sender throttled due to continuous send as denied errors. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
} as const;

const closers: Array<() => Promise<void>> = [];

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A listening server with its sockets tracked, so `close()` ends held connections (tarpits) too. */
export interface FaultServer {
  readonly port: number;
  /** Every line clients sent (after TLS too), in order. */
  readonly received: string[];
  close(): Promise<void>;
}

function track(server: net.Server, received: string[] = []): (port: number) => FaultServer {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  server.on('error', () => undefined);
  return (port) => {
    const close = () =>
      new Promise<void>((resolve) => {
        // Destroying a socket also stops its timers (they are cleared on 'close').
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    closers.push(close);
    return { port, received, close };
  };
}

/** A server that runs `behaviour` on every connection (tarpit: do nothing; reset; drip; flood…). */
export async function startRawServer(behaviour: (socket: net.Socket, every: (ms: number, tick: () => void) => void) => void): Promise<FaultServer> {
  const server = net.createServer((socket) => {
    const every = (ms: number, tick: () => void) => {
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : tick()), ms);
      socket.on('close', () => clearInterval(timer));
    };
    behaviour(socket, every);
  });
  const made = track(server);
  return made(await listen(server));
}

/** Accepts and never says a word. */
export const tarpit = (): Promise<FaultServer> => startRawServer(() => undefined);
/** Accepts, then resets the connection (RST) before greeting. */
export const resetAfterAccept = (): Promise<FaultServer> => startRawServer((socket) => setTimeout(() => socket.resetAndDestroy(), 20));

export interface ScriptedSmtpOptions {
  /** For STARTTLS, or for implicit TLS with `implicitTls`. */
  readonly certificate?: IssuedCert;
  /** TLS from the first byte (SMTPS). */
  readonly implicitTls?: boolean;
  /** TLS settings of the server (e.g. TLS 1.0 only). */
  readonly tls?: Pick<tls.SecureContextOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
  /** The greeting, whole lines without CRLF (default `220 fault.test ESMTP`). */
  readonly greeting?: string;
  /** Extensions before TLS (default: STARTTLS when a certificate is given). */
  readonly ehlo?: readonly string[];
  /** Extensions after TLS (default `AUTH PLAIN LOGIN XOAUTH2`). */
  readonly ehloAfterTls?: readonly string[];
  /** The reply to STARTTLS (default `220 2.0.0 Ready to start TLS`); anything else refuses it. */
  readonly startTlsReply?: string;
  /**
   * The reply to AUTH, given the AUTH command and its continuations so far; a reply starting with 334 keeps
   * the exchange going; an empty reply answers nothing (a login that hangs). Default:
   * `235 2.7.0 Authentication successful`.
   */
  readonly auth?: (lines: readonly string[]) => string;
  readonly mailFrom?: string;
  readonly rcptTo?: string;
  /** The greeting comes this late, on purpose (Postfix postscreen's `postscreen_greet_wait`). */
  readonly greetingDelayMs?: number;
  /** A client that talks before the greeting (a TLS ClientHello on a plaintext port) gets no greeting and no answer at all. */
  readonly silentToEarlyTalkers?: boolean;
}

/**
 * A line-based SMTP server with scripted replies and real STARTTLS (or implicit TLS), for byte-exact
 * provider replies. Records every client line.
 */
export async function startScriptedSmtp(options: ScriptedSmtpOptions = {}): Promise<FaultServer> {
  const received: string[] = [];
  const secureContext = options.certificate
    ? tls.createSecureContext({ key: options.certificate.key, cert: options.certificate.cert, ...options.tls })
    : undefined;
  const write = (socket: net.Socket, text: string) => {
    if (!socket.destroyed) socket.write(`${text}\r\n`);
  };

  const serve = (socket: net.Socket, secured: boolean, greet: boolean) => {
    let buffer = '';
    let authLines: string[] | undefined;
    const handle = (line: string): boolean => {
      received.push(line);
      if (authLines) {
        authLines.push(line);
        const reply = (options.auth ?? (() => '235 2.7.0 Authentication successful'))(authLines);
        if (!reply.startsWith('334')) authLines = undefined;
        if (reply !== '') write(socket, reply);
        return true;
      }
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      switch (verb) {
        case 'EHLO': {
          const extensions = secured ? (options.ehloAfterTls ?? ['AUTH PLAIN LOGIN XOAUTH2']) : (options.ehlo ?? (options.certificate ? ['STARTTLS'] : []));
          const lines = ['fault.test at your service', 'PIPELINING', ...extensions];
          lines.forEach((text, index) => write(socket, `250${index === lines.length - 1 ? ' ' : '-'}${text}`));
          return true;
        }
        case 'STARTTLS': {
          const reply = options.startTlsReply ?? '220 2.0.0 Ready to start TLS';
          write(socket, reply);
          if (!reply.startsWith('220') || !secureContext) return true;
          socket.removeAllListeners('data');
          const upgraded = new tls.TLSSocket(socket, { isServer: true, secureContext });
          upgraded.on('error', () => undefined);
          serve(upgraded, true, false);
          return false;
        }
        case 'AUTH': {
          authLines = [line];
          const reply = (options.auth ?? (() => '235 2.7.0 Authentication successful'))(authLines);
          if (!reply.startsWith('334')) authLines = undefined;
          if (reply !== '') write(socket, reply);
          return true;
        }
        case 'MAIL':
          write(socket, options.mailFrom ?? '250 2.1.0 Sender OK');
          return true;
        case 'RCPT':
          write(socket, options.rcptTo ?? '250 2.1.5 Recipient OK');
          return true;
        case 'RSET':
          write(socket, '250 2.0.0 Resetting');
          return true;
        case 'QUIT':
          write(socket, '221 2.0.0 Bye');
          socket.end();
          return false;
        default:
          write(socket, '500 5.5.1 Unrecognized command');
          return true;
      }
    };
    let greeted = !greet;
    let muted = false;
    socket.on('data', (chunk: Buffer) => {
      if (!greeted && options.silentToEarlyTalkers) muted = true;
      if (muted) return;
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!handle(line)) return;
      }
    });
    const sendGreeting = () => {
      greeted = true;
      if (!muted) write(socket, options.greeting ?? '220 fault.test ESMTP');
    };
    if (greet && options.greetingDelayMs) {
      const timer = setTimeout(sendGreeting, options.greetingDelayMs);
      socket.once('close', () => clearTimeout(timer));
    } else if (greet) sendGreeting();
  };

  const server =
    options.implicitTls && options.certificate
      ? tls.createServer({ key: options.certificate.key, cert: options.certificate.cert, ...options.tls }, (socket) => {
          socket.on('error', () => undefined);
          serve(socket, true, true);
        })
      : net.createServer((socket) => serve(socket, false, true));
  const made = track(server, received);
  return made(await listen(server));
}

/**
 * A port whose accept queue is full, so the kernel drops further SYNs: the closest thing to a firewall DROP
 * on loopback. A child process listens with a backlog of 1 and then blocks its event loop (Atomics.wait:
 * no CPU) so it never accepts; two connections fill the queue. Linux-specific behaviour (tcp_abort_on_overflow
 * = 0, the default).
 */
export async function startSynDropper(): Promise<FaultServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const net = require('node:net');
       const server = net.createServer();
       server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(server.address().port + '\\n');
         setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000), 20);
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const fillers: net.Socket[] = [];
  for (let index = 0; index < 2; index++) {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    fillers.push(socket);
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve());
      setTimeout(resolve, 300);
    });
  }
  const close = async () => {
    for (const socket of fillers) socket.destroy();
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
  };
  closers.push(close);
  return { port, received: [], close };
}

/** Closes every fault server this file started (afterAll). */
export async function closeFaultServers(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}
