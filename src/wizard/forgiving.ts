import { CancelledError } from '../errors/index.js';
import { msg, type Translator } from '../i18n/index.js';
import { EscapePressed, type Prompter } from './prompts.js';

/**
 * A wizard that forgives a stray key. Esc at a question asks what was meant — keep going, go back one
 * question, or quit without writing — instead of throwing eight answers away; Ctrl-C quits only when
 * pressed twice in a row. Going back re-runs the flow from the start with the answers given so far
 * replayed silently (the flow is plain async code, so this is the one way back that needs no change to
 * it), and the question gone back to proposes its previous answer.
 */

type Answer = string | boolean;

class GoBack extends Error {
  constructor() {
    super('go back');
    this.name = 'GoBack';
  }
}

/** Runs `flow` with a prompter that forgives Esc and a single Ctrl-C. */
export async function runForgiving<T>(base: Prompter, t: Translator, flow: (prompter: Prompter) => Promise<T>): Promise<T> {
  const answers: Answer[] = [];
  let proposal: Answer | undefined;
  for (;;) {
    const replay = answers.splice(0);
    try {
      return await flow(replaying(base, t, replay, answers, proposal));
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
      proposal = answers.pop();
    }
  }
}

function replaying(base: Prompter, t: Translator, replay: Answer[], answers: Answer[], proposal: Answer | undefined): Prompter {
  let interrupted = false;
  const live = () => answers.length >= replay.length;

  /** One question: replayed while going back, else asked with Esc and Ctrl-C forgiven. */
  async function ask<A extends Answer>(asking: (proposed: A | undefined) => Promise<A>): Promise<A> {
    if (!live()) {
      const answer = replay[answers.length] as A;
      answers.push(answer);
      return answer;
    }
    const proposed = answers.length === replay.length && proposal !== undefined ? (proposal as A) : undefined;
    for (;;) {
      try {
        const answer = await asking(proposed);
        interrupted = false;
        answers.push(answer);
        return answer;
      } catch (error) {
        if (error instanceof EscapePressed) {
          interrupted = false;
          const choice = await escapeMenu(answers.length > 0);
          if (choice === 'back') throw new GoBack();
          continue;
        }
        if (error instanceof CancelledError && !interrupted) {
          interrupted = true;
          base.say(t.t('wizard.interrupt.again'));
          continue;
        }
        throw error;
      }
    }
  }

  async function escapeMenu(canGoBack: boolean): Promise<'keep' | 'back'> {
    try {
      const choice = await base.select<'keep' | 'back' | 'quit'>({
        message: t.t('wizard.escape.question'),
        choices: [
          { value: 'keep', name: t.t('wizard.escape.keepGoing') },
          ...(canGoBack ? [{ value: 'back' as const, name: t.t('wizard.escape.back') }] : []),
          { value: 'quit', name: t.t('wizard.escape.quit') },
        ],
        default: 'keep',
      });
      if (choice === 'quit') throw new CancelledError(msg('wizard.cancelled.init'));
      return choice;
    } catch (error) {
      // Esc on the menu itself: back to the question.
      if (error instanceof EscapePressed) return 'keep';
      throw error;
    }
  }

  return {
    select: (question) => ask((proposed) => base.select({ ...question, ...(proposed !== undefined ? { default: proposed as never } : {}) })),
    input: (question) => ask((proposed) => base.input({ ...question, ...(typeof proposed === 'string' ? { default: proposed } : {}) })),
    secret: (question) => ask(() => base.secret(question)),
    confirm: (question) => ask((proposed) => base.confirm({ ...question, ...(typeof proposed === 'boolean' ? { default: proposed } : {}) })),
    say: (text) => {
      if (live()) base.say(text);
    },
  };
}
