/**
 * `init` forgives what a technician does at a customer's desk: a stray Esc, a single Ctrl-C, the expiry date
 * typed as the Portuguese portal shows it, a server URL pasted whole, a port that cannot work with the
 * security chosen. Driven in a real pseudo-terminal (tmux) against the built tool.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { translate, type Locale } from '../../src/i18n/index.js';
import type { MessageKey, MessageParams } from '../../src/core/message.js';
import { Terminal, tmuxAvailable } from '../support/tmux.js';

const GUID_TENANT = '4c8e1d2a-7b3f-4e6a-9d0c-1a2b3c4d5e6f';
const GUID_APP = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const ENTER = { key: 'Enter' };
const DOWN = { key: 'Down' };
const CLEAR = { key: 'C-u' };
const ESC = { key: 'Escape' };

let directory: string;
const terminals: Terminal[] = [];

beforeAll(() => {
  if (!tmuxAvailable()) throw new Error('tmux is needed for the pseudo-terminal tests: apt-get install -y tmux');
  directory = mkdtempSync(join(tmpdir(), 'tp-forgive-'));
});

afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(directory, { recursive: true, force: true });
});

function words(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}

function open(args: string[]): Terminal {
  const terminal = Terminal.start(args, { env: { LANG: 'pt_BR.UTF-8' }, cwd: directory });
  terminals.push(terminal);
  return terminal;
}

describe('a wizard that forgives', () => {
  it('takes a pt-BR portal date, goes back one question on Esc, reduces a pasted URL and refuses 465 + STARTTLS', async () => {
    const w = words('pt-BR');
    const optional = (key: MessageKey) => `${w(key)} ${w('wizard.optional')}`;
    const file = join(directory, 'perdoa.yaml');
    const terminal = open(['init', file]);
    await terminal.answer(w('wizard.mailbox.question'), ['atendimento@contoso.com.br', ENTER]);
    await terminal.answer(w('wizard.provider.question'), [ENTER]);
    await terminal.answer(w('wizard.name.question'), [ENTER]);
    await terminal.answer(w('wizard.method.question'), [ENTER]);
    await terminal.answer(w('wizard.cloud.question'), [ENTER]);
    await terminal.answer(w('wizard.tenantId.question'), [GUID_TENANT, ENTER]);
    await terminal.answer(w('wizard.clientId.question'), [GUID_APP, ENTER]);
    await terminal.answer(optional('wizard.objectId.question'), [ENTER]);
    await terminal.answer(optional('wizard.secretId.question'), [ENTER]);
    // The date as the Portuguese portal shows it: read day first, said back as ISO.
    await terminal.answer(optional('wizard.secretExpiresOn.question'), ['31/05/2027', ENTER]);
    await terminal.waitFor(w('wizard.secretExpiresOn.readAs', { date: '2027-05-31' }));

    // Esc at the next question: not the end of everything — go back one question.
    await terminal.answer(optional('wizard.admin.office365'), [ESC], { accepted: false });
    const mark = terminal.screen().length;
    await terminal.answer(w('wizard.escape.question'), [DOWN, ENTER]);
    await terminal.waitFor(`? ${optional('wizard.secretExpiresOn.question')}`, { from: mark });
    // The previous answer is proposed: Enter keeps it.
    await terminal.answer(optional('wizard.secretExpiresOn.question'), [ENTER]);
    await terminal.waitFor(w('wizard.secretExpiresOn.readAs', { date: '2027-05-31' }), { from: mark });
    await terminal.waitFor(`? ${optional('wizard.admin.office365')}`, { from: mark });
    await terminal.answer(optional('wizard.admin.office365'), [ENTER]);

    await terminal.answer(w('wizard.incoming.protocol'), [ENTER]);
    await terminal.answer(w('wizard.incoming.host'), ['imaps://outlook.office365.com:993', ENTER]);
    await terminal.waitFor(w('wizard.host.reducedWithPort', { host: 'outlook.office365.com', port: 993 }));
    await terminal.answer(w('wizard.incoming.security'), [ENTER]);
    await terminal.answer(w('wizard.incoming.port'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.host'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.security'), [ENTER]);
    await terminal.answer(w('wizard.outgoing.port'), [CLEAR, '465', ENTER], { accepted: false });
    await terminal.waitFor(w('wizard.invalid.portNeedsTls', { port: 465 }));
    await terminal.answer(w('wizard.outgoing.port'), [CLEAR, '587', ENTER]);
    await terminal.answer(w('wizard.secret.question', { secret: w('wizard.secret.clientSecret') }), [ENTER]);
    await terminal.answer(w('wizard.secret.envName'), [ENTER]);
    await terminal.answer(optional('wizard.customer.question'), [ENTER]);
    await terminal.answer(w('wizard.write.confirmNew', { file }), [ENTER]);
    await terminal.answer(w('wizard.runCheck'), [DOWN, ENTER]);
    expect(await terminal.exitCode()).toBe(0);

    const written = parse(readFileSync(file, 'utf8')) as { accounts: Record<string, Record<string, unknown>>[] };
    const account = written.accounts[0]!;
    expect(account.auth).toMatchObject({ secretExpiresOn: '2027-05-31' });
    expect(account.incoming ?? {}).not.toHaveProperty('host', 'imaps://outlook.office365.com:993');
    expect(account.outgoing ?? {}).not.toHaveProperty('port', 465);
  }, 120_000);

  it('quits on Ctrl-C only when pressed twice, and on Esc only when asked to, writing nothing (exit 130)', async () => {
    const w = words('pt-BR');
    for (const [name, keys] of [
      ['ctrl-c.yaml', 'ctrl-c'],
      ['esc.yaml', 'esc'],
    ] as const) {
      const file = join(directory, name);
      const terminal = open(['init', file]);
      await terminal.answer(w('wizard.mailbox.question'), ['atendimento@contoso.com.br', ENTER]);
      await terminal.answer(w('wizard.provider.question'), [ENTER]);
      if (keys === 'ctrl-c') {
        await terminal.answer(w('wizard.name.question'), [{ key: 'C-c' }], { accepted: false });
        await terminal.waitFor(w('wizard.interrupt.again'));
        const mark = terminal.screen().length;
        await terminal.waitFor(`? ${w('wizard.name.question')}`, { from: mark - 400 });
        terminal.press('C-c');
      } else {
        await terminal.answer(w('wizard.name.question'), [ESC], { accepted: false });
        await terminal.answer(w('wizard.escape.question'), [DOWN, DOWN, ENTER]);
      }
      expect(await terminal.exitCode()).toBe(130);
      expect(terminal.screen()).toContain(w('wizard.cancelled.init'));
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(directory).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
    }
  }, 120_000);
});
