/**
 * Small IMAP and POP3 servers on 127.0.0.1 for what a real Dovecot cannot be made to do: never speak
 * (tarpit), reset, omit STARTTLS, announce LOGINDISABLED before STARTTLS, answer with Exchange's and
 * Gmail's texts (docs/provider-facts.md §IMAP/POP OAuth failures, §Gmail replies), send a megabyte line or an
 * endless reply. Raw `net`/`tls`, one line handler per protocol; every line received is kept for assertions.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface FaultServer {
  readonly port: number;
  /** Client lines received, per connection, in order. */
  readonly received: string[][];
  stop(): Promise<void>;
}

interface Certificate {
  readonly cert: string;
  readonly key: string;
  /** E.g. a legacy server: `{ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }`. */
  readonly options?: tls.SecureContextOptions;
}

function serverContext(certificate: Certificate): tls.SecureContext {
  return tls.createSecureContext({ cert: certificate.cert, key: certificate.key, ...certificate.options });
}

/** One client connection: write lines, swap to TLS after STARTTLS/STLS, close. */
export interface FaultConnection {
  readonly secure: boolean;
  /** The client went away (or the server closed). */
  readonly closed: boolean;
  /** Lines received on this connection. */
  readonly lines: string[];
  send(...lines: string[]): void;
  close(): void;
  /** Answers a STARTTLS/STLS that was accepted: the TLS handshake starts now. */
  upgrade(): void;
  /** Per-connection state of the protocol handler. */
  readonly state: ConnectionState;
}

export interface ConnectionState {
  /** A continuation is expected: the SASL response (`mechanism` set) or the answer to a challenge. */
  pending?: { readonly tag: string; readonly status: string; readonly mechanism?: string };
  authenticated?: boolean;
}

type LineHandler = (line: string, connection: FaultConnection) => void;

interface ServerOptions {
  /** Implicit TLS from the first byte. */
  readonly tls?: Certificate;
  /** Certificate for STARTTLS/STLS upgrades. */
  readonly startTls?: Certificate;
  /** Called on accept (send the greeting here, or do nothing: a tarpit). */
  readonly onConnect: (connection: FaultConnection) => void;
  readonly onLine: LineHandler;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

function stopper(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

export async function startLineServer(options: ServerOptions): Promise<FaultServer> {
  const received: string[][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => undefined);
    const lines: string[] = [];
    received.push(lines);
    let socket: net.Socket | tls.TLSSocket = raw;
    let buffer = '';
    const state: ConnectionState = {};
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        const end = buffer.indexOf('\n');
        if (end < 0) break;
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        lines.push(line);
        options.onLine(line, connection);
      }
    };
    const connection: FaultConnection = {
      get secure() {
        return socket instanceof tls.TLSSocket;
      },
      get closed() {
        return socket.destroyed || raw.destroyed;
      },
      lines,
      state,
      send: (...out: string[]) => {
        if (!socket.destroyed) socket.write(out.map((line) => `${line}\r\n`).join(''));
      },
      close: () => socket.end(),
      upgrade: () => {
        const certificate = options.startTls;
        if (!certificate) throw new Error('no STARTTLS certificate configured');
        socket.off('data', onData);
        const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: serverContext(certificate) });
        secure.on('error', () => undefined);
        secure.on('data', onData);
        socket = secure;
      },
    };
    const begin = () => {
      socket.on('data', onData);
      options.onConnect(connection);
    };
    if (options.tls) {
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: serverContext(options.tls) });
      secure.on('error', () => undefined);
      secure.once('secure', () => begin());
      socket = secure;
    } else {
      begin();
    }
  });
  const port = await listen(server);
  return { port, received, stop: stopper(server, sockets) };
}

/** Accepts every connection and never sends a byte. */
export function startTarpit(): Promise<FaultServer> {
  return startLineServer({ onConnect: () => undefined, onLine: () => undefined });
}

/** Accepts every connection and resets it at once (TCP RST). */
export async function startResetter(): Promise<FaultServer> {
  const received: string[][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    received.push([]);
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  });
  const port = await listen(server);
  return { port, received, stop: stopper(server, sockets) };
}

/** A port that was just free: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---------------------------------------------------------------------------------------------------
// IMAP

/** The answer to a login: the tagged status without its tag (`OK …`, `NO …`), optionally a SASL challenge first. */
export interface LoginAnswer {
  /** Empty: the server never answers (a login that hangs). */
  readonly status: string;
  /** Sent as `+ <base64>` before the status; the client must answer (RFC 7628 §3.2.3). */
  readonly challenge?: string;
}

export interface FakeImapOptions {
  readonly tls?: Certificate;
  readonly startTls?: Certificate;
  /** Default `* OK Fake IMAP ready.` (no capability code, so the client asks). */
  readonly greeting?: string;
  /** CAPABILITY before TLS (or always, without TLS). */
  readonly capabilities: string;
  /** CAPABILITY after STARTTLS / on implicit TLS; default `capabilities`. */
  readonly capabilitiesSecure?: string;
  /** LOGIN and AUTHENTICATE: what the server answers. Default: `OK Logged in`. */
  readonly login?: (mechanism: string, payload: string) => LoginAnswer;
  /** Any command after the login (NAMESPACE, LIST, EXAMINE…): the lines to send; `{tag}` is replaced. Undefined: the default answer. */
  readonly afterLogin?: (command: string, connection: FaultConnection) => string[] | undefined;
  /** Replaces the answer to CAPABILITY (e.g. an endless reply). */
  readonly onCapability?: (tag: string, connection: FaultConnection) => boolean;
}

export const EXCHANGE_IMAP_GREETING =
  '* OK The Microsoft Exchange IMAP4 service is ready. [UwBOADIAUABSADAAMQBDAEEAMAAwADEAOAAuAG4AYQBtAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]';
/** Exchange Online's IMAP capabilities (no AUTH=OAUTHBEARER): docs/provider-facts.md §Microsoft hosts and ports. */
export const EXCHANGE_IMAP_CAPABILITIES =
  'IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS MOVE ID UNSELECT CLIENTACCESSRULES CLIENTNETWORKPRESENCELOCATION BACKENDAUTHENTICATE CHILDREN IDLE NAMESPACE LITERAL+';
export const GMAIL_IMAP_GREETING = '* OK Gimap ready for requests from 127.0.0.1 x1mb12345678ab';
/** Gmail's IMAP capabilities: docs/provider-facts.md §Gmail hosts and ports. */
export const GMAIL_IMAP_CAPABILITIES =
  'IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER';

function imapDefault(tag: string, command: string): string[] {
  switch (command) {
    case 'NAMESPACE':
      return ['* NAMESPACE (("" "/")) NIL NIL', `${tag} OK NAMESPACE completed.`];
    case 'LIST':
      return ['* LIST (\\HasNoChildren) "/" INBOX', `${tag} OK LIST completed.`];
    case 'LSUB':
      return ['* LSUB (\\HasNoChildren) "/" INBOX', `${tag} OK LSUB completed.`];
    case 'EXAMINE':
      return [
        '* 5 EXISTS',
        '* 0 RECENT',
        '* OK [UIDVALIDITY 14] UIDVALIDITY value',
        '* OK [UIDNEXT 6] The next unique identifier value',
        `${tag} OK [READ-ONLY] EXAMINE completed.`,
      ];
    case 'ID':
      return ['* ID NIL', `${tag} OK ID completed.`];
    case 'NOOP':
      return [`${tag} OK NOOP completed.`];
    default:
      return [`${tag} BAD Command not allowed in this fake server.`];
  }
}

export function startFakeImap(options: FakeImapOptions): Promise<FaultServer> {
  const capabilities = (connection: FaultConnection): string =>
    connection.secure ? (options.capabilitiesSecure ?? options.capabilities) : options.capabilities;
  const answerLogin = (connection: FaultConnection, tag: string, mechanism: string, payload: string) => {
    const answer = options.login?.(mechanism, payload) ?? { status: 'OK Logged in.' };
    if (answer.challenge !== undefined) {
      connection.state.pending = { tag, status: answer.status };
      connection.send(`+ ${Buffer.from(answer.challenge).toString('base64')}`);
      return;
    }
    if (answer.status === '') return;
    if (answer.status.startsWith('OK')) connection.state.authenticated = true;
    connection.send(`${tag} ${answer.status}`);
  };
  return startLineServer({
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.startTls ? { startTls: options.startTls } : {}),
    onConnect: (connection) => connection.send(options.greeting ?? '* OK Fake IMAP ready.'),
    onLine: (line, connection) => {
      const pending = connection.state.pending;
      if (pending) {
        // A continuation answer: the SASL response (no initial response) or the client's answer to a challenge.
        delete connection.state.pending;
        if (pending.mechanism) return answerLogin(connection, pending.tag, pending.mechanism, line);
        if (pending.status.startsWith('OK')) connection.state.authenticated = true;
        connection.send(`${pending.tag} ${pending.status}`);
        return;
      }
      const [tag = '*', rawCommand = '', ...args] = line.split(' ');
      const command = rawCommand.toUpperCase();
      if (command === 'CAPABILITY') {
        if (options.onCapability?.(tag, connection)) return;
        connection.send(`* CAPABILITY ${capabilities(connection)}`, `${tag} OK CAPABILITY completed.`);
        return;
      }
      if (command === 'STARTTLS') {
        if (!options.startTls || !capabilities(connection).split(' ').includes('STARTTLS')) return connection.send(`${tag} BAD Command not supported.`);
        connection.send(`${tag} OK Begin TLS negotiation now.`);
        connection.upgrade();
        return;
      }
      if (command === 'LOGOUT') {
        connection.send('* BYE Microsoft Exchange Server IMAP4 server signing off.', `${tag} OK LOGOUT completed.`);
        connection.close();
        return;
      }
      if (command === 'LOGIN') return answerLogin(connection, tag, 'LOGIN', args.join(' '));
      if (command === 'AUTHENTICATE') {
        const mechanism = (args[0] ?? '').toUpperCase();
        if (args.length > 1) return answerLogin(connection, tag, mechanism, args[1] ?? '');
        connection.state.pending = { tag, status: '', mechanism };
        connection.send('+ ');
        return;
      }
      if (connection.state.authenticated === true) {
        const custom = options.afterLogin?.(command, connection);
        if (custom) {
          connection.send(...custom.map((entry) => entry.replace('{tag}', tag)));
          return;
        }
      }
      connection.send(...imapDefault(tag, command));
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// POP3

export interface FakePop3Options {
  readonly tls?: Certificate;
  readonly startTls?: Certificate;
  readonly greeting?: string;
  /** CAPA lines (without the +OK and the dot); `undefined`: the server answers CAPA with -ERR. */
  readonly capa?: readonly string[];
  readonly capaSecure?: readonly string[];
  /** USER/PASS or AUTH: the status line the server answers (`+OK …` / `-ERR …`), optionally a challenge first. */
  readonly login?: (mechanism: string, payload: string) => LoginAnswer;
  /** AUTH <mechanism>: `-ERR` line to refuse the mechanism itself, or undefined to send `+ `. */
  readonly refuseMechanism?: (mechanism: string) => string | undefined;
  /** STAT answer; default `+OK 5 12345`. */
  readonly stat?: string;
  /** Replaces the answer to CAPA (e.g. an endless reply). */
  readonly onCapa?: (connection: FaultConnection) => boolean;
}

export const EXCHANGE_POP3_GREETING =
  '+OK The Microsoft Exchange POP3 service is ready. [UwBOADIAUABSADAAMQBDAEEAMAAwADEAOAAuAG4AYQBtAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]';

export function startFakePop3(options: FakePop3Options): Promise<FaultServer> {
  const capa = (connection: FaultConnection) => (connection.secure ? (options.capaSecure ?? options.capa) : options.capa);
  const answerLogin = (connection: FaultConnection, mechanism: string, payload: string) => {
    const answer = options.login?.(mechanism, payload) ?? { status: '+OK User successfully authenticated.' };
    if (answer.challenge !== undefined) {
      connection.state.pending = { tag: '', status: answer.status };
      connection.send(`+ ${Buffer.from(answer.challenge).toString('base64')}`);
      return;
    }
    if (answer.status !== '') connection.send(answer.status);
  };
  return startLineServer({
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.startTls ? { startTls: options.startTls } : {}),
    onConnect: (connection) => connection.send(options.greeting ?? '+OK Fake POP3 ready.'),
    onLine: (line, connection) => {
      const pending = connection.state.pending;
      if (pending) {
        delete connection.state.pending;
        if (pending.mechanism) return answerLogin(connection, pending.mechanism, line);
        connection.send(pending.status);
        return;
      }
      const [rawCommand = '', ...args] = line.split(' ');
      const command = rawCommand.toUpperCase();
      switch (command) {
        case 'CAPA': {
          if (options.onCapa?.(connection)) return;
          const lines = capa(connection);
          if (!lines) return connection.send('-ERR Unknown command.');
          connection.send('+OK Capability list follows', ...lines, '.');
          return;
        }
        case 'STLS':
          if (!options.startTls || !(capa(connection) ?? []).includes('STLS')) return connection.send('-ERR Command not permitted.');
          connection.send('+OK Begin TLS negotiation.');
          connection.upgrade();
          return;
        case 'USER':
          connection.send('+OK');
          return;
        case 'PASS':
          return answerLogin(connection, 'USER/PASS', args.join(' '));
        case 'AUTH': {
          const mechanism = (args[0] ?? '').toUpperCase();
          const refusal = options.refuseMechanism?.(mechanism);
          if (refusal) return connection.send(refusal);
          connection.state.pending = { tag: '', status: '', mechanism };
          connection.send('+ ');
          return;
        }
        case 'STAT':
          connection.send(options.stat ?? '+OK 5 12345');
          return;
        case 'QUIT':
          connection.send('+OK Microsoft Exchange Server POP3 server signing off.');
          connection.close();
          return;
        default:
          connection.send('-ERR Command not allowed in this fake server.');
      }
    },
  });
}
