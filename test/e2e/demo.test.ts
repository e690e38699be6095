/**
 * `npm run demo` is the README's first command: the sandbox starts, the built-in accounts are checked by
 * the real CLI, the healthy ones (IMAP + SMTP with a password, Office 365 with OAuth, Gmail with Google
 * OAuth) pass and the broken ones fail. Its first screen says which accounts are ready; the command it
 * points at shows the full reports, the broken ones with their fixes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/run-cli.js';

function runDemo(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'test', 'support', 'network-guard.mjs'), join(ROOT, 'dist-sandbox', 'sandbox', 'demo.js'), ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          NO_COLOR: '1',
          CI: '1',
          LANG: 'en_US.UTF-8',
          NODE_OPTIONS: `--import ${join(ROOT, 'test', 'support', 'network-guard.mjs')}`,
          ...extraEnv,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const SECRETS = [
  'sandbox-Atendimento-2026',
  'Financeiro@2019',
  'tactiumsandboxok',
  'sbx~Demo-Client-Secret-Not-Real-000001',
  'sbx~Demo-Client-Secret-Not-Real-000002',
  'GOCSPX-sbx-Demo-Google-Secret-Not-Real-1',
  '1//0sbx-Demo-Google-Refresh-Token-Not-Real-000001',
  '1//0sbx-Demo-Google-Refresh-Token-Not-Real-000002',
];

describe('npm run demo', () => {
  it('opens with which accounts are ready and which are not, and points at the full report of a broken one', async () => {
    const result = await runDemo(['--lang', 'en']);
    expect(result.stderr).toContain('demo: OK');
    expect(result.code).toBe(0);
    // Every healthy account exits 0 and every broken one 1: the demo says which, in that order.
    expect(result.stderr).toContain(
      '"saudavel", "office365-app", "gmail-oauth", "gmail-senha-de-app" passed (exit 0); "com-erros", "office365-app-erros", "gmail-erros" failed as they should (exit 1)',
    );
    // The short view: one headline per account with its verdict, then the fleet view — a first screen, not
    // a thousand lines.
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(result.stdout).toMatch(/^saudavel · IMAP\/POP3 \+ SMTP · ✔ ready · pass \d+/m);
    expect(result.stdout).toMatch(/^office365-app · Office 365 \/ Exchange Online · ▲ ready with warnings · /m);
    expect(result.stdout).toMatch(/^gmail-oauth · Gmail \/ Google Workspace · ✔ ready · /m);
    expect(result.stdout).toMatch(/^gmail-senha-de-app · Gmail \/ Google Workspace · ✔ ready · /m);
    expect(result.stdout).toMatch(/^com-erros · Office 365 \/ Exchange Online · ✖ not ready · pass \d+ · .*\bfail \d+/m);
    // Its domain's mail goes to Google: dns.mx warns.
    expect(result.stdout).toMatch(/^com-erros · .*\bwarn 1\b/m);
    expect(result.stdout).toMatch(/^office365-app-erros · Office 365 \/ Exchange Online · ✖ not ready · /m);
    expect(result.stdout).toMatch(/^gmail-erros · Gmail \/ Google Workspace · ✖ not ready · /m);
    expect(result.stdout).toContain('Verdict: ✖ not ready · accounts ready: 4 of 7');
    expect(result.stdout).toMatch(/^ {2}✖ com-erros +not ready +fail \d+/m);
    expect(result.stdout).not.toContain('How to fix');
    expect(result.stdout).toContain('  npm run demo -- --account com-erros --lang en\n');
    for (const value of SECRETS) {
      expect(result.stdout).not.toContain(value);
      expect(result.stderr).not.toContain(value);
    }
  }, 120_000);

  it('shows the full report of the accounts asked for: the healthy ones pass, the broken ones fail with fixes, on loopback only', async () => {
    const accounts = 'office365-app,gmail-oauth,gmail-senha-de-app,com-erros,office365-app-erros,gmail-erros';
    const result = await runDemo(['--lang', 'en', '--verbose', '--account', accounts], { COLUMNS: '200' });
    expect(result.stderr).toContain('demo: OK');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('com-erros');
    expect(result.stdout).toContain('How to fix');
    expect(result.stdout).toContain('587');
    // Office 365 with OAuth against the Entra ID stand-in: the healthy app passes, the broken one is told
    // which Object ID Exchange needs; the client secrets never show.
    expect(result.stdout).toMatch(/office365-app · Office 365/);
    expect(result.stdout).toMatch(/office365-app-erros · Office 365/);
    expect(result.stdout).toContain('ENTRA_OBJECT_ID_MISMATCH');
    expect(result.stdout).toContain('New-ServicePrincipal -AppId 3c8e5d0f-1e2b-4f4c-8d6e-7a9b2c3d4e5f -ObjectId 6d9c1b3a-2e4f-4c6b-8a0d-9f8e7d6c5b4a');
    expect(result.stdout).toContain('Logged in to 127.0.0.1 as suporte@demo.tactium.test with AUTH XOAUTH2');
    // dns.mx against the sandbox's DNS: the Office 365 app's domain receives at Exchange Online (and is
    // verified in its tenant); com-erros says Office 365 while its domain's mail goes to Google.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'mail for demo.tactium.test is received by Microsoft 365 (Exchange Online) (demo-tactium-test.mail.protection.outlook.com)',
    );
    expect(result.stdout).toContain('DNS_MX_GOOGLE');
    // Gmail with Google OAuth against the token stand-in: the healthy grant's access token logs in to IMAP
    // and SMTP; the revoked one is refused with invalid_grant and the Google Account fix.
    expect(result.stdout).toMatch(/gmail-oauth · Gmail/);
    expect(result.stdout).toMatch(/gmail-erros · Gmail/);
    expect(result.stdout).toContain('Logged in to 127.0.0.1 as sac@demo.tactium.test with AUTH XOAUTH2');
    expect(result.stdout).toContain('GOOGLE_INVALID_GRANT');
    expect(result.stdout).toContain('https://myaccount.google.com/connections');
    // Gmail with an app password over POP3: its shape (16 letters) and the POP3 and SMTP logins pass.
    expect(result.stdout).toMatch(/gmail-senha-de-app · Gmail/);
    for (const value of SECRETS) {
      expect(result.stdout).not.toContain(value);
      expect(result.stderr).not.toContain(value);
    }
  }, 120_000);
});
