/**
 * The table report's budgets, measured on the real CLI against the demo's sandbox accounts: a healthy
 * IMAP/SMTP account fits in 20 lines and a healthy Office 365 one in 25 at 100 columns, and the broken
 * ones fit the terminal's width (COLUMNS) at 80, 100 and 160 columns — only unbreakable tokens (a URL, an
 * ID, a command to paste) may pass it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RUNS, demoEnv, writeDemoConfig } from '../../sandbox/demo-config.js';
import { startSandbox, type Sandbox } from '../../sandbox/servers.js';
import { runCli } from '../support/run-cli.js';

let sandbox: Sandbox;
let directory: string;
let file: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  directory = mkdtempSync(join(tmpdir(), 'tp-table-'));
  file = writeDemoConfig(directory, sandbox);
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function check(account: string, columns: number, format: string[] = []) {
  const run = DEMO_RUNS.find((candidate) => candidate.account === account)!;
  return runCli(['check', file, '--account', account, '--lang', 'en', ...run.args, ...format], {
    env: { ...demoEnv(sandbox), COLUMNS: String(columns) },
    timeoutMs: 60_000,
  });
}

describe('the table report', () => {
  it('shows a healthy IMAP/SMTP account in at most 20 lines and a healthy Office 365 one in at most 25, at 100 columns', async () => {
    const imap = await check('saudavel', 100);
    expect(imap.code).toBe(0);
    expect(imap.stdout).toMatch(/^saudavel · IMAP\/POP3 \+ SMTP · ✔ ready/);
    expect(imap.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    const office = await check('office365-app', 100);
    expect(office.code).toBe(0);
    expect(office.stdout).toMatch(/^office365-app · Office 365 \/ Exchange Online · ▲ ready with warnings/);
    expect(office.stdout).toContain('not verified — run with --admin');
    expect(office.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(25);
  }, 60_000);

  it('fits the broken accounts in COLUMNS at 80, 100 and 160 columns, except unbreakable tokens', async () => {
    for (const account of ['com-erros', 'office365-app-erros', 'gmail-erros']) {
      // What may pass the width: a step's target (a command, a URL, a snippet) on its own line.
      const json = JSON.parse((await check(account, 100, ['--format', 'json'])).stdout) as {
        accounts: Array<{ checks: Array<{ remediation: Array<{ target?: string }> }> }>;
      };
      // A target of several lines (a snippet, two PowerShell lines) is printed a line each.
      const targets = new Set(
        json.accounts.flatMap((item) =>
          item.checks.flatMap((one) => one.remediation.flatMap((step) => (step.target ? step.target.split('\n').map((line) => line.trim()) : []))),
        ),
      );
      for (const columns of [80, 100, 160]) {
        const result = await check(account, columns);
        expect(result.code).toBe(1);
        const lines = result.stdout.split('\n');
        // A wider terminal is used, not only a narrower one respected.
        if (columns === 160) expect(Math.max(...lines.map((line) => line.length))).toBeGreaterThan(100);
        const tooWide = lines.filter((line) => line.length > columns && !targets.has(line.trim()) && !/^\s*\S+$/.test(line));
        expect([account, columns, tooWide]).toEqual([account, columns, []]);
      }
    }
  }, 180_000);
});
