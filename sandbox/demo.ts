/**
 * `npm run demo`: starts the loopback sandbox (mail servers, Entra ID and Google token stand-ins), writes a
 * copy of fixtures/demo.yaml with the sandbox's ports, login and token endpoints and CA, and runs the REAL
 * command-line tool (bin/tactium-preflight.js) once per account. It prints the short view — each account's
 * headline and the fleet view, from the tool's JSON report — and the command that shows one broken
 * account's full report: `npm run demo -- --account com-erros` (a comma list works too) runs the tool with
 * its table report for those accounts only. Other extra arguments go to `check` (e.g. `--lang en --trace`).
 * No credentials, no internet: every server is on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideColorLevel, makeChalk, supportsUnicode } from '../src/cli/color.js';
import { translatorFor } from '../src/cli/language.js';
import { terminalWidth } from '../src/cli/terminal-width.js';
import { renderOverview, type AccountOutline } from '../src/report/table.js';
import { DEMO_RUNS, ROOT, SHOWCASE_ACCOUNT, demoEnv, writeDemoConfig, type DemoRun } from './demo-config.js';
import { startSandbox } from './servers.js';

const BIN = join(ROOT, 'bin', 'tactium-preflight.js');

function runCheck(args: string[], env: NodeJS.ProcessEnv, capture: boolean): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'check', ...args], { stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'], env });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** `--account a,b` (or `--account=a,b`) taken out of the extra arguments: the accounts to show in full. */
function takeAccounts(extra: readonly string[]): { names: string[] | null; rest: string[] } {
  const rest: string[] = [];
  let names: string[] | null = null;
  for (let index = 0; index < extra.length; index++) {
    const arg = extra[index]!;
    const value = arg === '--account' ? extra[++index] : arg.startsWith('--account=') ? arg.slice('--account='.length) : undefined;
    if (value === undefined) rest.push(arg);
    else
      names = [
        ...(names ?? []),
        ...value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ];
  }
  return { names, rest };
}

/** The accounts the tool reported, with what the headline and fleet view need of each. */
function outlines(json: string): AccountOutline[] {
  const report = JSON.parse(json) as {
    accounts: Array<{ name: string; provider: AccountOutline['provider']; checks: Array<{ status: string; code: string | null }> }>;
  };
  return report.accounts.map((account) => ({
    name: account.name,
    provider: account.provider,
    checks: account.checks.map((check) => ({ status: check.status as AccountOutline['checks'][number]['status'], code: check.code })),
  }));
}

function languageOf(extra: readonly string[]): string | undefined {
  const index = extra.indexOf('--lang');
  if (index >= 0) return extra[index + 1];
  return extra.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
}

async function main(): Promise<number> {
  const { names, rest: extra } = takeAccounts(process.argv.slice(2));
  const unknown = (names ?? []).filter((name) => !DEMO_RUNS.some((run) => run.account === name));
  if (unknown.length > 0) {
    process.stderr.write(`demo: no account ${unknown.join(', ')}; the demo's accounts are ${DEMO_RUNS.map((run) => run.account).join(', ')}\n`);
    return 2;
  }
  const runs: readonly DemoRun[] = names ? DEMO_RUNS.filter((run) => names.includes(run.account)) : DEMO_RUNS;
  const full = names !== null;

  const sandbox = await startSandbox();
  const directory = mkdtempSync(join(tmpdir(), 'tactium-demo-'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.close();
    rmSync(directory, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const file = writeDemoConfig(directory, sandbox);
    const env = { ...process.env, ...demoEnv(sandbox) };
    process.stderr.write(
      `\nSandbox: SMTP 127.0.0.1:${sandbox.ports.smtpStarttls} (STARTTLS) and :${sandbox.ports.smtpImplicit} (implicit TLS), IMAP :${sandbox.ports.imapValid} and :${sandbox.ports.imapExpired} (expired certificate), Entra ID stand-in ${sandbox.entra.login}, Google token stand-in ${sandbox.google.token}\n\n`,
    );
    const codes: number[] = [];
    const accounts: AccountOutline[] = [];
    for (const [index, run] of runs.entries()) {
      if (full && index > 0) process.stdout.write('\n');
      // The short view reads the tool's JSON report; the full one is the tool's own table on the terminal.
      const format = full ? [] : ['--format', 'json'];
      const result = await runCheck([file, '--account', run.account, ...run.args, ...extra, ...format], env, !full);
      codes.push(result.code);
      if (!full && result.stdout.trim() !== '') accounts.push(...outlines(result.stdout));
    }
    if (!full) {
      const t = translatorFor('operator', languageOf(extra), process.env);
      const chalk = await makeChalk(decideColorLevel({ isTTY: Boolean(process.stdout.isTTY), env: process.env, noColorFlag: extra.includes('--no-color') }));
      const symbols = supportsUnicode() ? 'unicode' : 'ascii';
      process.stdout.write(renderOverview(accounts, t, { chalk, symbols, width: terminalWidth(process.stdout, process.env) }));
      const command = ['npm run demo --', '--account', SHOWCASE_ACCOUNT, ...extra].join(' ');
      process.stdout.write(`\nThe full report of a broken account, with its evidence and fixes:\n  ${command}\n`);
    }
    const asExpected = runs.every((run, index) => codes[index] === run.expected);
    const described = runs.map((run, index) => `${run.account} ${codes[index]}`).join(', ');
    const healthy = runs.filter((run) => run.expected === 0).map((run) => `"${run.account}"`);
    const broken = runs.filter((run) => run.expected !== 0).map((run) => `"${run.account}"`);
    const outcome = [
      ...(healthy.length > 0 ? [`${healthy.join(', ')} passed (exit 0)`] : []),
      ...(broken.length > 0 ? [`${broken.join(', ')} failed as they should (exit 1)${full ? ', each failure with its evidence and fix' : ''}`] : []),
    ].join('; ');
    process.stderr.write(
      asExpected
        ? `\ndemo: OK — ${outcome}.\n`
        : `\ndemo: unexpected exit codes (${described}); expected 0 for the healthy accounts and 1 for the broken ones.\n`,
    );
    return asExpected ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
