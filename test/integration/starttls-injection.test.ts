/**
 * Plaintext injected AFTER the STARTTLS answer, in a later TCP segment (so BoundedReader.detach({
 * beforeTls }) has nothing buffered to catch), goes to the TLS layer and fails the handshake; no
 * credential is sent. IMAP and SMTP.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { incomingAuthCheck } from '../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import type { Check, CheckOutcome, CheckResult } from '../../src/core/check.js';
import { RunMemo } from '../../src/core/memo.js';
import { makeAccount, makeContext, passed, secret } from '../support/check-context.js';

const received: string[] = [];
let imapPort = 0;
let smtpPort = 0;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

function lineServer(onConnect: (socket: net.Socket) => void, onLine: (line: string, socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let index: number;
      while ((index = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, index).replace(/\r$/, '');
        buffer = buffer.slice(index + 1);
        received.push(line);
        onLine(line, socket);
      }
    });
    socket.on('error', () => undefined);
    onConnect(socket);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

beforeAll(async () => {
  imapPort = await lineServer(
    (socket) => socket.write('* OK ready\r\n'),
    (line, socket) => {
      const [tag, command] = line.split(' ');
      if (command === 'CAPABILITY') socket.write(`* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n${tag} OK done\r\n`);
      if (command === 'STARTTLS') {
        socket.write(`${tag} OK Begin TLS\r\n`);
        setTimeout(() => socket.write('* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nP3 OK done\r\n'), 80);
      }
    },
  );
  smtpPort = await lineServer(
    (socket) => socket.write('220 mail.test ESMTP\r\n'),
    (line, socket) => {
      if (/^EHLO/i.test(line)) socket.write('250-mail.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n');
      if (/^STARTTLS/i.test(line)) {
        socket.write('220 Go ahead\r\n');
        setTimeout(() => socket.write('250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n'), 80);
      }
    },
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function runAll(checks: readonly Check[], account: ReturnType<typeof makeAccount>): Promise<CheckOutcome[]> {
  const shared = new RunMemo();
  const results = new Map<string, CheckResult>([
    ['dns.incoming', passed('dns.incoming')],
    ['dns.outgoing', passed('dns.outgoing')],
  ]);
  const outcomes: CheckOutcome[] = [];
  try {
    for (const check of checks) {
      const outcome = await check.run(makeContext(account, { shared, results }));
      outcomes.push(outcome);
      if (outcome.status === 'pass' || outcome.status === 'warn') results.set(check.id, passed(check.id));
    }
  } finally {
    await shared.dispose();
  }
  return outcomes;
}

it.each([
  [
    'imap',
    () =>
      runAll(
        [incomingConnectCheck, incomingTlsCheck, incomingAuthCheck],
        makeAccount({
          mailbox: 'u@example.test',
          auth: { method: 'password', password: secret('Late-Canary') },
          incoming: { protocol: 'imap', host: 'mail.test', port: imapPort, security: 'starttls' },
        }),
      ),
  ],
  [
    'smtp',
    () =>
      runAll(
        [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck],
        makeAccount({
          mailbox: 'u@example.test',
          auth: { method: 'password', password: secret('Late-Canary') },
          outgoing: { host: 'mail.test', port: smtpPort, security: 'starttls' },
        }),
      ),
  ],
] as const)('%s: plaintext injected after the STARTTLS answer fails TLS and no credential is sent', async (_name, run) => {
  received.length = 0;
  const [, tls, auth] = await run();
  expect(tls?.status).toBe('fail');
  expect(auth?.status).not.toBe('pass');
  expect(received.some((line) => /LOGIN|AUTH|Late-Canary/.test(line))).toBe(false);
});
