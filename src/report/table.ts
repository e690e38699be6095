import type { ChalkInstance } from 'chalk';
import { STATUSES, type Status } from '../core/check.js';
import type { TraceEntry } from '../core/transcript.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import {
  NOT_RUN_CODE,
  PROVIDER_NAME,
  STATUS_WORD,
  detailOf,
  formatDuration,
  needsFix,
  printable,
  safeProxy,
  type ReportedAccount,
  type ReportedCheck,
  type RunReport,
} from './model.js';
import { symbolsFor, type SymbolSet, type Symbols } from './symbols.js';
import { countNotRun, summarize, totalOf } from './summary.js';

export interface TableOptions {
  /** Colours come only from here; `null` prints plain text without a single ANSI code. */
  readonly chalk: ChalkInstance | null;
  readonly symbols: SymbolSet;
  /** Print each check's redacted protocol transcript. */
  readonly trace: boolean;
  /** Also list the evidence of passing checks and every check's duration. */
  readonly verbose: boolean;
  /** Terminal width the detail column wraps at (default 100). */
  readonly width?: number;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const INDENT = '  ';
const GAP = '  ';
/** Longer titles wrap inside their column, so one long title does not push every detail to the right. */
const TITLE_MAX = 34;
/** Narrower than this, the detail goes on its own lines under the row. */
const DETAIL_MIN = 28;

interface Style {
  status(status: Status, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  command(text: string): string;
}

function styleFor(chalk: ChalkInstance | null): Style {
  if (!chalk) {
    const plain = (text: string): string => text;
    return { status: (_status, text) => text, bold: plain, dim: plain, command: plain };
  }
  const colours: Record<Status, ChalkInstance> = {
    pass: chalk.green,
    warn: chalk.yellow,
    fail: chalk.red,
    skip: chalk.gray,
    error: chalk.magenta,
  };
  return {
    status: (status, text) => colours[status](text),
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    command: (text) => chalk.cyan(text),
  };
}

/** Terminal columns of plain text (code points; the catalogues hold no wide characters). */
function columns(text: string): number {
  return [...text].length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

/** Word wrap at spaces; a word longer than the line stays whole (a host, a code, a URL is never cut). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      if (line === '') line = word;
      else if (columns(line) + 1 + columns(word) <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}

/** Untrusted text made safe for the terminal: secrets removed before wrapping could split one. */
function clean(text: string, multiline = false): string {
  return printable(scrub(text), multiline);
}

const TRACE_MARK: Readonly<Record<TraceEntry['direction'], string>> = { client: 'C: ', server: 'S: ', tls: 'TLS', info: '-- ' };

interface Layout {
  readonly width: number;
  readonly statusWidth: number;
  readonly idWidth: number;
  readonly titleWidth: number;
  /** 0 when the detail goes on its own lines. */
  readonly detailWidth: number;
}

/**
 * The table reporter (default format): one block per account, one row per check, then what to fix, the
 * summary and where it was verified from.
 */
export function renderTable(report: RunReport, t: Translator, options: TableOptions): string {
  const style = styleFor(options.chalk);
  const symbols = symbolsFor(options.symbols);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const checks = report.accounts.flatMap((account) => account.checks);
  const statusWidth = Math.max(...STATUSES.map((status) => columns(statusCell(status, t, symbols))));
  const idWidth = Math.max(0, ...checks.map((check) => columns(check.id)));
  const titleWidth = Math.min(TITLE_MAX, Math.max(0, ...checks.map((check) => columns(t.t(check.title)))));
  const detailStart = INDENT.length + statusWidth + GAP.length + idWidth + GAP.length + titleWidth + GAP.length;
  const detailWidth = width - detailStart >= DETAIL_MIN ? width - detailStart : 0;
  const layout: Layout = { width, statusWidth, idWidth, titleWidth, detailWidth };

  const lines: string[] = [];
  for (const account of report.accounts) {
    lines.push(...renderAccount(account, t, options, style, symbols, layout), '');
  }
  lines.push(...renderFooter(report, t, style, symbols, width));
  const text = lines.map((line) => line.trimEnd()).join('\n');
  return `${scrub(text)}\n`;
}

function statusCell(status: Status, t: Translator, symbols: Symbols): string {
  return `${symbols.status[status]} ${t.t(STATUS_WORD[status])}`;
}

function renderAccount(account: ReportedAccount, t: Translator, options: TableOptions, style: Style, symbols: Symbols, layout: Layout): string[] {
  const lines = [style.bold(`${clean(account.name)} ${symbols.separator} ${t.t(PROVIDER_NAME[account.provider])}`)];
  if (account.checks.length === 0) return [...lines, `${INDENT}${t.t('report.account.empty')}`];
  for (const check of account.checks) lines.push(...renderRow(check, t, style, symbols, layout));

  const toFix = account.checks.filter(needsFix);
  if (toFix.length > 0) {
    lines.push('', `${INDENT}${style.bold(t.t('report.howToFix'))}`);
    for (const check of toFix) lines.push('', ...renderEntry(check, t, options, style, symbols, layout.width));
  }
  // Passing checks only have something more to show with --verbose (their evidence) or --trace.
  const more = account.checks.filter(
    (check) => !needsFix(check) && check.code !== NOT_RUN_CODE && ((options.verbose && check.evidence.length > 0) || (options.trace && check.trace.length > 0)),
  );
  if (more.length > 0) {
    lines.push('', `${INDENT}${style.bold(t.t('report.details'))}`);
    for (const check of more) lines.push('', ...renderEntry(check, t, options, style, symbols, layout.width));
  }
  return lines;
}

function renderRow(check: ReportedCheck, t: Translator, style: Style, symbols: Symbols, layout: Layout): string[] {
  const status = style.status(check.status, padEnd(statusCell(check.status, t, symbols), layout.statusWidth));
  const id = padEnd(check.id, layout.idWidth);
  const titleLines = wrapWords(t.t(check.title), layout.titleWidth);
  const detail = clean(t.message(detailOf(check)));
  const blankStatus = ' '.repeat(layout.statusWidth);
  const blankId = ' '.repeat(layout.idWidth);

  if (layout.detailWidth === 0) {
    // Narrow terminal: the row is status, id and title; the detail follows under the id.
    const lines = titleLines.map((title, index) => INDENT + (index === 0 ? status : blankStatus) + GAP + (index === 0 ? id : blankId) + GAP + title);
    const detailIndent = INDENT + blankStatus + GAP;
    for (const line of wrapWords(detail, Math.max(1, layout.width - detailIndent.length))) lines.push(detailIndent + line);
    return lines;
  }
  const detailLines = wrapWords(detail, layout.detailWidth);
  const lines: string[] = [];
  for (let index = 0; index < Math.max(titleLines.length, detailLines.length); index++) {
    lines.push(
      INDENT +
        (index === 0 ? status : blankStatus) +
        GAP +
        (index === 0 ? id : blankId) +
        GAP +
        padEnd(titleLines[index] ?? '', layout.titleWidth) +
        GAP +
        (detailLines[index] ?? ''),
    );
  }
  return lines;
}

/** One check's entry under "How to fix" / "Details": summary, code, evidence, steps, transcript. */
function renderEntry(check: ReportedCheck, t: Translator, options: TableOptions, style: Style, symbols: Symbols, width: number): string[] {
  const pad = `${INDENT}${INDENT}`;
  const inner = `${pad}${INDENT}`;
  const lines = [`${INDENT}${style.status(check.status, symbols.status[check.status])} ${style.bold(check.id)} ${symbols.separator} ${t.t(check.title)}`];
  for (const line of wrapWords(clean(t.message(detailOf(check))), width - pad.length)) lines.push(pad + line);

  const facts: string[] = [];
  if (check.code) facts.push(t.t('report.code', { code: clean(check.code) }));
  if (options.verbose) facts.push(t.t('report.duration', { duration: formatDuration(check.durationMs, t.locale) }));
  if (facts.length > 0) lines.push(pad + style.dim(facts.join(` ${symbols.separator} `)));

  if (check.evidence.length > 0) {
    lines.push(`${pad}${t.t('report.evidence')}`);
    for (const item of check.evidence) {
      const prefix = `${symbols.bullet} `;
      const text = `${t.t(item.label)}: ${clean(item.value, true)}`;
      wrapWords(text, width - inner.length - prefix.length).forEach((line, index) => {
        lines.push(inner + (index === 0 ? prefix : ' '.repeat(prefix.length)) + line);
      });
    }
  }

  if (check.remediation.length > 0) {
    lines.push(`${pad}${t.t('report.steps')}`);
    check.remediation.forEach((step, index) => {
      const number = `${index + 1}. `;
      const hanging = ' '.repeat(number.length);
      wrapWords(clean(t.message(step.message)), width - inner.length - number.length).forEach((line, lineIndex) => {
        lines.push(inner + (lineIndex === 0 ? number : hanging) + line);
      });
      // The target on lines of its own, never wrapped, so it can be copied and pasted as is; a YAML snippet
      // keeps its lines (a one-line escape would print `tls:\n  caFile: …`, which no editor accepts).
      if (step.target !== undefined) for (const line of clean(step.target, true).split('\n')) lines.push(`${inner}${hanging}${INDENT}${style.command(line)}`);
    });
  }

  if (options.trace && (check.trace.length > 0 || check.status !== 'skip')) {
    lines.push(`${pad}${t.t('report.trace')}`);
    // A skip never talked to a server: saying so on every skipped check would be noise.
    if (check.trace.length === 0 && check.status !== 'skip') lines.push(inner + style.dim(t.t('report.trace.empty')));
    for (const entry of check.trace) {
      const at = `+${(entry.atMs / 1000).toFixed(3)}s`;
      lines.push(`${inner}${style.dim(at)} ${TRACE_MARK[entry.direction]} ${clean(entry.text)}`);
    }
  }
  return lines;
}

/** A bold label and its text, wrapped at `width` with the continuation lines indented under the text. */
function hanging(label: string, text: string, style: Style, width: number): string[] {
  const indent = ' '.repeat(columns(label) + 1);
  return wrapWords(text, Math.max(1, width - indent.length)).map((line, index) => (index === 0 ? `${style.bold(label)} ${line}` : indent + line));
}

function renderFooter(report: RunReport, t: Translator, style: Style, symbols: Symbols, width: number): string[] {
  const counts = summarize(report);
  const separator = ` ${symbols.separator} `;
  // A non-breaking space keeps "fail 1" together when the line wraps; it becomes a coloured plain space after.
  const parts = STATUSES.map((status) => ({ status, glued: `${t.t(STATUS_WORD[status])}\u00a0${counts[status]}` }));
  const total = t.t('report.summary.total', { count: totalOf(counts), duration: formatDuration(report.durationMs, t.locale) });
  const lines = hanging(`${t.t('report.summary')}:`, `${parts.map((part) => part.glued).join(separator)}${separator}${total}`, style, width).map((line) =>
    parts.reduce((text, part) => {
      const shown = part.glued.replace('\u00a0', ' ');
      return text.replace(part.glued, counts[part.status] > 0 ? style.status(part.status, shown) : shown);
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
