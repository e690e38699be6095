/**
 * The `--login` sign-in's terminal: explanations and the authorization URL on stderr (prompts never go
 * to stdout, which may be a report), the redirected address read with `@inquirer/prompts`' masked
 * `password` prompt (it carries the code: nothing of it is echoed), yes/no as a short list (so "s"/"sim"
 * is never misread).
 * inquirer is loaded on first use. Esc cancels this sign-in; Ctrl-C (which inquirer catches in raw mode)
 * is passed on to the process as SIGINT, so the run stops as everywhere else and still reports.
 */
import { emitKeypressEvents } from 'node:readline';
import type { Translator } from '../i18n/index.js';
import { writeUnscrubbed } from '../secrets/reveal.js';
import { SignInCancelled, type SignInInteraction } from './delegated.js';

/** The terminal's two ends (process.stdin / process.stderr; tests pass streams of their own). */
export interface SignInStreams {
  readonly input?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env?: NodeJS.ProcessEnv;
}

function isInquirerExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

export function createTerminalSignIn(t: Translator, streams: SignInStreams = {}): SignInInteraction {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  const env = streams.env ?? process.env;

  /** Runs one prompt that Esc cancels and `signal` (deadline, Ctrl-C of the run) aborts. */
  async function ask<T>(signal: AbortSignal, prompt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const escape = new AbortController();
    emitKeypressEvents(input);
    const onKeypress = (_text: string | undefined, key: { name?: string } | undefined): void => {
      if (key?.name === 'escape') escape.abort(new SignInCancelled());
    };
    input.on('keypress', onKeypress);
    try {
      return await prompt(AbortSignal.any([signal, escape.signal]));
    } catch (error) {
      if (escape.signal.aborted) throw new SignInCancelled();
      if (isInquirerExit(error)) {
        process.emit('SIGINT', 'SIGINT');
        throw new SignInCancelled();
      }
      // The deadline's TimeoutError (a DOMException) or the run's reason, as the signal says.
      if (signal.aborted) throw typeof signal.reason === 'object' && signal.reason !== null ? signal.reason : new Error('aborted');
      throw error;
    } finally {
      input.off('keypress', onKeypress);
    }
  }

  return {
    canPrompt: () => Boolean(input.isTTY) && Boolean(output.isTTY) && !env.CI,
    say(message) {
      output.write(`${t.message(message)}\n`);
    },
    showUrl(message, url) {
      output.write(`\n${t.message(message)}\n\n  ${url}\n\n`);
    },
    reveal(message, secret) {
      // The value on a line of its own (copied with a triple click), framed by blank lines.
      return writeUnscrubbed(output, `\n${t.message(message)}\n\n${secret.reveal()}\n\n`);
    },
    async askSecret(message, signal) {
      const { password } = await import('@inquirer/prompts');
      return ask(signal, (combined) => password({ message: t.message(message), mask: '*' }, { input, output, signal: combined }));
    },
    async confirm(message, defaultAnswer, signal) {
      const { select } = await import('@inquirer/prompts');
      const answer = await ask(signal, (combined) =>
        select(
          {
            message: t.message(message),
            choices: [
              { value: 'yes', name: t.t('exchange.login.yes') },
              { value: 'no', name: t.t('exchange.login.no') },
            ],
            default: defaultAnswer ? 'yes' : 'no',
          },
          { input, output, signal: combined },
        ),
      );
      return answer === 'yes';
    },
  };
}
