/**
 * The handoff sheet on paper: printed to PDF by headless Chromium (as "Save as PDF" does) and its pages
 * counted. One account without the technician's appendix is one A4 page even when everything about it
 * failed; seven accounts stay a few pages per account, appendix included. Chromium is required, not
 * optional: CI installs it through scripts/ensure-test-servers.mjs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckSketch } from '../support/handoff-report.js';
import { reportJson } from '../support/handoff-report.js';
import { findChromium, pdfPages, printToPdf } from '../support/chromium.js';
import { runCli } from '../support/run-cli.js';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-sheet-pages-'));
  findChromium();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const GUID = (n: number) => `${String(n).repeat(8).slice(0, 8)}-0d4e-4f5a-8b6c-7d8e9f0a1b2c`;

/** An Office 365 delegated account: the longest list of items a sheet has (19). */
function officeAccount(name: string, n: number): string {
  return [
    `  - name: ${name}`,
    '    provider: office365',
    `    mailbox: ${name}@contoso-comercio-e-servicos.com.br`,
    '    auth:',
    '      method: oauth2',
    '      flow: delegated',
    `      tenantId: ${GUID(n)}`,
    `      clientId: ${GUID(n + 1)}`,
    `      objectId: ${GUID(n + 2)}`,
    `      secretId: ${GUID(n + 3)}`,
    '      clientSecret: ${env:TACTIUM_CLIENT_SECRET}',
    '      secretExpiresOn: 2027-05-31',
    '      redirectUri: https://crm.contoso-comercio-e-servicos.com.br/oauth/callback',
    `      username: usuario.${name}@contoso-comercio-e-servicos.com.br`,
    '    admin:',
    '      user: administrador.ti@contoso-comercio-e-servicos.com.br',
  ].join('\n');
}

function gmailAccount(name: string): string {
  return [
    `  - name: ${name}`,
    '    provider: gmail',
    `    mailbox: ${name}@exemplo-industria.com.br`,
    '    auth:',
    '      method: oauth2',
    '      clientId: 123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com',
    '      clientSecret: ${env:GOOGLE_CLIENT_SECRET}',
    '      refreshToken: ${env:GOOGLE_REFRESH_TOKEN}',
    '    admin:',
    '      user: ti@exemplo-industria.com.br',
  ].join('\n');
}

function imapAccount(name: string): string {
  return [
    `  - name: ${name}`,
    '    provider: imap',
    `    mailbox: ${name}@loja-exemplo.com.br`,
    '    auth: { method: password, username: contato, password: "${env:TACTIUM_CLIENT_SECRET}" }',
    '    incoming: { protocol: imap, host: mail.loja-exemplo.com.br, port: 993, security: tls }',
    '    outgoing: { host: smtp.loja-exemplo.com.br, port: 587, security: starttls }',
  ].join('\n');
}

const POWERSHELL = [
  'Install-Module -Name ExchangeOnlineManagement -Scope CurrentUser',
  'Connect-ExchangeOnline -UserPrincipalName administrador.ti@contoso-comercio-e-servicos.com.br',
  'New-ServicePrincipal -AppId 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c -ObjectId 9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a -DisplayName "Tactium CRM"',
  'Add-MailboxPermission -Identity "atendimento@contoso-comercio-e-servicos.com.br" -User 9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a -AccessRights FullAccess',
].join('\n');

/** These checks failing, each with a server reply as evidence and a fix with commands; the others passing. */
function failing(ids: readonly string[], code: string, passing: readonly string[] = []): CheckSketch[] {
  const passed = passing.filter((id) => !ids.includes(id)).map((id): CheckSketch => ({ id, status: 'pass', summary: `${id}: fine` }));
  return passed.concat(
    ids.map((id) => ({
      id,
      status: 'fail',
      code,
      summary: `${id}: the server refused the request; see the evidence for its exact reply and the steps below for the fix`,
      evidence: [
        { label: 'server reply', value: '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.' },
        { label: 'transcript', value: 'S: 220 ready\nC: EHLO preflight\nS: 250-AUTH XOAUTH2\nC: AUTH XOAUTH2 [redacted]\nS: 535 5.7.139 refused' },
      ],
      remediation: [
        { kind: 'text', text: 'An administrator runs these commands in Windows PowerShell, then runs the check again.', target: null },
        { kind: 'command', text: 'Exchange Online PowerShell', target: POWERSHELL },
        {
          kind: 'url',
          text: 'Grant admin consent',
          target: 'https://login.microsoftonline.com/common/adminconsent?client_id=6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
        },
      ],
    })),
  );
}

const OFFICE_CHECKS = [
  'config.smtp-port',
  'dns.incoming',
  'dns.outgoing',
  'entra.tenant',
  'entra.credentials',
  'entra.app',
  'entra.object-id',
  'entra.secret-expiry',
  'entra.redirect-uri',
  'entra.permissions',
  'entra.exchange-roles',
  'entra.admin-consent',
  'entra.admin-user',
  'entra.mailbox',
  'exchange.mailbox-access',
  'incoming.connect',
  'incoming.tls',
  'incoming.auth',
  'smtp.connect',
  'smtp.tls',
  'smtp.auth',
  'smtp.send',
];
const MAIL_CHECKS = ['dns.incoming', 'dns.outgoing', 'incoming.connect', 'incoming.tls', 'incoming.auth', 'smtp.connect', 'smtp.tls', 'smtp.auth', 'smtp.send'];

const env = { TACTIUM_CLIENT_SECRET: 'x', GOOGLE_CLIENT_SECRET: 'x', GOOGLE_REFRESH_TOKEN: 'x' };

/** Writes the YAML and the saved report, makes the sheet with the built tool, prints it; its page count. */
async function pagesOf(
  label: string,
  accounts: Array<{ yaml: string; name: string; provider: 'office365' | 'gmail' | 'imap'; checks: CheckSketch[] }>,
  flags: string[],
) {
  const config = join(directory, `${label}.yaml`);
  writeFileSync(config, ['version: 1', 'customer: Contoso Comércio e Serviços Ltda.', 'accounts:', ...accounts.map((account) => account.yaml), ''].join('\n'));
  const saved = join(directory, `${label}.json`);
  writeFileSync(saved, JSON.stringify(reportJson(accounts.map(({ name, provider, checks }) => ({ name, provider, checks })))));
  const html = join(directory, `${label}.html`);
  const result = await runCli(['report', config, '--from', saved, '--format', 'html', '--output', html, ...flags], { env });
  expect([result.code, result.stderr]).toEqual([1, expect.any(String)]);
  const pdf = join(directory, `${label}.pdf`);
  printToPdf(html, pdf, directory);
  return pdfPages(pdf);
}

describe('the handoff sheet printed to PDF', () => {
  it('one account with everything failing is one A4 page without the appendix', async () => {
    const account = {
      yaml: officeAccount('atendimento', 1),
      name: 'atendimento',
      provider: 'office365' as const,
      checks: failing(OFFICE_CHECKS, 'AUTH_REJECTED'),
    };
    const printed = await pagesOf('one', [account], ['--no-appendix', '--technician', 'Rafael Lima']);
    // A4 is 595 × 842 points (the sheet's own @page rule; Chromium's default would be Letter, 612 × 792).
    expect(printed).toEqual({ pages: 1, width: 595, height: 842 });
    // The appendix starts on a page of its own, after which the sign-off still follows.
    expect((await pagesOf('one-appendix', [account], [])).pages).toBeGreaterThan(1);
  }, 120_000);

  it('seven accounts, each with a few failures, take a page each without the appendix, and a few each with it', async () => {
    const accounts = [
      ...['atendimento', 'vendas', 'financeiro', 'compras'].map((name, index) => ({
        yaml: officeAccount(name, index + 1),
        name,
        provider: 'office365' as const,
        checks: failing(['entra.object-id', 'exchange.mailbox-access', 'smtp.auth'], 'AUTH_REJECTED', OFFICE_CHECKS),
      })),
      ...['suporte', 'marketing'].map((name) => ({
        yaml: gmailAccount(name),
        name,
        provider: 'gmail' as const,
        checks: failing(['gmail.credentials'], 'GOOGLE_INVALID_GRANT', MAIL_CHECKS),
      })),
      { yaml: imapAccount('loja'), name: 'loja', provider: 'imap' as const, checks: failing(['incoming.auth', 'smtp.auth'], 'AUTH_REJECTED', MAIL_CHECKS) },
    ];
    const brief = await pagesOf('seven', accounts, ['--no-appendix']);
    expect(brief.pages).toBeGreaterThanOrEqual(4);
    expect(brief.pages).toBeLessThanOrEqual(7);
    const full = await pagesOf('seven-appendix', accounts, []);
    expect(full.pages).toBeGreaterThan(brief.pages);
    expect(full.pages).toBeLessThanOrEqual(21);
  }, 180_000);
});
