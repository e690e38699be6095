import type { Translator } from '../i18n/index.js';
import { safeProxy } from '../report/model.js';
import { scrub } from '../secrets/redact.js';
import { VERDICT_KEYS, type Verdict as Readiness } from '../report/verdict.js';
import { clean, formatWhen, hasDetail, READINESS_SYMBOL, type RenderSheetOptions, statusSymbol, VERDICT_SYMBOL, VERDICT_WORD } from './format.js';
import type { HandoffSheet, SheetAccount, SheetFix, SheetItem } from './sheet.js';

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

/** `report --format markdown`: the handoff sheet for a ticket or an e-mail to Tactium, in the HTML sheet's order. */
export function renderHandoffMarkdown(sheet: HandoffSheet, t: Translator, options: RenderSheetOptions = {}): string {
  const verification = sheet.verification;
  const source =
    sheet.source.kind === 'run'
      ? t.t('handoff.source.run')
      : t.t('handoff.source.saved', { file: clean(sheet.source.file), version: clean(verification.toolVersion) });
  const lines: string[] = [
    `# ${escapeText(t.t('handoff.title'))}`,
    '',
    `**${escapeText(t.t('handoff.customer'))}:** ${escapeText(clean(sheet.customer))}  `,
    `**${escapeText(t.t('handoff.overall'))}:** ${readiness(sheet.verdict, t)}  `,
    `**${escapeText(t.t('handoff.verifiedAt'))}:** ${escapeText(clean(formatWhen(verification.startedAt, t.locale)))} · ${escapeText(source)}`,
    '',
    ...sheet.accounts.map(
      (account) =>
        `- **${escapeText(clean(account.name))}** · ${escapeText(account.providerLabel)} · ${code(clean(account.mailbox))} · ${readiness(account.verdict, t)}`,
    ),
    '',
  ];
  if (verification.interrupted) lines.push(`> **${escapeText(t.t('handoff.interrupted', { signal: verification.interrupted }))}**`, '');
  lines.push(escapeText(t.t('handoff.intro')), '', `_${escapeText(t.t('handoff.legend'))}_`, '');

  for (const account of sheet.accounts) lines.push(...renderAccount(account, t));
  if (options.appendix !== false) lines.push(...renderAppendix(sheet, t));
  lines.push(...renderSignOff(sheet, t));
  return `${scrub(lines.join('\n'))}\n`;
}

function readiness(verdict: Readiness, t: Translator): string {
  return `${READINESS_SYMBOL[verdict]} **${escapeText(t.t(VERDICT_KEYS[verdict]))}**`;
}

function valueCell(item: SheetItem, t: Translator): string {
  if (item.secret) return `_${escapeText(t.t('handoff.secret'))}_`;
  if (item.value === null) return `_${escapeText(t.t('handoff.notProvided'))}_`;
  return item.worded ? cell(clean(item.value)) : cellCode(clean(item.value));
}

function renderAccount(account: SheetAccount, t: Translator): string[] {
  const lines = [`## ${escapeText(clean(account.name))} · ${escapeText(account.providerLabel)} · ${readiness(account.verdict, t)}`, ''];
  if (!account.inReport) lines.push(`> ${escapeText(t.t('handoff.account.notInReport'))}`, '');
  lines.push(
    `| ${cell(t.t('handoff.column.item'))} | ${cell(t.t('handoff.column.value'))} | ${cell(t.t('handoff.column.verification'))} |`,
    '|---|---|---|',
    ...account.items.map(
      (item) => `| ${cell(item.label)} | ${valueCell(item, t)} | ${cell(`${VERDICT_SYMBOL[item.verdict]} ${t.t(VERDICT_WORD[item.verdict])}`)} |`,
    ),
    '',
    `### ${escapeText(t.t('handoff.toDo'))}`,
    '',
  );
  if (account.todo.length === 0) return [...lines, escapeText(t.t('handoff.toDo.nothing')), ''];
  for (const line of account.todo) {
    const subject = line.subject === null ? '' : `**${escapeText(clean(line.subject))}:** `;
    lines.push(`- ${VERDICT_SYMBOL[line.verdict]} ${subject}${escapeText(line.text)}`);
  }
  return [...lines, ''];
}

/** The technician's detail: which checks decided each item, then every fix with its evidence and commands. */
function renderAppendix(sheet: HandoffSheet, t: Translator): string[] {
  const accounts = sheet.accounts.filter(hasDetail);
  if (accounts.length === 0) return [];
  const lines = ['---', '', `## ${escapeText(t.t('handoff.appendix'))}`, '', `_${escapeText(t.t('handoff.appendix.intro'))}_`, ''];
  for (const account of accounts) {
    lines.push(`### ${escapeText(clean(account.name))} · ${escapeText(account.providerLabel)}`, '');
    const proven = account.items.filter((item) => item.checks.length > 0);
    if (proven.length > 0) {
      lines.push(`**${escapeText(t.t('handoff.appendix.proof'))}**`, '');
      for (const item of proven)
        lines.push(`- ${escapeText(item.label)}: ${item.checks.map((check) => `${code(check.id)} ${statusSymbol(check.status)}`).join(', ')}`);
      lines.push('');
    }
    for (const fix of account.toFix) lines.push(...renderFix(fix, t));
  }
  return lines;
}

/** Who checked, when, from where, and the customer's acknowledgement: blank lines to sign. */
function renderSignOff(sheet: HandoffSheet, t: Translator): string[] {
  const verification = sheet.verification;
  const from = verification.verifiedFrom;
  const addresses =
    from.addresses.length > 0 ? from.addresses.map((address) => code(clean(address))).join(', ') : escapeText(t.t('report.verifiedFrom.noAddresses'));
  const proxy = safeProxy(from.proxy);
  const where = [
    `${code(clean(from.hostname))} (${addresses})`,
    escapeText(clean(from.platform)),
    escapeText(proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) })),
  ].join(' · ');
  const blank = '\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_';
  return [
    '---',
    '',
    `## ${escapeText(t.t('handoff.signoff'))}`,
    '',
    `**${escapeText(t.t('handoff.signoff.checkedBy'))}:** ${sheet.technician === null ? blank : escapeText(clean(sheet.technician))}  `,
    `**${escapeText(t.t('handoff.signoff.when'))}:** ${escapeText(formatWhen(verification.startedAt, t.locale))}  `,
    `**${escapeText(t.t('handoff.signoff.from'))}:** ${where}  `,
    `**${escapeText(t.t('handoff.signoff.customer'))}:** ${escapeText(t.t('handoff.signoff.name'))} ${blank} ${escapeText(t.t('handoff.signoff.signature'))} ${blank} ${escapeText(t.t('handoff.signoff.date'))} ${blank}`,
    '',
    `_${escapeText(t.t('report.verifiedFrom.note'))} ${escapeText(t.t('handoff.generatedAt'))}: ${escapeText(formatWhen(sheet.generatedAt, t.locale))} · ${escapeText(`${sheet.tool.name} ${sheet.tool.version}`)}_`,
    '',
  ];
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
