/**
 * The built CLI, `--only incoming.auth,smtp.auth`, for an Office 365 account whose file says
 * `security: none`, against loopback servers that would take a cleartext login: both checks fail with
 * CLEARTEXT_AUTH_REFUSED, the run exits 1 (not 0), and neither server received a credential.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCa, issueCert } from '../../standins/certs.js';
import { startFakeImap, type FaultServer } from '../support/incoming-fault-servers.js';
import { runCli } from '../support/run-cli.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';

const PASSWORD = 'cleartext-Canary-Password-8842';
let smtp: SmtpTestServer;
let imap: FaultServer;
let directory: string;

beforeAll(async () => {
  const certificate = issueCert(createCa(), { hosts: ['127.0.0.1'] });
  smtp = await startSmtpServer({ certificate, users: { 'alice@example.test': PASSWORD }, allowInsecureAuth: true });
  imap = await startFakeImap({ capabilities: 'IMAP4rev1 STARTTLS AUTH=PLAIN' });
  directory = mkdtempSync(path.join(os.tmpdir(), 'preflight-cleartext-'));
});

afterAll(async () => {
  await Promise.all([smtp?.close(), imap?.stop()]);
  rmSync(directory, { recursive: true, force: true });
});

it('exits 1 with CLEARTEXT_AUTH_REFUSED for both logins, and no credential reaches either server', async () => {
  const file = path.join(directory, 'office365-none.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: atendimento',
      '    provider: office365',
      '    mailbox: alice@example.test',
      '    auth:',
      '      method: password',
      '      password: ${env:MAILBOX_PASSWORD}',
      '    incoming:',
      '      protocol: imap',
      '      host: 127.0.0.1',
      `      port: ${imap.port}`,
      '      security: none',
      '    outgoing:',
      '      host: 127.0.0.1',
      `      port: ${smtp.port}`,
      '      security: none',
      '',
    ].join('\n'),
  );
  const result = await runCli(['check', file, '--only', 'incoming.auth,smtp.auth', '--format', 'json', '--timeout', '3'], {
    env: { MAILBOX_PASSWORD: PASSWORD },
  });
  expect(result.code).toBe(1);
  const report = JSON.parse(result.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string; code: string | null }> }> };
  const checks = report.accounts[0]?.checks.filter((check) => check.id === 'incoming.auth' || check.id === 'smtp.auth');
  expect(checks?.map(({ id, status, code }) => ({ id, status, code }))).toEqual(
    expect.arrayContaining([
      { id: 'incoming.auth', status: 'fail', code: 'CLEARTEXT_AUTH_REFUSED' },
      { id: 'smtp.auth', status: 'fail', code: 'CLEARTEXT_AUTH_REFUSED' },
    ]),
  );
  expect(smtp.auths).toEqual([]);
  expect(imap.received.flat().filter((line) => /\b(LOGIN|AUTHENTICATE)\b/i.test(line))).toEqual([]);
  expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
});
