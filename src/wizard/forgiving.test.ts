import { describe, expect, it } from '@jest/globals';
import { CancelledError } from '../errors/index.js';
import { createTranslator, msg } from '../i18n/index.js';
import { runForgiving } from './forgiving.js';
import { EscapePressed, type Prompter } from './prompts.js';

const t = createTranslator('en');
const ESC = Symbol('Esc');
const CTRL_C = Symbol('Ctrl-C');
type Key = string | typeof ESC | typeof CTRL_C;

/** A terminal that plays keys: a string answers the question (or picks a menu choice by value). */
class Keys implements Prompter {
  readonly asked: { message: string; default?: string }[] = [];
  readonly said: string[] = [];
  constructor(private readonly keys: Key[]) {}
  private next(message: string, fallback?: string): string {
    this.asked.push({ message, ...(fallback !== undefined ? { default: fallback } : {}) });
    const key = this.keys.shift();
    if (key === undefined) throw new Error(`no key for "${message}"`);
    if (key === ESC) throw new EscapePressed();
    if (key === CTRL_C) throw new CancelledError(msg('wizard.cancelled.init'));
    return key === '' ? (fallback ?? '') : key;
  }
  async select<T extends string>(question: { message: string; default?: T }): Promise<T> {
    return this.next(question.message, question.default) as T;
  }
  async input(question: { message: string; default?: string }): Promise<string> {
    return this.next(question.message, question.default);
  }
  async secret(question: { message: string }): Promise<string> {
    return this.next(question.message);
  }
  async confirm(question: { message: string; default: boolean }): Promise<boolean> {
    return this.next(question.message, question.default ? 'yes' : 'no') === 'yes';
  }
  say(text: string): void {
    this.said.push(text);
  }
}

/** Three questions, with a line said between the first two. */
async function flow(prompter: Prompter) {
  const first = await prompter.input({ message: 'first' });
  prompter.say(`after ${first}`);
  const second = await prompter.select({ message: 'second', choices: [{ value: 'x', name: 'x' }], default: 'x' });
  const third = await prompter.input({ message: 'third' });
  return [first, second, third];
}

const MENU = t.t('wizard.escape.question');

describe('runForgiving', () => {
  it('Esc → keep going asks the same question again', async () => {
    const keys = new Keys(['a', ESC, 'keep', 'b', 'c']);
    await expect(runForgiving(keys, t, flow)).resolves.toEqual(['a', 'b', 'c']);
    expect(keys.asked.map((question) => question.message)).toEqual(['first', 'second', MENU, 'second', 'third']);
  });

  it('Esc → go back re-asks the previous question with its answer proposed, the rest replayed silently', async () => {
    const keys = new Keys(['a', 'b', ESC, 'back', '', 'c']);
    await expect(runForgiving(keys, t, flow)).resolves.toEqual(['a', 'b', 'c']);
    expect(keys.asked.map((question) => question.message)).toEqual(['first', 'second', 'third', MENU, 'second', 'third']);
    expect(keys.asked[4]).toEqual({ message: 'second', default: 'b' });
    // Lines said before replayed questions are not repeated; the one leading to the question gone back to is.
    const replay = new Keys(['a', 'b', 'c', ESC, 'back', '']);
    await runForgiving(replay, t, flow);
    expect(replay.said).toEqual(['after a']);
  });

  it('goes back as many questions as asked, one at a time', async () => {
    const keys = new Keys(['a', 'b', ESC, 'back', ESC, 'back', 'z', 'b', 'c']);
    await expect(runForgiving(keys, t, flow)).resolves.toEqual(['z', 'b', 'c']);
    expect(keys.asked.filter((question) => question.message === 'first').at(-1)).toEqual({ message: 'first', default: 'a' });
  });

  it('offers no "go back" at the first question, and Esc → quit stops without an answer', async () => {
    const keys = new Keys([ESC, 'quit']);
    await expect(runForgiving(keys, t, flow)).rejects.toBeInstanceOf(CancelledError);
  });

  it('quits on Ctrl-C pressed twice in a row, not once', async () => {
    const once = new Keys(['a', CTRL_C, 'b', 'c']);
    await expect(runForgiving(once, t, flow)).resolves.toEqual(['a', 'b', 'c']);
    expect(once.said).toContain(t.t('wizard.interrupt.again'));
    const twice = new Keys(['a', CTRL_C, CTRL_C]);
    await expect(runForgiving(twice, t, flow)).rejects.toBeInstanceOf(CancelledError);
    // An answer in between resets it.
    const apart = new Keys([CTRL_C, 'a', CTRL_C, 'b', 'c']);
    await expect(runForgiving(apart, t, flow)).resolves.toEqual(['a', 'b', 'c']);
  });

  it('quits on Ctrl-C in the Esc menu', async () => {
    const keys = new Keys(['a', ESC, CTRL_C]);
    await expect(runForgiving(keys, t, flow)).rejects.toBeInstanceOf(CancelledError);
  });
});
