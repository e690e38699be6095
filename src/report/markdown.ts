import { STATUSES } from '../core/check.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import {
  PROVIDER_NAME,
  STATUS_WORD,
  detailOf,
  formatDuration,
  printable,
  safeProxy,
  type ReportedAccount,
  type ReportedCheck,
  type RunReport,
} from './model.js';
import { cell, code, codeBlock, escapeInline, escapeParagraph, link } from './markdown-text.js';
import { symbolsFor } from './symbols.js';
import { countNotRun, summarize, totalOf } from './summary.js';
import { sortChecks } from './sort-checks.js';
import { VERDICT_STATUS } from './table-text.js';
import { VERDICT_KEYS, accountVerdict, isNotApplicable, runVerdict, type Verdict } from './verdict.js';

const SYMBOLS = symbolsFor('unicode');

/** Secrets out before escaping could disguise them; controls made visible. */
function clean(text: string, multiline = false): string {
  return printable(scrub(text), multiline);
}

/**
 * `--format markdown`: for tickets, e-mails and pull requests. Verdict first (the run's, then one line per
 * account), the summary, one table per account of the checks that apply, "How to fix" per fail, warn and
 * error (evidence, steps, commands in code blocks), where it was verified from.
 */
export function renderMarkdown(report: RunReport, t: Translator): string {
  const counts = summarize(report);
  const lines: string[] = [`# ${escapeInline(t.t('report.title'))}`, ''];

  if (report.interrupted) {
    const notRun = countNotRun(report);
    const text = t.t('report.interrupted', {
      signal: report.interrupted,
      finished: totalOf(counts) - notRun,
      total: totalOf(counts),
      skipWord: t.t('status.skip'),
    });
    lines.push(`> **${escapeInline(text)}**`, '');
  }

  // Verdict first: the run's, then each account's, before any detail.
  const verdicts = report.accounts.map((account) => accountVerdict(account.checks));
  const ready = verdicts.filter((verdict) => verdict === 'ready' || verdict === 'ready-with-warnings').length;
  lines.push(
    `**${escapeInline(t.t('report.fleet.verdict'))}:** ${verdictText(runVerdict(verdicts), t)} · ${escapeInline(t.t('report.fleet.ready', { ready, total: report.accounts.length }))}`,
    '',
  );
  report.accounts.forEach((account, index) => lines.push(`- ${verdictText(verdicts[index]!, t)} · ${escapeInline(clean(account.name))}`));
  if (report.accounts.length > 0) lines.push('');

  const parts = STATUSES.map((status) => `${SYMBOLS.status[status]} ${escapeInline(t.t(STATUS_WORD[status]))} **${counts[status]}**`);
  const total = t.t('report.summary.total', { count: totalOf(counts), duration: formatDuration(report.durationMs, t.locale) });
  lines.push(`**${escapeInline(t.t('report.summary'))}:** ${parts.join(' · ')} · ${escapeInline(total)}`, '');

  for (const account of report.accounts) lines.push(...renderAccount(account, t));

  const from = report.verifiedFrom;
  const addresses =
    from.addresses.length > 0 ? from.addresses.map((address) => code(clean(address))).join(', ') : escapeInline(t.t('report.verifiedFrom.noAddresses'));
  const proxy = safeProxy(from.proxy);
  const where = [
    `${code(clean(from.hostname))} (${addresses})`,
    escapeInline(clean(from.platform)),
    escapeInline(clean(from.at)),
    proxy === null ? escapeInline(t.t('report.verifiedFrom.noProxy')) : escapeInline(t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) })),
  ].join(' · ');
  lines.push('---', '', `**${escapeInline(t.t('report.verifiedFrom'))}:** ${where}`, '', `_${escapeInline(t.t('report.verifiedFrom.note'))}_`, '');
  lines.push(
    `<sub>${escapeInline(`${report.tool.name} ${report.tool.version}`)} · ${escapeInline(t.t('report.startedAt', { at: clean(report.startedAt) }))}</sub>`,
  );
  return `${scrub(lines.join('\n'))}\n`;
}

function renderAccount(account: ReportedAccount, t: Translator): string[] {
  const lines = [
    `## ${escapeInline(clean(account.name))} · ${escapeInline(t.t(PROVIDER_NAME[account.provider]))}`,
    '',
    verdictText(accountVerdict(account.checks), t),
    '',
  ];
  if (account.checks.length === 0) return [...lines, escapeParagraph(t.t('report.account.empty')), ''];
  const sorted = sortChecks(account.checks);

  lines.push(
    `| ${cell(t.t('report.column.status'))} | ${cell(t.t('report.column.id'))} | ${cell(t.t('report.column.check'))} | ${cell(t.t('report.column.detail'))} |`,
    '|---|---|---|---|',
  );
  // Only what applies: the checks that do not are named in one line under the table.
  for (const check of account.checks.filter((item) => !isNotApplicable(item))) {
    const status = `${SYMBOLS.status[check.status]} ${t.t(STATUS_WORD[check.status])}`;
    lines.push(`| ${cell(status)} | ${code(check.id)} | ${cell(t.t(check.title))} | ${cell(clean(t.message(detailOf(check)), true))} |`);
  }
  lines.push('');
  for (const [flag, checks] of sorted.signIn) {
    const note = escapeInline(t.t(flag === 'admin' ? 'report.signIn.admin' : 'report.signIn.login'));
    lines.push(`${SYMBOLS.status.skip} ${note}: ${checks.map((check) => code(check.id)).join(', ')}`, '');
  }
  if (sorted.notApplicable.length > 0) {
    const label = escapeInline(t.t('report.notApplicable.listed', { count: sorted.notApplicable.length }));
    lines.push(`_${label}_: ${sorted.notApplicable.map((check) => code(check.id)).join(', ')}`, '');
  }

  // "How to fix" for fail, warn and error only; a check left for a sign-in is in the note above.
  const toFix = sorted.rows.filter((check) => check.status === 'fail' || check.status === 'warn' || check.status === 'error');
  if (toFix.length > 0) {
    lines.push(`### ${escapeInline(t.t('report.howToFix'))}`, '');
    for (const check of toFix) lines.push(...renderFix(check, t));
  }
  return lines;
}

function renderFix(check: ReportedCheck, t: Translator): string[] {
  const lines = [
    `#### ${SYMBOLS.status[check.status]} ${code(check.id)} · ${escapeInline(t.t(check.title))}`,
    '',
    escapeParagraph(clean(t.message(detailOf(check)))),
    '',
  ];
  // The code goes into the translated label as inline code, wherever the translation puts {code}.
  if (check.code) lines.push(escapeParagraph(t.t('report.code', { code: '\u0000' })).replace('\u0000', code(clean(check.code))), '');

  if (check.evidence.length > 0) {
    lines.push(`**${escapeInline(t.t('report.evidence'))}**`, '');
    for (const item of check.evidence) {
      const value = clean(item.value, true);
      // Multi-line replies keep their lines in a block; one-liners stay inline.
      if (value.includes('\n')) lines.push(`- ${escapeInline(t.t(item.label))}:`, '', ...codeBlock(value, '  '), '');
      else lines.push(`- ${escapeInline(t.t(item.label))}: ${code(value)}`);
    }
    if (lines.at(-1) !== '') lines.push('');
  }

  if (check.remediation.length > 0) {
    lines.push(`**${escapeInline(t.t('report.steps'))}**`, '');
    check.remediation.forEach((step, index) => {
      const text = escapeInline(clean(t.message(step.message)));
      lines.push(`${index + 1}. ${text}`);
      if (step.target === undefined) return;
      if (step.kind === 'url') {
        lines.push(`   ${link(clean(step.target))}`);
        return;
      }
      // Commands and snippets of several lines (YAML) in a block, their lines kept: copied, they must paste as is.
      const target = clean(step.target, true);
      if (step.kind === 'command' || target.includes('\n'))
        lines.push('', ...codeBlock(target, '   ', step.kind === 'command' ? commandLanguage(target) : ''), '');
      else lines.push(`   ${code(target)}`);
    });
    lines.push('');
  }
  return lines;
}

/** `**✖ not ready**`: a verdict with its symbol. */
function verdictText(verdict: Verdict, t: Translator): string {
  return `**${SYMBOLS.status[VERDICT_STATUS[verdict]]} ${escapeInline(t.t(VERDICT_KEYS[verdict]))}**`;
}

/** Syntax highlighting for the commands the checks emit: Exchange Online / Graph PowerShell cmdlets. */
function commandLanguage(target: string): string {
  return /^[A-Z][a-z]+-[A-Z][A-Za-z]+/.test(target) ? 'powershell' : '';
}
