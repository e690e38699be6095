/**
 * The demo sandbox: loopback mail servers with certificates generated at run time (node-forge, no openssl),
 * started in-process so `npm run demo` needs nothing but Node. SMTP is the real `smtp-server` package;
 * IMAP and POP3 are the tiny servers beside this file.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createCa, daysFromNow, issueCert } from '../test/support/certs.js';
import { startImapServer } from './imap-server.js';
import { startPop3Server } from './pop3-server.js';
import type { Credentials } from './line-server.js';

export interface SandboxUser {
  readonly address: string;
  readonly password: string;
}

export interface Sandbox {
  readonly caPem: string;
  readonly ports: { smtpStarttls: number; smtpImplicit: number; imapValid: number; imapExpired: number; pop3Valid: number };
  readonly users: { healthy: SandboxUser; broken: SandboxUser };
  close(): Promise<void>;
}

async function startSmtp(options: { secure: boolean; key: string; cert: string; credentials: Credentials }): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    secure: options.secure,
    key: options.key,
    cert: options.cert,
    minVersion: 'TLSv1.2',
    name: 'sandbox.tactium.test',
    banner: 'Tactium sandbox ESMTP',
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    // As real submission servers do: AUTH is offered only after STARTTLS.
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      if (auth.method === 'XOAUTH2') {
        return options.credentials.tokens[auth.accessToken ?? ''] === user ? callback(null, { user }) : callback(null, { data: { status: '401', schemes: 'bearer' } });
      }
      if (options.credentials.passwords[user] !== undefined && options.credentials.passwords[user] === auth.password) return callback(null, { user });
      const error = new Error('5.7.8 Authentication credentials invalid') as Error & { responseCode: number };
      error.responseCode = 535;
      return callback(error);
    },
    onData(stream, _session, callback) {
      // Nothing is delivered: the message is read and dropped, and a queue id is returned.
      stream.resume();
      stream.on('end', () => callback(null, `2.0.0 Ok: queued as ${randomUUID().slice(0, 12).toUpperCase()}`));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startSandbox(): Promise<Sandbox> {
  const ca = createCa('Tactium Sandbox CA');
  const hosts = ['127.0.0.1', 'localhost'];
  const valid = issueCert(ca, { hosts });
  const expired = issueCert(ca, { hosts, notBefore: daysFromNow(-400), notAfter: daysFromNow(-3) });
  const healthy = { address: 'atendimento@demo.tactium.test', password: 'sandbox-Atendimento-2026' };
  const broken = { address: 'financeiro@demo.tactium.test', password: 'sandbox-Financeiro-2026' };
  const credentials: Credentials = { passwords: { [healthy.address]: healthy.password, [broken.address]: broken.password }, tokens: {} };

  const servers = await Promise.all([
    startSmtp({ secure: false, ...valid, credentials }),
    startSmtp({ secure: true, ...valid, credentials }),
    startImapServer({ implicitTls: true, tls: valid, credentials }),
    startImapServer({ implicitTls: true, tls: expired, credentials }),
    startPop3Server({ implicitTls: true, tls: valid, credentials }),
  ]);
  const [smtpStarttls, smtpImplicit, imapValid, imapExpired, pop3Valid] = servers;
  return {
    caPem: ca.pem,
    ports: { smtpStarttls: smtpStarttls.port, smtpImplicit: smtpImplicit.port, imapValid: imapValid.port, imapExpired: imapExpired.port, pop3Valid: pop3Valid.port },
    users: { healthy, broken },
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
