/**
 * A missing secret in an interactive terminal is asked for with a masked prompt; without a terminal
 * (or with CI set) it is the configuration error naming the variable. The built tool in a real
 * pseudo-terminal (tmux) for the first, piped for the second.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../src/i18n/index.js';
import { runCli } from '../support/run-cli.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';

const TYPED = 'Zq8~typed-canary-secret-4321';
let directory: string;
let file: string;
const terminals: Terminal[] = [];

beforeAll(() => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  directory = mkdtempSync(join(tmpdir(), 'tp-prompt-'));
  file = join(directory, 'prompt.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      '  - name: atendimento',
      '    provider: office365',
      '    mailbox: atendimento@contoso.com.br',
      '    auth:',
      '      method: oauth2',
      '      flow: application',
      '      tenantId: contoso.onmicrosoft.com',
      '      clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      '      clientSecret: ${env:TP_UNSET_CLIENT_SECRET}',
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(directory, { recursive: true, force: true });
});

function open(args: string[], env: Record<string, string> = {}): Terminal {
  const terminal = Terminal.start(args, { env: { LANG: 'en_US.UTF-8', ...env }, cwd: directory });
  terminals.push(terminal);
  return terminal;
}

const prompt = translate('en', 'wizard.secretPrompt', { account: 'atendimento', key: 'clientSecret', reference: '${env:TP_UNSET_CLIENT_SECRET}' });

describe('check with a secret that is not set', () => {
  it('asks for it in a terminal, shows only asterisks, and runs with it', async () => {
    const terminal = open(['check', file, '--only', 'config', '--format', 'json', '--output', join(directory, 'r.json')]);
    await terminal.answer(prompt, [TYPED], { accepted: false });
    await terminal.waitFor('*'.repeat(TYPED.length));
    expect(terminal.screen()).not.toContain(TYPED.slice(0, 6));
    await terminal.answer(prompt, [{ key: 'Enter' }]);
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).not.toContain(TYPED);
    // The run went on with the typed value (config.secret-id-as-secret reads it), which no output shows.
    const report = readFileSync(join(directory, 'r.json'), 'utf8');
    const checks = (JSON.parse(report) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> }).accounts[0]!.checks;
    expect(checks.find((check) => check.id === 'config.secret-id-as-secret')!.status).toBe('pass');
    expect(report).not.toContain(TYPED);
  }, 60_000);

  it('stops with 130 and nothing checked when the prompt is cancelled', async () => {
    const terminal = open(['check', file, '--only', 'config']);
    await terminal.answer(prompt, [{ key: 'C-c' }], { accepted: false });
    expect(await terminal.exitCode()).toBe(130);
    expect(terminal.screen()).toContain(translate('en', 'wizard.cancelled.check'));
  }, 60_000);

  it('is a configuration error naming the variable without a terminal, or with CI set in one', async () => {
    const piped = await runCli(['check', file, '--only', 'config']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('TP_UNSET_CLIENT_SECRET');
    const withCi = open(['check', file, '--only', 'config'], { CI: '1' });
    expect(await withCi.exitCode()).toBe(2);
    expect(withCi.screen()).toContain('TP_UNSET_CLIENT_SECRET');
    expect(withCi.screen()).not.toContain(prompt);
  }, 60_000);
});
