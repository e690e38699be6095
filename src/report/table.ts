import type { ChalkInstance } from 'chalk';
import { STATUSES, type Status } from '../core/check.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import { STATUS_WORD, formatDuration, safeProxy, type RunReport } from './model.js';
import { symbolsFor, type SymbolSet, type Symbols } from './symbols.js';
import { countNotRun, summarize, totalOf } from './summary.js';
import { renderAccount } from './table-account.js';
import { countChecks, renderFleet } from './table-fleet.js';
import { clean, columns, wrapWords, styleFor, type Style } from './table-text.js';

export { renderOverview, type AccountOutline } from './table-fleet.js';

export interface TableOptions {
  /** Colours come only from here; `null` prints plain text without a single ANSI code. */
  readonly chalk: ChalkInstance | null;
  readonly symbols: SymbolSet;
  /** Print each check's redacted protocol transcript. */
  readonly trace: boolean;
  /** One row per check, the checks that do not apply listed, evidence of passing checks and durations. */
  readonly verbose: boolean;
  /** Terminal columns the report fits in (default 100); only unbreakable tokens (URLs, commands) pass it. */
  readonly width?: number;
}

export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;

/**
 * The table reporter (default format), doctor style: per account its verdict first and only what applies
 * (see renderAccount), then the fleet view (one line per account), the counts, the time and where it was
 * verified from.
 */
export function renderTable(report: RunReport, t: Translator, options: TableOptions): string {
  const style = styleFor(options.chalk);
  const symbols = symbolsFor(options.symbols);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const lines: string[] = [];
  for (const account of report.accounts) {
    lines.push(...renderAccount(account, t, { trace: options.trace, verbose: options.verbose, width, ellipsis: symbols.ellipsis }, style, symbols), '');
  }
  lines.push(...renderFleet(report.accounts, t, style, symbols, width));
  lines.push(...renderFooter(report, t, style, symbols, width));
  const text = lines.map((line) => line.trimEnd()).join('\n');
  return `${scrub(text)}\n`;
}

/** A bold label and its text, wrapped at `width` with the continuation lines indented under the text. */
function hanging(label: string, text: string, style: Style, width: number): string[] {
  const indent = ' '.repeat(columns(label) + 1);
  return wrapWords(text, Math.max(1, width - indent.length)).map((line, index) => (index === 0 ? `${style.bold(label)} ${line}` : indent + line));
}

function renderFooter(report: RunReport, t: Translator, style: Style, symbols: Symbols, width: number): string[] {
  const counts = summarize(report);
  const notApplicable = countChecks(report.accounts.flatMap((account) => account.checks)).notApplicable;
  const shown: Record<Status, number> = { ...counts, skip: counts.skip - notApplicable };
  const separator = ` ${symbols.separator} `;
  // A non-breaking space keeps "fail 1" together when the line wraps; it becomes a coloured plain space after.
  const parts = STATUSES.map((status) => ({ status: status as Status | null, glued: `${t.t(STATUS_WORD[status])}\u00a0${shown[status]}` }));
  parts.push({ status: null, glued: t.t('report.count.notApplicable', { count: notApplicable }).replace(/ /g, '\u00a0') });
  const total = t.t('report.summary.total', { count: totalOf(counts), duration: formatDuration(report.durationMs, t.locale) });
  const lines = hanging(`${t.t('report.summary')}:`, `${parts.map((part) => part.glued).join(separator)}${separator}${total}`, style, width).map((line) =>
    parts.reduce((text, part) => {
      const plain = part.glued.replace(/\u00a0/g, ' ');
      return text.replace(part.glued, part.status !== null && shown[part.status] > 0 ? style.status(part.status, plain) : plain);
    }, line),
  );

  if (report.interrupted) {
    const notRun = countNotRun(report);
    const text = t.t('report.interrupted', {
      signal: report.interrupted,
      finished: totalOf(counts) - notRun,
      total: totalOf(counts),
      skipWord: t.t('status.skip'),
    });
    for (const line of wrapWords(text, width)) lines.push(style.bold(style.status('warn', line)));
  }

  const from = report.verifiedFrom;
  const addresses = from.addresses.length > 0 ? from.addresses.map((address) => clean(address)).join(', ') : t.t('report.verifiedFrom.noAddresses');
  const proxy = safeProxy(from.proxy);
  const where = [
    `${clean(from.hostname)} (${addresses})`,
    clean(from.platform),
    clean(from.at),
    proxy === null ? t.t('report.verifiedFrom.noProxy') : t.t('report.verifiedFrom.proxy', { proxy: clean(proxy) }),
  ].join(separator);
  lines.push(...hanging(`${t.t('report.verifiedFrom')}:`, where, style, width));
  for (const line of wrapWords(t.t('report.verifiedFrom.note'), width)) lines.push(style.dim(line));
  return lines;
}
