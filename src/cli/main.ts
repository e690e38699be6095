import { CommanderError } from 'commander';
import { CancelledError, ConfigError, UsageError } from '../errors/index.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import { formatConfigIssues } from '../config/format-issues.js';
import { decideColorLevel, makeChalk, supportsUnicode } from './color.js';
import { EXIT } from './exit-codes.js';
import { translatorFor } from './language.js';
import { installScrubbingStreams, registerProxyPasswords, setAsciiConsole } from './output.js';
import { buildProgram } from './program.js';

/** `--lang` must be known before commander builds the (translated) help, so it is read ahead. */
function prescan(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (arg === name) return argv[index + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** The whole CLI; returns the exit code (exit-codes.ts). Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  installScrubbingStreams();
  registerProxyPasswords(process.env);
  const langFlag = prescan(argv, '--lang');
  const t: Translator = translatorFor('operator', langFlag, process.env);
  const colorLevel = decideColorLevel({ isTTY: Boolean(process.stdout.isTTY), env: process.env, noColorFlag: argv.includes('--no-color') });
  const controller = new AbortController();
  let exitCode: number = EXIT.ok;
  let signalCount = 0;

  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    signalCount++;
    if (signalCount > 1) process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm); // a second Ctrl-C means now
    process.stderr.write(`\n${t.t('cli.interrupted', { signal })}\n`);
    controller.abort(signal);
  };
  const onStray = (error: unknown) => {
    // A library emitting an error on a socket nobody listens to must not kill a run mid-way (exit 1
    // is a promise to the user: "your setup failed"); the affected check reports its own failure.
    if (argv.includes('--verbose'))
      process.stderr.write(`${t.t('cli.strayError', { message: scrub(String(error instanceof Error ? error.message : error)) })}\n`);
  };

  const unicode = supportsUnicode();
  setAsciiConsole(!unicode);
  const program = buildProgram({
    t,
    chalk: await makeChalk(colorLevel),
    symbols: unicode ? 'unicode' : 'ascii',
    // A pseudo-terminal that reports 0 columns (some CI runners, `script`) would make a spinner redraw
    // forever; treat it as non-interactive.
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI && (process.stderr.columns ?? 0) > 0,
    signal: controller.signal,
    onLongRunning() {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      process.on('uncaughtException', onStray);
      process.on('unhandledRejection', onStray);
    },
    setExitCode(code) {
      exitCode = code;
    },
  });

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportFailure(error, t, argv.includes('--verbose'));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  }
}

function reportFailure(error: unknown, t: Translator, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with code 0; everything else is a usage error.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(formatConfigIssues(error.issues, t));
    process.stderr.write(`${t.t('cli.config.summary', { count: error.issues.length })}\n`);
    return EXIT.usage;
  }
  if (error instanceof CancelledError) {
    // Ctrl-C or Esc at a prompt (a masked secret prompt of `check`): stopped by the person, like SIGINT.
    process.stderr.write(`\n${t.message(error.detail)}\n`);
    return EXIT.sigint;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${t.t('cli.usageError')}: ${t.message(error.detail)}\n`);
    return EXIT.usage;
  }
  const message = scrub(error instanceof Error ? error.message : String(error));
  process.stderr.write(`${t.t('cli.crash', { message })}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${scrub(error.stack)}\n`);
  return EXIT.bug;
}
