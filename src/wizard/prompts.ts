import { emitKeypressEvents } from 'node:readline';
import type { PromptSecret } from '../config/references.js';
import { CancelledError } from '../errors/index.js';
import { msg, type Translator } from '../i18n/index.js';
import type { Message } from '../core/message.js';
import { scrub } from '../secrets/redact.js';
import { looksLikeSecret } from './validate.js';

/** A value this process already holds as a secret (a literal in the file being edited, one typed earlier). */
const isKnownSecret = (value: string): boolean => scrub(value) !== value;

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
  input(question: {
    readonly message: string;
    readonly default?: string;
    readonly validate?: Validator;
    /** Shown when a secret value is pasted here (refused and cleared); a general explanation by default. */
    readonly pastedSecret?: string;
  }): Promise<string>;
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

/** Esc at a question: the wizard offers to keep going, go back one question or quit (forgiving.ts). */
export class EscapePressed extends Error {
  constructor() {
    super('escape');
    this.name = 'EscapePressed';
  }
}

/**
 * Runs one inquirer prompt with an abort signal that Esc fires. inquirer itself maps Ctrl-C (raw mode:
 * readline's SIGINT) to ExitPromptError → PromptCancelled; Esc becomes EscapePressed. `extra` aborts the
 * prompt for the caller's own reasons (its error is then rethrown as is).
 */
async function withEscape<T>(input: NodeJS.ReadableStream, cancelled: Message, ask: (signal: AbortSignal) => Promise<T>, extra?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  emitKeypressEvents(input);
  const onKeypress = (_text: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') controller.abort();
  };
  input.on('keypress', onKeypress);
  try {
    return await ask(extra ? AbortSignal.any([controller.signal, extra]) : controller.signal);
  } catch (error) {
    if (extra?.aborted) throw error;
    if (controller.signal.aborted) throw new EscapePressed();
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
      for (;;) {
        // A secret pasted at a question that is not for one: refused, and the prompt is abandoned so that
        // the value leaves the line (inquirer keeps a refused value for editing); it is masked as typed.
        const pasted = new AbortController();
        try {
          return await withEscape(
            input,
            cancelled,
            (signal) =>
              ask(
                {
                  message: question.message,
                  ...(question.default !== undefined && question.default !== '' ? { default: question.default } : {}),
                  transformer: (value: string) => (looksLikeSecret(value, isKnownSecret) ? '*'.repeat(Math.min(value.length, 40)) : value),
                  validate: (value: string) => {
                    if (looksLikeSecret(value, isKnownSecret)) {
                      setImmediate(() => pasted.abort());
                      return question.pastedSecret ?? t.t('wizard.invalid.secretPasted');
                    }
                    return validate ? validate(value.trim()) : true;
                  },
                },
                context(signal),
              ).then((value) => value.trim()),
            pasted.signal,
          );
        } catch (error) {
          // The refusal stays on screen under the masked line; the question is asked afresh below it.
          if (!pasted.signal.aborted) throw error;
        }
      }
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
    try {
      return await prompter.secret({ message: t.t('wizard.secretPrompt', { account: request.account, key: request.key, reference: request.reference }) });
    } catch (error) {
      // One question, nothing to go back to: Esc stops like Ctrl-C.
      if (error instanceof EscapePressed) throw new CancelledError(msg('wizard.cancelled.check'));
      throw error;
    }
  };
}
