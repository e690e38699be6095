import type { Translator } from '../i18n/index.js';
import { safeProxy } from '../report/model.js';
import { scrub } from '../secrets/redact.js';
import { clean, formatWhen, statusSymbol, VERDICT_SYMBOL, VERDICT_WORD } from './format.js';
import type { HandoffSheet, SheetAccount, SheetFix, SheetItem, Verdict } from './items.js';

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
body { margin: 0; background: #fff; color: #1a1a1a; font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13.5pt; margin: 18pt 0 2pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1a1a1a; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: 10pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
.intro { margin-bottom: 8pt; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 6pt 0 10pt; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.mailbox { color: #444; margin: 0 0 6pt; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 9.5pt; }
code { overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; border: 0.75pt solid #ccc; padding: 4pt 6pt; margin: 3pt 0; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 6pt; }
th, td { text-align: left; vertical-align: top; border: 0.75pt solid #bbb; padding: 3pt 5pt; }
th { background: #eee; font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.value { width: 38%; overflow-wrap: anywhere; }
td.verdict { width: 30%; }
.badge { display: inline-block; font-weight: 600; padding: 0 4pt; border: 0.75pt solid currentColor; border-radius: 3pt; white-space: nowrap; }
.pass { color: #146c2e; } .warn { color: #8a5a00; } .fail { color: #b00020; } .error { color: #6a1b9a; } .not-verified, .skip { color: #555; }
.checks { display: block; color: #444; font-size: 9pt; margin-top: 1pt; }
.secret, .absent { font-style: italic; color: #444; }
.fix { border-left: 2.5pt solid #999; padding: 0 0 0 7pt; margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
.fix.fail { border-color: #b00020; } .fix.warn { border-color: #8a5a00; } .fix.error { border-color: #6a1b9a; }
.fix, .fix p, .fix li { color: #1a1a1a; }
.fix h4 .badge { margin-right: 4pt; }
ul, ol { margin: 2pt 0 4pt 16pt; padding: 0; }
.note { color: #444; font-style: italic; }
.interrupted { border: 1pt solid #8a5a00; padding: 4pt 6pt; font-weight: 600; }
footer { margin-top: 16pt; padding-top: 6pt; border-top: 0.75pt solid #999; font-size: 9pt; }
section.account { break-before: auto; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  pre, th { background: #fff; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: auto; }
}
`;

/** The page. */
export function renderHandoffHtml(sheet: HandoffSheet, t: Translator): string {
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
    `<title>${text(t.t('handoff.title'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${text(t.t('handoff.title'))}</h1>`,
    `<p class="intro">${text(t.t('handoff.intro'))}</p>`,
    '<dl class="meta">',
    `<dt>${text(t.t('handoff.generatedAt'))}</dt><dd>${text(formatWhen(sheet.generatedAt, t.locale))} · ${text(`${sheet.tool.name} ${sheet.tool.version}`)}</dd>`,
    `<dt>${text(t.t('handoff.verifiedAt'))}</dt><dd>${text(formatWhen(verification.startedAt, t.locale))} · ${text(source)}</dd>`,
    '</dl>',
  ];
  if (verification.interrupted) parts.push(`<p class="interrupted">${text(t.t('handoff.interrupted', { signal: verification.interrupted }))}</p>`);
  parts.push(`<p class="note">${text(t.t('handoff.legend'))}</p>`);
  for (const account of sheet.accounts) parts.push(...renderAccount(account, t));

  const from = verification.verifiedFrom;
  const proxy = safeProxy(from.proxy);
  const addresses =
    from.addresses.length > 0 ? from.addresses.map((address) => `<code>${text(address)}</code>`).join(', ') : text(t.t('report.verifiedFrom.noAddresses'));
  parts.push(
    '<footer>',
    `<p><strong>${text(t.t('report.verifiedFrom'))}:</strong> <code>${text(from.hostname)}</code> (${addresses}) · ${text(from.platform)} · ${text(formatWhen(from.at, t.locale))} · ${text(proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) }))}</p>`,
    `<p class="note">${text(t.t('report.verifiedFrom.note'))}</p>`,
    '</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  );
  return scrub(parts.join('\n'));
}

function badge(verdict: Verdict | 'skip', symbol: string, word: string): string {
  return `<span class="badge ${verdict}">${escapeHtml(symbol)} ${text(word)}</span>`;
}

function renderItem(item: SheetItem, t: Translator): string {
  const value = item.secret
    ? `<span class="secret">${text(t.t('handoff.secret'))}</span>`
    : item.value === null
      ? `<span class="absent">${text(t.t('handoff.notProvided'))}</span>`
      : item.worded
        ? text(item.value)
        : `<code>${text(item.value)}</code>`;
  const checks =
    item.checks.length > 0
      ? `<span class="checks">${item.checks.map((check) => `<code>${text(check.id)}</code> ${escapeHtml(statusSymbol(check.status))}`).join(', ')}</span>`
      : '';
  return `<tr><th scope="row">${text(item.label)}</th><td class="value">${value}</td><td class="verdict">${badge(item.verdict, VERDICT_SYMBOL[item.verdict], t.t(VERDICT_WORD[item.verdict]))}${checks}</td></tr>`;
}

function renderAccount(account: SheetAccount, t: Translator): string[] {
  const parts = [
    '<section class="account">',
    `<h2>${text(account.name)} · ${text(account.providerLabel)}</h2>`,
    `<p class="mailbox"><code>${text(account.mailbox)}</code></p>`,
  ];
  if (!account.inReport) parts.push(`<p class="interrupted">${text(t.t('handoff.account.notInReport'))}</p>`);
  parts.push(
    '<table>',
    `<thead><tr><th scope="col">${text(t.t('handoff.column.item'))}</th><th scope="col">${text(t.t('handoff.column.value'))}</th><th scope="col">${text(t.t('handoff.column.verification'))}</th></tr></thead>`,
    '<tbody>',
    ...account.items.map((item) => renderItem(item, t)),
    '</tbody>',
    '</table>',
    `<h3>${text(t.t('handoff.toDo'))}</h3>`,
  );
  if (account.missing.length === 0 && account.toFix.length === 0) {
    parts.push(`<p>${text(t.t('handoff.toDo.nothing'))}</p>`, '</section>');
    return parts;
  }
  if (account.missing.length > 0) {
    parts.push(`<p><strong>${text(t.t('handoff.missing'))}</strong> ${account.missing.map((label) => text(label)).join(' · ')}</p>`);
  }
  for (const fix of account.toFix) parts.push(renderFix(fix, t));
  parts.push('</section>');
  return parts;
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
