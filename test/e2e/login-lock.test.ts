/**
 * The real bin, six accounts of one file naming the same mailbox, `--concurrency 6`: a POP3 server that
 * locks the maildrop (`-ERR [IN-USE]` for a second session) and an SMTP server counting authenticated
 * sessions see one logged-in session at a time, and every login passes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCert } from '../../standins/certs.js';
import { startCountingSmtp, startLockingPop3, type LockingServer } from '../support/login-lock-servers.js';
import { runCli } from '../support/run-cli.js';

const ca = createCa();
const certificate = issueCert(ca, { hosts: ['127.0.0.1'] });
const directory = mkdtempSync(join(tmpdir(), 'preflight-lock-'));
let pop3: LockingServer;
let smtp: LockingServer;

beforeAll(async () => {
  [pop3, smtp] = await Promise.all([startLockingPop3({ certificate }), startCountingSmtp({ certificate })]);
  writeFileSync(join(directory, 'ca.pem'), ca.pem);
  const account = (index: number) => [
    `  - name: conta-${index}`,
    '    provider: imap',
    `    mailbox: ${index % 2 === 0 ? 'atendimento@example.test' : 'Atendimento@Example.test'}`,
    '    auth: { method: password, password: "${env:LOCK_PASSWORD}" }',
    `    incoming: { protocol: pop3, host: 127.0.0.1, port: ${pop3.port}, security: tls }`,
    `    outgoing: { host: 127.0.0.1, port: ${smtp.port}, security: tls }`,
  ];
  const yaml = ['version: 1', 'accounts:', ...[1, 2, 3, 4, 5, 6].flatMap(account), 'tls:', '  caFile: ./ca.pem', ''].join('\n');
  writeFileSync(join(directory, 'lock.yaml'), yaml);
});

afterAll(async () => {
  await Promise.all([pop3?.stop(), smtp?.stop()]);
  rmSync(directory, { recursive: true, force: true });
});

describe('check --concurrency 6 with six accounts on one mailbox', () => {
  it('logs in one session at a time per protocol, and every login passes', async () => {
    const result = await runCli(['check', 'lock.yaml', '--only', 'incoming.auth,smtp.send', '--concurrency', '6', '--timeout', '5', '--format', 'json'], {
      cwd: directory,
      env: { LOCK_PASSWORD: 'Lock-e2e-Password-1' },
      timeoutMs: 60_000,
    });
    const report = JSON.parse(result.stdout) as { accounts: Array<{ name: string; checks: Array<{ id: string; status: string; code: string | null }> }> };
    const logins = report.accounts.flatMap((account) =>
      account.checks
        .filter((check) => check.id === 'incoming.auth' || check.id === 'smtp.send')
        .map((check) => `${account.name} ${check.id} ${check.status} ${check.code ?? ''}`.trim()),
    );
    expect(logins.sort()).toEqual([1, 2, 3, 4, 5, 6].flatMap((index) => [`conta-${index} incoming.auth pass`, `conta-${index} smtp.send pass`]));
    expect(pop3.logins).toBe(6);
    expect(pop3.inUse).toBe(0);
    expect(pop3.peak).toBe(1);
    expect(smtp.logins).toBe(6);
    expect(smtp.peak).toBe(1);
  });
});
