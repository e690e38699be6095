import { resolve } from 'node:path';
import { loadConfig } from '../../config/load/index.js';
import { MAX_SAVED_REPORT_BYTES, readTextFile } from '../../config/text-file.js';
import { UsageError } from '../../errors/index.js';
import { buildHandoffSheet, type HandoffSheet } from '../../handoff/sheet.js';
import { renderHandoffHtml } from '../../handoff/html.js';
import { renderHandoffMarkdown } from '../../handoff/markdown.js';
import { msg, type Translator } from '../../i18n/index.js';
import { renderJson } from '../../report/json.js';
import { printable } from '../../report/model.js';
import { cleanReportText, reportSchema, type ReportJson } from '../../report/report-schema.js';
import { exitCodeFor } from '../exit-codes.js';
import { translatorFor } from '../language.js';
import type { SheetFormat } from '../formats.js';
import { writeReportFile } from '../output.js';
import { TOOL_NAME, toolVersion } from '../../core/version.js';
import { selectAccounts } from '../select-accounts.js';
// Types only: `report --from` must not load the checks (their registry pulls every protocol library); a
// fresh run imports the check command when it runs.
import type { CheckCommandEnvironment, RunCommandOptions } from './check.js';

export interface ReportCommandOptions extends RunCommandOptions {
  readonly format: SheetFormat;
  readonly output?: string;
  /** `--lang`: the sheet's language; pt-BR by default (the customer's), whatever the system's locale. */
  readonly lang?: string;
  /** `--from`: a saved JSON report instead of a fresh run. */
  readonly from?: string;
  /** `--technician`: who checked, for the sign-off block. */
  readonly technician?: string;
  /** `--no-appendix`: the sheet without the technician's appendix. */
  readonly appendix?: boolean;
}

/**
 * `tactium-preflight report <config.yaml>`: the handoff sheet for Tactium, from a fresh run of the checks or
 * from a saved JSON report (`--from`, no credentials needed: the file is read for its values only). The
 * exit code follows the results shown, as `check`'s would: 0 all verified, 1 something failing or nothing
 * verified, 3 a check broke, 2 usage.
 */
export async function runReportCommand(file: string, options: ReportCommandOptions, environment: CheckCommandEnvironment): Promise<number> {
  const sheetT = translatorFor('on-site', options.lang);
  if (options.from) {
    const report = readSavedReport(options.from);
    const config = selectAccounts(await loadConfig(file, { env: process.env, resolveSecrets: false }), options.account);
    const sheet = buildHandoffSheet(config, report, {
      t: sheetT,
      source: { kind: 'saved', file: options.from },
      tool: { name: TOOL_NAME, version: toolVersion() },
      now: new Date(),
      ...(options.technician !== undefined ? { technician: options.technician } : {}),
    });
    await writeSheet(sheet, options, sheetT, environment.t);
    const names = new Set(config.accounts.map((account) => account.name));
    return exitCodeFor(
      report.accounts.filter((account) => names.has(account.name)).flatMap((account) => account.checks),
      { strict: false, interrupted: null },
    );
  }
  const { runSelectedChecks } = await import('./check.js');
  const run = await runSelectedChecks(file, options, environment);
  // The sheet reads the JSON report's shape, so a fresh run and a saved one give the same sheet.
  const report = cleanReportText(reportSchema.parse(JSON.parse(renderJson(run.report, sheetT))));
  const sheet = buildHandoffSheet(run.config, report, {
    t: sheetT,
    source: { kind: 'run' },
    tool: run.report.tool,
    now: new Date(),
    ...(options.technician !== undefined ? { technician: options.technician } : {}),
  });
  await writeSheet(sheet, options, sheetT, environment.t);
  return exitCodeFor(run.results, { strict: false, interrupted: run.report.interrupted });
}

async function writeSheet(sheet: HandoffSheet, options: ReportCommandOptions, sheetT: Translator, cliT: Translator): Promise<void> {
  const render = { appendix: options.appendix !== false };
  const text = options.format === 'html' ? renderHandoffHtml(sheet, sheetT, render) : renderHandoffMarkdown(sheet, sheetT, render);
  if (options.output) {
    const written = await writeReportFile(options.output, text);
    if (!options.quiet) process.stderr.write(`${cliT.t('cli.output.written', { file: written })}\n`);
  } else {
    process.stdout.write(text);
  }
}

/**
 * A saved `check --format json` report, validated against the published shape (ids, codes, dates and
 * statuses by their form), its free text made printable; anything else is exit 2. The messages quote the
 * parser's words, which may quote the file: those pass through the same cleaner.
 */
export function readSavedReport(path: string): ReportJson {
  const file = resolve(path);
  const text = readSavedReportText(file);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(msg('handoff.from.notJson', { file, reason: printable(error instanceof Error ? error.message : String(error)) }));
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    throw new UsageError(msg('handoff.from.invalid', { file, path: printable(where), reason: printable(issue.message), count: parsed.error.issues.length }));
  }
  return cleanReportText(parsed.data);
}

/**
 * The saved report's text: at most MAX_SAVED_REPORT_BYTES (refused before it is read whole), decoded by its
 * byte order mark — PowerShell 5.1's `check … > report.json` writes UTF-16 LE — else UTF-8.
 */
function readSavedReportText(file: string): string {
  const read = readTextFile(file, MAX_SAVED_REPORT_BYTES);
  if (read.ok) return read.text;
  if (read.problem === 'too-large') throw new UsageError(msg('handoff.from.tooLarge', { file, size: read.size, max: read.max }));
  if (read.problem === 'missing' || read.problem === 'unreadable') throw new UsageError(msg('handoff.from.unreadable', { file, reason: read.detail }));
  throw new UsageError(msg('handoff.from.notAFile', { file }));
}
