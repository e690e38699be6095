/**
 * POP3 and IMAP servers on 127.0.0.1 that lock the mailbox while a session is logged in, as real servers
 * can (Dovecot does not by default): POP3 refuses a second login with `-ERR [IN-USE]` (RFC 1939 §8's
 * maildrop lock, RFC 2449 §8.1.1 / RFC 3206 §4 response code), IMAP with `NO [INUSE]` (RFC 5530 §3). The
 * lock is released at QUIT / LOGOUT (RFC 1939 §6: the UPDATE state) or when the connection goes away.
 * And an SMTP submission server that counts authenticated sessions (smtp-server has no hook at QUIT, and
 * its close event can come after the next client's AUTH: the count would be flaky).
 * Each counts the logged-in sessions it saw at once (`peak`) and the logins it refused (`inUse`), and
 * holds the read-only command (`STAT`, `EXAMINE`, `MAIL FROM`) for `holdMs` so that overlapping sessions
 * really overlap.
 */
import { startLineServer, type FaultConnection, type FaultServer } from './incoming-fault-servers.js';

export interface LockingServer extends FaultServer {
  /** Most sessions logged in at the same time. */
  readonly peak: number;
  /** Logins refused because the mailbox was in use. */
  readonly inUse: number;
  /** Logins accepted. */
  readonly logins: number;
}

export interface LockingServerOptions {
  readonly certificate: { readonly cert: string; readonly key: string };
  /** How long the read-only command's answer is held back, in ms (default 100). */
  readonly holdMs?: number;
}

interface Counter {
  peak: number;
  inUse: number;
  logins: number;
}

/** The session logged in on `connection` now holds the mailbox; false when another one does (and `refuse`). */
function lock(sessions: Set<FaultConnection>, counter: Counter, connection: FaultConnection, refuse = true): boolean {
  for (const session of sessions) if (session.closed) sessions.delete(session);
  if (sessions.size > 0 && refuse) {
    counter.inUse++;
    return false;
  }
  sessions.add(connection);
  counter.logins++;
  counter.peak = Math.max(counter.peak, sessions.size);
  return true;
}

function started(server: FaultServer, counter: Counter): LockingServer {
  return {
    port: server.port,
    received: server.received,
    stop: server.stop,
    get peak() {
      return counter.peak;
    },
    get inUse() {
      return counter.inUse;
    },
    get logins() {
      return counter.logins;
    },
  };
}

/** POP3 over implicit TLS with USER/PASS; any password is accepted. */
export async function startLockingPop3(options: LockingServerOptions): Promise<LockingServer> {
  const sessions = new Set<FaultConnection>();
  const counter: Counter = { peak: 0, inUse: 0, logins: 0 };
  const server = await startLineServer({
    tls: options.certificate,
    onConnect: (connection) => connection.send('+OK Locking POP3 ready.'),
    onLine: (line, connection) => {
      const command = (line.split(' ')[0] ?? '').toUpperCase();
      switch (command) {
        case 'CAPA':
          return connection.send('+OK Capability list follows', 'USER', 'RESP-CODES', '.');
        case 'USER':
          return connection.send('+OK');
        case 'PASS':
          if (!lock(sessions, counter, connection)) return connection.send('-ERR [IN-USE] Unable to lock maildrop: another session is active.');
          connection.state.authenticated = true;
          return connection.send('+OK Maildrop locked and ready.');
        case 'STAT':
          setTimeout(() => connection.send('+OK 2 320'), options.holdMs ?? 100);
          return;
        case 'QUIT':
          sessions.delete(connection);
          connection.send('+OK Bye.');
          return connection.close();
        default:
          return connection.send('-ERR Unknown command.');
      }
    },
  });
  return started(server, counter);
}

/** IMAP over implicit TLS with LOGIN; any password is accepted. */
export async function startLockingImap(options: LockingServerOptions): Promise<LockingServer> {
  const sessions = new Set<FaultConnection>();
  const counter: Counter = { peak: 0, inUse: 0, logins: 0 };
  const server = await startLineServer({
    tls: options.certificate,
    onConnect: (connection) => connection.send('* OK Locking IMAP ready.'),
    onLine: (line, connection) => {
      const [tag = '*', raw = ''] = line.split(' ');
      switch (raw.toUpperCase()) {
        case 'CAPABILITY':
          return connection.send('* CAPABILITY IMAP4rev1', `${tag} OK CAPABILITY completed.`);
        case 'LOGIN':
          if (!lock(sessions, counter, connection)) return connection.send(`${tag} NO [INUSE] Mailbox is in use by another session.`);
          connection.state.authenticated = true;
          return connection.send(`${tag} OK Logged in.`);
        case 'EXAMINE':
          setTimeout(() => connection.send('* 2 EXISTS', `${tag} OK [READ-ONLY] EXAMINE completed.`), options.holdMs ?? 100);
          return;
        case 'LIST':
        case 'LSUB':
          return connection.send(`* ${raw.toUpperCase()} (\\HasNoChildren) "/" INBOX`, `${tag} OK ${raw.toUpperCase()} completed.`);
        case 'NAMESPACE':
          return connection.send('* NAMESPACE (("" "/")) NIL NIL', `${tag} OK NAMESPACE completed.`);
        case 'LOGOUT':
          sessions.delete(connection);
          connection.send('* BYE Logging out', `${tag} OK LOGOUT completed.`);
          return connection.close();
        default:
          return connection.send(`${tag} OK ${raw} completed.`);
      }
    },
  });
  return started(server, counter);
}

/** SMTP submission over implicit TLS with AUTH PLAIN; any password without "wrong" is accepted, parallel sessions too (counted). */
export async function startCountingSmtp(options: LockingServerOptions): Promise<LockingServer> {
  const sessions = new Set<FaultConnection>();
  const counter: Counter = { peak: 0, inUse: 0, logins: 0 };
  const server = await startLineServer({
    tls: options.certificate,
    onConnect: (connection) => connection.send('220 counting.test ESMTP'),
    onLine: (line, connection) => {
      const command = (line.split(' ')[0] ?? '').toUpperCase();
      switch (command) {
        case 'EHLO':
          return connection.send('250-counting.test', '250-AUTH PLAIN LOGIN', '250 ENHANCEDSTATUSCODES');
        case 'AUTH': {
          // A password containing "wrong" is refused, the way a provider refuses a bad one.
          const plain = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          if (plain.includes('wrong')) return connection.send('535 5.7.8 Authentication credentials invalid');
          lock(sessions, counter, connection, false);
          return connection.send('235 2.7.0 Authentication successful');
        }
        case 'MAIL':
          setTimeout(() => connection.send('250 2.1.0 Ok'), options.holdMs ?? 100);
          return;
        case 'QUIT':
          sessions.delete(connection);
          connection.send('221 2.0.0 Bye');
          return connection.close();
        default:
          return connection.send('250 2.0.0 Ok');
      }
    },
  });
  return started(server, counter);
}
