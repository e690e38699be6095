import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createTranslator, msg } from '../i18n/index.js';
import { rememberUnscrubbedWrite } from '../secrets/reveal.js';
import { Secret } from '../secrets/secret.js';
import { SignInCancelled } from './delegated.js';
import { createTerminalSignIn } from './terminal.js';

const en = createTranslator('en');

function terminal(tty = true) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = Object.assign(new PassThrough(), { isTTY: tty });
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { input, output, text: () => chunks.join('') };
}

describe('the --login terminal', () => {
  it('has a person only when both ends are terminals and CI is not set', () => {
    expect(createTerminalSignIn(en, { ...terminal(true), env: {} }).canPrompt()).toBe(true);
    expect(createTerminalSignIn(en, { ...terminal(true), env: { CI: 'true' } }).canPrompt()).toBe(false);
    expect(createTerminalSignIn(en, { ...terminal(false), env: {} }).canPrompt()).toBe(false);
  });

  it('writes explanations and the URL on its output (standard error), in the chosen language', () => {
    const io = terminal();
    const sign = createTerminalSignIn(createTranslator('pt-BR'), io);
    sign.showUrl(msg('exchange.login.openUrl', { minutes: 3 }), 'https://login.example/authorize?x=1');
    sign.say(msg('exchange.login.signedIn', { mailbox: 'a@b.c' }));
    expect(io.text()).toContain('Abra este endereço em qualquer navegador e entre (você tem cerca de 3 min):\n\n  https://login.example/authorize?x=1\n');
    expect(io.text()).toContain('Login feito. Verificando a@b.c…');
  });

  it('shows a secret the person asked for on a terminal, on a line of its own, through the unscrubbed write; never on a pipe', () => {
    const token = new Secret('1//0canary-Shown-Refresh-Token-77', 'runtime');
    const io = terminal();
    // What installScrubbingStreams hands over for a wrapped stream: the write before the scrubber.
    const raw: string[] = [];
    rememberUnscrubbedWrite(io.output, (chunk) => raw.push(chunk) > 0);
    const message = msg('gmail.login.refreshTokenShown', { account: 'suporte', mailbox: 'a@b.c', reference: '${env:GOOGLE_REFRESH_TOKEN}' });
    expect(createTerminalSignIn(en, io).reveal(message, token)).toBe(true);
    expect(raw.join('')).toContain('\n\n1//0canary-Shown-Refresh-Token-77\n\n');
    expect(raw.join('')).toContain('shown this once because you asked');
    const piped = terminal(false);
    expect(createTerminalSignIn(en, piped).reveal(message, token)).toBe(false);
    expect(piped.text()).toBe('');
  });

  it('reads the pasted address masked: what is typed never shows', async () => {
    const io = terminal();
    const sign = createTerminalSignIn(en, io);
    const asked = sign.askSecret(msg('exchange.login.pastePrompt'), new AbortController().signal);
    setTimeout(() => io.input.write('https://crm.example/cb?code=CANARYcode42&state=s\r'), 50);
    await expect(asked).resolves.toBe('https://crm.example/cb?code=CANARYcode42&state=s');
    expect(io.text()).toContain('Address after sign-in (hidden)');
    expect(io.text()).not.toContain('CANARYcode42');
    expect(io.text()).toContain('*****');
  });

  it('turns Esc into SignInCancelled', async () => {
    const io = terminal();
    const asked = createTerminalSignIn(en, io).askSecret(msg('exchange.login.pastePrompt'), new AbortController().signal);
    setTimeout(() => io.input.write('\u001b'), 50);
    await expect(asked).rejects.toBeInstanceOf(SignInCancelled);
  });

  it('passes Ctrl-C on to the process as SIGINT (the run stops and reports) and cancels the sign-in', async () => {
    const io = terminal();
    const signals: string[] = [];
    const onSigint = (signal: string): void => {
      signals.push(signal);
    };
    process.on('SIGINT', onSigint);
    try {
      const asked = createTerminalSignIn(en, io).askSecret(msg('exchange.login.pastePrompt'), new AbortController().signal);
      setTimeout(() => io.input.write('\u0003'), 50);
      await expect(asked).rejects.toBeInstanceOf(SignInCancelled);
      expect(signals).toEqual(['SIGINT']);
    } finally {
      process.off('SIGINT', onSigint);
    }
  });

  it('gives up when the deadline passes, with the deadline’s reason', async () => {
    const io = terminal();
    const asked = createTerminalSignIn(en, io).askSecret(msg('exchange.login.pastePrompt'), AbortSignal.timeout(100));
    await expect(asked).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('answers yes/no with the localised words, Enter taking the default', async () => {
    const io = terminal();
    const asked = createTerminalSignIn(createTranslator('pt-BR'), io).confirm(msg('exchange.login.offerLoopback'), true, new AbortController().signal);
    setTimeout(() => io.input.write('\r'), 50);
    await expect(asked).resolves.toBe(true);
    expect(io.text()).toContain('Sim');
    expect(io.text()).toContain('Não');
  });
});
