import type { Translator } from '../i18n/index.js';
import { safeProxy } from '../report/model.js';
import { scrub } from '../secrets/redact.js';
import { VERDICT_KEYS, type Verdict as Readiness } from '../report/verdict.js';
import { clean, formatWhen, hasDetail, READINESS_SYMBOL, type RenderSheetOptions, statusSymbol, VERDICT_SYMBOL, VERDICT_WORD } from './format.js';
import type { HandoffSheet, SheetAccount, SheetFix, SheetItem } from './sheet.js';
import { cell, cellCode, code, codeBlock, escapeParagraph, link } from '../report/markdown-text.js';

/** `report --format markdown`: the handoff sheet for a ticket or an e-mail to Tactium, in the HTML sheet's order. */
export function renderHandoffMarkdown(sheet: HandoffSheet, t: Translator, options: RenderSheetOptions = {}): string {
  const verification = sheet.verification;
  const source =
    sheet.source.kind === 'run'
      ? t.t('handoff.source.run')
      : t.t('handoff.source.saved', { file: clean(sheet.source.file), version: clean(verification.toolVersion) });
  const lines: string[] = [
    `# ${escapeParagraph(t.t('handoff.title'))}`,
    '',
    `**${escapeParagraph(t.t('handoff.customer'))}:** ${escapeParagraph(clean(sheet.customer))}  `,
    `**${escapeParagraph(t.t('handoff.overall'))}:** ${readiness(sheet.verdict, t)}  `,
    `**${escapeParagraph(t.t('handoff.verifiedAt'))}:** ${escapeParagraph(clean(formatWhen(verification.startedAt, t.locale)))} · ${escapeParagraph(source)}`,
    '',
    ...sheet.accounts.map(
      (account) =>
        `- **${escapeParagraph(clean(account.name))}** · ${escapeParagraph(account.providerLabel)} · ${code(clean(account.mailbox))} · ${readiness(account.verdict, t)}`,
    ),
    '',
  ];
  if (verification.interrupted) lines.push(`> **${escapeParagraph(t.t('handoff.interrupted', { signal: verification.interrupted }))}**`, '');
  lines.push(escapeParagraph(t.t('handoff.intro')), '', `_${escapeParagraph(t.t('handoff.legend'))}_`, '');

  for (const account of sheet.accounts) lines.push(...renderAccount(account, t));
  if (options.appendix !== false) lines.push(...renderAppendix(sheet, t));
  lines.push(...renderSignOff(sheet, t));
  return `${scrub(lines.join('\n'))}\n`;
}

function readiness(verdict: Readiness, t: Translator): string {
  return `${READINESS_SYMBOL[verdict]} **${escapeParagraph(t.t(VERDICT_KEYS[verdict]))}**`;
}

function valueCell(item: SheetItem, t: Translator): string {
  if (item.secret) return `_${escapeParagraph(t.t('handoff.secret'))}_`;
  if (item.value === null) return `_${escapeParagraph(t.t('handoff.notProvided'))}_`;
  return item.worded ? cell(clean(item.value)) : cellCode(clean(item.value));
}

function renderAccount(account: SheetAccount, t: Translator): string[] {
  const lines = [`## ${escapeParagraph(clean(account.name))} · ${escapeParagraph(account.providerLabel)} · ${readiness(account.verdict, t)}`, ''];
  if (!account.inReport) lines.push(`> ${escapeParagraph(t.t('handoff.account.notInReport'))}`, '');
  lines.push(
    `| ${cell(t.t('handoff.column.item'))} | ${cell(t.t('handoff.column.value'))} | ${cell(t.t('handoff.column.verification'))} |`,
    '|---|---|---|',
    ...account.items.map(
      (item) => `| ${cell(item.label)} | ${valueCell(item, t)} | ${cell(`${VERDICT_SYMBOL[item.verdict]} ${t.t(VERDICT_WORD[item.verdict])}`)} |`,
    ),
    '',
    `### ${escapeParagraph(t.t('handoff.toDo'))}`,
    '',
  );
  if (account.todo.length === 0) return [...lines, escapeParagraph(t.t('handoff.toDo.nothing')), ''];
  for (const line of account.todo) {
    const subject = line.subject === null ? '' : `**${escapeParagraph(clean(line.subject))}:** `;
    lines.push(`- ${VERDICT_SYMBOL[line.verdict]} ${subject}${escapeParagraph(line.text)}`);
  }
  return [...lines, ''];
}

/** The technician's detail: which checks decided each item, then every fix with its evidence and commands. */
function renderAppendix(sheet: HandoffSheet, t: Translator): string[] {
  const accounts = sheet.accounts.filter(hasDetail);
  if (accounts.length === 0) return [];
  const lines = ['---', '', `## ${escapeParagraph(t.t('handoff.appendix'))}`, '', `_${escapeParagraph(t.t('handoff.appendix.intro'))}_`, ''];
  for (const account of accounts) {
    lines.push(`### ${escapeParagraph(clean(account.name))} · ${escapeParagraph(account.providerLabel)}`, '');
    const proven = account.items.filter((item) => item.checks.length > 0);
    if (proven.length > 0) {
      lines.push(`**${escapeParagraph(t.t('handoff.appendix.proof'))}**`, '');
      for (const item of proven)
        lines.push(`- ${escapeParagraph(item.label)}: ${item.checks.map((check) => `${code(check.id)} ${statusSymbol(check.status)}`).join(', ')}`);
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
    from.addresses.length > 0 ? from.addresses.map((address) => code(clean(address))).join(', ') : escapeParagraph(t.t('report.verifiedFrom.noAddresses'));
  const proxy = safeProxy(from.proxy);
  const where = [
    `${code(clean(from.hostname))} (${addresses})`,
    escapeParagraph(clean(from.platform)),
    escapeParagraph(proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) })),
  ].join(' · ');
  const blank = '\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_';
  return [
    '---',
    '',
    `## ${escapeParagraph(t.t('handoff.signoff'))}`,
    '',
    `**${escapeParagraph(t.t('handoff.signoff.checkedBy'))}:** ${sheet.technician === null ? blank : escapeParagraph(clean(sheet.technician))}  `,
    `**${escapeParagraph(t.t('handoff.signoff.when'))}:** ${escapeParagraph(formatWhen(verification.startedAt, t.locale))}  `,
    `**${escapeParagraph(t.t('handoff.signoff.from'))}:** ${where}  `,
    `**${escapeParagraph(t.t('handoff.signoff.customer'))}:** ${escapeParagraph(t.t('handoff.signoff.name'))} ${blank} ${escapeParagraph(t.t('handoff.signoff.signature'))} ${blank} ${escapeParagraph(t.t('handoff.signoff.date'))} ${blank}`,
    '',
    `_${escapeParagraph(t.t('report.verifiedFrom.note'))} ${escapeParagraph(t.t('handoff.generatedAt'))}: ${escapeParagraph(formatWhen(sheet.generatedAt, t.locale))} · ${escapeParagraph(`${sheet.tool.name} ${sheet.tool.version}`)}_`,
    '',
  ];
}

function renderFix(fix: SheetFix, t: Translator): string[] {
  const lines = [`#### ${statusSymbol(fix.status)} ${code(clean(fix.id))} · ${escapeParagraph(clean(fix.title))}`, '', escapeParagraph(clean(fix.summary)), ''];
  if (fix.code) lines.push(`${escapeParagraph(t.t('handoff.code'))} ${code(clean(fix.code))}`, '');
  if (fix.evidence.length > 0) {
    lines.push(`**${escapeParagraph(t.t('report.evidence'))}**`, '');
    for (const item of fix.evidence) {
      const value = clean(item.value, true);
      if (value.includes('\n')) lines.push(`- ${escapeParagraph(clean(item.label))}:`, '', ...codeBlock(value, '  '), '');
      else lines.push(`- ${escapeParagraph(clean(item.label))}: ${code(value)}`);
    }
    if (lines.at(-1) !== '') lines.push('');
  }
  if (fix.remediation.length > 0) {
    lines.push(`**${escapeParagraph(t.t('report.steps'))}**`, '');
    fix.remediation.forEach((step, index) => {
      lines.push(`${index + 1}. ${escapeParagraph(clean(step.text))}`);
      if (step.target === null) return;
      const target = clean(step.target, step.kind !== 'url');
      if (step.kind === 'command' || target.includes('\n')) lines.push('', ...codeBlock(target, '   '), '');
      else lines.push(`   ${step.kind === 'url' ? link(target) : code(target)}`);
    });
    lines.push('');
  }
  return lines;
}
