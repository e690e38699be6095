import { emitKeypressEvents } from 'node:readline';
import type { PromptSecret } from '../config/references.js';
import { CancelledError } from '../errors/index.js';
import { msg, type Translator } from '../i18n/index.js';
import type { Message } from '../core/message.js';

/**
 * A thin adapter over `@inquirer/prompts` (loaded on first use, so `--help` stays fast): the questions
 * the wizard asks, drawn on the standard error (prompts never go to stdout, which may be a report), with Esc
 * and Ctrl-C both turned into one PromptCancelled error. The flow (questions.ts) depends on this interface only.
 */
export interface Choice<T extends string> {
  readonly value: T;
  readonly name: string;
  /** One line shown under the list while this choice is highlighted (when to choose it). */
  readonly description?: string;
}

/** `true`, or the message that explains what is wrong (the question is asked again). */
export type Validator = (value: string) => true | string;

export interface Prompter {
  select<T extends string>(question: { readonly message: string; readonly choices: readonly Choice<T>[]; readonly default?: T }): Promise<T>;
  /** A line of text; `default` is shown and accepted with Enter. */
  input(question: { readonly message: string; readonly default?: string; readonly validate?: Validator }): Promise<string>;
  /** A masked line: every character typed shows as `*`; the value is never echoed. */
  secret(question: { readonly message: string; readonly validate?: Validator }): Promise<string>;
  confirm(question: { readonly message: string; readonly default: boolean }): Promise<boolean>;
  /** A line of explanation between questions. */
  say(text: string): void;
}

/** The person pressed Ctrl-C or Esc (or the terminal went away): stop, write nothing, exit 130. */
export { CancelledError as PromptCancelled };

const CANCELLATIONS: ReadonlySet<string> = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

export function isPromptCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && CANCELLATIONS.has(error.name));
}

export interface TerminalStreams {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

type Inquirer = typeof import('@inquirer/prompts');
let inquirer: Promise<Inquirer> | undefined;
const loadInquirer = () => (inquirer ??= import('@inquirer/prompts'));

/**
 * Runs one inquirer prompt with an abort signal that Esc fires. inquirer itself maps Ctrl-C (raw mode:
 * readline's SIGINT) to ExitPromptError and the signal to AbortPromptError; both become PromptCancelled.
 */
async function withEscape<T>(input: NodeJS.ReadableStream, cancelled: Message, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  emitKeypressEvents(input);
  const onKeypress = (_text: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') controller.abort();
  };
  input.on('keypress', onKeypress);
  try {
    return await ask(controller.signal);
  } catch (error) {
    if (isPromptCancellation(error)) throw new CancelledError(cancelled);
    throw error;
  } finally {
    input.off('keypress', onKeypress);
  }
}

/**
 * The real terminal. `cancelled` is the message printed when the person stops (init: "nothing was
 * written"; check: "nothing was checked").
 */
export function createTerminalPrompter(t: Translator, cancelled: Message, streams: TerminalStreams = {}): Prompter {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  const keyWords: Readonly<Record<string, string>> = { navigate: t.t('wizard.keys.navigate'), select: t.t('wizard.keys.select') };
  const selectTheme = {
    style: {
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${keyWords[action] ?? action}`).join(' • '),
    },
  };
  const context = (signal: AbortSignal) => ({ input, output, signal });
  const prompter: Prompter = {
    async select(question) {
      const { select } = await loadInquirer();
      return withEscape(input, cancelled, (signal) =>
        select(
          {
            message: question.message,
            choices: question.choices.map((choice) => ({
              value: choice.value,
              name: choice.name,
              ...(choice.description ? { description: choice.description } : {}),
            })),
            ...(question.default !== undefined ? { default: question.default } : {}),
            pageSize: 10,
            theme: selectTheme,
          },
          context(signal),
        ),
      );
    },
    async input(question) {
      const { input: ask } = await loadInquirer();
      const validate = question.validate;
      return withEscape(input, cancelled, (signal) =>
        ask(
          {
            message: question.message,
            ...(question.default !== undefined && question.default !== '' ? { default: question.default } : {}),
            ...(validate ? { validate: (value: string) => validate(value.trim()) } : {}),
          },
          context(signal),
        ).then((value) => value.trim()),
      );
    },
    async secret(question) {
      const { password } = await loadInquirer();
      const validate = question.validate;
      return withEscape(input, cancelled, (signal) => password({ message: question.message, mask: '*', ...(validate ? { validate } : {}) }, context(signal)));
    },
    async confirm(question) {
      // A list rather than inquirer's y/N: "s" (sim) would not be understood, and the words follow --lang.
      const answer = await prompter.select({
        message: question.message,
        choices: [
          { value: 'yes', name: t.t('wizard.answer.yes') },
          { value: 'no', name: t.t('wizard.answer.no') },
        ],
        default: question.default ? 'yes' : 'no',
      });
      return answer === 'yes';
    },
    say(text) {
      output.write(`${text}\n`);
    },
  };
  return prompter;
}

/**
 * `check` in an interactive terminal: a secret whose reference cannot be resolved is asked for, masked.
 * The loader turns the answer into a Secret (source `prompt`); it is never echoed or written.
 */
export function createSecretPrompt(t: Translator, streams: TerminalStreams = {}): PromptSecret {
  return async (request) => {
    const prompter = createTerminalPrompter(t, msg('wizard.cancelled.check'), streams);
    return prompter.secret({ message: t.t('wizard.secretPrompt', { account: request.account, key: request.key, reference: request.reference }) });
  };
}
