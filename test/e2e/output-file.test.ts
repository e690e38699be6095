/**
 * `--output` through the built tool: a FIFO (what bash's `>(…)` and `/dev/stdout` on a pipe are) is written
 * in place and stays a FIFO; a new report file is owner-only; a link planted at a name the tool could use
 * for its temporary file is never written through. No real device is ever the target here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../support/run-cli.js';

const OFFICE_465 = join(ROOT, 'test', 'fixtures', 'e2e', 'office365-465.yaml');
const env = { TACTIUM_CLIENT_SECRET: 'output-file-secret-123' };
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-output-file-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

(process.platform === 'linux' ? describe : describe.skip)('--output', () => {
  it('writes the report through a FIFO to its reader, and the FIFO is still a FIFO afterwards', async () => {
    const fifo = join(directory, 'report.pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const result = await runCli(['check', OFFICE_465, '--only', 'config', '--format', 'json', '--output', fifo, '--lang', 'en'], { env });
    // Had the FIFO been replaced by a file, `cat` would wait forever for a writer: stop it, then judge.
    const timer = setTimeout(() => reader.kill(), 5_000);
    await closed;
    clearTimeout(timer);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`report written to ${fifo}`);
    expect((JSON.parse(received) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  // /dev/fd/N and /proc/self/fd/N (bash's `>(…)` is one): the tool's own descriptor, written in place.
  // (Never /dev/stdout or a device here: were the tool wrong, it must not be able to replace system files.)
  it('writes --output /dev/fd/1 to the pipe its standard output is', async () => {
    const result = await runCli(['check', OFFICE_465, '--only', 'config', '--format', 'json', '--output', '/dev/fd/1', '--lang', 'en'], { env });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
  });

  it('appends --output /proc/self/fd/1 to the file its standard output is redirected to (`>> log`), keeping what was there', () => {
    const log = join(directory, 'log.md');
    writeFileSync(log, 'before\n');
    const descriptor = openSync(log, 'a');
    try {
      const result = spawnSync(process.execPath, [BIN, 'report', OFFICE_465, '--only', 'config', '--lang', 'en', '--output', '/proc/self/fd/1'], {
        env: { PATH: process.env.PATH, NO_COLOR: '1', CI: '1', LANG: 'en_US.UTF-8', ...env },
        stdio: ['ignore', descriptor, 'pipe'],
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
    } finally {
      closeSync(descriptor);
    }
    const text = readFileSync(log, 'utf8');
    expect(text.startsWith('before\n# E-mail setup for Tactium CRM/OMNI')).toBe(true);
    expect(lstatSync(log).isFile()).toBe(true);
  });

  it('creates a new report owner-only (0600) and writes the sheet through no planted link', async () => {
    const victim = join(directory, 'victim.txt');
    writeFileSync(victim, 'precious');
    const file = join(directory, 'sheet.md');
    // The names a pid-based scheme would pick (`sheet.md.<pid>.tmp`) for the next few hundred process ids
    // — where the spawned tool's own id lands on Linux — each a link to the victim.
    const last = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8').trim());
    for (let pid = last + 1; pid <= last + 400; pid++) symlinkSync(victim, join(directory, `sheet.md.${pid}.tmp`));
    const result = await runCli(['report', OFFICE_465, '--only', 'config', '--lang', 'en', '--output', file], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toContain('# E-mail setup for Tactium CRM/OMNI');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
});
