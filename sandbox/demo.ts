/**
 * `npm run demo`: starts the loopback sandbox, writes a copy of fixtures/demo.yaml with the sandbox's
 * ports and CA, and runs the REAL command-line tool (bin/tactium-preflight.js) against each built-in
 * account, so both tables show. Extra arguments go to `check` (e.g. `npm run demo -- --lang en --trace`).
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
  const ports: Record<string, { incoming: number; outgoing: number }> = {
    saudavel: { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls },
    'com-erros': { incoming: sandbox.ports.imapExpired, outgoing: sandbox.ports.smtpImplicit },
  };
  const accounts = document.get('accounts') as { items: Array<{ get(key: string): unknown }> };
  accounts.items.forEach((_item, index) => {
    const name = String(document.getIn(['accounts', index, 'name']));
    const wanted = ports[name];
    if (!wanted) throw new Error(`fixtures/demo.yaml: no sandbox server for account ${name}`);
    document.setIn(['accounts', index, 'incoming', 'port'], wanted.incoming);
    document.setIn(['accounts', index, 'outgoing', 'port'], wanted.outgoing);
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
      // The classic mistake: a password that is not the mailbox's.
      DEMO_WRONG_PASSWORD: 'Financeiro@2019',
    };
    process.stderr.write(`\nSandbox: SMTP 127.0.0.1:${sandbox.ports.smtpStarttls} (STARTTLS) and :${sandbox.ports.smtpImplicit} (implicit TLS), IMAP :${sandbox.ports.imapValid} and :${sandbox.ports.imapExpired} (expired certificate)\n\n`);
    const healthy = await runCheck([file, '--account', 'saudavel', ...extra], env);
    process.stdout.write('\n');
    const broken = await runCheck([file, '--account', 'com-erros', ...extra], env);
    const asExpected = healthy === 0 && broken === 1;
    process.stderr.write(
      asExpected
        ? `\ndemo: OK — "saudavel" passed (exit ${healthy}); "com-erros" failed as it should (exit ${broken}), each failure with its evidence and fix.\n`
        : `\ndemo: unexpected exit codes (saudavel ${healthy}, com-erros ${broken}); expected 0 and 1.\n`,
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
