import { Command, CommanderError, Help, InvalidArgumentError, Option, type Argument } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { EventEmitter } from 'node:events';
import type { Translator } from '../i18n/index.js';
import { translatorFor } from './language.js';
import { CATALOG_FORMATS, REPORT_FORMATS, SHEET_FORMATS, type CatalogFormat, type ReportFormat, type SheetFormat } from './formats.js';
import { TOOL_NAME, toolVersion } from '../core/version.js';

export interface ProgramEnvironment {
  readonly t: Translator;
  readonly chalk: ChalkInstance | null;
  readonly symbols: 'unicode' | 'ascii';
  readonly interactive: boolean;
  readonly signal: AbortSignal;
  /** Called before a long-running command starts, so the CLI can arm Ctrl-C handling. */
  onLongRunning(): void;
  /** Receives the exit code decided by the command. */
  setExitCode(code: number): void;
}

/** The options of a run that `check` and `report` both take, from commander's parsed values. */
function runOptions(options: Record<string, unknown>) {
  return {
    only: options.only as string | undefined,
    skip: options.skip as string | undefined,
    account: options.account as string | undefined,
    timeout: options.timeout as number,
    concurrency: options.concurrency as number,
    sendTo: options.sendTo as string | undefined,
    quiet: Boolean(options.quiet),
    verbose: Boolean(options.verbose),
  };
}

/**
 * commander writes its help's own words in English (the headings, `[options]`, `(choices: …, default: …)`);
 * they come from the catalogue instead, through the Help methods that produce them, each calling the
 * original and translating only commander's part, never the option or argument description.
 */
function translatedHelp(t: Translator): Partial<Help> {
  const headings: Record<string, string> = {
    'Usage:': t.t('cli.help.usage'),
    'Arguments:': t.t('cli.help.arguments'),
    'Options:': t.t('cli.help.options'),
    'Commands:': t.t('cli.help.commands'),
  };
  const placeholders = (text: string) => text.replace('[options]', t.t('cli.help.optionsPlaceholder')).replace('[command]', t.t('cli.help.commandPlaceholder'));
  // commander appends ` (choices: "a", "b", default: "a")` to the description; only that suffix is translated.
  const extras = (full: string, description: string) =>
    full.startsWith(description)
      ? description +
        full
          .slice(description.length)
          .replace(/\b(choices|default): /g, (_, word: string) => `${t.t(word === 'choices' ? 'cli.help.choices' : 'cli.help.default')}: `)
      : full;
  return {
    styleTitle: (title: string) => headings[title] ?? title,
    commandUsage(this: Help, command: Command) {
      return placeholders(Help.prototype.commandUsage.call(this, command));
    },
    subcommandTerm(this: Help, command: Command) {
      return placeholders(Help.prototype.subcommandTerm.call(this, command));
    },
    optionDescription(this: Help, option: Option) {
      return extras(Help.prototype.optionDescription.call(this, option), option.description);
    },
    argumentDescription(this: Help, argument: Argument) {
      return extras(Help.prototype.argumentDescription.call(this, argument), argument.description);
    },
  };
}

/**
 * commander wiring only (create-turbo style): every command's work lives in commands/*, imported inside
 * its action, so that `--help` and `--version` load neither the checks, zod, yaml nor the reporters
 * (`npm run bench` measures start-up; test/e2e/startup.test.ts fails when something heavy loads eagerly).
 */
export function buildProgram(environment: ProgramEnvironment): Command {
  const { t } = environment;
  const positiveNumber = (value: string): number => {
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number) || number <= 0 || number > 3600) throw new InvalidArgumentError(t.t('cli.invalid.timeout'));
    return number;
  };
  const positiveInteger = (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > 256) throw new InvalidArgumentError(t.t('cli.invalid.concurrency'));
    return number;
  };
  const language = (value: string): string => {
    if (!/^(pt|en)([-_][a-z]{2})?$/i.test(value)) throw new InvalidArgumentError(t.t('cli.invalid.lang'));
    return value;
  };
  const emailAddress = (value: string): string => {
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) throw new InvalidArgumentError(t.t('cli.invalid.sendTo'));
    return value;
  };

  const program = new Command(TOOL_NAME)
    .description(t.t('cli.description'))
    // Before the commands are added: they inherit the help configuration when created.
    .configureHelp(translatedHelp(t))
    .version(toolVersion(), '-V, --version', t.t('cli.option.version'))
    // `-v` is what most tools answer the version to; commander allows one short flag per option, so a
    // hidden `-v` replays the `--version` event.
    .addOption(new Option('-v').hideHelp())
    .on('option:v', () => (program as unknown as EventEmitter).emit('option:version'))
    .helpOption('-h, --help', t.t('cli.option.help'))
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      getOutHasColors: () => environment.chalk !== null,
      getErrHasColors: () => environment.chalk !== null,
      outputError: (text, write) => write(`${t.t('cli.usageError')}: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText('after', `\n${t.t('cli.help.examples')}\n${t.t('cli.help.examplesList')}\n`);

  const langOption = () => new Option('--lang <lang>', t.t('cli.option.lang')).argParser(language);

  program
    .command('check')
    .description(t.t('cli.check.description'))
    .argument('<config.yaml...>', t.t('cli.check.argument'))
    .addOption(new Option('--format <format>', t.t('cli.option.format')).choices(REPORT_FORMATS).default('table'))
    .option('--output <file>', t.t('cli.option.output'))
    .option('--only <ids>', t.t('cli.option.only'))
    .option('--skip <ids>', t.t('cli.option.skip'))
    .option('--account <names>', t.t('cli.option.account'))
    .addOption(new Option('--timeout <seconds>', t.t('cli.option.timeout')).argParser(positiveNumber).default(15))
    .addOption(new Option('--concurrency <n>', t.t('cli.option.concurrency')).argParser(positiveInteger).default(4))
    .option('--strict', t.t('cli.option.strict'), false)
    .addOption(langOption())
    .option('--no-color', t.t('cli.option.noColor'))
    .option('--trace', t.t('cli.option.trace'), false)
    .addOption(new Option('--send-to <address>', t.t('cli.option.sendTo')).argParser(emailAddress))
    .option('--admin', t.t('entra.cli.admin'), false)
    .option('--login', t.t('exchange.cli.login'), false)
    .addOption(new Option('--show-refresh-token', t.t('gmail.cli.showRefreshToken')).default(false).implies({ login: true }))
    .addOption(new Option('--quiet', t.t('cli.option.quiet')).default(false).conflicts('verbose'))
    .option('--verbose', t.t('cli.option.verbose'), false)
    .helpOption('-h, --help', t.t('cli.option.help'))
    .addHelpText('after', `\n${t.t('cli.help.examples')}\n${t.t('cli.check.examples')}\n`)
    .action(async (files: string[], options: Record<string, unknown>) => {
      environment.onLongRunning();
      const { runCheckCommand } = await import('./commands/check.js');
      const code = await runCheckCommand(
        files,
        {
          format: options.format as ReportFormat,
          output: options.output as string | undefined,
          ...runOptions(options),
          strict: Boolean(options.strict),
          trace: Boolean(options.trace),
          admin: Boolean(options.admin),
          login: Boolean(options.login),
          showRefreshToken: Boolean(options.showRefreshToken),
        },
        environment,
      );
      environment.setExitCode(code);
    });

  program
    .command('init')
    .description(t.t('wizard.cli.description'))
    .argument('[config.yaml]', t.t('wizard.cli.argument'))
    .addOption(langOption())
    .option('--no-color', t.t('cli.option.noColor'))
    .helpOption('-h, --help', t.t('cli.option.help'))
    .addHelpText('after', `\n${t.t('cli.help.examples')}\n${t.t('wizard.cli.examples')}\n`)
    .action(async (file: string | undefined, options: { lang?: string }) => {
      const { runInitCommand } = await import('./commands/init.js');
      // Issue 7: the wizard is for on-site setup in Brazil, so pt-BR unless --lang says otherwise.
      const wizardEnvironment = options.lang ? environment : { ...environment, t: translatorFor('on-site', undefined) };
      environment.setExitCode(await runInitCommand(file, wizardEnvironment));
    });

  program
    .command('report')
    .description(t.t('handoff.cli.description'))
    .argument('<config.yaml>', t.t('handoff.cli.argument'))
    .addOption(new Option('--format <format>', t.t('handoff.cli.format')).choices(SHEET_FORMATS).default('markdown'))
    .option('--output <file>', t.t('handoff.cli.output'))
    .addOption(new Option('--from <report.json>', t.t('handoff.cli.from')).conflicts(['only', 'skip', 'timeout', 'concurrency', 'sendTo']))
    .option('--only <ids>', t.t('cli.option.only'))
    .option('--skip <ids>', t.t('cli.option.skip'))
    .option('--account <names>', t.t('cli.option.account'))
    .addOption(new Option('--timeout <seconds>', t.t('cli.option.timeout')).argParser(positiveNumber).default(15))
    .addOption(new Option('--concurrency <n>', t.t('cli.option.concurrency')).argParser(positiveInteger).default(4))
    .addOption(new Option('--send-to <address>', t.t('cli.option.sendTo')).argParser(emailAddress))
    .addOption(new Option('--lang <lang>', t.t('handoff.cli.lang')).argParser(language))
    .option('--technician <name>', t.t('handoff.cli.technician'))
    .option('--no-appendix', t.t('handoff.cli.noAppendix'))
    .option('--no-color', t.t('cli.option.noColor'))
    .addOption(new Option('--quiet', t.t('cli.option.quiet')).default(false).conflicts('verbose'))
    .option('--verbose', t.t('cli.option.verbose'), false)
    .helpOption('-h, --help', t.t('cli.option.help'))
    .addHelpText('after', `\n${t.t('cli.help.examples')}\n${t.t('handoff.cli.examples')}\n`)
    .action(async (file: string, options: Record<string, unknown>) => {
      const fromSaved = typeof options.from === 'string';
      if (!fromSaved) environment.onLongRunning();
      const { runReportCommand } = await import('./commands/report.js');
      const code = await runReportCommand(
        file,
        {
          format: options.format as SheetFormat,
          output: options.output as string | undefined,
          lang: options.lang as string | undefined,
          from: options.from as string | undefined,
          technician: options.technician as string | undefined,
          appendix: options.appendix !== false,
          ...runOptions(options),
          trace: false,
        },
        environment,
      );
      environment.setExitCode(code);
    });

  program
    .command('checks')
    .description(t.t('cli.checks.description'))
    .addOption(new Option('--format <format>', t.t('cli.option.catalogFormat')).choices(CATALOG_FORMATS).default('table'))
    .addOption(langOption())
    .option('--no-color', t.t('cli.option.noColor'))
    .helpOption('-h, --help', t.t('cli.option.help'))
    .action(async (options: { format: CatalogFormat }) => {
      const { renderCatalog } = await import('./commands/checks.js');
      process.stdout.write(renderCatalog(options.format, t));
      environment.setExitCode(0);
    });

  program
    .command('schema')
    .description(t.t('cli.schema.description'))
    .option('--report', t.t('cli.option.reportSchema'), false)
    .helpOption('-h, --help', t.t('cli.option.help'))
    .addHelpText('after', `\n${t.t('cli.help.examples')}\n${t.t('cli.schema.examples')}\n`)
    .action(async (options: { report: boolean }) => {
      const { renderSchema } = await import('./commands/schema.js');
      process.stdout.write(renderSchema(options.report ? 'report' : 'config'));
      environment.setExitCode(0);
    });

  return program;
}

export { CommanderError };
