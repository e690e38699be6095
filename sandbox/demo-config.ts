/**
 * The demo's accounts on the sandbox: a copy of fixtures/demo.yaml with the sandbox's ports, login and token
 * endpoints and CA, the environment its secrets come from, and how each account is run and should end.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { Sandbox } from './servers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository: one level up from sandbox/ (run from source by the tests), two from dist-sandbox/sandbox/. */
export const ROOT = existsSync(join(HERE, '..', 'package.json')) ? join(HERE, '..') : join(HERE, '..', '..');

export function writeDemoConfig(directory: string, sandbox: Sandbox): string {
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

/** The variables the demo file's `${env:…}` references read: the sandbox's own, made-up credentials. */
export function demoEnv(sandbox: Sandbox): Record<string, string> {
  return {
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
}

export interface DemoRun {
  readonly account: string;
  /** Extra arguments of `check` for this account. */
  readonly args: readonly string[];
  /** The exit code it should end with: 0 healthy, 1 broken. */
  readonly expected: number;
}

// The sandbox cannot listen on 993 and 587 (privileged ports on Linux and macOS), so for the Office 365 and
// Gmail accounts the two checks that hold the ports to Microsoft's and Google's documented ones are left out.
const SANDBOX_PORTS = ['--skip', 'config.incoming-port,config.smtp-port'];

export const DEMO_RUNS: readonly DemoRun[] = [
  { account: 'saudavel', args: [], expected: 0 },
  { account: 'office365-app', args: SANDBOX_PORTS, expected: 0 },
  { account: 'gmail-oauth', args: SANDBOX_PORTS, expected: 0 },
  { account: 'gmail-senha-de-app', args: SANDBOX_PORTS, expected: 0 },
  { account: 'com-erros', args: [], expected: 1 },
  { account: 'office365-app-erros', args: SANDBOX_PORTS, expected: 1 },
  { account: 'gmail-erros', args: SANDBOX_PORTS, expected: 1 },
];

/** The broken account the short view points at for a full report. */
export const SHOWCASE_ACCOUNT = 'com-erros';
