/**
 * A real SMTP submission server for the integration tests: the `smtp-server` package on 127.0.0.1 with an
 * ephemeral port, STARTTLS with certificates generated at run time (one per SNI name, so one server serves
 * the valid, expired, wrong-host… cases), AUTH PLAIN / LOGIN / XOAUTH2 against configurable users and
 * tokens, enhanced status codes on. It records every envelope, message and AUTH attempt; nothing is
 * delivered anywhere. Start it once per test file.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { IssuedCert } from '../../standins/certs.js';

export interface RecordedEnvelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly user: string | undefined;
}

export interface RecordedMessage extends RecordedEnvelope {
  readonly raw: string;
  readonly queueId: string;
}

export interface RecordedAuth {
  readonly method: string;
  readonly username: string;
  readonly accepted: boolean;
}

/** A scripted refusal: `onMailFrom`/`onRcptTo` answer it for this address. */
export interface ScriptedRefusal {
  readonly code: number;
  /** Text after the code; smtp-server puts its own enhanced status code for the command in front (e.g. 5.1.1 for RCPT). */
  readonly text: string;
}

export interface SmtpTestServerOptions {
  /** The certificate for clients that send no (or an unknown) SNI name. */
  readonly certificate: IssuedCert;
  /** Certificates by SNI name (`expired.test` → the expired one…). */
  readonly sni?: Readonly<Record<string, IssuedCert>>;
  /** login name → password. */
  readonly users?: Readonly<Record<string, string>>;
  /** access token → login name it belongs to. */
  readonly tokens?: Readonly<Record<string, string>>;
  /** Implicit TLS (SMTPS, 465-style) instead of STARTTLS. */
  readonly secure?: boolean;
  /** Do not advertise STARTTLS (a server that cannot encrypt). */
  readonly hideStartTls?: boolean;
  /** Turn AUTH off entirely (no AUTH in EHLO, before or after TLS). */
  readonly disableAuth?: boolean;
  /** Mechanisms advertised (default PLAIN, LOGIN, XOAUTH2). */
  readonly authMethods?: readonly string[];
  /** Refusals by sender / recipient address. */
  readonly refuseSender?: Readonly<Record<string, ScriptedRefusal>>;
  readonly refuseRecipient?: Readonly<Record<string, ScriptedRefusal>>;
  /**
   * Accept AUTH before STARTTLS (smtp-server's `allowInsecureAuth`), so a cleartext login reaches `onAuth`
   * and is recorded in `auths`. Default false: AUTH only after STARTTLS, as submission servers do.
   */
  readonly allowInsecureAuth?: boolean;
  /** Extra TLS settings (e.g. a TLS 1.0-only server). */
  readonly tls?: Pick<SMTPServerOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
}

export interface SmtpTestServer {
  readonly port: number;
  readonly envelopes: RecordedEnvelope[];
  readonly messages: RecordedMessage[];
  readonly auths: RecordedAuth[];
  /** Forget what was recorded (between tests). */
  clear(): void;
  close(): Promise<void>;
}

function refusalError(refusal: ScriptedRefusal): Error & { responseCode: number } {
  return Object.assign(new Error(refusal.text), { responseCode: refusal.code });
}

export async function startSmtpServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  const envelopes: RecordedEnvelope[] = [];
  const messages: RecordedMessage[] = [];
  const auths: RecordedAuth[] = [];
  const users = options.users ?? {};
  const tokens = options.tokens ?? {};
  const server = new SMTPServer({
    secure: options.secure ?? false,
    key: options.certificate.key,
    cert: options.certificate.cert,
    sniOptions: Object.fromEntries(Object.entries(options.sni ?? {}).map(([name, pair]) => [name, { key: pair.key, cert: pair.cert }])),
    ...(options.tls ?? { minVersion: 'TLSv1.2' }),
    name: 'smtp.tactium.test',
    banner: 'Tactium test ESMTP',
    authMethods: [...(options.authMethods ?? ['PLAIN', 'LOGIN', 'XOAUTH2'])],
    hideSTARTTLS: options.hideStartTls ?? false,
    disabledCommands: options.disableAuth ? ['AUTH'] : [],
    hideENHANCEDSTATUSCODES: false,
    // As submission servers do (and Exchange Online): AUTH only after STARTTLS.
    allowInsecureAuth: options.allowInsecureAuth ?? false,
    logger: false,
    onAuth(auth, _session, callback) {
      const username = auth.username ?? '';
      if (auth.method === 'XOAUTH2') {
        const accepted = tokens[auth.accessToken ?? ''] === username;
        auths.push({ method: auth.method, username, accepted });
        // The failure a provider gives: a 334 challenge carrying base64 JSON, then 535 (Google's shape).
        return accepted
          ? callback(null, { user: username })
          : callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
      }
      const accepted = users[username] !== undefined && users[username] === auth.password;
      auths.push({ method: auth.method, username, accepted });
      if (accepted) return callback(null, { user: username });
      return callback(refusalError({ code: 535, text: 'Authentication credentials invalid' }));
    },
    onMailFrom(address, _session, callback) {
      const refusal = options.refuseSender?.[address.address];
      return refusal ? callback(refusalError(refusal)) : callback();
    },
    onRcptTo(address, session, callback) {
      const refusal = options.refuseRecipient?.[address.address];
      if (refusal) return callback(refusalError(refusal));
      // The envelope as it stands once this recipient is accepted (smtp-server adds it after the callback).
      const envelope = envelopeOf(session);
      envelopes.push({ ...envelope, rcptTo: [...envelope.rcptTo, address.address] });
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const queueId = randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
        messages.push({ ...envelopeOf(session), raw: Buffer.concat(chunks).toString('utf8'), queueId });
        callback(null, `2.0.0 Ok: queued as ${queueId}`);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    envelopes,
    messages,
    auths,
    clear() {
      envelopes.length = 0;
      messages.length = 0;
      auths.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function envelopeOf(session: { envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> }; user?: unknown }): RecordedEnvelope {
  return {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((entry) => entry.address),
    user: typeof session.user === 'string' ? session.user : undefined,
  };
}
