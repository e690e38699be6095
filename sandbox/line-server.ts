/**
 * The shared plumbing of the sandbox's tiny IMAP and POP3 servers: a loopback listener that speaks
 * plaintext, STARTTLS-upgradable plaintext, or implicit TLS, and hands complete CRLF lines to a protocol
 * handler. These servers exist so that `npm run demo` runs on any OS with Node alone; the test suite
 * runs the real Dovecot.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

export interface Credentials {
  /** user → password */
  readonly passwords: Readonly<Record<string, string>>;
  /**
   * access token → the user it may log in as: a table, or a function (the Entra stand-in's tokens, judged
   * as Exchange would: the app's service principal registered, with access to that mailbox).
   */
  readonly tokens: Readonly<Record<string, string>> | ((token: string) => string | undefined);
}

/** The user an access token may log in as, or undefined. */
export function tokenUser(credentials: Credentials, token: string): string | undefined {
  return typeof credentials.tokens === 'function' ? credentials.tokens(token) : credentials.tokens[token];
}

export interface Session {
  write(line: string): void;
  /** Upgrades the connection to TLS in place (STARTTLS / STLS). */
  startTls(): void;
  readonly secure: boolean;
  close(): void;
  /** Reads the next line raw (SASL continuations, literals). */
  state: Record<string, unknown>;
}

export interface LineProtocol {
  greet(session: Session): void;
  onLine(session: Session, line: string): void;
}

export interface LineServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startLineServer(options: { implicitTls: boolean; tls: TlsMaterial; protocol: () => LineProtocol }): Promise<LineServer> {
  const sockets = new Set<net.Socket>();
  const secureContext = tls.createSecureContext({ key: options.tls.key, cert: options.tls.cert, minVersion: 'TLSv1.2' });

  const serve = (raw: net.Socket, startSecure: boolean) => {
    sockets.add(raw);
    raw.setTimeout(60_000, () => raw.destroy());
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => raw.destroy());
    let socket: net.Socket = raw;
    let buffer = '';
    const protocol = options.protocol();
    const onData = (chunk: Buffer) => {
      const origin = current;
      buffer += chunk.toString('latin1');
      if (buffer.length > 64 * 1024) return session.close();
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        protocol.onLine(session, line);
        if (current !== origin) return; // upgraded to TLS: the rest arrives on the TLS socket
      }
    };
    let current: net.Socket = socket;
    const session: Session = {
      state: {},
      get secure() {
        return current instanceof tls.TLSSocket;
      },
      write(line: string) {
        if (!current.destroyed) current.write(`${line}\r\n`, 'latin1');
      },
      startTls() {
        socket.off('data', onData);
        buffer = '';
        const upgraded = new tls.TLSSocket(socket, { isServer: true, secureContext });
        upgraded.on('error', () => upgraded.destroy());
        upgraded.on('data', onData);
        current = upgraded;
        socket = upgraded;
      },
      close() {
        current.end();
        setTimeout(() => current.destroy(), 100).unref();
      },
    };
    if (startSecure) {
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
      secure.on('error', () => secure.destroy());
      socket = secure;
      current = secure;
      secure.on('secure', () => protocol.greet(session));
    } else {
      protocol.greet(session);
    }
    socket.on('data', onData);
  };

  const server = net.createServer((raw) => serve(raw, options.implicitTls));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Checks a SASL PLAIN or XOAUTH2 initial response against the credentials; returns the user or null. */
export function verifySasl(mechanism: string, base64: string, credentials: Credentials): string | null {
  const decoded = Buffer.from(base64, 'base64').toString('utf8');
  if (mechanism === 'PLAIN') {
    const [, user, password] = decoded.split('\0');
    return user !== undefined && credentials.passwords[user] === password ? user : null;
  }
  if (mechanism === 'XOAUTH2') {
    const fields = Object.fromEntries(
      decoded
        .split('\x01')
        .filter(Boolean)
        .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
    );
    const token = (fields.auth ?? '').replace(/^Bearer /, '');
    const user = tokenUser(credentials, token);
    return user !== undefined && user === fields.user ? user : null;
  }
  return null;
}

/** The base64 JSON error challenge Gmail and Dovecot send after a rejected XOAUTH2 token. */
export const XOAUTH2_FAILURE_CHALLENGE = Buffer.from(JSON.stringify({ status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' })).toString(
  'base64',
);
