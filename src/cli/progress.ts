import type { Account } from '../config/types.js';
import type { Check, CheckResult } from '../core/check.js';
import type { RunEvents } from '../runner/run-checks.js';
import type { Translator } from '../i18n/index.js';

export interface Progress extends RunEvents {
  stop(): void;
}

/** The running checks the spinner names, oldest first: the one waiting longest is what the user wonders about. */
const SHOWN = 3;
/** A step is shown with its elapsed time once it has waited this long: a 15 s timeout must not look like a hang. */
const ELAPSED_AFTER_MS = 1000;

/**
 * The spinner's text: how many checks finished and the ones running, each that has waited a second or
 * more with its elapsed time ("saudavel:smtp.tls … 7 s").
 */
export function progressText(t: Translator, done: number, total: number, running: ReadonlyMap<string, number>, now: number): string {
  const current = [...running]
    .sort((a, b) => a[1] - b[1])
    .slice(0, SHOWN)
    .map(([name, startedAt]) => {
      const elapsed = now - startedAt;
      return elapsed >= ELAPSED_AFTER_MS ? t.t('cli.progress.elapsed', { check: name, seconds: Math.floor(elapsed / 1000) }) : name;
    })
    .join(', ');
  return t.t('cli.progress.running', { done, total, current });
}

/**
 * Progress goes to stderr so that `--format json > r.json` stays clean: an ora spinner only on an
 * interactive terminal, redrawn every second so that a step waiting on the network shows its time;
 * otherwise one plain line per finished check with --verbose, and nothing by default.
 */
export async function createProgress(options: {
  interactive: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  total: number;
  t: Translator;
  /** Where the spinner draws (standard error unless a test says otherwise). */
  stream?: NodeJS.WritableStream;
  now?: () => number;
}): Promise<Progress> {
  const { t } = options;
  const now = options.now ?? Date.now;
  if (options.quiet) return { stop() {} };
  if (options.interactive) {
    const { default: ora } = await import('ora');
    const stream = options.stream ?? process.stderr;
    const spinner = ora({ stream: stream as NodeJS.WriteStream, color: 'cyan', isEnabled: true, discardStdin: false }).start(t.t('cli.progress.starting'));
    let finished = 0;
    const running = new Map<string, number>();
    const render = () => {
      spinner.text = progressText(t, finished, options.total, running, now());
    };
    // No event arrives while a step waits: the clock redraws the elapsed time.
    const ticker = setInterval(() => {
      if (running.size > 0) render();
    }, 1000);
    ticker.unref();
    return {
      onCheckStart(account: Account, check: Check) {
        running.set(`${account.name}:${check.id}`, now());
        render();
      },
      onCheckFinish(account: Account, check: Check, _result: CheckResult) {
        running.delete(`${account.name}:${check.id}`);
        finished++;
        render();
      },
      stop() {
        clearInterval(ticker);
        spinner.stop();
      },
    };
  }
  if (!options.verbose) return { stop() {} };
  return {
    onCheckFinish(account: Account, check: Check, result: CheckResult) {
      process.stderr.write(`${account.name}  ${check.id}  ${t.t(`status.${result.status}`)}  ${result.durationMs} ms\n`);
    },
    stop() {},
  };
}
