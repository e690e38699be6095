import { describe, expect, it } from '@jest/globals';
import { createTranslator, msg } from '../i18n/index.js';
import { renderMarkdown } from './markdown.js';
import { CANARY, CANARY_BASE64, CONSENT_URL, LONG_COMMAND, SPACED_CANARY, richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');
const pt = createTranslator('pt-BR');

/** Splits a GFM table row on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('renderMarkdown', () => {
  it('starts with a heading, the verdict of the run and of each account, then the summary counts', () => {
    const text = renderMarkdown(richReport(), en);
    expect(text.startsWith('# tactium-preflight report\n')).toBe(true);
    expect(text).toContain(
      '# tactium-preflight report\n\n**Verdict:** **✖ not ready** · accounts ready: 1 of 2\n\n- **✖ not ready** · atendimento\n- **▲ ready with warnings** · suporte\n\n**Summary:**',
    );
    expect(text).toContain('**Summary:** ✔ pass **2** · ▲ warn **1** · ✖ fail **1** · ○ skip **3** · ‼ error **1** · total 8 in 12.3 s');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes one table per account of the checks that apply, four cells a row, pipes and newlines escaped', () => {
    const text = renderMarkdown(richReport(), en);
    expect(text).toContain('## atendimento · Office 365 / Exchange Online\n\n**✖ not ready**\n\n| Status | ID | Check | Detail |\n|---|---|---|---|\n');
    // The check that does not apply is named under the table, not a row.
    expect(text).toContain('_checks that do not apply to this account: 1_: `entra.app`');
    expect(text).toContain('## suporte · Gmail / Google Workspace');
    const rows = text.split('\n').filter((line) => /^\| [✔▲✖○‼] /.test(line));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    const error = rows.find((row) => row.includes('entra.credentials'))!;
    expect(cells(error)[3]).toContain('boom \\| bang<br>at line 2');
    expect(cells(rows[1]!)).toEqual(['✖ fail', '`smtp.tls`', 'Outgoing mail (SMTP)', 'skipped because smtp.connect did not pass (fail)']);
  });

  it('explains how to fix each non-pass check: evidence list, numbered steps, commands in fenced blocks, URLs as links', () => {
    const text = renderMarkdown(richReport(), en);
    const fix = text.slice(text.indexOf('### How to fix'), text.indexOf('## suporte'));
    expect(fix).toContain('#### ✖ `smtp.tls` · Outgoing mail (SMTP)');
    expect(fix).toContain('Code: `TLS_CERT_EXPIRED`');
    expect(fix).toContain('**Evidence**\n\n- error: `535 5.7.3 Authentication unsuccessful [redacted]`');
    // A multi-line reply keeps its lines, in a block, with its escape shown rather than kept.
    expect(fix).toContain('- stack:\n\n  ```\n  554 5.7.1 \\x1b[31mrejected\\x1b[0m | see\n  https://aka.ms/smtp\n  ```');
    expect(fix).toContain(`2. an administrator sign-in (--admin)\n\n   \`\`\`powershell\n   ${LONG_COMMAND}\n   \`\`\`\n`);
    expect(fix).toContain(`3. a mailbox sign-in (--login)\n   <${CONSENT_URL}>`);
    expect(fix).toContain('#### ‼ `entra.credentials`');
    expect(fix).not.toContain('`entra.app`');
    // Only fail, warn and error have an entry.
    expect(text).not.toContain('#### ○');
    expect(text).toContain('#### ▲ `config.smtp-port`');
  });

  it('links only a web address: a url step pointing anywhere else stays inert code', () => {
    const report = richReport();
    const account = report.accounts[0]!;
    const failing = account.checks.find((check) => check.status === 'fail')!;
    const hostile = { ...failing, remediation: [{ kind: 'url' as const, message: msg('report.steps'), target: 'javascript:alert(document.domain)//' }] };
    const text = renderMarkdown({ ...report, accounts: [{ ...account, checks: account.checks.map((check) => (check === failing ? hostile : check)) }] }, en);
    expect(text).not.toContain('<javascript:');
    expect(text).toContain('`javascript:alert(document.domain)//`');
  });

  it('groups the checks left for --admin into one note, without a fix each', () => {
    const report = richReport();
    const needsAdmin = {
      ...report.accounts[0]!.checks[2]!,
      id: 'entra.mailbox',
      code: 'ENTRA_DIRECTORY_NOT_READABLE',
      reason: msg('needs.admin'),
      summary: msg('needs.admin'),
      remediation: [{ kind: 'text' as const, message: msg('needs.admin') }],
    };
    const text = renderMarkdown({ ...report, accounts: [{ ...report.accounts[0]!, checks: [...report.accounts[0]!.checks, needsAdmin] }] }, en);
    expect(text).toContain('○ not verified — run with --admin to read the app registration, its secret, consent, roles and the mailbox: `entra.mailbox`');
    expect(text).not.toContain('#### ○ `entra.mailbox`');
  });

  it('ends with where it was verified from, proxy credentials removed', () => {
    const text = renderMarkdown(richReport(), en);
    expect(text).toContain(
      '**Verified from:** `notebook-ti` (`192.168.0.10`, `fe80::1`) · win32 x64 · 2025-06-02T12:00:12.345Z · through proxy http://\\[redacted\\]@proxy.contoso.local:3128',
    );
    expect(text).not.toContain('proxypass');
  });

  it('says at the top that the run was interrupted', () => {
    const text = renderMarkdown(richReport({ interrupted: 'SIGINT' }), en);
    expect(text).toContain('\n> **The run was interrupted (SIGINT): 7 of 8 checks finished;');
    expect(renderMarkdown(richReport(), en)).not.toContain('interrupted (');
  });

  it('renders in Brazilian Portuguese', () => {
    const text = renderMarkdown(richReport(), pt);
    expect(text).toContain('# Relatório do tactium-preflight');
    expect(text).toContain('| Situação | ID | Verificação | Detalhe |');
    expect(text).toContain('### Como corrigir');
    expect(text).toContain('**Evidências**');
    expect(text).toContain('**Passos**');
    expect(text).toContain('**Verificado a partir de:**');
    expect(text).toContain('| ✖ falha |');
  });

  it('escapes Markdown in texts so a value cannot become a link, emphasis or HTML', () => {
    const report = richReport();
    const hostile = { ...report, accounts: [{ ...report.accounts[0]!, name: '<img src=x> *bold* [link](http://evil)' }] };
    const text = renderMarkdown(hostile, en);
    expect(text).toContain('## \\<img src=x\\> \\*bold\\* \\[link\\](http://evil)');
  });

  it('contains no ANSI code and no registered secret', () => {
    const text = renderMarkdown(richReport(), en);
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY_BASE64);
    expect(text).not.toContain(SPACED_CANARY);
    expect(text).toContain('[redacted]');
  });
});
