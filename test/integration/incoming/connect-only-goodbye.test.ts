/**
 * With only incoming.connect run (`--only incoming.connect`), an implicit-TLS session whose verdict fails
 * is closed by the account's disposer (closeSession) without a word: no LOGOUT / QUIT goes over a
 * connection whose TLS failed its checks, not even a goodbye. The control (the same server, its root
 * trusted through tls.caFile) shows that a goodbye is seen when one is sent.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { incomingConnectCheck } from '../../../src/checks/incoming/connect.js';
import { RunMemo } from '../../../src/core/memo.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { makeAccount, makeContext, secret } from '../../support/check-context.js';
import { startFakeImap, startFakePop3, type FaultServer } from '../../support/incoming-fault-servers.js';

const attacker = createCa('Attacker Root For Goodbye', 'attacker-goodbye');
const certificate = issueCert(attacker, { hosts: ['mail.test'], sendRoot: true });
let imap: FaultServer;
let pop3: FaultServer;

beforeAll(async () => {
  imap = await startFakeImap({ tls: certificate, capabilities: 'IMAP4rev1 AUTH=PLAIN' });
  pop3 = await startFakePop3({ tls: certificate, capa: ['USER'] });
});
afterAll(async () => {
  await imap.stop();
  await pop3.stop();
});

const servers = [
  ['imap', () => imap, /LOGOUT/],
  ['pop3', () => pop3, /^QUIT$/],
] as const;

async function connectOnly(protocol: 'imap' | 'pop3', server: FaultServer, extraCa: string[]): Promise<string[]> {
  server.received.length = 0;
  const account = makeAccount({
    mailbox: 'u@example.test',
    auth: { method: 'password', password: secret('x') },
    incoming: { protocol, host: 'mail.test', port: server.port, security: 'tls' },
  });
  const shared = new RunMemo();
  const outcome = await incomingConnectCheck.run(makeContext(account, { shared, extraCa }));
  expect(outcome.status).toBe('pass');
  await shared.dispose();
  // Give a goodbye, had one been sent, time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return server.received.flat();
}

it.each(servers)('%s: nothing, not even a goodbye, goes over an untrusted implicit-TLS connection', async (protocol, server, _goodbye) => {
  expect(await connectOnly(protocol, server(), [])).toEqual([]);
});

it.each(servers)('%s (control): the goodbye goes over a trusted one', async (protocol, server, goodbye) => {
  expect((await connectOnly(protocol, server(), [attacker.pem])).some((line) => goodbye.test(line))).toBe(true);
});
