import type { ChalkInstance } from 'chalk';
import type { Translator } from '../i18n/index.js';
import type { RunReport } from '../report/model.js';
import { renderJson, renderJsonParts } from '../report/json.js';
import { renderJunit, renderJunitParts } from '../report/junit.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTable } from '../report/table.js';

import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, type ReportFormat } from './formats.js';

export interface RenderOptions {
  readonly chalk: ChalkInstance | null;
  readonly symbols: 'unicode' | 'ascii';
  readonly trace: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  /** Columns of the table report (the terminal's); 100 when not given. */
  readonly width?: number;
}

/** Picks the reporter; reporters are pure and know nothing of protocols or the terminal. */
export function renderReport(format: ReportFormat, report: RunReport, t: Translator, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(report, t);
    case 'junit':
      return renderJunit(report, t);
    case 'markdown':
      return renderMarkdown(report, t);
    case 'table':
      return renderTable(report, t, {
        chalk: options.chalk,
        symbols: options.symbols,
        trace: options.trace,
        verbose: options.verbose,
        ...(options.width ? { width: options.width } : {}),
      });
  }
}

/**
 * The report as pieces to write one after another (the same text as `renderReport`): JSON and JUnit a
 * piece per account, so that a fleet's report of tens of megabytes is never whole in memory; the others whole.
 */
export function renderReportParts(format: ReportFormat, report: RunReport, t: Translator, options: RenderOptions): Iterable<string> {
  if (format === 'json') return renderJsonParts(report, t);
  if (format === 'junit') return renderJunitParts(report, t);
  return [renderReport(format, report, t, options)];
}
