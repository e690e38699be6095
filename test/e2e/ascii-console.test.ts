/**
 * A console that cannot show Unicode (an older Windows conhost on code page 850; forced here with
 * TACTIUM_ASCII=1): what the BUILT tool writes to the terminal — symbols, and the catalogues' typographic
 * quotes, dashes, ellipses and arrows — comes out in ASCII, Portuguese letters kept. A pipe keeps UTF-8.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';

const FILE = join(ROOT, 'test', 'fixtures', 'e2e', 'office365-465.yaml');
const terminals: Terminal[] = [];

afterAll(() => {
  for (const terminal of terminals) terminal.close();
});

async function screenOf(env: Record<string, string>): Promise<string> {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  const terminal = Terminal.start(['check', FILE, '--only', 'config', '--lang', 'pt-BR'], {
    env: { LANG: 'pt_BR.UTF-8', TACTIUM_CLIENT_SECRET: 'x-canary-not-used-9f3e', ...env },
  });
  terminals.push(terminal);
  expect(await terminal.exitCode()).toBe(1);
  return terminal.screen();
}

const beyondLatin1 = (text: string) => [...new Set([...text].filter((character) => character.codePointAt(0)! > 0xff))];

describe('an ASCII console', () => {
  it('gets ASCII symbols and punctuation on the terminal, with the Portuguese letters kept', async () => {
    const screen = await screenOf({ TACTIUM_ASCII: '1' });
    expect(screen).toContain('[xx]');
    expect(screen).toMatch(/[çãéó]/);
    expect(beyondLatin1(screen)).toEqual([]);
  }, 60_000);

  it('a Unicode console gets the typographic text (so the test above can tell)', async () => {
    const screen = await screenOf({});
    expect(screen).toContain('✖');
    expect(beyondLatin1(screen).length).toBeGreaterThan(0);
  }, 60_000);

  it('a pipe keeps UTF-8 whatever the console (a file read later is not the console)', async () => {
    const piped = await runCli(['check', FILE, '--only', 'config', '--lang', 'pt-BR'], {
      env: { TACTIUM_ASCII: '1', TACTIUM_CLIENT_SECRET: 'x-canary-not-used-9f3e' },
    });
    expect(piped.code).toBe(1);
    expect(piped.stdout).toContain('[xx]');
    expect(beyondLatin1(piped.stdout).length).toBeGreaterThan(0);
  }, 60_000);
});
