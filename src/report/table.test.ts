import { describe, expect, it } from '@jest/globals';
import { Chalk } from 'chalk';
import { createTranslator } from '../i18n/index.js';
import { renderTable, type TableOptions } from './table.js';
import { CANARY, CANARY_BASE64, SPACED_CANARY, CONSENT_URL, LONG_COMMAND, richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');
const pt = createTranslator('pt-BR');
const plain: TableOptions = { chalk: null, symbols: 'unicode', trace: false, verbose: false };
const ANSI = /\x1b\[/;

/** The rows of the check table: lines that start with the indent and a status cell. */
function rows(text: string): string[] {
  return text.split('\n').filter((line) => /^ {2}(\S+) +(pass|warn|fail|skip|error|ok|aviso|falha|pulado|erro) /.test(line));
}

describe('renderTable', () => {
  it('prints one block per account with one row per check: symbol, word, id, title, detail', () => {
    const text = renderTable(richReport(), en, plain);
    expect(text).toContain('atendimento · Office 365 / Exchange Online');
    expect(text).toContain('suporte · Gmail / Google Workspace');
    const tableRows = rows(text);
    expect(tableRows).toHaveLength(8);
    expect(tableRows[0]).toMatch(/^ {2}✔ pass +config\.secrets-inline +Configuration +pass$/);
    expect(tableRows[1]).toMatch(/^ {2}✖ fail +smtp\.tls +Outgoing mail \(SMTP\) +skipped because smtp\.connect did not/);
    expect(tableRows[2]).toMatch(/○ skip +entra\.app +Microsoft Entra ID +not applicable to this account$/);
    expect(tableRows[3]).toMatch(/‼ error +entra\.credentials/);
    expect(tableRows[5]).toMatch(/▲ warn +config\.smtp-port/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('prints no ANSI code at all without a chalk instance, even when a server reply carries one', () => {
    const text = renderTable(richReport(), en, { ...plain, trace: true, verbose: true });
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\u001b');
    // The hostile reply's escape is shown, not executed.
    expect(text).toContain('\\x1b[31mrejected');
  });

  it('colours the statuses with the chalk passed in', () => {
    const text = renderTable(richReport(), en, { ...plain, chalk: new Chalk({ level: 1 }) });
    expect(text).toMatch(ANSI);
    expect(text).toContain('\u001b[32m✔ pass'); // green
    expect(text).toContain('\u001b[33m▲ warn'); // yellow
    expect(text).toContain('\u001b[31m✖ fail'); // red
    expect(text).toContain('\u001b[90m○ skip'); // grey
    expect(text).toContain('\u001b[35m‼ error'); // magenta
  });

  it('uses only ASCII in the status column with ascii symbols', () => {
    const text = renderTable(richReport(), en, { ...plain, symbols: 'ascii' });
    const tableRows = rows(text);
    expect(tableRows).toHaveLength(8);
    for (const row of tableRows) {
      const statusColumn = row.slice(0, row.indexOf(' ', 8));
      expect(statusColumn).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(tableRows[1]).toMatch(/^ {2}\[xx\] fail /);
    expect(text).not.toMatch(/[✔▲✖○‼•·]/);
  });

  it('lists the remediation of each non-pass check: code, evidence, numbered steps, commands and URLs whole on their own line', () => {
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
    // A skip without anything to act on has no entry; one with steps (needs --admin) has.
    expect(fix).not.toContain('entra.app ·');
    expect(fix).toContain('○ entra.admin-user · Microsoft Entra ID');
    // Passing checks are not listed without --verbose.
    expect(text).not.toContain('pass-evidence-value');
  });

  it('wraps long details at the width and keeps every other line within it', () => {
    const width = 80;
    const text = renderTable(richReport(), en, { ...plain, width });
    const lines = text.split('\n');
    const tooLong = lines.filter((line) => line.length > width && !line.includes(LONG_COMMAND) && !line.includes(CONSENT_URL));
    expect(tooLong).toEqual([]);
    // At the default width the error's long reason continues under the detail column.
    const wide = renderTable(richReport(), en, plain).split('\n');
    const start = wide.findIndex((line) => line.includes('entra.credentials  '));
    expect(wide[start]!.length).toBeLessThanOrEqual(100);
    expect(wide[start + 1]).toMatch(/^ {60}bang/);
  });

  it('puts the detail under the row on a narrow terminal', () => {
    const text = renderTable(richReport(), en, { ...plain, width: 50 });
    expect(text).toMatch(/smtp\.tls +Outgoing mail \(SMTP\)\n {8,}skipped because/);
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

  it('shows the evidence of passing checks and durations with --verbose', () => {
    const text = renderTable(richReport(), en, { ...plain, verbose: true });
    expect(text).toContain('pass-evidence-value');
    expect(text).toContain('Duration: 250 ms');
  });

  it('ends with the counts per status, the total time and where it was verified from, proxy credentials removed', () => {
    const text = renderTable(richReport(), en, plain).replace(/\n +/g, ' ');
    expect(text).toContain('Summary: pass 2 · warn 1 · fail 1 · skip 3 · error 1 · total 8 in 12.3 s');
    expect(text).toContain('Verified from: notebook-ti (192.168.0.10, fe80::1) · win32 x64 · 2025-06-02T12:00:12.345Z');
    expect(text).toContain('through proxy http://[redacted]@proxy.contoso.local:3128');
    expect(text).not.toContain('proxypass');
    expect(text).not.toContain('interrupted (');
  });

  it('says clearly that the run was interrupted and what finished', () => {
    const text = renderTable(richReport({ interrupted: 'SIGINT' }), en, plain);
    expect(text.replace(/\s+/g, ' ')).toContain('The run was interrupted (SIGINT): 7 of 8 checks finished; the others were not run and appear as "skip".');
  });

  it('renders in Brazilian Portuguese', () => {
    const text = renderTable(richReport({ interrupted: 'SIGTERM' }), pt, plain);
    expect(text).toContain('✖ falha');
    expect(text).toContain('Como corrigir');
    expect(text).toContain('Evidências');
    expect(text).toContain('Passos');
    expect(text).toContain('Código: TLS_CERT_EXPIRED');
    expect(text).toContain('Resumo: ok 2 · aviso 1 · falha 1 · pulado 3 · erro 1 · total de 8 em 12,3 s');
    expect(text).toContain('Verificado a partir de: notebook-ti');
    expect(text).toContain('via proxy');
    expect(text.replace(/\s+/g, ' ')).toContain('A execução foi interrompida (SIGTERM): 7 de 8 verificações terminaram');
  });

  it('removes a registered secret from evidence and transcripts, also when wrapping would split it', () => {
    for (const options of [plain, { ...plain, trace: true, verbose: true }, { ...plain, chalk: new Chalk({ level: 3 }), trace: true }]) {
      const text = renderTable(richReport(), en, options);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY_BASE64);
      expect(text).toContain('[redacted]');
    }
    for (let width = 40; width <= 100; width++) {
      const text = renderTable(richReport(), en, { ...plain, width }).replace(/\s+/g, ' ');
      expect([width, text.includes(SPACED_CANARY)]).toEqual([width, false]);
    }
  });

  it('says so when an account has no checks', () => {
    const report = richReport();
    const text = renderTable({ ...report, accounts: [{ name: 'vazia', provider: 'imap', checks: [] }] }, pt, plain);
    expect(text).toContain('vazia · IMAP/POP3 + SMTP\n  Nenhuma verificação foi executada para esta conta.');
    expect(text).toContain('total de 0 em 12,3 s');
  });
});
