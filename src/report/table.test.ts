import { describe, expect, it } from '@jest/globals';
import { Chalk } from 'chalk';
import { msg, createTranslator } from '../i18n/index.js';
import type { ReportedCheck, RunReport } from './model.js';
import { renderOverview, renderTable, type TableOptions } from './table.js';
import { CANARY, CANARY_BASE64, SPACED_CANARY, CONSENT_URL, LONG_COMMAND, richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');
const pt = createTranslator('pt-BR');
const plain: TableOptions = { chalk: null, symbols: 'unicode', trace: false, verbose: false };
const ANSI = /\x1b\[/;

/** The lines of one account's block: from its headline to the next blank line. */
function block(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${name} `));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

function check(fields: Partial<ReportedCheck> & Pick<ReportedCheck, 'id' | 'status'>): ReportedCheck {
  const area = fields.id.slice(0, fields.id.indexOf('.')) as ReportedCheck['area'];
  return {
    area,
    title: 'area.entra',
    code: null,
    reason: null,
    summary: msg('status.pass'),
    evidence: [],
    remediation: [],
    durationMs: 0,
    trace: [],
    ...fields,
  };
}

const ADMIN_COMMAND = 'tactium-preflight check cliente.yaml --admin --only entra --account atendimento';

/** An Office 365 account whose directory checks wait for --admin (some through a dependency) and its mailbox for --login. */
function signInReport(): RunReport {
  const needsDirectory = { status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE', reason: msg('needs.admin'), summary: msg('needs.admin') } as const;
  const command = ADMIN_COMMAND;
  return richReport({
    accounts: [
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          check({ id: 'entra.tenant', status: 'pass' }),
          check({ id: 'entra.credentials', status: 'pass' }),
          check({
            id: 'entra.app',
            ...needsDirectory,
            evidence: [{ label: 'evidence.error', value: 'AADSTS500011' }],
            remediation: [
              { kind: 'command', message: msg('needs.admin'), target: command },
              { kind: 'portal', message: msg('needs.network'), target: 'https://entra.microsoft.com' },
            ],
          }),
          check({ id: 'entra.secret-expiry', ...needsDirectory, remediation: [{ kind: 'command', message: msg('needs.admin'), target: command }] }),
          check({
            id: 'entra.permissions',
            status: 'skip',
            code: 'DEPENDENCY_NOT_MET',
            reason: msg('skip.dependency', { dependency: 'entra.app', status: 'skip' }),
            summary: msg('skip.dependency', { dependency: 'entra.app', status: 'skip' }),
          }),
          check({ id: 'entra.redirect-uri', status: 'skip', code: 'NOT_APPLICABLE', reason: msg('skip.notApplicable'), summary: msg('skip.notApplicable') }),
          check({ id: 'smtp.connect', status: 'pass' }),
          check({ id: 'smtp.auth', status: 'pass' }),
          check({ id: 'exchange.mailbox-access', status: 'skip', code: 'LOGIN_REQUIRED', reason: msg('needs.login'), summary: msg('needs.login') }),
        ],
      },
    ],
  });
}

describe('renderTable', () => {
  it('opens each account with its name, provider, verdict and counts, then one line per area that passed and per other check', () => {
    const text = renderTable(richReport(), en, { ...plain, width: 160 });
    const first = block(text, 'atendimento');
    expect(first[0]).toBe('atendimento · Office 365 / Exchange Online · ✖ not ready · pass 1 · fail 1 · error 1 · not applicable 1');
    expect(first[1]).toMatch(/^ {2}✔ config +secrets-inline$/);
    expect(first[2]).toMatch(/^ {2}✖ smtp\.tls +skipped because smtp\.connect did not pass \(fail\)$/);
    expect(first[3]).toMatch(/^ {2}‼ entra\.credentials +this check failed unexpectedly \(boom \| bang\\nat line 2\)/);
    // The check that does not apply is not a row: one line counts it.
    expect(first[4]).toBe('  ○ checks that do not apply to this account: 1 (--verbose lists them)');
    expect(first).toHaveLength(5);
    expect(text).not.toMatch(/entra\.app/);
    const second = block(text, 'suporte');
    expect(second[0]).toBe('suporte · Gmail / Google Workspace · ▲ ready with warnings · pass 1 · warn 1 · skip 2');
    expect(second.slice(1).map((line) => line.trim().split(/ +/).slice(0, 2).join(' '))).toEqual([
      '✔ dns',
      '▲ config.smtp-port',
      '○ entra.admin-user',
      '○ gmail.credentials',
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('ends with one line per account and the run verdict, then the counts, the time and where it was verified from', () => {
    const text = renderTable(richReport(), en, plain);
    expect(text).toMatch(
      /\nVerdict: ✖ not ready · accounts ready: 1 of 2\n {2}✖ atendimento +not ready +fail 1 · error 1\n {2}▲ suporte +ready with warnings +warn 1 · skip 2\nSummary: /,
    );
    const flat = text.replace(/\n +/g, ' ');
    expect(flat).toContain('Summary: pass 2 · warn 1 · fail 1 · skip 2 · error 1 · not applicable 1 · total 8 in 12.3 s');
    expect(flat).toContain('Verified from: notebook-ti (192.168.0.10, fe80::1) · win32 x64 · 2025-06-02T12:00:12.345Z');
    expect(flat).toContain('through proxy http://[redacted]@proxy.contoso.local:3128');
    expect(text).not.toContain('proxypass');
    expect(text).not.toContain('interrupted (');
  });

  it('groups the checks left for --admin and --login into one note each, with the command, and no fix each', () => {
    const text = renderTable(signInReport(), en, { ...plain, width: 120 });
    const lines = block(text, 'atendimento');
    expect(lines[0]).toBe('atendimento · Office 365 / Exchange Online · ▲ ready with warnings · pass 4 · skip 4 · not applicable 1');
    expect(lines).toContain('  ✔ entra  tenant · credentials');
    expect(lines).toContain('  ✔ smtp   connect · auth');
    const admin = lines.findIndex((line) => line.includes('not verified — run with --admin'));
    expect(lines.slice(admin).join('\n').replace(/\n +/g, ' ')).toContain(
      '○ not verified — run with --admin to read the app registration, its secret, consent, roles and the mailbox entra.app · entra.secret-expiry · entra.permissions tactium-preflight check cliente.yaml --admin --only entra --account atendimento ○ not verified — run with --login',
    );
    expect(lines.join('\n')).toMatch(/--login[^\n]*\n(.*\n)? {6}exchange\.mailbox-access\n/);
    // The command once, and none of the three has a row or a "How to fix".
    expect(text.split('--admin --only entra').length - 1).toBe(1);
    expect(text).not.toContain('How to fix');
    expect(text).not.toMatch(/^ {2}○ entra\./m);
    // --verbose keeps the other ways to fix it, under "Details".
    const verbose = renderTable(signInReport(), en, { ...plain, verbose: true });
    expect(verbose).toMatch(/Details\n\n {2}○ entra\.app · /);
    expect(verbose).toContain('https://entra.microsoft.com');
  });

  it('lists every check on its own line and the ones that do not apply with --verbose', () => {
    const text = renderTable(richReport(), en, { ...plain, verbose: true });
    expect(text).toMatch(/^ {2}✔ config\.secrets-inline +pass$/m);
    expect(text).toMatch(/checks that do not apply to this account: 1\n {6}entra\.app +not applicable to this account\n/);
    expect(text).toContain('pass-evidence-value');
    expect(text).toContain('Duration: 250 ms');
  });

  it('prints no ANSI code at all without a chalk instance, even when a server reply carries one', () => {
    const text = renderTable(richReport(), en, { ...plain, trace: true, verbose: true });
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\u001b');
    // The hostile reply's escape is shown, not executed.
    expect(text).toContain('\\x1b[31mrejected');
  });

  it('colours the symbols and the verdicts with the chalk passed in', () => {
    const text = renderTable(richReport(), en, { ...plain, chalk: new Chalk({ level: 1 }) });
    expect(text).toMatch(ANSI);
    expect(text).toContain('\u001b[32m✔'); // green
    expect(text).toContain('\u001b[33m▲'); // yellow
    expect(text).toContain('\u001b[31m✖'); // red
    expect(text).toContain('\u001b[90m○'); // grey
    expect(text).toContain('\u001b[35m‼'); // magenta
    expect(text).toMatch(/\u001b\[31m✖ not ready/);
  });

  it('uses only ASCII symbols with ascii symbols, and cuts details with three dots', () => {
    const text = renderTable(richReport(), en, { ...plain, symbols: 'ascii', width: 60 });
    expect(text).not.toMatch(/[✔▲✖○‼•·…]/);
    expect(text).toMatch(/^ {2}\[xx\] smtp\.tls +skipped because/m);
    expect(text).toMatch(/^ {2}\[ER\] entra\.credentials +this check [^\n]*\.\.\.$/m);
    expect(text).toContain('atendimento - Office 365 / Exchange Online - [xx] not ready');
  });

  it('gives "How to fix" to fail, warn and error only: code, evidence, numbered steps, commands and URLs whole on their own line', () => {
    const text = renderTable(richReport(), en, plain);
    const fix = text.slice(text.indexOf('How to fix'));
    expect(fix).toContain('✖ smtp.tls · Outgoing mail (SMTP)');
    expect(fix).toContain('Code: TLS_CERT_EXPIRED');
    expect(fix).toMatch(/Evidence\n +• error: 535 5\.7\.3 Authentication unsuccessful/);
    expect(fix).toMatch(/1\. Microsoft Entra ID\n +2\. an administrator sign-in \(--admin\)\n/);
    const lines = text.split('\n');
    expect(lines).toContain(`           ${LONG_COMMAND}`);
    expect(lines).toContain(`           ${CONSENT_URL}`);
    expect(fix).toContain('4. network access to the servers');
    expect(fix).toContain('‼ entra.credentials · ');
    expect(fix).toContain('▲ config.smtp-port · ');
    // No skip gets an entry, even one with steps.
    expect(fix).not.toContain('entra.app ·');
    expect(fix).not.toContain('entra.admin-user ·');
    // Passing checks are not listed without --verbose.
    expect(text).not.toContain('pass-evidence-value');
  });

  it('fits every line in the width except unbreakable tokens, at 80, 100 and 160 columns', () => {
    for (const width of [80, 100, 160]) {
      for (const options of [plain, { ...plain, verbose: true }, { ...plain, symbols: 'ascii' as const }]) {
        for (const report of [richReport(), signInReport()]) {
          const lines = renderTable(report, en, { ...options, width }).split('\n');
          const tooLong = lines.filter(
            (line) => line.length > width && !line.includes(LONG_COMMAND) && !line.includes(CONSENT_URL) && !line.includes(ADMIN_COMMAND),
          );
          expect([width, tooLong]).toEqual([width, []]);
        }
      }
    }
    // A wider terminal is used: the detail is cut later.
    const detail = (width: number) =>
      renderTable(richReport(), en, { ...plain, width })
        .split('\n')
        .find((line) => line.includes('entra.credentials  '))!;
    expect(detail(80).length).toBeLessThanOrEqual(80);
    expect(detail(80).endsWith('…')).toBe(true);
    expect(detail(160).length).toBeGreaterThan(80);
  });

  it('prints each transcript with timestamps and direction markers with --trace, and none without', () => {
    const traced = renderTable(richReport(), en, { ...plain, trace: true });
    expect(traced).toMatch(/Transcript\n +\+0\.000s S: +220 smtp\.example\.test ESMTP\n +\+0\.003s C: +EHLO notebook-ti\n +\+0\.012s TLS TLSv1\.3/);
    expect(traced).toMatch(/\+0\.031s -- +connection closed/);
    // A passing check's transcript is under "Details".
    expect(traced).toMatch(/Details\n\n {2}✔ config\.secrets-inline · Configuration[\s\S]*pass-trace-line/);
    const untraced = renderTable(richReport(), en, plain);
    expect(untraced).not.toContain('EHLO');
    expect(untraced).not.toContain('Transcript');
  });

  it('says clearly that the run was interrupted and what finished', () => {
    const text = renderTable(richReport({ interrupted: 'SIGINT' }), en, plain);
    expect(text.replace(/\s+/g, ' ')).toContain('The run was interrupted (SIGINT): 7 of 8 checks finished; the others were not run and appear as "skip".');
  });

  it('renders in Brazilian Portuguese', () => {
    const text = renderTable(richReport({ interrupted: 'SIGTERM' }), pt, { ...plain, width: 160 });
    expect(text).toContain('atendimento · Office 365 / Exchange Online · ✖ não está pronto · ok 1 · falha 1 · erro 1 · não se aplica 1');
    expect(text).toContain('verificações que não se aplicam a esta conta: 1 (--verbose as lista)');
    expect(text).toContain('Como corrigir');
    expect(text).toContain('Evidências');
    expect(text).toContain('Passos');
    expect(text).toContain('Código: TLS_CERT_EXPIRED');
    expect(text).toContain('Veredito: ✖ não está pronto · contas prontas: 1 de 2');
    expect(text.replace(/\n +/g, ' ')).toContain('Resumo: ok 2 · aviso 1 · falha 1 · pulado 2 · erro 1 · não se aplica 1 · total de 8 em 12,3 s');
    expect(text).toContain('Verificado a partir de: notebook-ti');
    expect(text).toContain('via proxy');
    expect(text.replace(/\s+/g, ' ')).toContain('A execução foi interrompida (SIGTERM): 7 de 8 verificações terminaram');
    expect(renderTable(signInReport(), pt, plain)).toContain('não verificado — rode com --admin');
  });

  it('removes a registered secret from evidence and transcripts, also when wrapping or cutting would split it', () => {
    for (const options of [plain, { ...plain, trace: true, verbose: true }, { ...plain, chalk: new Chalk({ level: 3 }), trace: true }]) {
      const text = renderTable(richReport(), en, options);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY_BASE64);
      expect(text).toContain('[redacted]');
    }
    const leaky = richReport();
    const reason = msg('error.unexpected', { message: `login with ${SPACED_CANARY} and ${CANARY} refused by the server` });
    const account = {
      ...leaky.accounts[0]!,
      name: `atendimento ${CANARY}`,
      checks: leaky.accounts[0]!.checks.map((item) => (item.status === 'error' ? { ...item, reason, summary: reason } : item)),
    };
    for (let width = 40; width <= 160; width++) {
      for (const verbose of [false, true]) {
        const text = renderTable({ ...leaky, accounts: [account] }, en, { ...plain, width, verbose });
        const flat = text.replace(/\s+/g, ' ');
        expect([width, flat.includes(SPACED_CANARY), text.includes(CANARY), text.includes(CANARY.slice(0, 10))]).toEqual([width, false, false, false]);
      }
    }
  });

  it('says so when an account has no checks', () => {
    const report = richReport();
    const text = renderTable({ ...report, accounts: [{ name: 'vazia', provider: 'imap', checks: [] }] }, pt, plain);
    expect(text).toContain('vazia · IMAP/POP3 + SMTP · ○ não verificado\n  Nenhuma verificação foi executada para esta conta.');
    expect(text).toContain('total de 0 em 12,3 s');
  });
});

describe('renderOverview', () => {
  it('prints each headline and the fleet view from the statuses and codes alone', () => {
    const accounts = richReport().accounts.map((account) => ({
      name: account.name,
      provider: account.provider,
      checks: account.checks.map((item) => ({ status: item.status, code: item.code })),
    }));
    const text = renderOverview(accounts, en, { chalk: null, symbols: 'unicode', width: 120 });
    expect(text.split('\n')).toEqual([
      'atendimento · Office 365 / Exchange Online · ✖ not ready · pass 1 · fail 1 · error 1 · not applicable 1',
      'suporte · Gmail / Google Workspace · ▲ ready with warnings · pass 1 · warn 1 · skip 2',
      '',
      'Verdict: ✖ not ready · accounts ready: 1 of 2',
      '  ✖ atendimento  not ready            fail 1 · error 1',
      '  ▲ suporte      ready with warnings  warn 1 · skip 2',
      '',
    ]);
  });
});
