import type { Translator } from '../i18n/index.js';
import { safeProxy } from '../report/model.js';
import { scrub } from '../secrets/redact.js';
import { clean, formatWhen, statusSymbol, VERDICT_SYMBOL, VERDICT_WORD } from './format.js';
import type { HandoffSheet, SheetAccount, SheetFix, SheetItem } from './items.js';

/**
 * Escapes what Markdown (and the HTML it allows) would interpret in running text, and what would make a
 * paragraph a list item or a rule when it starts one (`- `, `+ `, `1. `, `===`).
 */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#~&]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A table cell: escaped, newlines as <br> (GFM cells are one line). */
function cell(text: string): string {
  return escapeText(text).replace(/\r?\n/g, '<br>');
}

/** Inline code whose fence is longer than any backtick run inside it (CommonMark §6.1). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') || text.length === 0 ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\r?\n/g, ' ')}${fence}`;
}

/** Inline code in a table cell: a pipe ends the cell even inside code, so GFM wants it escaped there. */
function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** A fenced block that its content cannot close early (CommonMark §4.5). */
function codeBlock(text: string, indent: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}`, ...text.split('\n').map((line) => indent + line), `${indent}${fence}`];
}

/** `report --format markdown`: the handoff sheet for a ticket or an e-mail to Tactium. */
export function renderHandoffMarkdown(sheet: HandoffSheet, t: Translator): string {
  const lines: string[] = [`# ${escapeText(t.t('handoff.title'))}`, '', escapeText(t.t('handoff.intro')), ''];
  lines.push(
    `**${escapeText(t.t('handoff.generatedAt'))}:** ${escapeText(formatWhen(sheet.generatedAt, t.locale))} · ${escapeText(`${sheet.tool.name} ${sheet.tool.version}`)}  `,
  );
  const verification = sheet.verification;
  const source =
    sheet.source.kind === 'run'
      ? t.t('handoff.source.run')
      : t.t('handoff.source.saved', { file: clean(sheet.source.file), version: clean(verification.toolVersion) });
  lines.push(`**${escapeText(t.t('handoff.verifiedAt'))}:** ${escapeText(clean(formatWhen(verification.startedAt, t.locale)))} · ${escapeText(source)}`, '');
  if (verification.interrupted) lines.push(`> **${escapeText(t.t('handoff.interrupted', { signal: verification.interrupted }))}**`, '');
  lines.push(`_${escapeText(t.t('handoff.legend'))}_`, '');

  for (const account of sheet.accounts) lines.push(...renderAccount(account, t));

  const from = verification.verifiedFrom;
  const addresses =
    from.addresses.length > 0 ? from.addresses.map((address) => code(clean(address))).join(', ') : escapeText(t.t('report.verifiedFrom.noAddresses'));
  const proxy = safeProxy(from.proxy);
  const where = [
    `${code(clean(from.hostname))} (${addresses})`,
    escapeText(clean(from.platform)),
    escapeText(formatWhen(from.at, t.locale)),
    escapeText(proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) })),
  ].join(' · ');
  lines.push('---', '', `**${escapeText(t.t('report.verifiedFrom'))}:** ${where}`, '', `_${escapeText(t.t('report.verifiedFrom.note'))}_`, '');
  return `${scrub(lines.join('\n'))}\n`;
}

function valueCell(item: SheetItem, t: Translator): string {
  if (item.secret) return `_${escapeText(t.t('handoff.secret'))}_`;
  if (item.value === null) return `_${escapeText(t.t('handoff.notProvided'))}_`;
  return item.worded ? cell(clean(item.value)) : cellCode(clean(item.value));
}

function verdictCell(item: SheetItem, t: Translator): string {
  const word = `${VERDICT_SYMBOL[item.verdict]} ${t.t(VERDICT_WORD[item.verdict])}`;
  const checks = item.checks.map((check) => `${cellCode(check.id)} ${statusSymbol(check.status)}`).join(', ');
  return checks ? `${cell(word)} (${checks})` : cell(word);
}

function renderAccount(account: SheetAccount, t: Translator): string[] {
  const lines = [`## ${escapeText(clean(account.name))} · ${escapeText(account.providerLabel)}`, '', code(clean(account.mailbox)), ''];
  if (!account.inReport) lines.push(`> ${escapeText(t.t('handoff.account.notInReport'))}`, '');
  lines.push(
    `| ${cell(t.t('handoff.column.item'))} | ${cell(t.t('handoff.column.value'))} | ${cell(t.t('handoff.column.verification'))} |`,
    '|---|---|---|',
    ...account.items.map((item) => `| ${cell(item.label)} | ${valueCell(item, t)} | ${verdictCell(item, t)} |`),
    '',
    `### ${escapeText(t.t('handoff.toDo'))}`,
    '',
  );
  if (account.missing.length === 0 && account.toFix.length === 0) return [...lines, escapeText(t.t('handoff.toDo.nothing')), ''];
  if (account.missing.length > 0) {
    lines.push(`**${escapeText(t.t('handoff.missing'))}** ${escapeText(account.missing.join(' · '))}`, '');
  }
  for (const fix of account.toFix) lines.push(...renderFix(fix, t));
  return lines;
}

function renderFix(fix: SheetFix, t: Translator): string[] {
  const lines = [`#### ${statusSymbol(fix.status)} ${code(clean(fix.id))} · ${escapeText(clean(fix.title))}`, '', escapeText(clean(fix.summary)), ''];
  if (fix.code) lines.push(`${escapeText(t.t('handoff.code'))} ${code(clean(fix.code))}`, '');
  if (fix.evidence.length > 0) {
    lines.push(`**${escapeText(t.t('report.evidence'))}**`, '');
    for (const item of fix.evidence) {
      const value = clean(item.value, true);
      if (value.includes('\n')) lines.push(`- ${escapeText(clean(item.label))}:`, '', ...codeBlock(value, '  '), '');
      else lines.push(`- ${escapeText(clean(item.label))}: ${code(value)}`);
    }
    if (lines.at(-1) !== '') lines.push('');
  }
  if (fix.remediation.length > 0) {
    lines.push(`**${escapeText(t.t('report.steps'))}**`, '');
    fix.remediation.forEach((step, index) => {
      lines.push(`${index + 1}. ${escapeText(clean(step.text))}`);
      if (step.target === null) return;
      const target = clean(step.target, step.kind !== 'url');
      if (step.kind === 'command' || target.includes('\n')) lines.push('', ...codeBlock(target, '   '), '');
      // Only a web address becomes a link: a hostile `javascript:` or `file:` target stays inert text.
      else if (step.kind === 'url' && /^https?:\/\//i.test(target)) lines.push(`   <${target.replace(/[<>\s]/g, encodeURIComponent)}>`);
      else lines.push(`   ${code(target)}`);
    });
    lines.push('');
  }
  return lines;
}
