/**
 * A hand-built RunReport with everything a reporter must handle: two accounts, every status, evidence,
 * every remediation kind, a transcript, a hostile server reply (terminal escape, pipe, newline), a long
 * detail and command, and a registered canary Secret whose value is put — on purpose — inside an evidence
 * value and a transcript line, so that the reporters' scrub layer is what keeps it out of the output.
 */
import type { ReportedCheck, RunReport } from '../../src/report/model.js';
import { msg } from '../../src/i18n/index.js';
import { Secret } from '../../src/secrets/secret.js';

export const CANARY = 'hunter2-canary-XYZ';
// Registers the value with the process-wide redactor, as the config loader does for every secret.
export const canarySecret = new Secret(CANARY, 'env', '${env:TEST_CANARY}');

/** A pass phrase with spaces: word wrapping could split it across lines, past a final scrub of the text. */
export const SPACED_CANARY = 'open sesame canary phrase 42';
export const spacedCanarySecret = new Secret(SPACED_CANARY, 'prompt');

export const LONG_COMMAND =
  'Set-CASMailbox -Identity "atendimento@contoso.com.br" -SmtpClientAuthenticationDisabled $false -ImapEnabled $true -PopEnabled $false -ActiveSyncEnabled $false';
export const CONSENT_URL =
  'https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c&redirect_uri=https%3A%2F%2Fcrm.example.com%2Foauth%2Fcallback';
export const HOSTILE_REPLY = '554 5.7.1 \u001b[31mrejected\u001b[0m | see\nhttps://aka.ms/smtp';
/** base64("\0atendimento\0" + canary), as an AUTH PLAIN line would carry it. */
export const CANARY_BASE64 = Buffer.from(`\u0000atendimento\u0000${CANARY}`).toString('base64');

function check(fields: Partial<ReportedCheck> & Pick<ReportedCheck, 'id' | 'area' | 'title' | 'status' | 'summary'>): ReportedCheck {
  return { code: null, reason: null, evidence: [], remediation: [], durationMs: 0, trace: [], ...fields };
}

export function richReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    tool: { name: 'tactium-preflight', version: '0.1.0' },
    startedAt: '2025-06-02T12:00:00.000Z',
    durationMs: 12_345,
    verifiedFrom: {
      hostname: 'notebook-ti',
      addresses: ['192.168.0.10', 'fe80::1'],
      platform: 'win32 x64',
      proxy: 'http://proxyuser:proxypass@proxy.contoso.local:3128',
      at: '2025-06-02T12:00:12.345Z',
    },
    interrupted: null,
    accounts: [
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          check({
            id: 'config.secrets-inline',
            area: 'config',
            title: 'area.config',
            status: 'pass',
            summary: msg('status.pass'),
            evidence: [{ label: 'evidence.error', value: 'pass-evidence-value' }],
            durationMs: 1,
            trace: [{ atMs: 0, direction: 'info', text: 'pass-trace-line' }],
          }),
          check({
            id: 'smtp.tls',
            area: 'smtp',
            title: 'area.smtp',
            status: 'fail',
            code: 'TLS_CERT_EXPIRED',
            summary: msg('skip.dependency', { dependency: 'smtp.connect', status: 'fail' }),
            evidence: [
              { label: 'evidence.error', value: `535 5.7.3 Authentication unsuccessful ${CANARY}` },
              { label: 'evidence.stack', value: HOSTILE_REPLY },
              { label: 'evidence.error', value: `AUTH LOGIN rejected for the pass phrase ${SPACED_CANARY} after 3 s` },
            ],
            remediation: [
              { kind: 'portal', message: msg('area.entra') },
              { kind: 'command', message: msg('needs.admin'), target: LONG_COMMAND },
              { kind: 'url', message: msg('needs.login'), target: CONSENT_URL },
              { kind: 'text', message: msg('needs.network') },
            ],
            durationMs: 250,
            trace: [
              { atMs: 0, direction: 'server', text: '220 smtp.example.test ESMTP' },
              { atMs: 3, direction: 'client', text: 'EHLO notebook-ti' },
              { atMs: 12, direction: 'tls', text: 'TLSv1.3 TLS_AES_256_GCM_SHA384' },
              { atMs: 20, direction: 'client', text: `AUTH PLAIN ${CANARY_BASE64}` },
              { atMs: 31, direction: 'info', text: 'connection closed' },
            ],
          }),
          check({
            id: 'entra.app',
            area: 'entra',
            title: 'area.entra',
            status: 'skip',
            code: 'NOT_APPLICABLE',
            reason: msg('skip.notApplicable'),
            summary: msg('skip.notApplicable'),
          }),
          check({
            id: 'entra.credentials',
            area: 'entra',
            title: 'area.entra',
            status: 'error',
            code: 'CHECK_CRASHED',
            reason: msg('error.unexpected', { message: 'boom | bang\nat line 2' }),
            summary: msg('error.unexpected', { message: 'boom | bang\nat line 2' }),
            evidence: [{ label: 'evidence.error', value: 'boom' }],
            durationMs: 40,
          }),
        ],
      },
      {
        name: 'suporte',
        provider: 'gmail',
        checks: [
          check({ id: 'dns.incoming', area: 'dns', title: 'area.dns', status: 'pass', summary: msg('status.pass'), durationMs: 8 }),
          check({
            id: 'config.smtp-port',
            area: 'config',
            title: 'area.config',
            status: 'warn',
            code: 'SMTP_PORT_25',
            summary: msg('needs.network'),
            evidence: [{ label: 'evidence.error', value: 'smtp.gmail.com:25' }],
            remediation: [{ kind: 'text', message: msg('needs.sendTo') }],
            durationMs: 2,
          }),
          check({
            id: 'entra.admin-user',
            area: 'entra',
            title: 'area.entra',
            status: 'skip',
            code: 'NEEDS_ADMIN',
            reason: msg('needs.admin'),
            summary: msg('needs.admin'),
            remediation: [{ kind: 'text', message: msg('needs.admin') }],
          }),
          check({
            id: 'gmail.credentials',
            area: 'gmail',
            title: 'area.gmail',
            status: 'skip',
            code: 'INTERRUPTED',
            reason: msg('skip.interrupted'),
            summary: msg('skip.interrupted'),
          }),
        ],
      },
    ],
    ...overrides,
  };
}
