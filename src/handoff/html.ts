import type { Translator } from '../i18n/index.js';
import { safeProxy } from '../report/model.js';
import { scrub } from '../secrets/redact.js';
import { VERDICT_KEYS, type Verdict as Readiness } from '../report/verdict.js';
import {
  clean,
  formatWhen,
  hasDetail,
  READINESS_CLASS,
  type RenderSheetOptions,
  READINESS_SYMBOL,
  statusSymbol,
  VERDICT_SYMBOL,
  VERDICT_WORD,
} from './format.js';
import type { Verdict } from './proof.js';
import type { HandoffSheet, SheetAccount, SheetFix, SheetItem } from './sheet.js';

/**
 * `report --format html`: the handoff sheet as one self-contained page — inline CSS, no script, font, image
 * or any other request (the Content-Security-Policy forbids them, so even an injected tag could not load
 * anything) — that prints on A4 in black and white as well as in colour. Every value is escaped: server
 * replies in the evidence come from hosts the tool does not control.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and attribute values (always double-quoted here). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Escaped after cleaning: secrets out, control characters visible. */
function text(value: string, multiline = false): string {
  return escapeHtml(clean(value, multiline));
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
h1 { font-size: 14pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 2pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1a1a1a; break-after: avoid; page-break-after: avoid; }
h2 .badge { font-size: 10pt; margin-left: 4pt; vertical-align: middle; }
h3 { font-size: 11pt; margin: 8pt 0 2pt; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10pt; margin: 8pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 2pt 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 4pt 0 6pt; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.customer { font-weight: 700; font-size: 12pt; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 9pt; }
code { overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; border: 0.75pt solid #ccc; padding: 4pt 6pt; margin: 3pt 0; }
table { width: 100%; border-collapse: collapse; margin: 3pt 0 4pt; }
th, td { text-align: left; vertical-align: top; border: 0.75pt solid #bbb; padding: 1pt 4pt; }
th { background: #eee; font-weight: 600; }
table.fleet th { background: #fff; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.value { width: 46%; overflow-wrap: anywhere; }
td.verdict { width: 22%; }
.badge { display: inline-block; font-weight: 600; padding: 0 4pt; border: 0.75pt solid currentColor; border-radius: 3pt; white-space: nowrap; }
.pass { color: #146c2e; } .warn { color: #8a5a00; } .fail { color: #b00020; } .error { color: #6a1b9a; } .not-verified, .skip { color: #555; }
ul.todo li, ul.proof li { color: #1a1a1a; }
ul.todo li.fail::marker, ul.todo li.warn::marker { color: inherit; }
.secret, .absent { font-style: italic; color: #444; }
.fix { border-left: 2.5pt solid #999; padding: 0 0 0 7pt; margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
.fix.fail { border-color: #b00020; } .fix.warn { border-color: #8a5a00; } .fix.error { border-color: #6a1b9a; }
.fix, .fix p, .fix li { color: #1a1a1a; }
.fix h4 .badge { margin-right: 4pt; }
ul, ol { margin: 2pt 0 4pt 16pt; padding: 0; }
ul.todo { list-style: none; margin-left: 0; columns: 2; column-gap: 8mm; }
ul.todo li { break-inside: avoid; page-break-inside: avoid; }
.note { color: #444; font-style: italic; font-size: 9pt; }
.intro { font-size: 9pt; color: #333; }
.interrupted { border: 1pt solid #8a5a00; padding: 4pt 6pt; font-weight: 600; }
section.appendix { break-before: page; page-break-before: always; }
section.signoff { break-inside: avoid; page-break-inside: avoid; }
section.signoff .meta { row-gap: 6pt; align-items: end; }
.line { display: inline-block; min-width: 55mm; border-bottom: 0.75pt solid #1a1a1a; height: 1.2em; margin-right: 6pt; }
.line.short { min-width: 25mm; }
@page { size: A4; margin: 9mm 10mm; }
@media print {
  body { font-size: 8.5pt; line-height: 1.3; }
  .badge { border: none; padding: 0; }
  h1 { font-size: 12.5pt; }
  h2 { margin: 8pt 0 2pt; font-size: 11pt; }
  h3 { margin: 5pt 0 1pt; font-size: 10pt; }
  .meta { margin: 2pt 0 3pt; }
  table.items td, table.items th { font-size: 8pt; line-height: 1.2; }
  table.items th[scope="row"] { width: 31%; }
  table.items code, table.fleet code { font-size: 7.5pt; }
  ul.todo li { font-size: 7.8pt; line-height: 1.2; }
  .intro, .note { font-size: 7.5pt; }
  section.signoff .meta { grid-template-columns: max-content 1fr max-content 1fr; row-gap: 4pt; }
  section.signoff .meta dd.wide { grid-column: span 3; }
  main { max-width: none; padding: 0; }
  pre, th { background: #fff; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The page. */
export function renderHandoffHtml(sheet: HandoffSheet, t: Translator, options: RenderSheetOptions = {}): string {
  const verification = sheet.verification;
  const source =
    sheet.source.kind === 'run'
      ? t.t('handoff.source.run')
      : t.t('handoff.source.saved', { file: clean(sheet.source.file), version: clean(verification.toolVersion) });
  const parts: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${sheet.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${text(t.t('handoff.title'))} · ${text(sheet.customer)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${text(t.t('handoff.title'))}</h1>`,
    '<dl class="meta">',
    `<dt>${text(t.t('handoff.customer'))}</dt><dd class="customer">${text(sheet.customer)}</dd>`,
    `<dt>${text(t.t('handoff.overall'))}</dt><dd>${readinessBadge(sheet.verdict, t)}</dd>`,
    `<dt>${text(t.t('handoff.verifiedAt'))}</dt><dd>${text(formatWhen(verification.startedAt, t.locale))} · ${text(source)}</dd>`,
    '</dl>',
    '<table class="fleet">',
    '<tbody>',
    ...sheet.accounts.map(
      (account) =>
        `<tr><th scope="row">${text(account.name)}</th><td>${text(account.providerLabel)}</td><td><code>${text(account.mailbox)}</code></td><td>${readinessBadge(account.verdict, t)}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
  ];
  if (verification.interrupted) parts.push(`<p class="interrupted">${text(t.t('handoff.interrupted', { signal: verification.interrupted }))}</p>`);
  parts.push(`<p class="intro">${text(t.t('handoff.intro'))}</p>`, `<p class="note">${text(t.t('handoff.legend'))}</p>`);
  for (const account of sheet.accounts) parts.push(...renderAccount(account, t));
  if (options.appendix !== false) parts.push(...renderAppendix(sheet, t));
  parts.push(...renderSignOff(sheet, t), '</main>', '</body>', '</html>', '');
  return scrub(parts.join('\n'));
}

function badge(verdict: Verdict | 'skip', symbol: string, word: string): string {
  return `<span class="badge ${verdict}">${escapeHtml(symbol)} ${text(word)}</span>`;
}

function readinessBadge(verdict: Readiness, t: Translator): string {
  return badge(READINESS_CLASS[verdict], READINESS_SYMBOL[verdict], t.t(VERDICT_KEYS[verdict]));
}

function renderItem(item: SheetItem, t: Translator): string {
  const value = item.secret
    ? `<span class="secret">${text(t.t('handoff.secret'))}</span>`
    : item.value === null
      ? `<span class="absent">${text(t.t('handoff.notProvided'))}</span>`
      : item.worded
        ? text(item.value)
        : `<code>${text(item.value)}</code>`;
  return `<tr><th scope="row">${text(item.label)}</th><td class="value">${value}</td><td class="verdict">${badge(item.verdict, VERDICT_SYMBOL[item.verdict], t.t(VERDICT_WORD[item.verdict]))}</td></tr>`;
}

function renderAccount(account: SheetAccount, t: Translator): string[] {
  const parts = ['<section class="account">', `<h2>${text(account.name)} · ${text(account.providerLabel)} ${readinessBadge(account.verdict, t)}</h2>`];
  if (!account.inReport) parts.push(`<p class="interrupted">${text(t.t('handoff.account.notInReport'))}</p>`);
  parts.push(
    '<table class="items">',
    `<thead><tr><th scope="col">${text(t.t('handoff.column.item'))}</th><th scope="col">${text(t.t('handoff.column.value'))}</th><th scope="col">${text(t.t('handoff.column.verification'))}</th></tr></thead>`,
    '<tbody>',
    ...account.items.map((item) => renderItem(item, t)),
    '</tbody>',
    '</table>',
    `<h3>${text(t.t('handoff.toDo'))}</h3>`,
  );
  if (account.todo.length === 0) parts.push(`<p>${text(t.t('handoff.toDo.nothing'))}</p>`);
  else {
    parts.push('<ul class="todo">');
    for (const line of account.todo) {
      const subject = line.subject === null ? '' : `<strong>${text(line.subject)}</strong>: `;
      parts.push(`<li class="${line.verdict}">${escapeHtml(VERDICT_SYMBOL[line.verdict])} ${subject}${text(line.text)}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts;
}

/** The technician's detail: which checks decided each item, then every fix with its evidence and commands. */
function renderAppendix(sheet: HandoffSheet, t: Translator): string[] {
  const accounts = sheet.accounts.filter(hasDetail);
  if (accounts.length === 0) return [];
  const parts = ['<section class="appendix">', `<h2>${text(t.t('handoff.appendix'))}</h2>`, `<p class="note">${text(t.t('handoff.appendix.intro'))}</p>`];
  for (const account of accounts) {
    parts.push(`<h3>${text(account.name)} · ${text(account.providerLabel)}</h3>`);
    const proven = account.items.filter((item) => item.checks.length > 0);
    if (proven.length > 0) {
      parts.push(`<h4>${text(t.t('handoff.appendix.proof'))}</h4>`, '<ul class="proof">');
      for (const item of proven) {
        const checks = item.checks.map((check) => `<code>${text(check.id)}</code> ${escapeHtml(statusSymbol(check.status))}`).join(', ');
        parts.push(`<li>${text(item.label)}: ${checks}</li>`);
      }
      parts.push('</ul>');
    }
    for (const fix of account.toFix) parts.push(renderFix(fix, t));
  }
  parts.push('</section>');
  return parts;
}

/** Who checked, when, from where, and the customer's acknowledgement: blank lines to sign on paper. */
function renderSignOff(sheet: HandoffSheet, t: Translator): string[] {
  const verification = sheet.verification;
  const from = verification.verifiedFrom;
  const proxy = safeProxy(from.proxy);
  const addresses =
    from.addresses.length > 0 ? from.addresses.map((address) => `<code>${text(address)}</code>`).join(', ') : text(t.t('report.verifiedFrom.noAddresses'));
  const line = '<span class="line"></span>';
  return [
    '<section class="signoff">',
    `<h2>${text(t.t('handoff.signoff'))}</h2>`,
    '<dl class="meta">',
    `<dt>${text(t.t('handoff.signoff.checkedBy'))}</dt><dd>${sheet.technician === null ? line : text(sheet.technician)}</dd>`,
    `<dt>${text(t.t('handoff.signoff.when'))}</dt><dd>${text(formatWhen(verification.startedAt, t.locale))}</dd>`,
    `<dt>${text(t.t('handoff.signoff.from'))}</dt><dd class="wide"><code>${text(from.hostname)}</code> (${addresses}) · ${text(from.platform)} · ${text(proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) }))}</dd>`,
    `<dt>${text(t.t('handoff.signoff.customer'))}</dt><dd class="wide">${text(t.t('handoff.signoff.name'))} ${line} ${text(t.t('handoff.signoff.signature'))} ${line} ${text(t.t('handoff.signoff.date'))} <span class="line short"></span></dd>`,
    '</dl>',
    `<p class="note">${text(t.t('report.verifiedFrom.note'))} ${text(t.t('handoff.generatedAt'))}: ${text(formatWhen(sheet.generatedAt, t.locale))} · ${text(`${sheet.tool.name} ${sheet.tool.version}`)}</p>`,
    '</section>',
  ];
}

function renderFix(fix: SheetFix, t: Translator): string {
  const verdict = fix.status === 'skip' ? 'skip' : fix.status;
  const parts = [
    `<div class="fix ${verdict}">`,
    `<h4>${badge(verdict, statusSymbol(fix.status), t.t(`status.${fix.status}`))}<code>${text(fix.id)}</code> · ${text(fix.title)}</h4>`,
    `<p>${text(fix.summary)}</p>`,
  ];
  if (fix.code) parts.push(`<p>${text(t.t('handoff.code'))} <code>${text(fix.code)}</code></p>`);
  if (fix.evidence.length > 0) {
    parts.push(`<p><strong>${text(t.t('report.evidence'))}</strong></p>`, '<ul>');
    for (const item of fix.evidence) {
      const value = clean(item.value, true);
      parts.push(
        value.includes('\n')
          ? `<li>${text(item.label)}:<pre>${escapeHtml(value)}</pre></li>`
          : `<li>${text(item.label)}: <code>${escapeHtml(value)}</code></li>`,
      );
    }
    parts.push('</ul>');
  }
  if (fix.remediation.length > 0) {
    parts.push(`<p><strong>${text(t.t('report.steps'))}</strong></p>`, '<ol>');
    for (const step of fix.remediation) {
      let target = '';
      // A URL is printed, not linked: the sheet is read on paper, and a hostile value cannot become a link.
      if (step.target !== null)
        target =
          step.kind === 'command' || (step.kind !== 'url' && step.target.includes('\n'))
            ? `<pre>${text(step.target, true)}</pre>`
            : ` <code>${text(step.target)}</code>`;
      parts.push(`<li>${text(step.text)}${target}</li>`);
    }
    parts.push('</ol>');
  }
  parts.push('</div>');
  return parts.join('\n');
}
