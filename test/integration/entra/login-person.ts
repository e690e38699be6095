/**
 * The person at the terminal and their browser, scripted for the `--login` tests: a SignInInteraction
 * that records every line the tool "prints" (in both languages, for the leak canary), answers the masked
 * prompt with what a browser would show after signing in at the stand-in, and — for the loopback
 * alternative — lets the browser follow the redirect to the tool's own listener on 127.0.0.1.
 */
import http from 'node:http';
import type { SignInInteraction } from '../../../src/signin/delegated.js';
import { translate } from '../../../src/i18n/index.js';
import type { Message } from '../../../src/core/message.js';
import { signInAt, type BrowserAnswer } from '../../../standins/entra-standin/delegated.js';

export interface ScriptedPerson {
  readonly interaction: SignInInteraction;
  /** Everything shown, in English and Portuguese, URLs included. */
  readonly shown: string[];
  /** The authorization URLs printed, in order. */
  readonly urls: string[];
  /** The message keys of the prompts answered (masked and yes/no), in order. */
  readonly prompts: string[];
  /** What the person pasted (for the leak canary). */
  readonly pasted: string[];
  /** What the browser was sent to on loopback (for the leak canary). */
  readonly loopbackVisits: string[];
  /** Secrets shown on the terminal at the person's request (`reveal`), each with the message's key. */
  readonly revealed: Array<{ readonly key: string; readonly value: string }>;
}

export interface PersonScript {
  /** A person is there (stdin and stderr terminals, no CI). Default true. */
  readonly canPrompt?: boolean;
  /** What to paste, given the last authorization URL. Absent: the person never answers. */
  readonly paste?: (url: string) => Promise<string>;
  /** The answer to a yes/no question (default: yes). */
  readonly confirm?: (message: Message) => boolean | Promise<boolean>;
  /** The terminal can show a secret (`reveal`). Default: the same as canPrompt. */
  readonly canReveal?: boolean;
  /** The browser for the loopback alternative: signs in at the URL and follows the redirect to 127.0.0.1. */
  readonly loopbackBrowser?: (url: string) => Promise<BrowserAnswer>;
}

function both(message: Message): string {
  return `${translate('en', message.key, message.params)}\n${translate('pt-BR', message.key, message.params)}`;
}

/** GET the address the browser was sent to on loopback (localhost → 127.0.0.1, where the tool listens). */
export function visitLoopback(location: string): Promise<number> {
  const url = new URL(location);
  url.hostname = '127.0.0.1';
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

export function scriptedPerson(script: PersonScript): ScriptedPerson {
  const shown: string[] = [];
  const urls: string[] = [];
  const prompts: string[] = [];
  const pasted: string[] = [];
  const loopbackVisits: string[] = [];
  const revealed: Array<{ key: string; value: string }> = [];
  const waitForAbort = (signal: AbortSignal): Promise<never> =>
    new Promise((_resolve, reject) => {
      const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
  const interaction: SignInInteraction = {
    canPrompt: () => script.canPrompt ?? true,
    say(message) {
      shown.push(both(message));
    },
    showUrl(message, url) {
      shown.push(both(message), url);
      urls.push(url);
      const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
      if (script.loopbackBrowser && /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(redirect)) {
        void script.loopbackBrowser(url).then(async (answer) => {
          if (!answer.location) return;
          loopbackVisits.push(answer.location);
          await visitLoopback(answer.location);
        });
      }
    },
    async askSecret(message, signal) {
      prompts.push(message.key);
      if (!script.paste) return waitForAbort(signal);
      const text = await script.paste(urls[urls.length - 1] ?? '');
      pasted.push(text);
      return text;
    },
    async confirm(message) {
      prompts.push(message.key);
      return script.confirm ? script.confirm(message) : true;
    },
    reveal(message, secret) {
      if (!(script.canReveal ?? script.canPrompt ?? true)) return false;
      revealed.push({ key: message.key, value: secret.reveal() });
      return true;
    },
  };
  return { interaction, shown, urls, prompts, pasted, loopbackVisits, revealed };
}

/** The stand-in's name resolves to 127.0.0.1 for the tool; the test's browser goes there directly (the certificate names both). */
export function onLoopback(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  return parsed.href;
}

/** The browser after signing `upn` in: the address it was sent to, or the error line of Microsoft's page. */
export async function browserAnswer(url: string, upn: string, ca: string, action?: 'cancel'): Promise<string> {
  const answer = await signInAt(onLoopback(url), upn, { ca, ...(action ? { action } : {}) });
  if (answer.location) return answer.location;
  if (answer.errorText) return answer.errorText;
  throw new Error(`the stand-in neither redirected nor showed an error (HTTP ${answer.status})`);
}
