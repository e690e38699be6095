import type { ChalkInstance } from 'chalk';
import { CHECKS } from '../../checks/registry.js';
import type { CheckResult, RunOptions } from '../../core/check.js';
import { loadConfig } from '../../config/load/index.js';
import type { PreflightConfig } from '../../config/types.js';
import { UsageError } from '../../errors/index.js';
import { msg, type Translator } from '../../i18n/index.js';
import { createSystemResolver } from '../../probes/dns.js';
import type { RunReport } from '../../report/model.js';
import { runChecks } from '../../runner/run-checks.js';
import { Transcript } from '../../runner/transcript.js';
import { parseSelectorList, selectChecks } from '../../runner/select.js';
import { exitCodeFor } from '../exit-codes.js';
import { writeReportFile } from '../output.js';
import { createProgress } from '../progress.js';
import { closestMatch } from '../suggest-name.js';
import { collectVerifiedFrom } from '../verified-from.js';
import { TOOL_NAME, toolVersion } from '../../core/version.js';
import { renderReport, type ReportFormat } from '../render.js';
import { createSecretPrompt } from '../../wizard/prompts.js';

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

/** Load, select, run: everything `check` does before rendering, shared with `report`. */
export async function runSelectedChecks(file: string, options: RunCommandOptions, environment: CheckCommandEnvironment): Promise<CompletedRun> {
  const { t } = environment;
  const startedAt = new Date();
  const config = await loadConfig(file, { env: process.env, ...(canPromptForSecrets() ? { promptSecret: createSecretPrompt(t) } : {}) });
  const accountsConfig = selectAccounts(config, options.account);

  const selection = selectChecks(CHECKS, parseSelectorList(options.only), parseSelectorList(options.skip));
  if (selection.unmatched.length > 0) {
    const known = CHECKS.map((check) => check.id);
    const hints = selection.unmatched.map((selector) => {
      const suggestion = closestMatch(selector, [...known, ...new Set(known.map((id) => id.split('.')[0]!))]);
      return suggestion ? t.t('cli.selection.didYouMean', { selector, suggestion }) : t.t('cli.selection.unknown', { selector });
    });
    throw new UsageError(msg('cli.selection.noMatch', { details: hints.join('; ') }));
  }
  const applicable = selection.checks.filter((check) => accountsConfig.accounts.some((account) => check.appliesTo(account, accountsConfig) === true));
  if (applicable.length === 0) throw new UsageError(msg('cli.selection.nothingApplicable'));

  const runOptions: RunOptions = {
    stepTimeoutMs: Math.round(options.timeout * 1000),
    trace: options.trace,
    verbose: options.verbose,
    sendTo: options.sendTo,
    admin: options.admin === true,
    login: options.login === true,
  };
  const dns = createSystemResolver();
  // --admin, --login: the interactive sign-ins happen now, one account at a time, before any spinner and
  // outside the checks' budgets; the checks read their results.
  const signIns =
    runOptions.admin || runOptions.login
      ? await (
          await import('../../signin/prepare.js')
        ).prepareSignIns(accountsConfig, selection.checks, {
          admin: runOptions.admin,
          login: runOptions.login,
          showRefreshToken: options.showRefreshToken === true,
          t,
          interaction: (await import('../../signin/terminal.js')).createTerminalSignIn(t),
          stepTimeoutMs: runOptions.stepTimeoutMs,
          signal: environment.signal,
          dns,
          extraCa: accountsConfig.tls.extraCa,
          newTranscript: () => new Transcript(runOptions.trace),
        })
      : undefined;
  const progress = await createProgress({
    interactive: environment.interactive,
    verbose: options.verbose,
    quiet: options.quiet,
    color: environment.chalk !== null,
    total: selection.checks.length * accountsConfig.accounts.length,
    t,
  });
  let runs;
  try {
    runs = await runChecks({
      config: accountsConfig,
      checks: selection.checks,
      options: runOptions,
      services: { dns, now: () => new Date(), extraCa: accountsConfig.tls.extraCa, ...(signIns ? { signIns } : {}) },
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
    accounts: runs.map((run) => ({
      name: run.account.name,
      provider: run.account.provider,
      checks: run.results.map((result) => ({ ...result, title: titles.get(result.id)!.title, area: titles.get(result.id)!.area })),
    })),
  };
  return { report, results: runs.flatMap((run) => [...run.results]), config: accountsConfig };
}

/** `tactium-preflight check <config.yaml>`: load, select, run, report, and say how it went in the exit code. */
export async function runCheckCommand(file: string, options: CheckCommandOptions, environment: CheckCommandEnvironment): Promise<number> {
  const { t } = environment;
  const { report, results } = await runSelectedChecks(file, options, environment);
  const text = renderReport(options.format, report, t, {
    chalk: options.output ? null : environment.chalk,
    symbols: environment.symbols,
    trace: options.trace,
    verbose: options.verbose,
    quiet: options.quiet,
  });
  if (options.output) {
    const written = await writeReportFile(options.output, text);
    if (!options.quiet) process.stderr.write(`${t.t('cli.output.written', { file: written })}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  return exitCodeFor(results, { strict: options.strict, interrupted: report.interrupted });
}

/** `--account a,b`: only these accounts; an unknown name is a usage error with the closest one. */
export function selectAccounts(config: PreflightConfig, wanted: string | undefined): PreflightConfig {
  if (!wanted) return config;
  const names = parseSelectorListSafe(wanted);
  const known = config.accounts.map((account) => account.name);
  const missing = names.filter((name) => !known.includes(name));
  if (missing.length > 0) {
    const name = missing[0]!;
    const suggestion = closestMatch(name, known);
    throw new UsageError(msg('cli.account.unknown', { name, known: known.join(', '), suggestion: suggestion ?? '—' }));
  }
  return { ...config, accounts: config.accounts.filter((account) => names.includes(account.name)) };
}

function parseSelectorListSafe(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
