import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { reportJson } from '../../test/support/handoff-report.js';
import { parseConfigText } from '../config/load/index.js';
import { createTranslator } from '../i18n/index.js';
import { Secret } from '../secrets/secret.js';
import { escapeHtml, renderHandoffHtml } from './html.js';
import { buildHandoffSheet, type HandoffSheet } from './sheet.js';
import { renderHandoffMarkdown } from './markdown.js';

const CANARY = 'sheet-canary-secret-7731';
// Registered with the process-wide redactor, as the loader does for every secret it resolves.
new Secret(CANARY, 'env', '${env:SHEET_CANARY}');
const HOSTILE = '<script>alert(1)</script> | **bold** `tick` [link](http://x) \u001b[31mred';

async function sheet(locale: 'en' | 'pt-BR'): Promise<HandoffSheet> {
  const text = readFileSync(new URL('../../fixtures/office365.example.yaml', import.meta.url), 'utf8');
  const config = await parseConfigText(text, '/tmp/x.yaml', { resolveSecrets: false });
  const report = reportJson(
    [
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          { id: 'config.smtp-port', status: 'pass' },
          {
            id: 'smtp.auth',
            status: 'fail',
            code: 'AUTH_REJECTED',
            summary: `rejected: ${HOSTILE}`,
            evidence: [
              { label: 'reply', value: `535 5.7.3 ${HOSTILE} ${CANARY}` },
              { label: 'transcript', value: 'line one\n```\nline three' },
            ],
            remediation: [
              { kind: 'command', text: 'run this', target: 'Set-CASMailbox -Identity "atendimento@contoso.com.br" -SmtpClientAuthenticationDisabled $false' },
              { kind: 'url', text: 'open', target: 'https://login.microsoftonline.com/x/adminconsent?client_id=1 2' },
            ],
          },
        ],
      },
    ],
    {
      interrupted: 'SIGINT',
      verifiedFrom: { hostname: `pc <b>${CANARY}</b>`, addresses: [], platform: 'win32', proxy: 'http://user:pass@proxy:3128', at: '2026-11-27T10:00:00.000Z' },
    },
  );
  const t = createTranslator(locale);
  return buildHandoffSheet(config, report, {
    t,
    source: { kind: 'saved', file: 'saved <r>.json' },
    tool: { name: 'tactium-preflight', version: '1.2.3' },
    now: new Date('2026-11-28T12:00:00Z'),
  });
}

describe('renderHandoffMarkdown', () => {
  it('gives the header, a table per account with every item, the fixes, and where it was verified from', async () => {
    const t = createTranslator('pt-BR');
    const markdown = renderHandoffMarkdown(await sheet('pt-BR'), t);
    expect(markdown.startsWith(`# ${t.t('handoff.title')}\n`)).toBe(true);
    expect(markdown).toContain('tactium-preflight 1.2.3');
    expect(markdown).toContain('28 de novembro de 2026');
    expect(markdown).toContain(t.t('handoff.interrupted', { signal: 'SIGINT' }));
    expect(markdown).toContain('## atendimento · Office 365 / Exchange Online');
    expect(markdown).toContain('## vendas · Office 365 / Exchange Online');
    // A refused SMTP login is not the outgoing server's failure; a file-only check verifies no server value.
    expect(markdown).toContain(`| ${t.t('handoff.item.outgoingServer')} | \`smtp.office365.com\` | ○ ${t.t('handoff.verdict.notVerified')} |`);
    expect(markdown).toContain('| Porta de saída | `587` | ○ não verificado |');
    expect(markdown).toContain('#### ✖ `smtp.auth`');
    expect(markdown).toContain('   ```\n   Set-CASMailbox -Identity "atendimento@contoso.com.br" -SmtpClientAuthenticationDisabled $false\n   ```');
    expect(markdown).toContain('<https://login.microsoftonline.com/x/adminconsent?client_id=1%202>');
    expect(markdown).toContain(t.t('handoff.account.notInReport'));
    expect(markdown).toContain('http://\\[redacted\\]@proxy:3128');
    expect(markdown).not.toContain('user:pass');
  });

  it('escapes what Markdown would interpret, makes control characters visible, and never shows a secret', async () => {
    const markdown = renderHandoffMarkdown(await sheet('en'), createTranslator('en'));
    expect(markdown).not.toContain(CANARY);
    // Raw only inside code spans and fences, where Markdown shows it as text.
    const outsideCode = markdown
      .replace(/\\[\\`*_[\]<>|#~&]/g, '')
      .replace(/^ *(`{3,})[^\n]*\n[\s\S]*?^ *\1$/gm, '')
      .replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode.split('\n').filter((line) => /<script|<b>/.test(line))).toEqual([]);
    expect(markdown).toContain('\\<script\\>');
    expect(markdown).toContain('``535 5.7.3 <script>alert(1)</script>');
    expect(markdown).toContain('\\*\\*bold\\*\\*');
    expect(markdown).not.toContain('\u001b');
    expect(markdown).toContain('\\x1b');
    // A fence inside a multi-line value cannot close the block early.
    expect(markdown).toContain('  ````\n  line one\n  ```\n  line three\n  ````');
    // Every table row still has exactly its four pipes (none from a value).
    for (const line of markdown.split('\n').filter((candidate) => candidate.startsWith('| '))) {
      expect([line, line.replace(/\\\|/g, '').split('|').length]).toEqual([line, 5]);
    }
  });
});

describe('renderHandoffHtml', () => {
  it("is one page with the CSP, the sheet's language, every item and the fixes", async () => {
    const t = createTranslator('en');
    const html = renderHandoffHtml(await sheet('en'), t);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain("default-src 'none'; style-src 'unsafe-inline'");
    for (const key of [
      'handoff.item.tenant',
      'handoff.item.clientId',
      'handoff.item.objectId',
      'handoff.item.secretId',
      'handoff.item.redirectUri',
      'handoff.item.admin',
    ] as const) {
      expect(html).toContain(`<th scope="row">${escapeHtml(t.t(key))}</th>`);
    }
    expect(html).toContain('<span class="badge fail">✖ not ready</span>');
    expect(html).toContain('<span class="secret">sent separately, securely (never on this sheet)</span>');
    expect(html).toContain('<pre>Set-CASMailbox -Identity &quot;atendimento@contoso.com.br&quot;');
  });

  it('escapes every value and never shows a secret', async () => {
    const html = renderHandoffHtml(await sheet('en'), createTranslator('en'));
    expect(html).not.toContain(CANARY);
    expect(html).not.toMatch(/<script|<b>|<r>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('saved &lt;r&gt;.json');
    expect(html).not.toContain('\u001b');
    expect(html).not.toMatch(/<a\s/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('the sheets with a tampered saved report', () => {
  async function tamperedSheet(): Promise<HandoffSheet> {
    const text = readFileSync(new URL('../../fixtures/office365.example.yaml', import.meta.url), 'utf8');
    const config = await parseConfigText(text, '/tmp/x.yaml', { resolveSecrets: false });
    const report = reportJson([
      {
        name: 'atendimento',
        provider: 'office365',
        checks: [
          {
            id: 'smtp.auth',
            status: 'fail',
            code: 'AUTH_REJECTED',
            summary: '- not a list item',
            remediation: [
              { kind: 'url', text: '1. not a numbered item', target: 'javascript:alert(1)' },
              { kind: 'text', text: 'set this', target: 'incoming:\n  host: imap.example.com' },
            ],
          },
        ],
      },
    ]);
    const t = createTranslator('en');
    return buildHandoffSheet(config, report, {
      t,
      source: { kind: 'saved', file: 'r.json' },
      tool: { name: 'tactium-preflight', version: '1.2.3' },
      now: new Date('2026-11-28T12:00:00Z'),
    });
  }

  it('links only web addresses, starts no list or rule from a value, and shows a multi-line step as a block', async () => {
    const markdown = renderHandoffMarkdown(await tamperedSheet(), createTranslator('en'));
    expect(markdown).not.toContain('<javascript:');
    expect(markdown).toContain('   `javascript:alert(1)`');
    expect(markdown).toContain('\n\\- not a list item\n');
    expect(markdown).toContain('1. 1\\. not a numbered item');
    expect(markdown).toContain('   ```\n   incoming:\n     host: imap.example.com\n   ```');
    const html = renderHandoffHtml(await tamperedSheet(), createTranslator('en'));
    expect(html).toContain('<pre>incoming:\n  host: imap.example.com</pre>');
    expect(html).not.toMatch(/<a\s/);
  });
});

describe('the sheet as a handoff', () => {
  /** Where each part starts, in reading order; -1 for a part that is not there. */
  function order(text: string, t: ReturnType<typeof createTranslator>, html: boolean): number[] {
    const at = (words: string) => text.indexOf(html ? escapeHtml(words) : words);
    return [
      at(t.t('handoff.customer')),
      at(t.t('handoff.overall')),
      at(t.t('handoff.item.tenant')),
      at(t.t('handoff.toDo')),
      at(t.t('handoff.appendix')),
      at('Set-CASMailbox'),
      at(t.t('handoff.signoff.checkedBy')),
      at(t.t('handoff.signoff.customer')),
    ];
  }

  it.each(['markdown', 'html'] as const)(
    '%s: customer and verdicts first, then items, to-do, the appendix with the commands, and the sign-off last',
    async (format) => {
      const t = createTranslator('en');
      const data = await sheet('en');
      const render = format === 'html' ? renderHandoffHtml : renderHandoffMarkdown;
      const text = render(data, t);
      const positions = order(text, t, format === 'html');
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      // One line per account up front, each with its verdict.
      expect(text.indexOf(t.t('report.verdict.notReady'))).toBeLessThan(text.indexOf(t.t('handoff.item.tenant')));
      expect(text).toContain(t.t('handoff.todo.checks', { checks: t.t('smtp.auth.title') }));
      // No technician named: blank lines to sign.
      expect(text.slice(text.indexOf(t.t('handoff.signoff.checkedBy')))).toMatch(format === 'html' ? /<span class="line"><\/span>/ : /\\_\\_\\_\\_/);

      const named = render(await buildHandoffSheetWith('Rafael <Lima>'), t);
      expect(named).toContain(format === 'html' ? 'Rafael &lt;Lima&gt;' : 'Rafael \\<Lima\\>');

      const customerCopy = render(data, t, { appendix: false });
      expect(order(customerCopy, t, format === 'html').slice(4, 6)).toEqual([-1, -1]);
      expect(order(customerCopy, t, format === 'html')[7]).toBeGreaterThan(0);
    },
  );

  async function buildHandoffSheetWith(technician: string): Promise<HandoffSheet> {
    const text = readFileSync(new URL('../../fixtures/office365.example.yaml', import.meta.url), 'utf8');
    const config = await parseConfigText(text, '/tmp/contoso.yaml', { resolveSecrets: false });
    return buildHandoffSheet(config, reportJson([]), {
      t: createTranslator('en'),
      source: { kind: 'run' },
      tool: { name: 'tactium-preflight', version: '1.2.3' },
      now: new Date('2026-11-28T12:00:00Z'),
      technician,
    });
  }
});
