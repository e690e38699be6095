/**
 * A tiny POP3 server for the demo sandbox (RFC 1939, STLS from RFC 2595, CAPA from RFC 2449, AUTH from
 * RFC 5034): USER/PASS, AUTH PLAIN/XOAUTH2, STAT, NOOP, QUIT. RETR and DELE are refused on purpose.
 */
import { startLineServer, verifySasl, XOAUTH2_FAILURE_CHALLENGE, type Credentials, type LineServer, type Session, type TlsMaterial } from './line-server.js';

export interface Pop3ServerOptions {
  readonly implicitTls: boolean;
  readonly tls: TlsMaterial;
  readonly credentials: Credentials;
  readonly messages?: number;
}

export function startPop3Server(options: Pop3ServerOptions): Promise<LineServer> {
  const messages = options.messages ?? 3;
  const finishAuth = (session: Session, mechanism: string, response: string): void => {
    if (session.state.challenged) {
      session.state.challenged = false;
      return session.write('-ERR [AUTH] Authentication failed.');
    }
    const user = verifySasl(mechanism, response, options.credentials);
    if (user) {
      session.state.user = user;
      return session.write('+OK Logged in.');
    }
    if (mechanism === 'XOAUTH2') {
      session.state.challenged = true;
      session.state.pending = mechanism;
      return session.write(`+ ${XOAUTH2_FAILURE_CHALLENGE}`);
    }
    session.write('-ERR [AUTH] Authentication failed.');
  };
  return startLineServer({
    implicitTls: options.implicitTls,
    tls: options.tls,
    protocol: () => ({
      greet(session) {
        session.write('+OK Tactium sandbox POP3 ready.');
      },
      onLine(session, line) {
        const pending = session.state.pending as string | undefined;
        if (pending) {
          session.state.pending = undefined;
          if (line === '*') return session.write('-ERR Authentication cancelled');
          return finishAuth(session, pending, line);
        }
        const [rawCommand = '', ...args] = line.split(' ');
        const command = rawCommand.toUpperCase();
        const authenticated = Boolean(session.state.user);
        switch (command) {
          case 'CAPA':
            session.write('+OK');
            for (const capability of [
              'TOP',
              'UIDL',
              'RESP-CODES',
              'AUTH-RESP-CODE',
              'PIPELINING',
              ...(session.secure ? ['USER', 'SASL PLAIN XOAUTH2'] : ['STLS']),
            ])
              session.write(capability);
            return session.write('.');
          case 'STLS':
            if (session.secure) return session.write('-ERR TLS already active');
            session.write('+OK Begin TLS negotiation');
            return session.startTls();
          case 'USER':
            if (!session.secure) return session.write('-ERR [AUTH] Plaintext authentication disallowed on non-secure connections.');
            session.state.login = args[0];
            return session.write('+OK');
          case 'PASS': {
            const user = session.state.login as string | undefined;
            if (user !== undefined && options.credentials.passwords[user] === args.join(' ')) {
              session.state.user = user;
              return session.write('+OK Logged in.');
            }
            return session.write('-ERR [AUTH] Authentication failed.');
          }
          case 'AUTH': {
            if (!session.secure) return session.write('-ERR [AUTH] Plaintext authentication disallowed on non-secure connections.');
            const mechanism = (args[0] ?? '').toUpperCase();
            if (mechanism !== 'PLAIN' && mechanism !== 'XOAUTH2') return session.write('-ERR Unsupported authentication mechanism.');
            if (args[1] !== undefined) return finishAuth(session, mechanism, args[1]);
            session.state.pending = mechanism;
            return session.write('+ ');
          }
          case 'NOOP':
            return session.write('+OK');
          case 'QUIT':
            session.write('+OK Logging out.');
            return session.close();
          case 'STAT':
            if (!authenticated) return session.write('-ERR Unknown command.');
            return session.write(`+OK ${messages} ${messages * 1024}`);
          case 'RETR':
          case 'DELE':
            // The tool must never read or delete messages; the sandbox refuses so a regression shows.
            return session.write('-ERR The sandbox refuses RETR and DELE');
          default:
            return session.write('-ERR Unknown command.');
        }
      },
    }),
  });
}
