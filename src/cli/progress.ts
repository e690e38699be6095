import type { Account } from '../config/types.js';
import type { Check, CheckResult } from '../core/check.js';
import type { RunEvents } from '../runner/run-checks.js';
import type { Translator } from '../i18n/index.js';

export interface Progress extends RunEvents {
  stop(): void;
}

/**
 * Progress goes to stderr so that `--format json > r.json` stays clean: an ora spinner only on an
 * interactive terminal; otherwise one plain line per finished check with --verbose, and nothing by default.
 */
export async function createProgress(options: {
  interactive: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  total: number;
  t: Translator;
}): Promise<Progress> {
  const { t } = options;
  if (options.quiet) return { stop() {} };
  if (options.interactive) {
    const { default: ora } = await import('ora');
    const spinner = ora({ stream: process.stderr, color: 'cyan', isEnabled: true, discardStdin: false }).start(t.t('cli.progress.starting'));
    let finished = 0;
    const active = new Set<string>();
    const render = () => {
      const names = [...active].slice(0, 3).join(', ');
      spinner.text = t.t('cli.progress.running', { done: finished, total: options.total, current: names });
    };
    return {
      onCheckStart(account: Account, check: Check) {
        active.add(`${account.name}:${check.id}`);
        render();
      },
      onCheckFinish(account: Account, check: Check, _result: CheckResult) {
        active.delete(`${account.name}:${check.id}`);
        finished++;
        render();
      },
      stop() {
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
