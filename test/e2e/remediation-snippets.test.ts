/**
 * Every fix the tool prints must paste as is: the demo's accounts (healthy and broken, Office 365 against
 * the Entra ID stand-in, Gmail against the Google token stand-in, IMAP/POP3 + SMTP with an expired
 * certificate and a wrong password) are checked by the built CLI twice — with the sandbox's CA, and
 * without it, as behind a TLS-inspecting firewall (TLS_CERT_UNTRUSTED everywhere) — and every step's
 * target of the JSON report is linted by what it is: YAML with the yaml parser, a shell line with
 * `bash -n`, PowerShell with the repo's lint, a URL with the URL parser. And each target is printed in the
 * table and the Markdown with its lines intact (a one-line escape once printed `tls:\n  caFile: …`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { startSandbox, type Sandbox } from '../../sandbox/servers.js';
import { lintPowerShell } from '../support/powershell-lint.js';
import { ROOT, runCli } from '../support/run-cli.js';

interface Step {
  readonly kind: 'portal' | 'command' | 'url' | 'text';
  readonly text: string;
  readonly target: string | null;
}
interface Report {
  readonly accounts: ReadonlyArray<{
    readonly name: string;
    readonly checks: ReadonlyArray<{ readonly id: string; readonly status: string; readonly code: string | null; readonly remediation: readonly Step[] }>;
  }>;
}

let sandbox: Sandbox;
let directory: string;
const outputs: Array<{ label: string; json: Report; table: string; markdown: string }> = [];

/** fixtures/demo.yaml with the sandbox's ports and stand-ins, as `npm run demo` writes it; `trusted: false` drops the CA. */
function demoConfig(trusted: boolean): string {
  const document = parseDocument(readFileSync(join(ROOT, 'fixtures', 'demo.yaml'), 'utf8'));
  const ports: Record<string, { incoming: number; outgoing: number; login?: string; googleToken?: string }> = {
    saudavel: { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls },
    'com-erros': { incoming: sandbox.ports.imapExpired, outgoing: sandbox.ports.smtpImplicit },
    'office365-app': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, login: sandbox.entra.login },
    'office365-app-erros': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, login: sandbox.entra.login },
    'gmail-oauth': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, googleToken: sandbox.google.token },
    'gmail-senha-de-app': { incoming: sandbox.ports.pop3Valid, outgoing: sandbox.ports.smtpStarttls },
    'gmail-erros': { incoming: sandbox.ports.imapValid, outgoing: sandbox.ports.smtpStarttls, googleToken: sandbox.google.token },
  };
  const accounts = document.get('accounts') as { items: unknown[] };
  accounts.items.forEach((_item, index) => {
    const wanted = ports[String(document.getIn(['accounts', index, 'name']))]!;
    document.setIn(['accounts', index, 'incoming', 'port'], wanted.incoming);
    document.setIn(['accounts', index, 'outgoing', 'port'], wanted.outgoing);
    if (wanted.login) {
      document.setIn(['accounts', index, 'endpoints', 'login'], wanted.login);
      document.setIn(['accounts', index, 'endpoints', 'graph'], wanted.login);
    }
    if (wanted.googleToken) document.setIn(['accounts', index, 'endpoints', 'googleToken'], wanted.googleToken);
  });
  if (!trusted) document.delete('tls');
  writeFileSync(join(directory, 'sandbox-ca.pem'), sandbox.caPem);
  const file = join(directory, trusted ? 'demo.yaml' : 'demo-untrusted.yaml');
  writeFileSync(file, document.toString());
  return file;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  directory = mkdtempSync(join(tmpdir(), 'tp-snippets-'));
  const env = {
    DEMO_MAILBOX_PASSWORD: sandbox.users.healthy.password,
    DEMO_GMAIL_APP_PASSWORD: sandbox.users.gmailAppPassword.password,
    DEMO_WRONG_PASSWORD: 'Financeiro@2019',
    DEMO_CLIENT_SECRET: sandbox.entra.apps.healthy.secret,
    DEMO_BROKEN_CLIENT_SECRET: sandbox.entra.apps.broken.secret,
    DEMO_GOOGLE_CLIENT_SECRET: sandbox.google.grants.healthy.clientSecret,
    DEMO_GOOGLE_REFRESH_TOKEN: sandbox.google.grants.healthy.refreshToken,
    DEMO_GOOGLE_REVOKED_REFRESH_TOKEN: sandbox.google.grants.broken.refreshToken,
  };
  for (const trusted of [true, false]) {
    const file = demoConfig(trusted);
    const run = (format: string) =>
      runCli(['check', file, '--format', format, '--lang', 'en', '--timeout', '5', '--concurrency', '7'], { env, cwd: directory, timeoutMs: 120_000 });
    const [json, table, markdown] = await Promise.all([run('json'), run('table'), run('markdown')]);
    outputs.push({
      label: trusted ? 'sandbox CA trusted' : 'sandbox CA not trusted',
      json: JSON.parse(json.stdout) as Report,
      table: table.stdout,
      markdown: markdown.stdout,
    });
  }
}, 300_000);

afterAll(async () => {
  await sandbox?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Every step with a target, named by where it came from. */
function targets(): Array<{ where: string; step: Step & { target: string } }> {
  return outputs.flatMap(({ label, json }) =>
    json.accounts.flatMap((account) =>
      account.checks.flatMap((check) =>
        check.remediation.flatMap((step, index) =>
          step.target === null
            ? []
            : [
                {
                  where: `${label} · ${account.name} · ${check.id}${check.code ? ` (${check.code})` : ''} · step ${index + 1}`,
                  step: { ...step, target: step.target },
                },
              ],
        ),
      ),
    ),
  );
}

/** A PowerShell command line (Exchange Online / Graph cmdlets), as opposed to a POSIX shell one. */
function isPowerShell(target: string): boolean {
  return /^(\$|#|[A-Z][a-z]+-[A-Z][A-Za-z]+)/m.test(target) && !/^(openssl|curl|nslookup|dig|tactium-preflight|npx?|export) /m.test(target);
}

/** A YAML snippet: its first line is a key (`tls:`, `auth:`, `secretId: …`). */
function isYaml(target: string): boolean {
  return /^[A-Za-z][\w.-]*:(\s|$)/.test(target);
}

function lint(step: Step & { target: string }): string[] {
  const target = step.target;
  const problems: string[] = [];
  if (target.includes('\\n')) problems.push('a literal \\n');
  if (/\{[a-zA-Z]+\}|undefined|\[object Object\]|NaN|…/.test(target)) problems.push('an unfilled placeholder');
  if (step.kind === 'url') {
    if (!URL.canParse(target) || /\s/.test(target)) problems.push('not a URL');
    return problems;
  }
  if (step.kind === 'command') {
    if (isPowerShell(target)) problems.push(...lintPowerShell(target));
    else {
      const checked = spawnSync('bash', ['-n'], { input: target, encoding: 'utf8' });
      if (checked.status !== 0) problems.push(`bash -n: ${checked.stderr.trim()}`);
    }
    return problems;
  }
  if (isYaml(target)) {
    try {
      const parsed: unknown = parseYaml(target);
      if (typeof parsed !== 'object' || parsed === null) problems.push('YAML that is not a mapping');
    } catch (error) {
      problems.push(`YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return problems;
}

describe('every remediation snippet, as printed', () => {
  it('covers the fixes that matter: YAML, PowerShell, shell and URLs, with TLS_CERT_UNTRUSTED among them', () => {
    const all = targets();
    const kinds = new Set(
      all.map(({ step }) => (step.kind === 'command' ? (isPowerShell(step.target) ? 'powershell' : 'shell') : isYaml(step.target) ? 'yaml' : step.kind)),
    );
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['powershell', 'url', 'yaml']));
    expect(all.some(({ where, step }) => where.includes('TLS_CERT_UNTRUSTED') && step.target.startsWith('tls:\n  caFile: '))).toBe(true);
  });

  it('parses: YAML with the yaml parser, shell with bash -n, PowerShell with the lint; no literal \\n, no hole', () => {
    const problems = targets().flatMap(({ where, step }) => lint(step).map((problem) => `${where}: ${problem} in ${JSON.stringify(step.target)}`));
    expect(problems).toEqual([]);
  });

  it('prints each one in the table and the Markdown with its lines intact', () => {
    const missing: string[] = [];
    for (const { label, json, table, markdown } of outputs) {
      const tableLines = new Set(table.split('\n').map((line) => line.trim()));
      const markdownLines = new Set(markdown.split('\n').map((line) => line.trim()));
      for (const account of json.accounts)
        for (const check of account.checks)
          for (const step of check.remediation) {
            if (step.target === null || step.kind === 'url' || !step.target.includes('\n')) continue;
            for (const line of step.target
              .split('\n')
              .map((part) => part.trim())
              .filter(Boolean)) {
              // "How to fix" is for fail, warn and error in both (skips that need --admin are one note).
              if (check.status === 'skip') continue;
              if (!tableLines.has(line)) missing.push(`${label} · table · ${check.id}: ${line}`);
              if (!markdownLines.has(line)) missing.push(`${label} · markdown · ${check.id}: ${line}`);
            }
          }
      expect(table).not.toContain('tls:\\n');
      expect(markdown).not.toContain('tls:\\n');
    }
    expect(missing).toEqual([]);
  });
});
