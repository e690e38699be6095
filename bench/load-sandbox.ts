/**
 * The demo sandbox's servers configured for load: SMTP (smtp-server, STARTTLS and AUTH as in the demo) and
 * the sandbox's own IMAP server, with N mailboxes, no cap on clients, a listen backlog for a burst of
 * connections, and a certificate from a CA made at run time. Used by `npm run bench` only.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createCa, issueCert } from '../standins/certs.js';
import { startImapServer } from '../sandbox/imap-server.js';
import type { Credentials } from '../sandbox/line-server.js';

export interface LoadSandbox {
  readonly caPem: string;
  readonly password: string;
  readonly mailboxes: readonly string[];
  readonly ports: { readonly smtp: number; readonly imap: number };
  close(): Promise<void>;
}

export function mailboxAddress(index: number): string {
  return `caixa${String(index + 1).padStart(3, '0')}@bench.tactium.test`;
}

async function startSmtp(tls: { key: string; cert: string }, credentials: Credentials): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    secure: false,
    key: tls.key,
    cert: tls.cert,
    minVersion: 'TLSv1.2',
    name: 'bench.tactium.test',
    banner: 'Tactium bench ESMTP',
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false,
    logger: false,
    maxClients: 10_000,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      if (credentials.passwords[user] !== undefined && credentials.passwords[user] === auth.password) return callback(null, { user });
      return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback(null, '2.0.0 Ok: queued'));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startLoadSandbox(mailboxCount: number): Promise<LoadSandbox> {
  const ca = createCa('Tactium Bench CA');
  const tls = issueCert(ca, { hosts: ['127.0.0.1', 'localhost'] });
  const password = 'bench-Senha-2026';
  const mailboxes = Array.from({ length: mailboxCount }, (_, index) => mailboxAddress(index));
  const credentials: Credentials = { passwords: Object.fromEntries(mailboxes.map((address) => [address, password])), tokens: {} };
  const [smtp, imap] = await Promise.all([startSmtp(tls, credentials), startImapServer({ implicitTls: true, tls, credentials })]);
  return {
    caPem: ca.pem,
    password,
    mailboxes,
    ports: { smtp: smtp.port, imap: imap.port },
    close: async () => {
      await Promise.all([smtp.close(), imap.close()]);
    },
  };
}
