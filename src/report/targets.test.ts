import { describe, expect, it } from '@jest/globals';
import { createTranslator, msg } from '../i18n/index.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RunReport } from './model.js';
import { renderTable } from './table.js';
import { richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');
const SNIPPET = 'tls:\n  caFile: ./corporate-root.pem';
const SCRIPT = 'Connect-ExchangeOnline -Organization contoso.onmicrosoft.com\nGet-CASMailbox -Identity "atendimento@contoso.com.br"';

/** The rich report with one failing check whose fix is a YAML snippet and a two-line PowerShell script. */
function withSnippets(): RunReport {
  const report = richReport();
  const [first, ...others] = report.accounts;
  const checks = first!.checks.map((check) =>
    check.status === 'fail'
      ? {
          ...check,
          remediation: [
            { kind: 'text' as const, message: msg('needs.network'), target: SNIPPET },
            { kind: 'command' as const, message: msg('needs.admin'), target: SCRIPT },
          ],
        }
      : check,
  );
  return { ...report, accounts: [{ ...first!, checks }, ...others] };
}

/** Each line of `snippet` appears on a line of its own in `output`, after the same indentation. */
function printedAsIs(output: string, snippet: string): boolean {
  const lines = output.split('\n');
  const [head, ...rest] = snippet.split('\n');
  return lines.some((line, index) => {
    if (!line.endsWith(head!)) return false;
    const indent = line.slice(0, line.length - head!.length);
    // (In XML the closing tag may follow the last line.)
    return rest.every((part, offset) => (lines[index + 1 + offset] ?? '').replace(/<\/\w+>$/, '') === `${indent}${part}`);
  });
}

describe('a fix with several lines (a YAML snippet, a script)', () => {
  const outputs: Array<[string, string]> = [
    ['table', renderTable(withSnippets(), en, { chalk: null, symbols: 'unicode', trace: false, verbose: false })],
    ['markdown', renderMarkdown(withSnippets(), en)],
    // The XML text as a CI dashboard shows it, entities decoded.
    [
      'junit',
      renderJunit(withSnippets(), en).replace(
        /&(quot|apos|lt|gt|amp);/g,
        (_all, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[name]!,
      ),
    ],
  ];

  it.each(outputs)('keeps its lines in the %s report, never a literal \\n', (_format, output) => {
    expect(output).not.toContain('tls:\\n');
    expect(output).not.toContain('contoso.onmicrosoft.com\\nGet-CASMailbox');
    expect(printedAsIs(output, SNIPPET)).toBe(true);
    expect(printedAsIs(output, SCRIPT)).toBe(true);
  });
});
