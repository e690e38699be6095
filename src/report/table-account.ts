import type { Area, Status } from '../core/check.js';
import type { Translator } from '../i18n/index.js';
import { detailOf, type ReportedAccount, type ReportedCheck } from './model.js';
import type { Symbols } from './symbols.js';
import { renderEntry, type EntryOptions } from './table-entry.js';
import { accountHeadline } from './table-fleet.js';
import { INDENT, clean, columns, cut, fitSegments, padEnd, wrapWords, type Style } from './table-text.js';
import { isNotApplicable } from './verdict.js';
import { sortChecks, type SignIn } from './sort-checks.js';

export interface AccountOptions extends EntryOptions {
  readonly ellipsis: string;
}

/**
 * One account, doctor style: the headline (verdict and counts), an area whose checks all passed on one
 * line, any other check on one line cut to the width, one note per sign-in that would prove more, one line
 * counting the checks that do not apply; then "How to fix" for fail, warn and error only.
 */
export function renderAccount(account: ReportedAccount, t: Translator, options: AccountOptions, style: Style, symbols: Symbols): string[] {
  const { width } = options;
  const lines = accountHeadline(account, t, style, symbols, width);
  if (account.checks.length === 0) return [...lines, ...wrapWords(t.t('report.account.empty'), width - INDENT.length).map((line) => INDENT + line)];
  const sorted = sortChecks(account.checks);

  // Ids and area names share one column, so the details line up.
  const groups = options.verbose ? [] : passingAreas(sorted.rows);
  const grouped = new Set(groups.flatMap((group) => group.checks));
  const single = sorted.rows.filter((check) => !grouped.has(check));
  const labelWidth = Math.max(0, ...groups.map((group) => columns(group.area)), ...single.map((check) => columns(check.id)));
  const markWidth = Math.max(...Object.values(symbols.status).map(columns));
  const mark = (status: Status): string => style.status(status, padEnd(symbols.status[status], markWidth));
  const lead = INDENT + ' '.repeat(markWidth + 1);
  const detailStart = columns(lead) + labelWidth + 2;
  for (const check of sorted.rows) {
    const group = groups.find((candidate) => candidate.checks[0] === check);
    if (group) {
      const names = group.checks.map((member) => ({ text: member.id.slice(member.id.indexOf('.') + 1) }));
      const fitted = fitSegments(names, ` ${symbols.separator} `, width - detailStart, '');
      fitted.forEach((line, index) => {
        lines.push(index === 0 ? `${INDENT}${mark('pass')} ${style.bold(padEnd(group.area, labelWidth))}  ${line}` : `${' '.repeat(detailStart)}${line}`);
      });
      continue;
    }
    if (grouped.has(check)) continue;
    const detail = cut(clean(t.message(detailOf(check))), Math.max(1, width - detailStart), symbols.ellipsis);
    lines.push(`${INDENT}${mark(check.status)} ${padEnd(check.id, labelWidth)}  ${detail}`);
  }

  for (const [flag, checks] of sorted.signIn) lines.push(...signInNote(flag, checks, t, options, style, symbols, lead));
  lines.push(...notApplicableLines(sorted.notApplicable, t, options, style, symbols, lead));

  const toFix = sorted.rows.filter((check) => check.status === 'fail' || check.status === 'warn' || check.status === 'error');
  if (toFix.length > 0) {
    lines.push('', `${INDENT}${style.bold(t.t('report.howToFix'))}`);
    for (const check of toFix) lines.push('', ...renderEntry(check, t, options, style, symbols));
  }
  // Everything else only has more to show with --verbose (evidence, a sign-in's other ways) or --trace.
  const more = account.checks.filter(
    (check) =>
      !toFix.includes(check) &&
      !isNotApplicable(check) &&
      ((options.verbose && (check.evidence.length > 0 || check.remediation.length > 0)) || (options.trace && check.trace.length > 0)),
  );
  if (more.length > 0) {
    lines.push('', `${INDENT}${style.bold(t.t('report.details'))}`);
    for (const check of more) lines.push('', ...renderEntry(check, t, options, style, symbols));
  }
  return lines;
}

interface AreaGroup {
  readonly area: Area;
  readonly checks: readonly ReportedCheck[];
}

/** The areas all of whose shown checks passed: one line each. */
function passingAreas(rows: readonly ReportedCheck[]): AreaGroup[] {
  const byArea = new Map<Area, ReportedCheck[]>();
  for (const check of rows) byArea.set(check.area, [...(byArea.get(check.area) ?? []), check]);
  return [...byArea].filter(([, checks]) => checks.every((check) => check.status === 'pass')).map(([area, checks]) => ({ area, checks }));
}

/** "not verified — run with --admin to …", the checks it covers, and the exact command when a check gave one. */
function signInNote(
  flag: SignIn,
  checks: readonly ReportedCheck[],
  t: Translator,
  options: AccountOptions,
  style: Style,
  symbols: Symbols,
  lead: string,
): string[] {
  const text = t.t(flag === 'admin' ? 'report.signIn.admin' : 'report.signIn.login');
  const first = `${INDENT}${style.status('skip', symbols.status.skip)} `;
  const lines = wrapWords(text, options.width - columns(lead)).map((line, index) => (index === 0 ? first + line : lead + line));
  const ids = checks.map((check) => ({ text: check.id }));
  for (const line of fitSegments(ids, ` ${symbols.separator} `, options.width - columns(lead) - 2, '')) lines.push(`${lead}  ${style.dim(line)}`);
  const command = checks
    .flatMap((check) => check.remediation)
    .find((step) => step.kind === 'command' && step.target !== undefined && step.target.includes(`--${flag}`));
  if (command?.target !== undefined) lines.push(`${lead}  ${style.command(clean(command.target))}`);
  return lines;
}

/** One line counting the checks that do not apply; with --verbose, one line each and why. */
function notApplicableLines(checks: readonly ReportedCheck[], t: Translator, options: AccountOptions, style: Style, symbols: Symbols, lead: string): string[] {
  if (checks.length === 0) return [];
  const first = `${INDENT}${style.status('skip', symbols.status.skip)} `;
  const text = t.t(options.verbose ? 'report.notApplicable.listed' : 'report.notApplicable.counted', { count: checks.length });
  const lines = wrapWords(text, options.width - columns(lead)).map((line, index) => style.dim(index === 0 ? first + line : lead + line));
  if (!options.verbose) return lines;
  const idWidth = Math.max(...checks.map((check) => columns(check.id)));
  for (const check of checks) {
    const start = columns(lead) + 2 + idWidth + 2;
    const why = cut(clean(t.message(detailOf(check))), Math.max(1, options.width - start), symbols.ellipsis);
    lines.push(style.dim(`${lead}  ${padEnd(check.id, idWidth)}  ${why}`));
  }
  return lines;
}
