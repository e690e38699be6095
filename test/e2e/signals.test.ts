/**
 * Ctrl-C and SIGTERM mid-run: the tool stops at once, prints the checks that finished, closes its
 * sockets, and exits 130 / 143 (src/cli/exit-codes.ts). The servers are tarpits, so without the signal the run
 * would wait for its (long) timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarpit, type FaultServer } from '../../standins/fault-servers.js';
import { runCli } from '../support/run-cli.js';

let server: FaultServer;
let directory: string;
let file: string;

beforeAll(async () => {
  server = await tarpit();
  directory = mkdtempSync(join(tmpdir(), 'tp-signals-'));
  file = join(directory, 'tarpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: lento',
      '    provider: imap',
      '    mailbox: lento@example.test',
      '    auth: { method: password, password: "${env:SLOW_PASSWORD}" }',
      `    incoming: { protocol: imap, host: 127.0.0.1, port: ${server.port}, security: tls }`,
      `    outgoing: { host: 127.0.0.1, port: ${server.port}, security: starttls }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  describe(signal, () => {
    it(`stops a run stuck on a tarpit, reports what finished, and exits ${code}`, async () => {
      const started = Date.now();
      const result = await runCli(['check', file, '--timeout', '60', '--format', 'json'], {
        env: { SLOW_PASSWORD: 'pw-canary-slow-123' },
        onSpawn: (child) => setTimeout(() => child.kill(signal), 1500),
      });
      expect(result.code).toBe(code);
      expect(Date.now() - started).toBeLessThan(10_000);
      const report = JSON.parse(result.stdout) as {
        interrupted: string;
        accounts: Array<{ checks: Array<{ id: string; status: string; code: string | null }> }>;
      };
      expect(report.interrupted).toBe(signal);
      const checks = report.accounts[0]!.checks;
      expect(checks.find((check) => check.id === 'config.secrets-inline')!.status).toBe('pass');
      expect(checks.find((check) => check.id === 'smtp.connect')).toMatchObject({ status: 'skip', code: 'INTERRUPTED' });
      expect(result.stderr).toContain(signal);
      expect(result.stdout + result.stderr).not.toContain('pw-canary-slow-123');
    });
  });
}

describe('a tarpit without a signal', () => {
  it('ends the whole run within the step timeout plus a second, as a fail with the greeting timeout', async () => {
    const started = Date.now();
    const result = await runCli(['check', file, '--timeout', '1', '--format', 'json'], { env: { SLOW_PASSWORD: 'pw-canary-slow-123' } });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string; code: string | null }> }> };
    const byId = new Map(report.accounts[0]!.checks.map((check) => [check.id, check]));
    expect(byId.get('smtp.connect')).toMatchObject({ status: 'fail', code: 'GREETING_TIMEOUT' });
    expect(byId.get('incoming.connect')!.status).toBe('fail');
    // Node start-up and the report add a little on top of the 1 s step.
    expect(elapsed).toBeLessThan(1000 + 1000 + 1500);
  });
});
