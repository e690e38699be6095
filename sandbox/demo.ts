/**
 * `npm run demo`: starts the loopback sandbox (mail servers, Entra ID and Google token stand-ins), writes a
 * copy of fixtures/demo.yaml with the sandbox's ports, login and token endpoints and CA, and runs the REAL command-line tool
 * (bin/tactium-preflight.js) twice: the healthy accounts, then the broken ones, so every table shows. Extra arguments go to `check` (e.g. `npm run demo -- --lang en --trace`).
 * No credentials, no internet: every server is on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { startSandbox, type Sandbox } from './servers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'tactium-preflight.js');

function writeDemoConfig(directory: string, sandbox: Sandbox): string {
  const document = parseDocument(readFileSync(join(ROOT, 'fixtures', 'demo.yaml'), 'utf8'));
  // `dns`: whose MX the account's domain shows (sandbox/servers.ts); com-erros, an Office 365 account whose
  // domain's mail goes to Google, is the MX mismatch.
  const { microsoft, google, own } = sandbox.dns;
  const ports: Record<string, { incoming: number; outgoing: number; dns: string; login?: string; googleToken?: string }> = {
    saudavel: { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, dns: own },
    'com-erros': { incoming: sandbox.ports.imapExpired, outgoing: sandbox.ports.smtpImplicit, dns: google },
    'office365-app': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, dns: microsoft, login: sandbox.entra.login },
    'office365-app-erros': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, dns: microsoft, login: sandbox.entra.login },
    'gmail-oauth': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, dns: google, googleToken: sandbox.google.token },
    'gmail-senha-de-app': { incoming: sandbox.ports.pop3Valid, outgoing: sandbox.ports.smtpStarttls, dns: google },
    'gmail-erros': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, dns: google, googleToken: sandbox.google.token },
  };
  const accounts = document.get('accounts') as { items: Array<{ get(key: string): unknown }> };
  accounts.items.forEach((_item, index) => {
    const name = String(document.getIn(['accounts', index, 'name']));
    const wanted = ports[name];
    if (!wanted) throw new Error(`fixtures/demo.yaml: no sandbox server for account ${name}`);
    document.setIn(['accounts', index, 'incoming', 'port'], wanted.incoming);
    document.setIn(['accounts', index, 'outgoing', 'port'], wanted.outgoing);
    document.setIn(['accounts', index, 'endpoints', 'dns'], wanted.dns);
    if (wanted.login) {
      // Graph too: without it the directory checks would go to graph.microsoft.com (the demo stays offline).
      document.setIn(['accounts', index, 'endpoints', 'login'], wanted.login);
      document.setIn(['accounts', index, 'endpoints', 'graph'], wanted.login);
    }
    if (wanted.googleToken) document.setIn(['accounts', index, 'endpoints', 'googleToken'], wanted.googleToken);
  });
  writeFileSync(join(directory, 'sandbox-ca.pem'), sandbox.caPem);
  const file = join(directory, 'demo.yaml');
  writeFileSync(file, document.toString());
  return file;
}

function runCheck(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'check', ...args], { stdio: 'inherit', env });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const extra = process.argv.slice(2);
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
    const env = {
      ...process.env,
      DEMO_MAILBOX_PASSWORD: sandbox.users.healthy.password,
      DEMO_GMAIL_APP_PASSWORD: sandbox.users.gmailAppPassword.password,
      // The classic mistake: a password that is not the mailbox's.
      DEMO_WRONG_PASSWORD: 'Financeiro@2019',
      DEMO_CLIENT_SECRET: sandbox.entra.apps.healthy.secret,
      DEMO_BROKEN_CLIENT_SECRET: sandbox.entra.apps.broken.secret,
      DEMO_GOOGLE_CLIENT_SECRET: sandbox.google.grants.healthy.clientSecret,
      DEMO_GOOGLE_REFRESH_TOKEN: sandbox.google.grants.healthy.refreshToken,
      // Revoked at the stand-in: Google answers invalid_grant.
      DEMO_GOOGLE_REVOKED_REFRESH_TOKEN: sandbox.google.grants.broken.refreshToken,
    };
    process.stderr.write(
      `\nSandbox: SMTP 127.0.0.1:${sandbox.ports.smtpStarttls} (STARTTLS) and :${sandbox.ports.smtpImplicit} (implicit TLS), IMAP :${sandbox.ports.imapValid} and :${sandbox.ports.imapExpired} (expired certificate), Entra ID stand-in ${sandbox.entra.login}, Google token stand-in ${sandbox.google.token}\n\n`,
    );
    // The sandbox cannot listen on 993 and 587 (privileged ports on Linux and macOS), so for the Office 365
    // and Gmail accounts the two checks that hold the ports to Microsoft's and Google's documented ones are
    // left out.
    const sandboxPorts = ['--skip', 'config.incoming-port,config.smtp-port'];
    const runs = [
      { account: 'saudavel', args: [], expected: 0 },
      { account: 'office365-app', args: sandboxPorts, expected: 0 },
      { account: 'gmail-oauth', args: sandboxPorts, expected: 0 },
      { account: 'gmail-senha-de-app', args: sandboxPorts, expected: 0 },
      { account: 'com-erros', args: [], expected: 1 },
      { account: 'office365-app-erros', args: sandboxPorts, expected: 1 },
      { account: 'gmail-erros', args: sandboxPorts, expected: 1 },
    ];
    const codes: number[] = [];
    for (const [index, run] of runs.entries()) {
      if (index > 0) process.stdout.write('\n');
      codes.push(await runCheck([file, '--account', run.account, ...run.args, ...extra], env));
    }
    const asExpected = runs.every((run, index) => codes[index] === run.expected);
    const described = runs.map((run, index) => `${run.account} ${codes[index]}`).join(', ');
    process.stderr.write(
      asExpected
        ? `\ndemo: OK — ${runs
            .filter((run) => run.expected === 0)
            .map((run) => `"${run.account}"`)
            .join(', ')} passed (exit 0); ${runs
            .filter((run) => run.expected !== 0)
            .map((run) => `"${run.account}"`)
            .join(', ')} failed as they should (exit 1), each failure with its evidence and fix.\n`
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
