/**
 * A tiny IMAP4rev1 server for the demo sandbox (RFC 3501 subset): enough for a client to connect,
 * STARTTLS, LOGIN or AUTHENTICATE PLAIN/XOAUTH2 (SASL-IR, RFC 4959), EXAMINE INBOX and LOGOUT, plus the
 * housekeeping commands imapflow sends (ID, NAMESPACE, ENABLE, LIST). The mailbox is read-only fiction.
 */
import { startLineServer, verifySasl, XOAUTH2_FAILURE_CHALLENGE, type Credentials, type LineServer, type Session, type TlsMaterial } from './line-server.js';

export interface ImapServerOptions {
  readonly implicitTls: boolean;
  readonly tls: TlsMaterial;
  readonly credentials: Credentials;
  /** Messages INBOX claims to hold. */
  readonly messages?: number;
}

/** Splits `tag command rest`, honouring one quoted-string or atom per argument (enough for LOGIN). */
function parseArguments(text: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) args.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
  return args;
}

export function startImapServer(options: ImapServerOptions): Promise<LineServer> {
  const messages = options.messages ?? 3;
  const capabilities = (session: Session) => {
    const list = ['IMAP4rev1', 'SASL-IR', 'ID', 'ENABLE', 'NAMESPACE', 'LITERAL+'];
    if (!session.secure) list.push('STARTTLS', 'LOGINDISABLED');
    else if (!session.state.user) list.push('AUTH=PLAIN', 'AUTH=XOAUTH2');
    return list.join(' ');
  };
  return startLineServer({
    implicitTls: options.implicitTls,
    tls: options.tls,
    protocol: () => ({
      greet(session) {
        session.write(`* OK [CAPABILITY ${capabilities(session)}] Tactium sandbox IMAP ready`);
      },
      onLine(session, line) {
        const pending = session.state.pending as { tag: string; mechanism: string } | undefined;
        if (pending) {
          session.state.pending = undefined;
          return finishAuth(session, pending.tag, pending.mechanism, line);
        }
        const literal = session.state.literal as { tag: string; command: string; args: string[]; rest: string } | undefined;
        if (literal) {
          // A LOGIN argument sent as a literal ({n}); the remainder of the command follows it on this line.
          session.state.literal = undefined;
          return handle(
            session,
            literal.tag,
            literal.command,
            `${literal.rest}"${line.slice(0, Number(literal.args[0])).replace(/["\\]/g, '\\$&')}"${line.slice(Number(literal.args[0]))}`,
          );
        }
        const match = /^(\S+) (\S+)(?: (.*))?$/.exec(line);
        if (!match) return session.write(`* BAD Invalid command`);
        const [, tag, command, rest = ''] = match;
        const literalMatch = /\{(\d+)(\+?)\}$/.exec(rest);
        if (literalMatch) {
          session.state.literal = { tag, command, args: [literalMatch[1]!], rest: rest.slice(0, literalMatch.index) };
          if (!literalMatch[2]) session.write('+ Ready for literal data');
          return;
        }
        handle(session, tag!, command!, rest);
      },
    }),
  });

  function finishAuth(session: Session, tag: string, mechanism: string, response: string): void {
    if (response === '*') return session.write(`${tag} BAD Authentication cancelled`);
    if (session.state.challenged) {
      session.state.challenged = false;
      return session.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.`);
    }
    const user = verifySasl(mechanism, response, options.credentials);
    if (user) {
      session.state.user = user;
      return session.write(`${tag} OK [CAPABILITY ${capabilities(session)}] Logged in`);
    }
    if (mechanism === 'XOAUTH2') {
      // RFC 7628 style: a JSON error challenge, answered by the client with an empty response.
      session.state.challenged = true;
      session.state.pending = { tag, mechanism };
      return session.write(`+ ${XOAUTH2_FAILURE_CHALLENGE}`);
    }
    session.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.`);
  }

  function handle(session: Session, tag: string, rawCommand: string, rest: string): void {
    const command = rawCommand.toUpperCase();
    const args = parseArguments(rest);
    const authenticated = Boolean(session.state.user);
    switch (command) {
      case 'CAPABILITY':
        session.write(`* CAPABILITY ${capabilities(session)}`);
        return session.write(`${tag} OK CAPABILITY completed`);
      case 'NOOP':
        return session.write(`${tag} OK NOOP completed`);
      case 'ID':
        session.write('* ID ("name" "tactium-sandbox")');
        return session.write(`${tag} OK ID completed`);
      case 'LOGOUT':
        session.write('* BYE Logging out');
        session.write(`${tag} OK LOGOUT completed`);
        return session.close();
      case 'STARTTLS':
        if (session.secure) return session.write(`${tag} BAD TLS already active`);
        session.write(`${tag} OK Begin TLS negotiation now`);
        return session.startTls();
      case 'LOGIN': {
        if (!session.secure) return session.write(`${tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections.`);
        const [user, password] = args;
        if (user !== undefined && options.credentials.passwords[user] === password) {
          session.state.user = user;
          return session.write(`${tag} OK [CAPABILITY ${capabilities(session)}] Logged in`);
        }
        return session.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.`);
      }
      case 'AUTHENTICATE': {
        if (!session.secure) return session.write(`${tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections.`);
        const mechanism = (args[0] ?? '').toUpperCase();
        if (mechanism !== 'PLAIN' && mechanism !== 'XOAUTH2') return session.write(`${tag} NO Unsupported authentication mechanism`);
        if (args[1] !== undefined) return finishAuth(session, tag, mechanism, args[1] === '=' ? '' : args[1]);
        session.state.pending = { tag, mechanism };
        return session.write('+ ');
      }
    }
    if (!authenticated) return session.write(`${tag} BAD Command ${command} not allowed before authentication`);
    switch (command) {
      case 'ENABLE':
        return session.write(`${tag} OK ENABLE completed`);
      case 'NAMESPACE':
        session.write('* NAMESPACE (("" "/")) NIL NIL');
        return session.write(`${tag} OK NAMESPACE completed`);
      case 'LIST':
      case 'LSUB':
        session.write(`* ${command} (\\HasNoChildren) "/" INBOX`);
        return session.write(`${tag} OK ${command} completed`);
      case 'EXAMINE':
        session.write(`* ${messages} EXISTS`);
        session.write('* 0 RECENT');
        session.write('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
        session.write('* OK [PERMANENTFLAGS ()] Read-only mailbox.');
        session.write('* OK [UIDVALIDITY 1] UIDs valid');
        session.write(`* OK [UIDNEXT ${messages + 1}] Predicted next UID`);
        return session.write(`${tag} OK [READ-ONLY] EXAMINE completed`);
      case 'SELECT':
        // The tool must never SELECT a customer's mailbox; the sandbox refuses so a regression shows.
        return session.write(`${tag} NO The sandbox only allows EXAMINE (read-only)`);
      case 'CLOSE':
      case 'UNSELECT':
        return session.write(`${tag} OK ${command} completed`);
      default:
        return session.write(`${tag} BAD Unknown command`);
    }
  }
}
