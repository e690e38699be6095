import type { ChalkInstance } from 'chalk';
import { CHECKS } from '../../checks/registry.js';
import type { CheckResult, RunOptions } from '../../core/check.js';
import { formatConfigIssues } from '../../config/format-issues.js';
import type { PreflightConfig } from '../../config/types.js';
import { ConfigError, UsageError } from '../../errors/index.js';
import { msg, type Translator } from '../../i18n/index.js';
import { createSystemResolver } from '../../probes/dns.js';
import { withoutRepeatedAdvice } from '../../report/advice.js';
import { renderFleet } from '../../report/fleet.js';
import type { ReportedConfigError, RunReport } from '../../report/model.js';
import { runFleet, type AccountRun, type RunUnit } from '../../runner/run-checks.js';
import { Transcript } from '../../runner/transcript.js';
import { parseSelectorList, selectChecks } from '../../runner/select.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { writeParts, writeReportFile } from '../output.js';
import { createProgress } from '../progress.js';
import { DEFAULT_REPORT_WIDTH, terminalWidth } from '../terminal-width.js';
import { closestMatch } from '../suggest-name.js';
import { selectFleetAccounts } from '../select-accounts.js';
import { collectVerifiedFrom } from '../verified-from.js';
import { TOOL_NAME, toolVersion } from '../../core/version.js';
import { renderReportParts, type RenderOptions, type ReportFormat } from '../render.js';
import { createSecretPrompt } from '../../wizard/prompts.js';
import { expandConfigArguments, loadConfigFiles } from './check-files.js';

export interface CheckCommandOptions {
  readonly format: ReportFormat;
  readonly output?: string;
  readonly only?: string;
  readonly skip?: string;
  readonly account?: string;
  readonly timeout: number;
  readonly concurrency: number;
  readonly strict: boolean;
  readonly trace: boolean;
  readonly sendTo?: string;
  /** `--admin`: an administrator signs in (before the checks) so that the directory checks can read Graph. */
  readonly admin?: boolean;
  /** `--login`: each delegated Office 365 account's user signs in (before the checks) to prove the mailbox. */
  readonly login?: boolean;
  /** `--show-refresh-token` (implies `--login`): a Gmail refresh token obtained is shown once on the terminal. */
  readonly showRefreshToken?: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export interface CheckCommandEnvironment {
  readonly t: Translator;
  readonly chalk: ChalkInstance | null;
  readonly symbols: 'unicode' | 'ascii';
  readonly interactive: boolean;
  /** Aborted by the CLI on SIGINT / SIGTERM, with the signal name as reason. */
  readonly signal: AbortSignal;
}

/** The options of a run that `check` and `report` share. */
export type RunCommandOptions = Pick<
  CheckCommandOptions,
  'only' | 'skip' | 'account' | 'timeout' | 'concurrency' | 'trace' | 'sendTo' | 'admin' | 'login' | 'showRefreshToken' | 'quiet' | 'verbose'
>;

/** A finished (or interrupted) run: the report every reporter takes, and what the exit code is decided from. */
export interface CompletedRun {
  readonly report: RunReport;
  readonly results: readonly CheckResult[];
  readonly config: PreflightConfig;
}

/**
 * A missing secret is asked for with a masked prompt only in an interactive terminal — both ends a
 * terminal and no `CI` — never otherwise (then the configuration error naming the variable stays).
 */
export function canPromptForSecrets(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY) && !env.CI;
}

/** Load, select, run one file: everything `check` does before rendering, shared with `report`. */
export async function runSelectedChecks(file: string, options: RunCommandOptions, environment: CheckCommandEnvironment): Promise<CompletedRun> {
  const run = await runConfigFiles([file], false, options, environment);
  const error = run.configErrors[0];
  // One file: its configuration error is the command's (printed with every issue, exit 2).
  if (error || !run.config) throw new ConfigError(error?.issues ?? []);
  return { report: run.report, results: run.results, config: run.config };
}

/** A run over one or several files: what `check` renders, and what its exit code is decided from. */
export interface FleetRun {
  readonly report: RunReport;
  readonly results: readonly CheckResult[];
  readonly configErrors: readonly ReportedConfigError[];
  /** The only file's configuration, when it loaded. */
  readonly config?: PreflightConfig;
}

/**
 * Load every file (a broken one is reported, not fatal), select, run them all as one run — one pool of
 * `--concurrency` accounts and one set of mailbox login locks across the files — and build one report.
 * With `several`, each account is named `file:account`.
 */
export async function runConfigFiles(
  files: readonly string[],
  several: boolean,
  options: RunCommandOptions,
  environment: CheckCommandEnvironment,
): Promise<FleetRun> {
  const { t } = environment;
  const startedAt = new Date();
  const loaded = await loadConfigFiles(files, { env: process.env, ...(canPromptForSecrets() ? { promptSecret: createSecretPrompt(t) } : {}) });
  const configErrors = loaded.flatMap((file) => (file.error ? [file.error] : []));
  const units = selectFleetAccounts(
    loaded.flatMap((file) => (file.config ? [{ source: file.source, config: file.config }] : [])),
    options.account,
    several,
  );

  const selection = selectChecks(CHECKS, parseSelectorList(options.only), parseSelectorList(options.skip));
  if (selection.unmatched.length > 0) {
    const known = CHECKS.map((check) => check.id);
    const hints = selection.unmatched.map((selector) => {
      const suggestion = closestMatch(selector, [...known, ...new Set(known.map((id) => id.split('.')[0]!))]);
      return suggestion ? t.t('cli.selection.didYouMean', { selector, suggestion }) : t.t('cli.selection.unknown', { selector });
    });
    throw new UsageError(msg('cli.selection.noMatch', { details: hints.join('; ') }));
  }
  // With every file broken nothing can apply: the configuration errors are the report.
  const applicable = selection.checks.filter((check) =>
    units.some(({ config }) => config.accounts.some((account) => check.appliesTo(account, config) === true)),
  );
  if (applicable.length === 0 && (units.length > 0 || configErrors.length === 0)) throw new UsageError(msg('cli.selection.nothingApplicable'));

  const runOptions: RunOptions = {
    stepTimeoutMs: Math.round(options.timeout * 1000),
    trace: options.trace,
    verbose: options.verbose,
    sendTo: options.sendTo,
    admin: options.admin === true,
    login: options.login === true,
  };
  const dns = createSystemResolver();
  const services: RunUnit[] = [];
  // The probes cache a TLS context and a set of trust anchors per list of extra anchors (by identity):
  // files that name the same CA file share one list, not one each (500 copies cost seconds and megabytes).
  const anchorLists = new Map<string, readonly string[]>();
  const sharedAnchors = (pems: readonly string[]): readonly string[] => {
    const key = pems.join('\n');
    const known = anchorLists.get(key);
    if (known) return known;
    anchorLists.set(key, pems);
    return pems;
  };
  // --admin, --login: the interactive sign-ins happen now, one account at a time, before any spinner and
  // outside the checks' budgets; the checks read their results.
  const signInModule = runOptions.admin || runOptions.login ? await import('../../signin/prepare.js') : undefined;
  const interaction = signInModule ? (await import('../../signin/terminal.js')).createTerminalSignIn(t) : undefined;
  for (const { config } of units) {
    const extraCa = sharedAnchors(config.tls.extraCa);
    const signIns =
      signInModule && interaction
        ? await signInModule.prepareSignIns(config, selection.checks, {
            admin: runOptions.admin,
            login: runOptions.login,
            showRefreshToken: options.showRefreshToken === true,
            t,
            interaction,
            stepTimeoutMs: runOptions.stepTimeoutMs,
            signal: environment.signal,
            dns,
            extraCa,
            newTranscript: () => new Transcript(runOptions.trace),
          })
        : undefined;
    services.push({ config, services: { dns, now: () => new Date(), extraCa, ...(signIns ? { signIns } : {}) } });
  }
  const progress = await createProgress({
    interactive: environment.interactive,
    verbose: options.verbose,
    quiet: options.quiet,
    color: environment.chalk !== null,
    total: selection.checks.length * units.reduce((sum, unit) => sum + unit.config.accounts.length, 0),
    t,
  });
  let runs: AccountRun[][];
  try {
    runs = await runFleet({
      units: services,
      checks: selection.checks,
      options: runOptions,
      concurrency: options.concurrency,
      signal: environment.signal,
      events: progress,
    });
  } finally {
    progress.stop();
  }

  const interrupted = environment.signal.aborted ? (environment.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : null;
  const titles = new Map(CHECKS.map((check) => [check.id, check]));
  const report: RunReport = {
    tool: { name: TOOL_NAME, version: toolVersion() },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    verifiedFrom: collectVerifiedFrom(process.env, startedAt),
    interrupted,
    accounts: runs.flatMap((fileRuns, index) =>
      fileRuns.map((run) => ({
        name: several ? `${units[index]!.source}:${run.account.name}` : run.account.name,
        provider: run.account.provider,
        checks: withoutRepeatedAdvice(run.results.map((result) => ({ ...result, title: titles.get(result.id)!.title, area: titles.get(result.id)!.area }))),
        durationMs: run.durationMs,
        ...(several ? { source: units[index]!.source } : {}),
      })),
    ),
    ...(configErrors.length > 0 ? { configErrors } : {}),
  };
  return {
    report,
    results: runs.flatMap((fileRuns) => fileRuns.flatMap((run) => [...run.results])),
    configErrors,
    ...(!several && units[0] ? { config: units[0].config } : {}),
  };
}

/** `tactium-preflight check <config.yaml|folder>...`: load, select, run, report, and say how it went in the exit code. */
export async function runCheckCommand(args: string | readonly string[], options: CheckCommandOptions, environment: CheckCommandEnvironment): Promise<number> {
  const { t } = environment;
  const { files, several } = expandConfigArguments(typeof args === 'string' ? [args] : args);
  const run = await runConfigFiles(files, several, options, environment);
  const { report, results, configErrors } = run;
  // One file that did not load, shown as a table: the issues on stderr are the whole answer, as always.
  // JSON and JUnit still write their document, so CI shows why nothing ran.
  if (!several && configErrors.length > 0 && (options.format === 'table' || options.format === 'markdown')) throw new ConfigError(configErrors[0]!.issues);
  for (const error of configErrors) process.stderr.write(formatConfigIssues(error.issues, t));
  const renderOptions: RenderOptions = {
    chalk: options.output ? null : environment.chalk,
    symbols: environment.symbols,
    trace: options.trace,
    verbose: options.verbose,
    quiet: options.quiet,
    width: options.output ? DEFAULT_REPORT_WIDTH : terminalWidth(process.stdout, process.env),
  };
  const rendered = renderReportParts(options.format, report, t, renderOptions);
  // Several files as a table: the fleet view (which customers are not ready) closes the report.
  const parts = several && options.format === 'table' ? [`${[...rendered].join('').replace(/\n*$/, '\n')}\n${renderFleet(report, t)}`] : rendered;
  if (options.output) {
    const written = await writeReportFile(options.output, parts);
    if (!options.quiet) process.stderr.write(`${t.t('cli.output.written', { file: written })}\n`);
  } else {
    await writeParts(process.stdout, parts);
  }
  const code = exitCodeFor(results, { strict: options.strict, interrupted: report.interrupted });
  // A file that could not be loaded outranks every result but an interruption: exit 2 (see exit-codes.ts).
  return configErrors.length > 0 && report.interrupted === null ? EXIT.usage : code;
}
