/**
 * Ctrl-C leaves nothing behind (issue 8): the sockets the checks opened are closed and no child process
 * survives. A counting tarpit (accepts, never speaks) holds the SMTP and IMAP connections open until the
 * interrupt; its count of open connections must fall back to 0.
 *
 * Two variants: the real bin with SIGINT (exit 130), and in-process `runChecks` with an aborted signal —
 * the stronger proof for the sockets, since there no process exit closes them for us.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { CHECKS } from '../../src/checks/registry.js';
import { runChecks } from '../../src/runner/run-checks.js';
import { startRawServer, type FaultServer } from '../../standins/fault-servers.js';
import { loopbackResolver, makeAccount, secret } from '../support/check-context.js';
import { runCli } from '../support/run-cli.js';

/** A tarpit that knows how many of its connections are open right now. */
interface CountingTarpit {
  readonly server: FaultServer;
  open(): number;
  accepted(): number;
}

async function countingTarpit(): Promise<CountingTarpit> {
  let open = 0;
  let accepted = 0;
  const server = await startRawServer((socket) => {
    open++;
    accepted++;
    socket.on('close', () => open--);
    // Read (and drop) whatever comes: a paused socket never sees the client's FIN, so never closes.
    socket.resume();
  });
  return { server, open: () => open, accepted: () => accepted };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Direct children of `pid`, from /proc (Linux): every thread's `children` list. */
function childrenOf(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readdirSync(tasks).flatMap((tid) => {
    try {
      return readFileSync(join(tasks, tid, 'children'), 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  });
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`);

let tarpit: CountingTarpit;
let directory: string;
let file: string;

beforeAll(async () => {
  tarpit = await countingTarpit();
  directory = mkdtempSync(join(tmpdir(), 'tp-signals-cleanup-'));
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
      `    incoming: { protocol: imap, host: 127.0.0.1, port: ${tarpit.server.port}, security: tls }`,
      `    outgoing: { host: 127.0.0.1, port: ${tarpit.server.port}, security: starttls }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await tarpit.server.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('SIGINT mid-run (the real bin)', () => {
  it('exits 130, every connection it opened is closed within a second, and no child process is left', async () => {
    const acceptedBefore = tarpit.accepted();
    let pid = 0;
    let children: number[] = [];
    let openAtSignal = 0;
    let exitedAt = 0;
    const result = await runCli(['check', file, '--timeout', '60', '--format', 'json'], {
      env: { SLOW_PASSWORD: 'pw-canary-cleanup-456' },
      onSpawn: (child: ChildProcess) => {
        pid = child.pid ?? 0;
        child.once('exit', () => (exitedAt = Date.now()));
        // Interrupt once both checks hold their connection (SMTP and IMAP to the tarpit).
        void waitFor(() => tarpit.accepted() - acceptedBefore >= 2, 15_000).then(() => {
          openAtSignal = tarpit.open();
          children = childrenOf(pid);
          child.kill('SIGINT');
        });
      },
    });
    expect(result.code).toBe(130);
    expect(openAtSignal).toBeGreaterThanOrEqual(2);
    expect(await waitFor(() => tarpit.open() === 0, 1000)).toBe(true);
    expect(Date.now() - exitedAt).toBeLessThan(1500);
    // The tool spawns nothing; whatever it might have, none may outlive it.
    expect(children.filter(alive)).toEqual([]);
    expect(childrenOf(pid)).toEqual([]);
  });
});

describe('an aborted runChecks (in-process)', () => {
  it('closes every socket its checks opened, and returns at once', async () => {
    const acceptedBefore = tarpit.accepted();
    const account = makeAccount({
      name: 'lento',
      mailbox: 'lento@example.test',
      auth: { method: 'password', password: secret('pw-canary-cleanup-789') },
      incoming: { protocol: 'imap', host: '127.0.0.1', port: tarpit.server.port, security: 'tls' },
      outgoing: { host: '127.0.0.1', port: tarpit.server.port, security: 'starttls' },
    });
    const controller = new AbortController();
    const running = runChecks({
      config: { file: join(directory, 'tarpit.yaml'), accounts: [account], tls: { extraCa: [] } },
      // The network checks: DNS answers come from the loopback resolver.
      checks: CHECKS.filter((check) => /^(dns|smtp|incoming)\./.test(check.id)),
      options: { stepTimeoutMs: 60_000, trace: false, verbose: false, admin: false, login: false },
      services: { dns: loopbackResolver, now: () => new Date(), extraCa: [] },
      concurrency: 1,
      signal: controller.signal,
    });
    expect(await waitFor(() => tarpit.accepted() - acceptedBefore >= 2, 15_000)).toBe(true);
    expect(tarpit.open()).toBeGreaterThanOrEqual(2);
    const abortedAt = Date.now();
    controller.abort();
    const [run] = await running;
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(run!.results.find((result) => result.id === 'smtp.connect')).toMatchObject({ status: 'skip', code: 'INTERRUPTED' });
    expect(await waitFor(() => tarpit.open() === 0, 1000)).toBe(true);
  });
});
